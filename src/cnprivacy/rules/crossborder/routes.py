"""Stage 2 of the decision: the year's totals, each transfer's route, options and deadlines."""

from __future__ import annotations

from collections import defaultdict

from cnprivacy.rules.crossborder.deadlines import Due, add_months, add_years
from cnprivacy.rules.crossborder.decision import (
    CERT,
    P24,
    QA01,
    QA10,
    RANK,
    SA,
    SC,
    SCM,
    Decision,
    Mechanism,
    TransferResult,
    _Decider,
    _Work,
    deadline_for,
)
from cnprivacy.rules.crossborder.places import GBA

SAM = "security_assessment_measures"


class _Year:
    """The totals one set of transfers reaches, and what they trigger."""

    def __init__(self, d: _Decider, individuals: int, sensitive: int, label: str) -> None:
        self.individuals, self.sensitive = individuals, sensitive
        self.sa_ind, l1 = d.meets(f"{label}.individuals", individuals, P24, "assessment_individuals")
        self.sa_sens, l2 = d.meets(f"{label}.sensitive_individuals", sensitive, P24,
                                   "assessment_sensitive_individuals")
        self.below, l3 = d.meets(f"{label}.individuals", individuals, P24, "exemption_individuals")
        self.lines = [l1, l2, l3]

    @property
    def reached_assessment(self) -> bool:
        return self.sa_ind or self.sa_sens


def _route(d: _Decider, w: _Work, year: _Year, whole_year: bool) -> None:
    t, ciio = w.t, d.org.ciio
    w.because.extend(year.lines)
    if t.important_data:
        w.mechanism = SA
        w.because.append(f"important data: security assessment (art {'7(1)' if ciio else '7(2)'})")
        w.cite(d.cite(P24, "7"))
        return
    if ciio:
        w.mechanism = SA
        w.because.append("a CIIO exporting personal information: security assessment whatever the "
                         "volume (art 7(1)); the below-100,000 exemption is not open to CIIOs (art 5(4))")
        w.cite(d.cite(P24, "7"))
        return
    if year.reached_assessment and whole_year:
        w.mechanism = SA
        w.because.append("the year's exports reached the assessment threshold: the declaration covers "
                         "all PI exported this year, including under a contract or certification "
                         "(CAC Q&A 2026-01)")
        w.cite(d.cite(P24, "7"))
        w.cite(d.cite(QA01, "declaration_scope"))
        return
    has_sensitive = bool(t.sensitive_individuals)
    has_general = bool(t.individuals) or not has_sensitive
    parts: list[Mechanism] = []
    if has_general:
        if year.sa_ind:
            parts.append(SA)
        elif year.below:
            parts.append(Mechanism.EXEMPT)
        else:
            parts.append(SC)
    if has_sensitive:
        parts.append(SA if year.sa_sens else SC)
    mechanism = max(parts, key=RANK.__getitem__)
    w.mechanism = mechanism
    if mechanism is Mechanism.EXEMPT:
        w.exemption = "below_threshold"
        w.because.append("a processor other than a CIIO below 100,000 people's non-sensitive PI this "
                         "year, no sensitive PI: exempt (art 5(4))")
        w.cite(d.cite(P24, "5(4)"))
    elif mechanism is SA:
        w.because.append("the year's volume reaches the security-assessment threshold (art 7(2))")
        w.cite(d.cite(P24, "7"))
    else:
        w.because.append("standard contract or certification (art 8)")
        w.cite(d.cite(P24, "8"))
    if t.voluntary_security_assessment:
        if d.flag(QA01, "voluntary_assessment_binds"):
            w.mechanism = SA
            w.exemption = None
            w.because.append("a voluntarily declared security assessment binds (CAC Q&A 2026-01)")
            w.cite(d.cite(QA01, "voluntary_assessment"))
        else:
            w.because.append("voluntary security assessment declared; the CAC's statement that it "
                             "binds dates from 2026-01-30")


def _gba_eligible(d: _Decider, w: _Work) -> bool:
    return (d.in_gba_city is True and d.ctx.defined(GBA, "filing_working_days")
            and w.t.recipient.country in d.gba_regions and d.org.ciio is False
            and w.t.important_data is False)


def _options(mechanism: Mechanism, gba: bool) -> tuple[str, ...]:
    if mechanism is SA:
        return ("security_assessment",)
    if mechanism is SC:
        return ("standard_contract", "certification", "gba_standard_contract") if gba else (
            "standard_contract", "certification")
    return ()


def _dues(d: _Decider, w: _Work, gba: bool) -> list[Due]:
    t, ctx, out = w.t, d.ctx, []
    if w.mechanism is SC and t.contract_effective is not None:
        if t.mechanism_in_place == "gba_standard_contract" and gba:
            n = int(ctx.param(GBA, "filing_working_days"))
            out.append(Due.of("gba_filing", t.id, d.add_workdays(t.contract_effective, n),
                              f"file the GBA standard contract within {n} working days of "
                              f"{t.contract_effective}", d.cite(GBA, "filing")))
        elif t.mechanism_in_place in (None, "standard_contract"):
            n = int(ctx.param(SCM, "filing_working_days"))
            out.append(Due.of("sc_filing", t.id, d.add_workdays(t.contract_effective, n),
                              f"file the standard contract and PIPIA report with the provincial CAC "
                              f"within {n} working days of {t.contract_effective}", d.cite(SCM, "7")))
    notified = d.org.important_data_notified_on
    if t.important_data and w.mechanism is SA and notified and ctx.defined(
            QA10, "important_data_declaration_months"):
        months = int(ctx.param(QA10, "important_data_declaration_months"))
        out.append(Due.of("important_data_declaration", t.id, add_months(notified, months),
                          f"declare the security assessment within {months} months of {notified} "
                          "(not extendable)", d.cite(QA10, "declaration_period")))
    if t.assessment_approved_on is not None:
        approved = t.assessment_approved_on
        valid = ctx.law.value(SAM, "validity_years", approved)
        years = int(str(valid.value if valid else ctx.param(P24, "assessment_validity_years")))
        expiry = add_years(approved, years)
        window = int(ctx.param(P24, "assessment_extension_window_working_days"))
        opens = d.subtract_workdays(expiry, window)
        what = (f"assessment of {approved} valid {years} years, to {expiry}: apply to extend "
                f"within the {window} working days before expiry (from {opens.day})")
        if valid is not None and valid.next_start is not None:
            what += (f"; a result issued before {valid.next_start} keeps Decree 11's {years} years "
                     "here: whether art 9's 3 years applies to it is not confirmed (needs_review)")
        out.append(Due.of("assessment_extension", t.id, expiry, what, d.cite(P24, "9"), opens=opens))
    if t.certified_on is not None and ctx.defined(CERT, "validity_years"):
        years = int(ctx.param(CERT, "validity_years"))
        months = int(ctx.param(CERT, "renewal_months_before_expiry"))
        expiry = add_years(t.certified_on, years)
        out.append(Due.of("certification_renewal", t.id, add_months(expiry, -months),
                          f"certificate of {t.certified_on} valid {years} years, to {expiry}: apply "
                          f"again {months} months before expiry", d.cite(CERT, "8")))
    return out


def finish(d: _Decider, works: list[_Work]) -> Decision:
    as_of, year_now = d.as_of, d.as_of.year
    whole_year = d.flag(QA01, "declaration_covers_whole_year")
    open_works = [w for w in works if w.mechanism is None]
    for w in works:
        if w.mechanism is not None and not d.exempt_not_counted and w.exemption in (
                "contract_necessity", "hr_management", "emergency"):
            w.counted = w.t.date.year == year_now and w.t.date <= as_of
    by_year: dict[int, list[_Work]] = defaultdict(list)
    future: list[_Work] = []
    for w in open_works:
        if w.t.date > as_of:
            future.append(w)
        else:
            by_year[w.t.date.year].append(w)
    for w in by_year.get(year_now, []):
        w.counted = True
    decision_because: list[str] = []
    missing: list[str] = []
    years: dict[int, _Year] = {}
    for year, group in sorted(by_year.items()):
        counted_extra = [w for w in works if w.counted and w.mechanism is not None] \
            if year == year_now else []
        individuals, sensitive, lines = d.totals(group + counted_extra, year)
        label = "year" if year == year_now else f"year {year}"
        years[year] = _Year(d, individuals, sensitive, label)
        if year == year_now:
            decision_because.extend(lines)
        for w in group:
            if year != year_now:
                w.because.append(f"dated {w.t.date}: counts toward {year}, not {year_now}")
            _route(d, w, years[year], whole_year)
    running: dict[int, tuple[int, int]] = {}
    for w in sorted(future, key=lambda w: w.t.date):
        y = w.t.date.year
        base = running.get(y) or ((years[y].individuals, years[y].sensitive) if y in years else (0, 0))
        ind, sens = d.counts(w)
        running[y] = (base[0] + ind, base[1] + sens)
        w.because.append(f"dated {w.t.date}, after {as_of}: not counted; route projected with the "
                         f"transfers of {y} up to that day")
        _route(d, w, _Year(d, *running[y], f"projected {y}"), whole_year)
    now = years.get(year_now)
    if open_works and d.org.ciio is None:
        missing.append("organization.ciio")
        decision_because.append("organization.ciio is not given: treated as not a CIIO")
    results: list[TransferResult] = []
    for w in works:
        assert w.mechanism is not None
        gba = _gba_eligible(d, w)
        if w.t.mechanism_in_place == "gba_standard_contract" and not gba:
            w.because.append("the GBA standard contract covers only flows between the nine Guangdong "
                             "cities and Hong Kong/Macao, without important data or CIIOs; this "
                             "transfer needs the ordinary routes")
            if d.flag(QA01, "gba_contract_within_gba_only"):
                w.cite(d.cite(QA01, "gba_scope"))
        due = _dues(d, w, gba)
        if w.t.date.year == year_now and w.t.date <= as_of:
            missing.extend(m for m in w.missing if m not in missing)
        results.append(TransferResult(
            id=w.t.id, date=w.t.date, mechanism=w.mechanism, exemption=w.exemption,
            counted=w.counted, because=tuple(w.because), citations=tuple(w.cites),
            deadline=deadline_for(due, as_of), options=_options(w.mechanism, gba),
            missing=tuple(w.missing), due=tuple(due), gba_eligible=gba))
    this_year = [r for r in results if r.date.year == year_now and r.date <= as_of]
    mechanism = max((r.mechanism for r in this_year), key=RANK.__getitem__,
                    default=Mechanism.NOT_AN_EXPORT)
    options = _options(mechanism, any(r.gba_eligible and r.mechanism is SC for r in this_year))
    covers: tuple[str, ...] = ()
    if now is not None:
        decision_because.extend(now.lines)
        if now.reached_assessment and whole_year:
            covers = tuple(r.id for r in results if r.counted)
    if d.zone is not None:
        decision_because.append(
            f"FTZ {d.zone.zone_id}: " + (f"negative list in force ({d.zone.edition})" if d.zone.in_force
                                         else f"no negative list in force on {as_of}"))
    review = sorted({f"{v.ref}{' [interpretation]' if v.interpretation else ''}"
                     for v in d.ctx.used if v.needs_review or v.interpretation})
    return Decision(
        as_of=as_of, year=year_now, individuals=now.individuals if now else 0,
        sensitive_individuals=now.sensitive if now else 0, mechanism=mechanism, options=options,
        transfers=tuple(results), because=tuple(decision_because), missing=tuple(missing),
        counts_source="ledger" if d.counter else "profile", declaration_covers=covers,
        needs_review=tuple(review))

