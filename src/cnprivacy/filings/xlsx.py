"""Tables of a pack as XLSX (openpyxl): one sheet per table, a bold header row, fixed dates."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from cnprivacy.filings.docx_layout import stamp_zip

Sheet = tuple[str, Sequence[str], Sequence[Sequence[object]]]


def workbook_bytes(sheets: Sequence[Sheet], day: date) -> bytes:
    """A workbook with one sheet per ``(title, headers, rows)``, dated ``day`` throughout."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit on sheet names
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
        for i, header in enumerate(headers, start=1):
            width = max([len(str(header))] + [len(str(r[i - 1])) for r in rows if i - 1 < len(r)])
            sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, 4 + 2 * width)
    stamp = datetime(day.year, day.month, day.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "cnprivacy"
    buffer = io.BytesIO()
    book.save(buffer)
    return stamp_zip(buffer.getvalue(), day)
