"""The cross-border decision: which route each transfer and the year require, and by when.

Pure: it reads the profile and dated parameters through a :class:`RuleContext` and returns a
:class:`Decision`; the ``crossborder`` command renders it and the ``crossborder.*`` obligations
of ``assess`` read it, so the two always agree. Every threshold, period and list is a parameter
of an instrument file.

Order of reasoning per transfer: not an export (access inside China) → exemptions of the 2024
Provisions arts 3–6 → counted toward the year. The year's route then follows from the totals
(art 7, 8), the CIIO and important-data triggers (art 7), and the CAC Q&As.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from cnprivacy.law.workdays import Deadline
from cnprivacy.profile import Profile
from cnprivacy.profile.models import ContractScenario, Transfer, TransferBasis
from cnprivacy.rules.base import RuleContext, compare
from cnprivacy.rules.crossborder.deadlines import FILING_KINDS, Due, add_months, add_years
from cnprivacy.rules.crossborder.places import GBA, Zone, ftz_zone, gba_city, split_list

P24 = "xborder_provisions_2024"
QA10 = "cac_xborder_qa_2025_10"
QA01 = "cac_xborder_qa_2026_01"
SCM = "standard_contract_measures"
CERT = "certification_measures"


class Mechanism(StrEnum):
    NOT_AN_EXPORT = "not_an_export"
    EXEMPT = "exempt"
    STANDARD_CONTRACT_OR_CERTIFICATION = "standard_contract_or_certification"
    SECURITY_ASSESSMENT = "security_assessment"


RANK = {m: i for i, m in enumerate(Mechanism)}
SC = Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
SA = Mechanism.SECURITY_ASSESSMENT
_SYMBOL = {"gte": ">=", "gt": ">", "lt": "<", "lte": "<="}
_WORDING = {"gte": "以上 includes the number", "gt": "超过 excludes the number",
            "lt": "不满 excludes the number", "lte": "以下 includes the number"}


class DistinctCounts(Protocol):
    """Distinct people across transfers (the ledger), instead of per-transfer sums."""

    def known_transfers(self, year: int) -> set[str]: ...

    def distinct(self, transfer_ids: Sequence[str], year: int) -> tuple[int, int]: ...


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

    def to_dict(self, as_of: dt.date) -> dict[str, Any]:
        return {
            "id": self.id, "mechanism": self.mechanism.value, "exemption": self.exemption,
            "counted": self.counted, "because": list(self.because),
            "citations": list(self.citations),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "date": self.date.isoformat(), "options": list(self.options),
            "needs_info": list(self.missing), "gba_eligible": self.gba_eligible,
            "deadlines": [d.to_dict(as_of) for d in self.due],
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

    def by_id(self) -> dict[str, TransferResult]:
        return {t.id: t for t in self.transfers}

    def due(self) -> list[Due]:
        """Every computed deadline, soonest first."""
        return sorted((d for t in self.transfers for d in t.due), key=lambda d: (d.day, d.transfer))

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


@dataclass
class _Work:
    """A transfer while it is being decided."""

    t: Transfer
    because: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    mechanism: Mechanism | None = None
    exemption: str | None = None
    counted: bool = False

    def path(self, name: str) -> str:
        return f"transfers[{self.t.id}].{name}"

    def cite(self, text: str) -> None:
        if text not in self.cites:
            self.cites.append(text)

    def settle(self, mechanism: Mechanism, exemption: str | None, line: str, cite: str) -> None:
        self.mechanism, self.exemption = mechanism, exemption
        self.because.append(line)
        self.cite(cite)
        self.missing.clear()  # a definite no-route answer does not depend on the unknowns


class _Decider:
    def __init__(self, profile: Profile, ctx: RuleContext, counter: DistinctCounts | None) -> None:
        self.profile, self.ctx, self.counter = profile, ctx, counter
        self.org = profile.organization
        self.as_of = ctx.as_of
        self._cites: dict[tuple[str, str], str] = {}
        self.exempt_not_counted = bool(ctx.param(P24, "exempt_volume_not_counted"))
        self.scenarios = split_list(ctx.param(P24, "contract_necessity_scenarios"))
        self.zone: Zone | None = ftz_zone(ctx, self.org.free_trade_zone)
        self.in_gba_city = gba_city(ctx, self.org.city)
        self.gba_regions = (split_list(ctx.param(GBA, "recipient_regions"))
                            if ctx.defined(GBA, "recipient_regions") else frozenset())
        self._workdays: dict[tuple[dt.date, int], Deadline] = {}

    def add_workdays(self, start: dt.date, days: int) -> Deadline:
        """Working-day deadlines, computed once per (start, days): many transfers share them."""
        key = (start, days)
        if key not in self._workdays:
            self._workdays[key] = self.ctx.add_workdays(start, days)
        return self._workdays[key]

    def subtract_workdays(self, end: dt.date, days: int) -> Deadline:
        return self.add_workdays(end, -days)

    # -- helpers -----------------------------------------------------------------------------
    def cite(self, inst: str, article: str) -> str:
        key = (inst, article)
        if key not in self._cites:
            book = self.ctx.law[inst]
            where = f"art. {article}" if article[:1].isdigit() else f"({article})"
            text = f"{book.short} {where} — {book.name_zh}"
            if book.document_number:
                text += f" {book.document_number}"
            self._cites[key] = text
        return self._cites[key]

    def flag(self, inst: str, name: str) -> bool:
        return self.ctx.defined(inst, name) and bool(self.ctx.param(inst, name))

    def meets(self, fact: str, value: int, inst: str, name: str) -> tuple[bool, str]:
        resolved = self.ctx.value(inst, name)
        op = resolved.parameter.comparison or "gte"
        threshold = resolved.value
        assert isinstance(threshold, int | float), resolved.ref
        hit = compare(value, op, threshold)
        verdict = _SYMBOL[op] if hit else f"not {_SYMBOL[op]}"
        return hit, f"{fact} = {value} {verdict} {threshold} ({resolved.ref}; {_WORDING[op]})"

    # -- stage 1: not an export, exemptions ---------------------------------------------------
    def exempt_stage(self, w: _Work) -> None:
        t = w.t
        if t.access_inside_china:
            if self.flag(QA10, "access_inside_china_not_export"):
                w.settle(Mechanism.NOT_AN_EXPORT, None,
                         "overseas staff only access the data while inside mainland China: "
                         "not an export (CAC Q&A 2025-10)", self.cite(QA10, "access_inside_china"))
                return
            w.because.append("access inside China: the CAC Q&A saying this is not an export "
                             "dates from 2025-10-31; treated as an export before then")
        elif t.access_inside_china is None:
            w.missing.append(w.path("access_inside_china"))
        important = t.important_data
        if important is None:
            w.missing.append(w.path("important_data"))
        if t.no_personal_information:
            if important is False:
                w.settle(Mechanism.EXEMPT, "no_personal_information",
                         "no personal information and no important data: exempt (art 3)",
                         self.cite(P24, "3"))
                return
        elif t.no_personal_information is None:
            w.missing.append(w.path("no_personal_information"))
        if t.collected_abroad:
            if important is False:
                w.settle(Mechanism.EXEMPT, "collected_abroad",
                         "collected abroad, processed here and sent back with nothing domestic "
                         "added: exempt (art 4)", self.cite(P24, "4"))
                return
        elif t.collected_abroad is None:
            w.missing.append(w.path("collected_abroad"))
        if important:
            w.because.append("contains important data: the art 5 exemptions do not cover important "
                             "data (art 5, last paragraph)")
        elif self._basis_exemption(w):
            return
        self._ftz(w)

    def _basis_exemption(self, w: _Work) -> bool:
        t = w.t
        if t.basis is None:
            w.missing.append(w.path("basis"))
            return False
        if t.basis is TransferBasis.CONTRACT_NECESSITY:
            scenario = t.contract_scenario
            if scenario is ContractScenario.DOMESTIC_HOTEL_BOOKING and self.flag(
                    QA10, "domestic_hotel_booking_not_necessity"):
                w.because.append("domestic hotel booking by an individual in China is not contract "
                                 "necessity (CAC Q&A 2025-10): no art 5(1) exemption")
                w.cite(self.cite(QA10, "contract_necessity"))
                return False
            if scenario is not None and scenario.value in self.scenarios:
                line = f"contract necessity ({scenario.value}, a statutory example): exempt (art 5(1))"
            else:
                named = scenario.value if scenario else "not named"
                line = (f"contract necessity (scenario {named}; the examples are non-exhaustive but "
                        "need real relevance and necessity): exempt (art 5(1))")
            w.settle(Mechanism.EXEMPT, "contract_necessity", line, self.cite(P24, "5(1)"))
            return True
        if t.basis is TransferBasis.HR_MANAGEMENT:
            w.settle(Mechanism.EXEMPT, "hr_management",
                     "employees' PI for cross-border HR management under lawful labour rules: "
                     "exempt (art 5(2))", self.cite(P24, "5(2)"))
            return True
        if t.basis is TransferBasis.EMERGENCY:
            w.settle(Mechanism.EXEMPT, "emergency",
                     "emergency to protect life, health or property: exempt (art 5(3))",
                     self.cite(P24, "5(3)"))
            return True
        return False

    def _ftz(self, w: _Work) -> None:
        zone = self.zone
        if zone is None:
            return
        if not zone.in_force:
            w.because.append(f"FTZ {zone.zone_id}: no negative list in force on {self.as_of} "
                             f"(list from {zone.since})")
            return
        listed = w.t.ftz_negative_list_listed
        if listed is None:
            w.missing.append(w.path("ftz_negative_list_listed"))
            return
        if listed:
            w.because.append(f"FTZ {zone.zone_id}: the data is on the negative list "
                             f"({zone.edition}): a route is needed")
            w.cite(self.cite(zone.instrument, "list"))
            return
        w.settle(Mechanism.EXEMPT, "ftz_negative_list",
                 f"processor in FTZ {zone.zone_id}, data not on its negative list ({zone.edition}): "
                 "exempt (art 6)", self.cite(P24, "6"))
        w.cite(self.cite(zone.instrument, "list"))

    # -- stage 2: the year's totals -----------------------------------------------------------
    def counts(self, w: _Work) -> tuple[int, int]:
        t = w.t
        if t.individuals is None:
            w.missing.append(w.path("individuals"))
        if t.sensitive_individuals is None:
            w.missing.append(w.path("sensitive_individuals"))
        return t.individuals or 0, t.sensitive_individuals or 0

    def totals(self, works: list[_Work], year: int) -> tuple[int, int, list[str]]:
        ids = [w.t.id for w in works]
        lines: list[str] = []
        known = self.counter.known_transfers(year) if self.counter else set()
        in_ledger = [i for i in ids if i in known]
        individuals = sensitive = 0
        if self.counter and in_ledger:
            individuals, sensitive = self.counter.distinct(in_ledger, year)
            line = (f"ledger: {individuals} distinct individuals, {sensitive} distinct sensitive "
                    f"individuals across {len(in_ledger)} recorded transfer(s) of {year}")
            summed = [w.t for w in works if w.t.id in known]
            if all(t.individuals is not None for t in summed):
                line += (f" (the same transfers' own counts add up to "
                         f"{sum(t.individuals or 0 for t in summed)})")
            lines.append(line)
        for w in works:
            if w.t.id in known:
                continue
            ind, sens = self.counts(w)
            individuals += ind
            sensitive += sens
        return individuals, sensitive, lines


def decide(profile: Profile, ctx: RuleContext, counter: DistinctCounts | None = None) -> Decision:
    """Decide every transfer and the year's route as of ``ctx.as_of``."""
    from cnprivacy.rules.crossborder.routes import finish

    decider = _Decider(profile, ctx, counter)
    works = [_Work(t) for t in profile.transfers]
    for w in works:
        decider.exempt_stage(w)
    return finish(decider, works)


def deadline_for(due: Sequence[Due], as_of: date) -> date | None:
    """The one date a transfer shows: a filing first, else the next renewal or extension."""
    filings = [d for d in due if d.kind in FILING_KINDS]
    if filings:
        return min(d.day for d in filings)
    upcoming = [d.day for d in due if d.day >= as_of]
    if upcoming:
        return min(upcoming)
    return min((d.day for d in due), default=None)


__all__ = ["GBA", "Decision", "DistinctCounts", "Mechanism", "TransferResult", "add_months",
           "add_years", "decide"]
