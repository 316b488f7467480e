"""Evidence for the bundled example company, and reading a generated DOCX back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.document import Document as DocxDocument

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.filings import Evidence, LedgerFigures, parse_pack_input
from cnprivacy.law import load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR
from cnprivacy.profile import load_profile

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
SC_INPUT = ROOT / "examples" / "packs" / "hk-crm-sc.yaml"
SA_INPUT = ROOT / "examples" / "packs" / "sa.yaml"


def raw_input(path: Path = SC_INPUT) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def evidence(data: dict[str, Any] | None = None, ledger: LedgerFigures | None = None,
             profile: Path = EXAMPLE, overrides: tuple[str, ...] = ()) -> Evidence:
    data = raw_input() if data is None else data
    text = yaml.safe_dump(data, allow_unicode=True)
    inputs = parse_pack_input(text, "pack.yaml")
    prof = load_profile(profile, overrides)
    day = inputs.filing_date
    assert day is not None
    decision = crossborder_decision(prof, Options(as_of=day, calendar=DEFAULT_CALENDAR))
    return Evidence(profile=prof, decision=decision, law=load_lawbook(), calendar=DEFAULT_CALENDAR,
                    inputs=inputs, input_name="pack.yaml", ledger=ledger, profile_name="profile.yaml")


def read_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def texts(doc: DocxDocument) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]
