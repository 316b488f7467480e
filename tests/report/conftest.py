"""The example profile assessed once, on a fixed date, and rendered in every format and language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.summary import ReportModel, report_model
from cnprivacy.law import load_lawbook
from cnprivacy.profile import load_profile

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
AS_OF = date(2026, 12, 4)  # the example then has overdue, due-next, draft and needs-info items
LANGS = ("en", "zh")


@pytest.fixture(scope="session")
def model() -> ReportModel:
    law = load_lawbook()
    assessment = assess(load_profile(EXAMPLE, []), Options(as_of=AS_OF), law=law)
    return report_model(assessment, law)


@pytest.fixture(scope="session")
def rendered(model: ReportModel) -> dict[tuple[str, str], str | bytes]:
    """(format, lang) -> the report; PDF and XLSX as bytes."""
    from cnprivacy.report.assessment import to_html, to_json, to_markdown
    from cnprivacy.report.pdf import to_pdf
    from cnprivacy.report.xlsx import to_xlsx

    out: dict[tuple[str, str], str | bytes] = {}
    for lang in LANGS:
        out["html", lang] = to_html(model, lang)
        out["md", lang] = to_markdown(model, lang)
        out["json", lang] = to_json(model.assessment)
        out["pdf", lang] = to_pdf(model, lang)
        out["xlsx", lang] = to_xlsx(model, lang)
    return out
