"""What the cross-border decision returns: routes, per-transfer results and the year's decision.

Plain data, no reasoning: the ``crossborder`` command renders it, the ``crossborder.*``
obligations and the ledger read it. ``to_dict`` is the JSON the command prints; fields the
obligations need but the JSON does not show stay out of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from cnprivacy.rules.crossborder.deadlines import DeadlineKind, Due
from cnprivacy.rules.crossborder.places import Zone


class Mechanism(StrEnum):
    NOT_AN_EXPORT = "not_an_export"
    EXEMPT = "exempt"
    STANDARD_CONTRACT_OR_CERTIFICATION = "standard_contract_or_certification"
    SECURITY_ASSESSMENT = "security_assessment"


# Strictness, least first: a year or a mixed transfer takes the strictest route any part needs.
RANK = {m: i for i, m in enumerate(Mechanism)}
SC = Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
SA = Mechanism.SECURITY_ASSESSMENT


class DistinctCounts(Protocol):
    """Distinct people across transfers (the ledger), instead of per-transfer sums."""

    def known_transfers(self, year: int) -> set[str]: ...

    def distinct(self, transfer_ids: Sequence[str], year: int) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Resubmission:
    """A change since the transfer was assessed or filed that fires a trigger: what to redo."""

    trigger: str  # e.g. "purpose_change", "retention_extended", "recipient_law_change"
    what: str  # the change found
    redo: str  # what must be done again
    citation: str
    conditional: bool = False  # the text adds "affecting security" / "may affect PI rights"

    def to_dict(self) -> dict[str, Any]:
        return {"trigger": self.trigger, "what": self.what, "redo": self.redo,
                "citation": self.citation, "conditional": self.conditional}


@dataclass(frozen=True)
class TransferResult:
    id: str
    date: dt.date
    mechanism: Mechanism
    exemption: str | None
    counted: bool
    because: tuple[str, ...]
    citations: tuple[str, ...]
    deadline: dt.date | None
    options: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    due: tuple[Due, ...] = ()
    gba_eligible: bool = False
    # Facts of the transfer the obligations act on (not part of the JSON output).
    important_data: bool | None = None
    mechanism_in_place: str | None = None
    resubmissions: tuple[Resubmission, ...] = ()

    def relabelled(self, id: str, date: dt.date, counted: bool, missing: tuple[str, ...],
                   due: tuple[Due, ...]) -> TransferResult:
        """The same result for another transfer reasoned on alike (its own id, date, count flag,
        unknown facts and deadlines). Fills the copy's fields directly: the generated frozen
        ``__init__`` sets sixteen fields one call each, which is most of a shared result's cost
        on a register of 50,000 transfers."""
        copy = object.__new__(TransferResult)
        fields = copy.__dict__
        fields.update(self.__dict__)
        fields.update(id=id, date=date, counted=counted, missing=missing, due=due)
        return copy

    def to_dict(self, as_of: dt.date) -> dict[str, Any]:
        return {
            "id": self.id, "mechanism": self.mechanism.value, "exemption": self.exemption,
            "counted": self.counted, "because": list(self.because),
            "citations": list(self.citations),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "date": self.date.isoformat(), "options": list(self.options),
            "needs_info": list(self.missing), "gba_eligible": self.gba_eligible,
            "deadlines": [d.to_dict(as_of) for d in self.due],
            "changes_since_previous": [r.to_dict() for r in self.resubmissions],
        }


@dataclass(frozen=True)
class Decision:
    as_of: date
    year: int
    individuals: int
    sensitive_individuals: int
    mechanism: Mechanism
    options: tuple[str, ...]
    transfers: tuple[TransferResult, ...]
    because: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    counts_source: str = "profile"
    declaration_covers: tuple[str, ...] = ()
    needs_review: tuple[str, ...] = ()
    # The organization's free trade zone and whether its list is in force (not in the JSON:
    # ``because`` carries its summary line).
    free_trade_zone: Zone | None = None

    def by_id(self) -> dict[str, TransferResult]:
        return {t.id: t for t in self.transfers}

    def due(self) -> list[Due]:
        """Every computed deadline, soonest first."""
        return sorted((d for t in self.transfers for d in t.due), key=lambda d: (d.day, d.transfer))

    def dues_of(self, *kinds: DeadlineKind) -> list[Due]:
        """The deadlines of these kinds, in transfer order."""
        return [d for t in self.transfers for d in t.due if d.kind in kinds]

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(), "year": self.year,
            "counted": {"individuals": self.individuals,
                        "sensitive_individuals": self.sensitive_individuals},
            "mechanism": self.mechanism.value, "options": list(self.options),
            "transfers": [t.to_dict(self.as_of) for t in self.transfers],
            "because": list(self.because), "needs_info": list(self.missing),
            "counts_source": self.counts_source,
            "declaration_covers": list(self.declaration_covers),
            "needs_review": list(self.needs_review),
        }
