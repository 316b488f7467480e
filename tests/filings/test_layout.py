"""The template's layout, read back from the DOCX: page, margins, fonts, sizes, spacing, indent."""

from __future__ import annotations

from datetime import date

from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from cnprivacy.filings import docx_layout as lay

from .helpers import read_docx


def _sample() -> bytes:
    doc = lay.new_document()
    lay.cover(doc, "个人信息保护影响评估报告", "示例有限公司", "2026-02-12")
    lay.heading(doc, "一、出境活动整体情况", 1)
    lay.heading(doc, "（一）个人信息处理者基本情况", 2)
    lay.heading(doc, "1.涉及的业务", 3)
    lay.paragraph(doc, "本年度涉及自然人140000人，采用API方式。")
    lay.table(doc, ("序号", "名称"), [(1, "个人身份信息")])
    return lay.to_bytes(doc, date(2026, 2, 12))


def _fonts(run) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    rfonts = run._element.rPr.rFonts
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi")}


def test_page_is_a4_with_the_template_margins() -> None:
    section = read_docx(_sample()).sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    # Word stores margins in twentieths of a point: compare to the hundredth of a centimetre.
    margins = [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin,
                                         section.left_margin, section.right_margin)]
    assert margins == [2.54, 2.54, 3.18, 3.18]


def test_cover_names_the_processor_and_the_date_then_breaks_the_page() -> None:
    doc = read_docx(_sample())
    body = [p.text for p in doc.paragraphs if p.text]
    assert body[:3] == ["个人信息保护影响评估报告", "个人信息处理者（盖章）：示例有限公司",
                        "日期：2026-02-12"]
    assert any('w:br w:type="page"' in p._element.xml or 'type="page"' in p._element.xml
               for p in doc.paragraphs)


def test_headings_body_and_latin_fonts() -> None:
    doc = read_docx(_sample())
    by_text = {p.text: p for p in doc.paragraphs if p.text}
    expected = {"一、出境活动整体情况": ("黑体", False), "（一）个人信息处理者基本情况": ("楷体", True),
                "1.涉及的业务": ("仿宋", True), "本年度涉及自然人140000人，采用API方式。": ("仿宋", False)}
    for text, (east_asia, bold) in expected.items():
        run = by_text[text].runs[0]
        assert _fonts(run) == {"eastAsia": east_asia, "ascii": "Times New Roman",
                               "hAnsi": "Times New Roman"}, text
        assert run.font.size == Pt(14), text
        assert bool(run.font.bold) is bold, text


def test_fixed_26pt_spacing_and_two_character_indent() -> None:
    doc = read_docx(_sample())
    body = next(p for p in doc.paragraphs if p.text.startswith("本年度"))
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(26)
    assert fmt.first_line_indent == Pt(28)
    assert body._element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    level1 = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert level1.paragraph_format.first_line_indent in (None, 0)


def test_tables_keep_the_fonts_and_a_narrow_serial_column() -> None:
    doc = read_docx(_sample())
    grid = doc.tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["序号", "名称"]
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    assert _fonts(grid.rows[1].cells[1].paragraphs[0].runs[0])["eastAsia"] == "仿宋"
    assert grid.columns[0].width < grid.columns[1].width


def test_same_content_same_bytes() -> None:
    assert _sample() == _sample()
