"""A decision in progress: each transfer's working state and the helpers every stage shares.

:class:`Decider` holds what the stages read from the profile and the law on the date (citations,
thresholds, working days, the year's totals); :class:`TransferWork` collects one transfer's
route, reasons and unknowns until the result is assembled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from cnprivacy.law.workdays import Deadline
from cnprivacy.profile import Profile
from cnprivacy.profile.models import Transfer
from cnprivacy.rules.base import RuleContext, compare
from cnprivacy.rules.crossborder.instruments import GBA, P24, SAM, SCM
from cnprivacy.rules.crossborder.model import DistinctCounts, Mechanism
from cnprivacy.rules.crossborder.places import Zone, ftz_zone, gba_city, split_list

_SYMBOL = {"gte": ">=", "gt": ">", "lt": "<", "lte": "<="}
_WORDING = {"gte": "以上 includes the number", "gt": "超过 excludes the number",
            "lt": "不满 excludes the number", "lte": "以下 includes the number"}


# A transfer's decision key: the facts its reasoning reads. Transfers with the same key get the
# same reasons, citations, unknowns, route and deadlines (``decision.decide_crossborder``
# reasons on the first and copies the result). Every field of the model is in the key as it is,
# except those named here with the reason each may be left out or reduced:
# - ``id`` is only a label (unknown facts and deadlines name it: copies are renamed);
# - ``date`` sets the transfer's year and whether it is counted or projected, which the stage
#   keys of the decision carry instead (``decision._assemble``);
# - ``individuals`` and ``sensitive_individuals`` are summed for the year's totals outside the
#   stages; the reasoning reads only whether each is unknown, zero or more than zero;
# - of ``recipient`` only ``country`` is read (those in ``RECIPIENT_UNREAD`` never are);
# - the facts compared with ``previous`` are read only when a previous version is on record
#   (``changes.resubmissions`` returns at once without one).
_LABELS = frozenset({"id", "date"})
_COUNTS = ("individuals", "sensitive_individuals")
RECIPIENT_UNREAD = frozenset({"name", "city"})
CHANGE_FACTS = ("purpose", "method", "scope", "data_categories", "storage_location",
                "recipient_use", "overseas_retention_months", "previous")
#: The fields that enter the key as they are.
AS_IS = tuple(name for name in Transfer.model_fields
              if name not in _LABELS | {"recipient", *_COUNTS, *CHANGE_FACTS})
_as_is = attrgetter(*AS_IS)
_change_facts = attrgetter(*CHANGE_FACTS)


def decision_key(t: Transfer) -> Hashable:
    """What the stages of the decision read of ``t`` (see the comment above)."""
    changes: tuple[object, ...] | None = None
    if t.previous is not None:
        changes = tuple(tuple(v) if isinstance(v, list) else
                        v.model_dump_json() if v is t.previous else v
                        for v in _change_facts(t))
    people, sensitive = t.individuals, t.sensitive_individuals
    return (_as_is(t), t.recipient.country, None if people is None else people > 0,
            None if sensitive is None else sensitive > 0, changes)


@dataclass(slots=True)
class TransferWork:
    """A transfer while it is being decided."""

    t: Transfer
    because: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    mechanism: Mechanism | None = None
    exemption: str | None = None
    counted: bool = False
    # With shared reasoning (``decision.decide_crossborder``): the transfer's decision key, what
    # the exemptions stage found for the first transfer with that key (its lines are added to
    # this one's only where this one is reasoned on, :meth:`own_lines`), and the key of the
    # result it shares with the transfers reasoned on like it (None: reasoned on alone).
    key: int | None = None
    base: Stage | None = None
    shares: Hashable | None = None

    def path(self, name: str) -> str:
        return f"transfers[{self.t.id}].{name}"

    def own_lines(self) -> None:
        """Put the exemptions stage's lines before the ones added since (unknown counts)."""
        base, self.base = self.base, None
        if base is None:
            return
        self.because[:0] = base.because
        self.cites[:0] = base.cites
        self.missing[:0] = base.missing_of(self)

    def relative(self, paths: Sequence[str]) -> tuple[tuple[bool, str], ...]:
        """Unknown facts without this transfer's id (True: a field of the transfer)."""
        if not paths:
            return ()
        prefix = self.path("")
        return tuple((p.startswith(prefix), p.removeprefix(prefix)) for p in paths)

    def cite(self, text: str) -> None:
        if text not in self.cites:
            self.cites.append(text)

    def settle(self, mechanism: Mechanism, exemption: str | None, line: str, cite: str) -> None:
        self.mechanism, self.exemption = mechanism, exemption
        self.because.append(line)
        self.cite(cite)
        self.missing.clear()  # a definite no-route answer does not depend on the unknowns


@dataclass(frozen=True)
class Stage:
    """What the exemptions stage found for a transfer, without its id: the same for every
    transfer with the same :func:`decision_key`."""

    mechanism: Mechanism | None
    exemption: str | None
    because: tuple[str, ...]
    cites: tuple[str, ...]
    missing: tuple[tuple[bool, str], ...]  # (a field of the transfer, name or path)

    @classmethod
    def of(cls, w: TransferWork) -> Stage:
        return cls(w.mechanism, w.exemption, tuple(w.because), tuple(w.cites),
                   w.relative(w.missing))

    def missing_of(self, w: TransferWork) -> list[str]:
        return named(self.missing, w)


def named(missing: Sequence[tuple[bool, str]], w: TransferWork) -> list[str]:
    """Unknown facts kept without an id, named for ``w``."""
    prefix = w.path("")
    return [prefix + name if own else name for own, name in missing]


class Decider:
    """The profile, the law on ``ctx.as_of`` and the ledger's counts, read once per decision."""

    def __init__(self, profile: Profile, ctx: RuleContext, counts: DistinctCounts | None) -> None:
        self.profile, self.ctx, self.counts = profile, ctx, counts
        self.org = profile.organization
        self.as_of = ctx.as_of
        self._cites: dict[tuple[str, str], str] = {}
        # Before 2024-03-22 the routes follow Decree 11 art 4's original triggers and PIPL art 38;
        # before Decree 11 (2022-09-01) there are no thresholds: ParameterUndefined.
        self.current = ctx.defined(P24, "assessment_individuals")
        if not self.current:
            ctx.param(SAM, "original_assessment_individuals")
        self.exempt_not_counted = self.current and bool(ctx.param(P24, "exempt_volume_not_counted"))
        self.scenarios = split_list(ctx.param(P24, "contract_necessity_scenarios")) \
            if self.current else frozenset()
        self.standard_contract_in_force = ctx.defined(SCM, "filing_working_days")
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
        # A boundary the text leaves open (e.g. Decree 11's 10万人 without 以上) is our reading.
        wording = "reading: the text names no boundary word" if resolved.parameter.interpretation \
            else _WORDING[op]
        return hit, f"{fact} = {value} {verdict} {threshold} ({resolved.ref}; {wording})"

    def transfer_counts(self, w: TransferWork) -> tuple[int, int]:
        """The transfer's own counts (unknown ones as 0, listed as missing)."""
        t = w.t
        if t.individuals is None:
            w.missing.append(w.path("individuals"))
        if t.sensitive_individuals is None:
            w.missing.append(w.path("sensitive_individuals"))
        return t.individuals or 0, t.sensitive_individuals or 0

    def totals(self, works: list[TransferWork], year: int) -> tuple[int, int, list[str]]:
        """The year's people: the ledger's distinct counts where it knows a transfer, else sums."""
        ids = [w.t.id for w in works]
        lines: list[str] = []
        known = self.counts.known_transfers(year) if self.counts else set()
        in_ledger = [i for i in ids if i in known]
        individuals = sensitive = 0
        if self.counts and in_ledger:
            individuals, sensitive = self.counts.distinct(in_ledger, year)
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
            ind, sens = self.transfer_counts(w)
            individuals += ind
            sensitive += sens
            if self.counts and in_ledger:
                # Say so, or the ledger line above reads as the whole year.
                lines.append(f"{w.t.id}: not recorded in the ledger; its own counts ({ind} "
                             f"individuals, {sens} sensitive) are added as given")
        return individuals, sensitive, lines
