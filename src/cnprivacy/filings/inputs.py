"""The pack input: the judgement texts a person writes and no record holds yet.

The conclusions of the impact assessment, the recipient's details the register does not keep,
the domain names and addresses of the export link, the scenarios' data items. Read strictly
(``_yaml.load_text``: no duplicate keys, no aliases; unknown fields refused) and validated whole.

Every field is optional here: a field the pack needs and the input leaves out is not a read
error but an entry in the pack's list of what is missing, with where to fill it
(:mod:`cnprivacy.filings.checks`). An approved PIA record fills the fields it holds through
:mod:`cnprivacy.filings.pia_source`, a :class:`JudgementSource`; what this file states wins.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cnprivacy._yaml import line_of, load_text
from cnprivacy.errors import InputError
from cnprivacy.fileio import read_bounded
from cnprivacy.profile.models import DataCategory

#: A pack input is a page or two of text; anything far larger is not one.
MAX_INPUT_BYTES = 2 * 1024 * 1024

Text = str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Assessment(_Strict):
    """When and by whom the impact assessment (or self-assessment) was done."""

    started_on: date | None = None
    completed_on: date | None = None
    team: Text | None = Field(default=None, description="Departments and roles, no names needed")
    method: Text | None = None
    third_party: Text | None = Field(default=None, description="Third-party assessor, if any")


class Processor(_Strict):
    shareholding: Text | None = None
    actual_controller: Text | None = None
    investment: Literal["domestic", "foreign"] | None = None
    organisation: Text | None = Field(default=None, description="PI protection / data security body")
    business: Text | None = None
    pi_processing: Text | None = None
    compliance: Text | None = Field(default=None, description="Compliance with PI laws, penalties")


class ExportLink(_Strict):
    side: Literal["domestic", "overseas"]
    domain: Text | None = None
    address: Text | None = Field(default=None, description="Network address (IP or range)")
    method: Text | None = Field(default=None, description="Transfer method (API, SFTP, ...)")


class Export(_Strict):
    business: Text | None = None
    systems: list[Text] = []
    data_categories: list[DataCategory] = Field(
        default=[], description="PI categories exported, when the profile's transfer lists none")
    purpose: Text | None = None
    scope: Text | None = None
    method: Text | None = None
    lawfulness: Text | None = Field(default=None, description="Lawfulness, legitimacy, necessity")
    sensitive_processing: Text | None = None
    domestic_storage: Text | None = None
    links: list[ExportLink] = []
    overseas_storage: Text | None = None
    onward_recipients: list[Text] | None = Field(
        default=None, description="The only third parties abroad the recipient may provide PI to "
        "([] for none)")
    retention_from: date | None = None
    retention_to: date | None = None
    other: Text | None = None


class Recipient(_Strict):
    address: Text | None = None
    business: Text | None = None
    uses: Text | None = Field(default=None, description="Purposes and methods of its processing")
    measures: Text | None = Field(default=None, description="Management and technical measures")
    country_law: Text | None = Field(default=None, description="The recipient country's PI law")


class Contract(_Strict):
    effective_on: date | None = None
    declared_individuals: int | None = Field(default=None, ge=0,
                                             description="People written in the contract's 附录一")
    declared_sensitive_individuals: int | None = Field(default=None, ge=0)


class Impact(_Strict):
    """Findings against Decree 13 art 5 (SC) or Decree 11 art 5 (SA), point by point."""

    point_1: Text | None = None
    point_2: Text | None = None
    point_3: Text | None = None
    point_4: Text | None = None
    point_5: Text | None = None
    point_6: Text | None = None
    problems: Text | None = Field(default=None, description="Problems found and rectification")
    conclusion: Text | None = None


class DataItem(_Strict):
    name: Text
    description: Text | None = None
    necessity: Text | None = None
    example: Text | None = Field(default=None, description="A masked example, never a real value")
    note: Text | None = None


class Scenario(_Strict):
    id: Text = Field(min_length=1, max_length=100)
    name: Text | None = None
    transfers: list[Text] = Field(default=[], description="Profile transfer ids in the scenario")
    items: list[DataItem] = []


class Extension(_Strict):
    """The assessment being extended (SA extension)."""

    approved_on: date | None = None
    approved_individuals: int | None = Field(
        default=None, ge=0, description="People approved for the three years of validity")
    forecast_individuals: int | None = Field(
        default=None, ge=0, description="People expected over the next three years, if the "
        "processor's own forecast replaces the ledger's")
    major_incident: bool | None = None
    same_purpose_scope_parties: bool | None = None


class Facial(_Strict):
    """Facial-recognition filing: what the forms ask beyond the profile."""

    purpose: Text | None = None
    devices: Text | None = Field(default=None, description="Where and which devices collect faces")
    storage: Text | None = Field(default=None, description="Where facial information is stored")
    measures: Text | None = None
    alternatives: Text | None = Field(default=None, description="Non-facial ways offered")


class Certification(_Strict):
    body: Text | None = Field(default=None, description="The certification body applied to")
    certified_on: date | None = None


class Audit(_Strict):
    """Minors' PI compliance audit: who audited, the findings and the rectification."""

    auditor: Text | None = None
    period: Text | None = None
    findings: Text | None = None
    rectification: Text | None = None


class PackInput(_Strict):
    filing_date: date | None = None
    transfer: Text | None = Field(default=None, description="The profile transfer the pack files")
    assessment: Assessment = Assessment()
    processor: Processor = Processor()
    export: Export = Export()
    recipient: Recipient = Recipient()
    contract: Contract = Contract()
    impact: Impact = Impact()
    scenarios: list[Scenario] = []
    extension: Extension = Extension()
    facial: Facial = Facial()
    certification: Certification = Certification()
    audit: Audit = Audit()


class JudgementSource(Protocol):
    """Where a pack's judgement texts come from (this YAML, or the PIA record merged with it)."""

    def pack_input(self) -> PackInput: ...


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_pack_input(text: str, source: str) -> PackInput:
    data: Any = load_text(text, source)
    if data is None:
        raise InputError(source, "empty; a pack input holds filing_date, transfer, assessment, "
                         "export, ... (docs/filings.md)")
    if not isinstance(data, dict):
        raise InputError(source, "top level must be a mapping (filing_date, assessment, export, ...)")
    try:
        return PackInput.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        raise InputError(source, str(first["msg"]), field=_loc(loc) or None,
                         line=line_of(text, loc)) from None


def load_pack_input(path: Path) -> PackInput:
    """The pack input file, validated whole; any problem is one InputError naming the field."""
    source = str(path)
    raw = read_bounded(path, MAX_INPUT_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text (save the pack input as UTF-8)") from None
    if "\x00" in text:
        raise InputError(source, "binary data, not a YAML or JSON pack input")
    return parse_pack_input(text, source)
