"""How long records of providing and entrusting PI are kept (NDSMR art 12: 应当至少保存3年).

The years come from the law data (``ndsmr.provision_record_retention_years``), never from code.
The store never deletes a version, so this is the earliest day a record may go, reported in
exports for the people who archive them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cnprivacy.law.loader import LawBook
from cnprivacy.records.models import KEPT_ROLES, Activity
from cnprivacy.rules.crossborder.deadlines import add_years

INSTRUMENT = "ndsmr"
PARAMETER = "provision_record_retention_years"


@dataclass(frozen=True)
class Keeping:
    keep_until: date
    years: int
    citation: str  # instrument, article and official source
    needs_review: bool


def keeps_provision_records(activity: Activity) -> bool:
    """True when the activity provides or entrusts PI to someone (art 12's records)."""
    return any(r.role in KEPT_ROLES for r in activity.recipients or [])


def keeping(lawbook: LawBook, recorded_on: date) -> Keeping | None:
    """Keep-until for a record made on ``recorded_on``; None before art 12 is in force."""
    resolved = lawbook.value(INSTRUMENT, PARAMETER, recorded_on)
    if resolved is None or not isinstance(resolved.value, int):
        return None
    inst = lawbook[INSTRUMENT]
    source = inst.cited_source
    citation = (f"{inst.short} art {resolved.parameter.article} ({inst.name_zh} "
                f"{source.url or source.title})")
    return Keeping(add_years(recorded_on, resolved.value), resolved.value, citation,
                   resolved.needs_review)
