"""Excel workbooks (.xlsx): every sheet, first row as header (unless it is data: the same
decision as scan's reader), read and written in openpyxl's
streaming modes. Values and sheet names survive; cell styles and formulas do not (formulas are
read as their cached values, which is what the data is)."""

from __future__ import annotations

import contextlib
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cnprivacy.deid.formats._sampling import sample_then_stream
from cnprivacy.deid.operations import Operation
from cnprivacy.discovery.readers import column_names
from cnprivacy.errors import InputError
from cnprivacy.fileio import limits
from cnprivacy.fileio.failures import DAMAGED_ARCHIVE, damaged_workbook, failure_name


def _open(src: Path) -> Any:
    limits.check_zip_ratios(src)
    try:
        return load_workbook(src, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as err:
        raise InputError(str(src), f"not a readable .xlsx workbook ({type(err).__name__})") \
            from None
    except DAMAGED_ARCHIVE as err:
        raise damaged_workbook(str(src), err) from None
    except Exception as err:  # openpyxl's attribute checks: TypeError, ValueError and others
        raise InputError(str(src), f"not a readable .xlsx workbook ({failure_name(err)})") \
            from None


def _header(row: tuple[Any, ...]) -> list[str]:
    return [f"column{i + 1}" if v is None else str(v) for i, v in enumerate(row)]


def _columns_and_body(first: tuple[Any, ...], rows: Iterator[tuple[Any, ...]]
                      ) -> tuple[list[str], bool, Iterator[tuple[Any, ...]]]:
    """Column names, whether ``first`` is a header, and the data rows (``first`` among them
    when it is data: a headerless sheet)."""
    names, has_header = column_names([None if v is None else str(v) for v in first])
    if has_header:
        return _header(first), True, rows
    return names, False, itertools.chain([first], rows)


def rewrite(src: Path, dst: Path | None, op: Operation, *, sample_rows: int) -> int:
    book = _open(src)
    out_book = None if dst is None else Workbook(write_only=True)
    count = 0
    try:
        for sheet in book.worksheets:
            out_sheet = None if out_book is None else out_book.create_sheet(sheet.title)
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None:
                continue
            header, has_header, body = _columns_and_body(first, rows)
            if out_sheet is not None and has_header:
                out_sheet.append(list(first))

            def columns(head: list[tuple[Any, ...]], header: list[str] = header) \
                    -> dict[str, list[Any]]:
                return {name: [r[i] for r in head if i < len(r)]
                        for i, name in enumerate(header)}

            for row in sample_then_stream(body, sample_rows, columns, op.prepare):
                new = [op.value(header[i] if i < len(header) else f"column{i + 1}", v)
                       for i, v in enumerate(row)]
                if out_sheet is not None:
                    out_sheet.append(new)
                count += 1
        if out_book is not None and dst is not None:
            out_book.save(dst)
            out_book = None
    except DAMAGED_ARCHIVE as err:  # a sheet's XML or compressed data is damaged
        raise damaged_workbook(str(src), err) from None
    finally:
        book.close()
        if out_book is not None:
            _discard(out_book)
    return count


def _discard(out_book: Any) -> None:
    """Close the sheets of a write-only workbook that will not be saved, and remove the
    temporary file each one streams its rows to: left open, openpyxl's row generators fail
    later at garbage collection and the files stay until the process ends."""
    for sheet in out_book.worksheets:
        # a sheet whose row generator already failed has nothing left to finish
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.cleanup()


def records(src: Path) -> Iterator[dict[str, Any]]:
    book = _open(src)
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None:
                continue
            header, _, body = _columns_and_body(first, rows)
            for row in body:
                yield dict(zip(header, row, strict=False))
    except DAMAGED_ARCHIVE as err:  # a sheet's XML or compressed data is damaged
        raise damaged_workbook(str(src), err) from None
    finally:
        book.close()
