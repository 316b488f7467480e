"""The report as PDF: the print layout of the HTML report (traces in an appendix), typeset by
WeasyPrint. WeasyPrint needs the system's Pango; Chinese text needs a CJK font installed
(Debian: ``fonts-noto-cjk`` or ``fonts-wqy-microhei``)."""

from __future__ import annotations

from cnprivacy.engine import Assessment
from cnprivacy.engine.summary import ReportModel
from cnprivacy.errors import CnPrivacyError
from cnprivacy.law import LawBook
from cnprivacy.report.assessment import to_html


def to_pdf(assessment: Assessment | ReportModel, lang: str = "en",
           law: LawBook | None = None) -> bytes:
    """PDF bytes of the report in ``lang``."""
    try:
        from weasyprint import HTML
    except OSError as err:  # WeasyPrint is installed but found no Pango library
        raise CnPrivacyError(f"PDF output needs the system's Pango library ({err})") from None
    page = to_html(assessment, lang, law, print_mode=True)
    data = HTML(string=page).write_pdf()
    assert data is not None  # write_pdf returns bytes when no target is given
    return bytes(data)
