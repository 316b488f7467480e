"""The cross-border decision: which route each transfer and the year require, and by when.

Pure: it reads the profile and dated parameters through a :class:`RuleContext` and returns a
:class:`Decision`; the ``crossborder`` command renders it and the ``crossborder.*`` obligations
of ``assess`` read it, so the two always agree. Every threshold, period and list is a parameter
of an instrument file. Callers outside the rules get it from the engine
(``cnprivacy.engine.crossborder_decision``), which builds the context the way ``assess`` does.

Order of reasoning per transfer: not an export (access inside China) → state organs (PIPL art
36) → exemptions of the 2024 Provisions arts 3–6 and NDSMR art 35(6) (:mod:`.exemptions`) →
counted toward the year. The year's route then follows from the totals (art 7, 8), the CIIO and
important-data triggers (art 7), and the CAC Q&As (:mod:`.routes`), or before 2024-03-22 from
Decree 11's original triggers (:mod:`.original`); the deadlines follow from the route
(:mod:`.dues`) and the re-declaration or refiling triggers from the recorded previous version
(:mod:`.changes`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from cnprivacy.profile import Profile
from cnprivacy.rules.base import RuleContext
from cnprivacy.rules.crossborder.changes import resubmissions
from cnprivacy.rules.crossborder.deadlines import Due, deadline_for
from cnprivacy.rules.crossborder.dues import transfer_dues
from cnprivacy.rules.crossborder.exemptions import apply_exemptions
from cnprivacy.rules.crossborder.instruments import GBA, QA01
from cnprivacy.rules.crossborder.model import (
    RANK,
    SA,
    SC,
    Decision,
    DistinctCounts,
    Mechanism,
    Resubmission,
    TransferResult,
)
from cnprivacy.rules.crossborder.original import decision_lines, window_start
from cnprivacy.rules.crossborder.routes import (
    YearTotals,
    available,
    choose_route,
    gba_above_cap,
    gba_eligible,
    route_options,
)
from cnprivacy.rules.crossborder.work import (
    Decider,
    Stage,
    TransferWork,
    decision_key,
    named,
)

# Exemptions whose volume may still count toward the year's thresholds (when the law data says
# exempt volumes count): arts 5(1)–(3) and NDSMR art 35(6).
_BASIS_EXEMPTIONS = ("contract_necessity", "hr_management", "emergency", "statutory_duty")


def decide_crossborder(profile: Profile, ctx: RuleContext,
                       counts: DistinctCounts | None = None, *, share: bool = True) -> Decision:
    """Decide every transfer and the year's route as of ``ctx.as_of``.

    ``counts`` replaces the per-transfer sums with distinct people where it knows a transfer
    (the ledger). With ``share``, transfers with the same facts (``work.decision_key``), the same
    year and the same unknown counts are reasoned on once and the others get a copy of that
    result under their own id, date and deadlines; ``share=False`` reasons on each transfer on
    its own, with the same decision (the tests compare the two).
    """
    d = Decider(profile, ctx, counts)
    works = [TransferWork(t) for t in profile.transfers]
    # Each distinct key gets a number, so that the keys of the later stages hash quickly.
    numbers: dict[Hashable, int] = {}
    stages: list[Stage] = []
    for w in works:
        if not share:
            apply_exemptions(d, w)
            continue
        w.key = numbers.setdefault(decision_key(w.t), len(numbers))
        if w.key == len(stages):
            first = TransferWork(w.t)
            apply_exemptions(d, first)
            stages.append(Stage.of(first))
        found = stages[w.key]
        w.base, w.mechanism, w.exemption = found, found.mechanism, found.exemption
    return _assemble(d, works)


def _assemble(d: Decider, works: list[TransferWork]) -> Decision:
    as_of, year_now = d.as_of, d.as_of.year
    start = window_start(d)  # 1 January of this year (of the previous year before 2024-03-22)
    whole_year = d.flag(QA01, "declaration_covers_whole_year")
    open_works = [w for w in works if w.mechanism is None]
    for w in works:
        if w.mechanism is not None and not d.exempt_not_counted and w.exemption in _BASIS_EXEMPTIONS:
            w.counted = start <= w.t.date <= as_of
    by_year: dict[int, list[TransferWork]] = defaultdict(list)
    future: list[TransferWork] = []
    for w in open_works:
        if w.t.date > as_of:
            future.append(w)
        else:
            by_year[year_now if w.t.date >= start else w.t.date.year].append(w)
    for w in by_year.get(year_now, []):
        w.counted = True
    decision_because: list[str] = [] if d.current else decision_lines(d)
    # Unknown facts of the decision, in first-seen order: a dict is an ordered set, so joining
    # every transfer's unknowns stays linear in the number of transfers.
    missing: dict[str, None] = {}
    years: dict[int, YearTotals] = {}
    # Results reasoned on once and shared (``share``): a transfer routed from its year's totals
    # shares with those of the same key, year, shown date and unknown counts (the only lines
    # the totals add); only the first of them is routed here.
    routed: dict[Hashable, TransferWork] = {}  # the first of each, routed here
    for year, group in sorted(by_year.items()):
        counted_extra = [w for w in works if w.counted and w.mechanism is not None] \
            if year == year_now else []
        individuals, sensitive, lines = d.totals(group + counted_extra, year)
        label = "year" if year == year_now else f"year {year}"
        years[year] = YearTotals(d, individuals, sensitive, label)
        if year == year_now:
            decision_because.extend(lines)
        for w in group:
            shown: date | None = w.t.date if w.t.date.year != year_now else None
            if w.key is not None:
                w.shares = ("route", w.key, year, shown, w.relative(w.missing))
                if w.shares in routed:
                    continue
                routed[w.shares] = w
                w.own_lines()
            if year != year_now:
                w.because.append(f"dated {w.t.date}: counts toward {year}, not {year_now}")
            elif shown is not None:
                w.because.append(f"dated {w.t.date}: counted since 1 January of the previous year "
                                 "(Decree 11 art 4(3))")
            choose_route(d, w, years[year], whole_year)
    running: dict[int, tuple[int, int]] = {}
    for w in sorted(future, key=lambda w: w.t.date):
        w.key = None  # its own projected totals: reasoned on alone (``shares`` stays None)
        w.own_lines()
        y = w.t.date.year
        base = running.get(y) or ((years[y].individuals, years[y].sensitive) if y in years else (0, 0))
        ind, sens = d.transfer_counts(w)
        running[y] = (base[0] + ind, base[1] + sens)
        w.because.append(f"dated {w.t.date}, after {as_of}: not counted; route projected with the "
                         f"transfers of {y} up to that day")
        choose_route(d, w, YearTotals(d, *running[y], f"projected {y}"), whole_year)
    now = years.get(year_now)
    if open_works and d.org.ciio is None:
        missing["organization.ciio"] = None
        decision_because.append("organization.ciio is not given: treated as not a CIIO")
    shared: dict[Hashable, tuple[TransferResult, tuple[tuple[bool, str], ...]]] = {}
    results = []
    for w in works:
        if w.key is not None and w.mechanism is not None and w.shares is None:
            w.shares = ("settled", w.key, w.relative(w.missing))  # exempt before the totals
        copy = shared.get(w.shares) if w.shares is not None else None
        if copy is None:
            assert routed.get(w.shares, w) is w, "a shared route is copied after the first"
            w.own_lines()
            result = _result(d, w, _reason(d, w))
            if w.shares is not None:
                shared[w.shares] = result, w.relative(result.missing)
        else:
            result = _copy(*copy, w)
        if start <= result.date <= as_of:
            missing.update(dict.fromkeys(result.missing))
        results.append(result)
    this_year = [r for r in results if start <= r.date <= as_of]
    mechanism = max((r.mechanism for r in this_year), key=RANK.__getitem__,
                    default=Mechanism.NOT_AN_EXPORT)
    at_sa = [r for r in this_year if r.mechanism is SA]
    options = available(d, route_options(
        mechanism, any(r.gba_eligible and r.mechanism is SC for r in this_year),
        bool(at_sa) and all("gba_standard_contract" in r.options for r in at_sa)))
    covers: tuple[str, ...] = ()
    if now is not None:
        decision_because.extend(now.lines)
        if now.reached_assessment and whole_year:
            covers = tuple(r.id for r in results if r.counted)
    if d.zone is not None:
        decision_because.append(d.zone.summary(as_of))
    review = sorted({f"{v.ref}{' [interpretation]' if v.interpretation else ''}"
                     for v in d.ctx.used if v.needs_review or v.interpretation})
    return Decision(
        as_of=as_of, year=year_now, individuals=now.individuals if now else 0,
        sensitive_individuals=now.sensitive if now else 0, mechanism=mechanism, options=options,
        transfers=tuple(results), because=tuple(decision_because), missing=tuple(missing),
        counts_source="ledger" if d.counts else "profile", declaration_covers=covers,
        needs_review=tuple(review), free_trade_zone=d.zone)


class _Reasoned(NamedTuple):
    """What the last stage finds for a transfer besides its lines (its deadlines name the
    transfer reasoned on: :func:`_copy` renames them for each copy)."""

    gba: bool
    options: tuple[str, ...]
    due: tuple[Due, ...]
    redo: tuple[Resubmission, ...]


def _reason(d: Decider, w: TransferWork) -> _Reasoned:
    """The GBA contract, the options, the deadlines and the re-declaration triggers of a
    decided transfer."""
    assert w.mechanism is not None
    gba = gba_eligible(d, w)
    if w.t.mechanism_in_place == "gba_standard_contract" and not gba:
        w.because.append("the GBA standard contract covers only flows between the nine Guangdong "
                         "cities and Hong Kong/Macao, without important data or CIIOs; this "
                         "transfer needs the ordinary routes")
        if d.flag(QA01, "gba_contract_within_gba_only"):
            w.cite(d.cite(QA01, "gba_scope"))
    no_cap = gba_above_cap(d, w, gba)
    if no_cap:
        w.because.append("a GBA flow: the GBA standard contract has no volume cap (HKSAR Government, "
                         "2023-12-13) and may be used instead of the security assessment")
        w.cite(d.cite(GBA, "scope"))
    options = available(d, route_options(w.mechanism, gba, no_cap))
    due = transfer_dues(d, w, "gba_standard_contract" in options)
    return _Reasoned(gba, options, tuple(due), resubmissions(d, w))


def _result(d: Decider, w: TransferWork, found: _Reasoned) -> TransferResult:
    """One decided transfer."""
    assert w.mechanism is not None
    return TransferResult(
        id=w.t.id, date=w.t.date, mechanism=w.mechanism, exemption=w.exemption,
        counted=w.counted, because=tuple(w.because), citations=tuple(w.cites),
        deadline=deadline_for(found.due, d.as_of), options=found.options,
        missing=tuple(w.missing), due=found.due, gba_eligible=found.gba,
        important_data=w.t.important_data, mechanism_in_place=w.t.mechanism_in_place,
        resubmissions=found.redo)


def _copy(like: TransferResult, unknown: tuple[tuple[bool, str], ...],
          w: TransferWork) -> TransferResult:
    """The result of a transfer reasoned on like ``like``: its own id, date, count flag,
    unknown facts and deadlines (the days are the same), the rest shared."""
    t = w.t
    due = tuple(replace(x, transfer=t.id) for x in like.due) if like.due else ()
    return like.relabelled(t.id, t.date, w.counted, tuple(named(unknown, w)), due)
