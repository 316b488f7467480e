"""Shared pieces of the impact-assessment tests: a register, judgements, a confirmed file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from cnprivacy.law.loader import load_lawbook
from cnprivacy.records import Assessments, MemoryStore, Register
from cnprivacy.records.pia.edit import parse_edit

from ..samples import membership

LAW = load_lawbook()
AS_OF = date(2026, 6, 1)
NOW = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)


def confirmed(value: Any, reason: str = "checked by the team") -> dict[str, Any]:
    return {"value": value, "reason": reason, "confirmed": True}


def full_edit(impact: str = "中", likelihood: str = "中", **over: Any) -> dict[str, Any]:
    """Every judgement confirmed (no modifier applies unless ``over`` says so)."""
    data: dict[str, Any] = {
        "purpose_and_method": confirmed(True), "other_significant_impact": confirmed(False),
        "impact": {d: confirmed(impact) for d in ("autonomy", "discrimination", "reputation",
                                                  "property")},
        "modifiers": {m: confirmed(False) for m in ("sensitive_at_scale", "vulnerable_groups",
                                                    "deidentified")},
        "likelihood": {f: confirmed(likelihood) for f in ("network", "process", "parties",
                                                          "situation")},
        "likelihood_lowered": confirmed(False),
        "measures": [{"description": "encryption at rest", "status": "in_place"}],
        "measures_adequate": confirmed(True), "residual_risk": confirmed("低"),
    }
    data.update(over)
    return data


def book_with(**activity: Any) -> tuple[Assessments, Register]:
    store = MemoryStore()
    register = Register(store)
    register.save([membership(**activity)], "dpo", now=NOW)
    return Assessments(store), register


def drafted(**activity: Any) -> tuple[Assessments, str]:
    book, register = book_with(**activity)
    found = register.get("membership")
    assert found is not None
    return book, book.new(found, LAW, AS_OF, "dpo", now=NOW).pia.id


def ready_for_approval(book: Assessments, pia_id: str) -> None:
    book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=NOW)
    book.review(pia_id, "legal", now=NOW)
