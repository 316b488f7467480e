"""What changes between two evaluations, and which dated value or status change caused it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cnprivacy.engine.findings import Assessment, Finding
from cnprivacy.law import LawBook
from cnprivacy.law.asof import value_text


@dataclass(frozen=True)
class Change:
    obligation: str
    title: str
    before: Finding
    after: Finding
    what_changed: tuple[str, ...]
    causes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "obligation": self.obligation,
            "title": self.title,
            "from": {"status": self.before.status.value,
                     "deadline": self.before.deadline.isoformat() if self.before.deadline else None},
            "to": {"status": self.after.status.value,
                   "deadline": self.after.deadline.isoformat() if self.after.deadline else None},
            "what_changed": list(self.what_changed),
            "causes": list(self.causes),
        }


def _param_map(f: Finding) -> dict[str, Any]:
    return {p.ref: (p.value, p.start) for p in f.params}


def _causes(law: LawBook, before: Finding, after: Finding, d1: date, d2: date,
            what_if: tuple[str, ...]) -> list[str]:
    causes: list[str] = []
    lo, hi = min(d1, d2), max(d1, d2)
    for inst_id in {before.instrument_id, after.instrument_id}:
        inst = law[inst_id]
        for entry in inst.timeline:
            if lo < entry.date <= hi:
                causes.append(f"{inst.short}: {entry.event.value} on {entry.date.isoformat()}")
    p1, p2 = _param_map(before), _param_map(after)
    # Only values both evaluations read: a rule taking another branch reads other parameters,
    # which is a consequence of the change, not its cause.
    for ref in sorted(set(p1) & set(p2)):
        if p1[ref] != p2[ref]:
            (old, old_start), (new, new_start) = p1[ref], p2[ref]
            causes.append(f"{ref}: {value_text(old)} (from {old_start}) -> {value_text(new)} "
                          f"(from {new_start})")
    causes.extend(f"what-if: {w}" for w in what_if)
    if not causes and before.because != after.because:
        causes.append("the facts the rule reads differ (see because)")
    return causes


def diff(law: LawBook, before: Assessment, after: Assessment) -> list[Change]:
    """Obligations whose status, deadline or parameters differ between two assessments."""
    changes: list[Change] = []
    b_map, a_map = before.by_key(), after.by_key()
    what_if = tuple(w for w in after.receipt.what_if if w not in before.receipt.what_if)
    for key in sorted(set(b_map) & set(a_map)):
        b, a = b_map[key], a_map[key]
        what: list[str] = []
        if b.status != a.status:
            what.append(f"status {b.status.value} -> {a.status.value}")
        if b.deadline != a.deadline:
            what.append(f"deadline {b.deadline or 'none'} -> {a.deadline or 'none'}")
        pb, pa = _param_map(b), _param_map(a)
        if any(pb[r] != pa[r] for r in set(pb) & set(pa)):
            what.append("parameters")
        if not what:
            continue
        changes.append(Change(key, a.title, b, a, tuple(what),
                              tuple(_causes(law, b, a, before.as_of, after.as_of, what_if))))
    return changes
