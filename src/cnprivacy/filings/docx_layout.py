"""The layout the CAC's report templates require, on python-docx.

The templates (PIPIA report for export, 附件5; security self-assessment report, 附件4) ask for:
Chinese only; body 四号仿宋 (14 pt); level-1 headings 黑体, level-2 楷体 bold, level-3 仿宋 bold;
digits and Latin letters in 四号 Times New Roman; fixed 26-pt line spacing; a first-line indent
of two characters; A4 with 2.54 cm top and bottom and 3.18 cm left and right margins; a cover
with the processor's name and the date (sealed by hand). Source: the templates' 编写说明 as
summarised in docs/filings.md.

Word picks a run's font per script: ``w:eastAsia`` for Chinese characters and ``w:ascii`` /
``w:hAnsi`` for Latin letters and digits, so one run carries both fonts and no text has to be
split by script.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

#: 四号 is 14 pt; the cover title uses 二号 (22 pt).
BODY_SIZE = Pt(14)
TITLE_SIZE = Pt(22)
TABLE_SIZE = Pt(10.5)  # 五号: tables are not covered by the body rule; 五号 keeps wide tables readable
LINE_SPACING = Pt(26)
LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"
MARGIN_TOP_BOTTOM = Cm(2.54)
MARGIN_LEFT_RIGHT = Cm(3.18)
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)


@dataclass(frozen=True)
class HeadingStyle:
    east_asia: str
    bold: bool


#: Heading level -> the Chinese font and weight the templates ask for.
HEADINGS: dict[int, HeadingStyle] = {
    1: HeadingStyle("黑体", False),
    2: HeadingStyle("楷体", True),
    3: HeadingStyle("仿宋", True),
}

# A marker Word ignores but our reader (and a reviewer searching the file) can find: a section
# whose exact template wording is not in our sources.
NEEDS_REVIEW = "【needs_review：本节依据来源所给结构编写，模板原文未核对】"


def set_run_fonts(run: Run, east_asia: str, size: Pt = BODY_SIZE, bold: bool = False) -> None:
    """Chinese text in ``east_asia``, digits and Latin in Times New Roman, at ``size``."""
    run.font.size = size
    run.font.bold = bold
    run.font.name = LATIN_FONT  # sets w:ascii and w:hAnsi
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)


def _fixed_spacing(paragraph: Paragraph, indent: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        # Two characters of 四号 text: 2 × 14 pt. w:firstLineChars keeps it at two characters
        # if a reviewer changes the size; the pt value is what renderers without it use.
        fmt.first_line_indent = Pt(28)
        paragraph._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")


def new_document() -> DocxDocument:
    """An empty A4 document with the template's margins and body style."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN_TOP_BOTTOM
    section.left_margin = section.right_margin = MARGIN_LEFT_RIGHT
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.name = LATIN_FONT
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.language = "zh-CN"
    return doc


def cover(doc: DocxDocument, title: str, organisation: str, day: str) -> None:
    """The cover page: title, the processor's name and the date, then a page break."""
    for _ in range(6):
        _fixed_spacing(doc.add_paragraph(), indent=False)
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fixed_spacing(para, indent=False)
    para.paragraph_format.line_spacing = Pt(40)
    set_run_fonts(para.add_run(title), "黑体", TITLE_SIZE)
    for _ in range(8):
        _fixed_spacing(doc.add_paragraph(), indent=False)
    for text in (f"个人信息处理者（盖章）：{organisation}", f"日期：{day}"):
        line = doc.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fixed_spacing(line, indent=False)
        set_run_fonts(line.add_run(text), BODY_FONT)
    doc.add_page_break()


def heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """A heading in the template's font for ``level`` (1–3), on the body's 26-pt grid."""
    style = HEADINGS[level]
    para = doc.add_paragraph()
    _fixed_spacing(para, indent=level > 1)
    set_run_fonts(para.add_run(text), style.east_asia, BODY_SIZE, style.bold)
    return para


def paragraph(doc: DocxDocument, text: str) -> Paragraph:
    """A body paragraph: 四号仿宋, Times New Roman for digits and Latin, indented two characters."""
    para = doc.add_paragraph()
    _fixed_spacing(para, indent=True)
    set_run_fonts(para.add_run(text), BODY_FONT)
    return para


def review_note(doc: DocxDocument) -> Paragraph:
    return paragraph(doc, NEEDS_REVIEW)


#: The text block's width on A4 with 3.18 cm side margins.
TEXT_WIDTH_CM = 21.0 - 2 * 3.18


def _column_widths(headers: Sequence[str], weights: Sequence[float] | None) -> list[float]:
    """Column widths in cm: a 序号 column stays narrow, the others share the rest by weight."""
    if weights is None:
        weights = [1.0] * len(headers)
    fixed = {i: 1.3 for i, h in enumerate(headers) if h == "序号"}
    rest = TEXT_WIDTH_CM - sum(fixed.values())
    total = sum(w for i, w in enumerate(weights) if i not in fixed) or 1.0
    return [fixed.get(i, rest * w / total) for i, w in enumerate(weights)]


def table(doc: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[object]],
          weights: Sequence[float] | None = None) -> None:
    """A grid table with a bold header row; cells in 五号仿宋 with Latin in Times New Roman."""
    grid = doc.add_table(rows=1 + len(rows), cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _column_widths(headers, weights)
    for c, width in enumerate(widths):
        grid.columns[c].width = Cm(width)
        for cell in grid.columns[c].cells:
            cell.width = Cm(width)
    lines: list[list[object]] = [list(headers), *[list(row) for row in rows]]
    for r, values in enumerate(lines):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            set_run_fonts(para.add_run("" if value is None else str(value)),
                          BODY_FONT, TABLE_SIZE, bold=r == 0)
    # An empty paragraph after the table keeps the next heading off its border.
    _fixed_spacing(doc.add_paragraph(), indent=False)


def to_bytes(doc: DocxDocument, day: date) -> bytes:
    """The file's bytes, its properties dated ``day`` (the filing date), so that the same
    evidence gives the same bytes and the manifest's SHA-256 can be reproduced."""
    props = doc.core_properties
    props.created = props.modified = datetime(day.year, day.month, day.day)
    props.author = props.last_modified_by = "cnprivacy"
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return stamp_zip(buffer.getvalue(), day)


def stamp_zip(data: bytes, day: date) -> bytes:
    """The same zip (DOCX, XLSX) with every entry dated ``day``: the writers stamp the clock."""
    out = io.BytesIO()
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()
