"""The report as a workbook: a summary sheet, the actions and every finding (openpyxl)."""

from __future__ import annotations

from io import BytesIO

from cnprivacy.engine import Assessment
from cnprivacy.engine.summary import ACTION_STATE, DUE_NEXT_DAYS, ActionState, ReportModel
from cnprivacy.law import LawBook
from cnprivacy.report.assessment import _model
from cnprivacy.report.labels import STATUS_LABEL, TEXT, topic_label
from cnprivacy.rules.base import Status

_RED = "B42318"


def to_xlsx(assessment: Assessment | ReportModel, lang: str = "en",
            law: LawBook | None = None) -> bytes:
    """XLSX bytes: sheets Summary, Actions and Findings, headings in ``lang``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    m = _model(assessment, law)
    t = TEXT[lang]
    labels = STATUS_LABEL[lang]
    bold = Font(bold=True)
    red = Font(color=_RED, bold=True)
    book = Workbook()

    def table(sheet: Worksheet, header: list[str], widths: list[int]) -> None:
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width

    summary = book.active
    assert summary is not None
    summary.title = t["exec_summary"][:31]
    summary.append([t["report_title"], m.organization])
    summary.append([t["as_of"], m.as_of])
    summary["A1"].font = bold
    rows = [(labels[Status.APPLIES], m.counts[Status.APPLIES]),
            (t["overdue"], len(m.overdue)),
            (t["due_next"].format(days=DUE_NEXT_DAYS), len(m.due_next)),
            (labels[Status.NEEDS_INFO], m.counts[Status.NEEDS_INFO]),
            (labels[Status.UPCOMING], m.counts[Status.UPCOMING]),
            (labels[Status.PROPOSED], m.counts[Status.PROPOSED]),
            (labels[Status.NOT_APPLICABLE], m.counts[Status.NOT_APPLICABLE])]
    for label, count in rows:
        summary.append([label, count])
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 60

    actions = book.create_sheet(t["actions"][:31])
    table(actions, [t["action"], t["owner"], t["state"], t["due"], t["basis"], t["link"],
                    t["key"]], [60, 22, 16, 12, 40, 50, 40])
    for a in m.actions:
        c = a.item.citations[0]
        actions.append([a.item.title(lang), a.owner(lang), ACTION_STATE[a.state](lang), a.due,
                        c.label(lang), c.url or "", a.item.key])
        if a.state is ActionState.OVERDUE:
            for cell in actions[actions.max_row]:
                cell.font = red

    findings = book.create_sheet(t["findings"][:31])
    table(findings, [t["topic"], t["obligation"], t["status"], t["deadline"], t["overdue"],
                     t["reason"], t["missing_fields"], t["review"], t["basis"], t["link"],
                     t["key"]], [20, 60, 14, 12, 8, 70, 40, 50, 50, 50, 40])
    for i in m.items:
        f = i.finding
        findings.append([
            topic_label(f.topic, lang), i.title(lang), labels[f.status], f.deadline,
            t["overdue"] if i.overdue else "", i.reason(lang), ", ".join(i.missing),
            " ".join(r(lang) for r in i.review),
            "; ".join(c.label(lang) for c in i.citations),
            " ".join(c.url for c in i.citations if c.url), i.key])
        if i.overdue:
            for cell in findings[findings.max_row]:
                cell.font = red
    for sheet in (actions, findings):
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.is_date:
                    cell.number_format = "yyyy-mm-dd"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
