"""Evaluating every registered rule as of a date, with status gating and conflict checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from cnprivacy._collector import collector_paused
from cnprivacy.engine.findings import Assessment, Finding, ParamUse, Receipt
from cnprivacy.errors import RuleConflictError
from cnprivacy.law import Instrument, LawBook, LegalStatus, load_lawbook
from cnprivacy.law.asof import event_date
from cnprivacy.law.schema import Event
from cnprivacy.law.workdays import DEFAULT_CALENDAR, WorkCalendar
from cnprivacy.profile import Profile, profile_hash
from cnprivacy.rules import REGISTRY
from cnprivacy.rules.base import (
    Outcome,
    ParameterUndefined,
    Registry,
    RuleContext,
    RuleSpec,
    Status,
)


@cache  # the installed package's metadata is read once (a file parse on every run otherwise)
def engine_version() -> str:
    try:
        return version("cnprivacy")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


@dataclass(frozen=True)
class Options:
    """The one immutable evaluation context."""

    as_of: date
    calendar: WorkCalendar = DEFAULT_CALENDAR
    what_if: tuple[str, ...] = ()
    statuses: frozenset[Status] = field(default_factory=lambda: frozenset(Status))


def rule_context(profile: Profile, law: LawBook, options: Options, *, as_of: date | None = None,
                 shared: dict[date, dict[Hashable, Any]] | None = None) -> RuleContext:
    """The context a rule (or the cross-border decision) reads: the profile, the law and the
    calendar on ``as_of`` (default ``options.as_of``), with the run's memo for that date."""
    day = options.as_of if as_of is None else as_of
    memo: dict[Hashable, Any] = {} if shared is None else shared.setdefault(day, {})
    return RuleContext(profile=profile, as_of=day, law=law, calendar=options.calendar, shared=memo)


def _instrument_label(inst: Instrument) -> str:
    return f"{inst.short} — {inst.name_en} ({inst.name_zh})"


def _citation(law: LawBook, spec: RuleSpec) -> str:
    inst = law[spec.instrument]
    parts = [f"{inst.short} art. {spec.article}" if spec.article else inst.short]
    for other_id, article in spec.also_cites:
        other = law[other_id]
        parts.append(f"{other.short} art. {article}" if article else other.short)
    source = inst.cited_source
    cite = "; ".join(parts)
    cite += f" — {inst.name_zh}"
    if inst.document_number:
        cite += f" {inst.document_number}"
    cite += f" [{source.key}: {source.url or source.title}]"
    return cite


def _article_reviews(law: LawBook, spec: RuleSpec) -> list[str]:
    """Articles the rule cites whose content the law data marks as unconfirmed."""
    notes = []
    for inst_id, article_id in ((spec.instrument, spec.article), *spec.also_cites):
        article = law[inst_id].article(article_id) if article_id else None
        if article is not None and article.needs_review:
            notes.append(f"{law[inst_id].short} art. {article_id}: article marked needs_review "
                         "in the law data")
    return notes


def _run(spec: RuleSpec, ctx: RuleContext) -> Outcome:
    try:
        outcome = spec.fn(ctx)
    except ParameterUndefined as err:
        return Outcome(Status.NOT_APPLICABLE,
                       (f"{err.ref} has no value on {err.day.isoformat()}: not yet set by law",))
    notes = ctx.take_notes()
    if notes:
        outcome = Outcome(outcome.status, notes + outcome.because, outcome.missing,
                          outcome.deadline)
    return outcome


def _gate(law: LawBook, spec: RuleSpec, profile: Profile, options: Options,
          shared: dict[date, dict[Hashable, Any]]) -> Finding:
    inst = law[spec.instrument]
    legal = law.status(spec.instrument, options.as_of)
    ctx = rule_context(profile, law, options, shared=shared)
    would_be: Status | None = None
    effective: date | None = None
    because: list[str] = []
    if legal is LegalStatus.NOT_YET_PUBLISHED:
        first = inst.timeline[0].date
        outcome = Outcome(Status.NOT_APPLICABLE,
                          (f"{inst.short} does not exist yet on {options.as_of} "
                           f"(first event {first})",))
        status = Status.NOT_APPLICABLE
    elif legal in (LegalStatus.SUPERSEDED, LegalStatus.REPEALED):
        outcome = Outcome(Status.NOT_APPLICABLE,
                          (f"{inst.short} is {legal.value} on {options.as_of}"
                           + (f" by {law[inst.superseded_by].short}" if inst.superseded_by
                              else ""),))
        status = Status.NOT_APPLICABLE
    elif legal is LegalStatus.DRAFT:
        outcome = _run(spec, ctx)
        would_be = outcome.status
        status = Status.PROPOSED
        draft_day = event_date(inst, Event.DRAFT_PUBLISHED)
        because.append(f"{inst.short} is a draft (published {draft_day}); "
                       f"if adopted as drafted: {would_be.value}")
    elif legal is LegalStatus.ADOPTED:
        effective = event_date(inst, Event.IN_FORCE)
        if effective is not None:
            ctx = rule_context(profile, law, options, as_of=effective, shared=shared)
        outcome = _run(spec, ctx)
        would_be = outcome.status
        status = Status.UPCOMING
        because.append(f"{inst.short} is adopted but in force only from {effective}; "
                       f"from then: {would_be.value}")
    else:
        outcome = _run(spec, ctx)
        status = outcome.status
    because.extend(outcome.because)
    params = tuple(
        ParamUse(v.ref, v.value, v.start, v.next_start, v.next_value, v.needs_review,
                 v.interpretation)
        for v in ctx.used
    )
    for p in params:
        if p.next_start is not None and p.next_start > options.as_of:
            because.append(f"{p.ref} changes to {p.next_value} on {p.next_start}"
                           if p.next_value is not None else
                           f"{p.ref} is no longer set from {p.next_start} (the text then in "
                           "force gives no such value)")
    review: list[str] = []
    if spec.needs_review:
        review.append(spec.needs_review)
    review.extend(_article_reviews(law, spec))
    review.extend(f"{p.ref}: value marked needs_review in the law data" for p in params
                  if p.needs_review)
    interpretation = spec.interpretation or any(p.interpretation for p in params)
    if interpretation:
        because.append("this answer rests on an interpretation where the text is silent")
    deadline = outcome.deadline if status is Status.APPLIES else None
    return Finding(
        obligation=spec.key,
        status=status,
        instrument=_instrument_label(inst),
        article=spec.article,
        citation=_citation(law, spec),
        because=tuple(because),
        deadline=deadline.day if deadline else None,
        topic=spec.topic,
        title=spec.title,
        title_zh=spec.title_zh,
        instrument_id=inst.id,
        instrument_short=inst.short,
        instrument_status=legal.value,
        missing=outcome.missing if status is Status.NEEDS_INFO or would_be else (),
        params=params,
        needs_review=tuple(review),
        interpretation=interpretation,
        deadline_estimated=bool(deadline and deadline.estimated),
        would_be=would_be,
        effective=effective,
    )


def evaluate_key(key: str, specs: Iterable[RuleSpec], law: LawBook, profile: Profile,
                 options: Options, shared: dict[date, dict[Hashable, Any]] | None = None) -> Finding:
    """Decide one obligation; rules in effect must agree (Catala: no silent pick)."""
    active = [s for s in specs if s.in_effect(options.as_of)]
    if not active:
        raise RuleConflictError(f"{key}: no rule in effect on {options.as_of} (a gap)")
    shared = {} if shared is None else shared
    findings = [_gate(law, s, profile, options, shared) for s in active]
    statuses = {f.status for f in findings}
    if len(statuses) > 1:
        raise RuleConflictError(
            f"{key}: rules disagree on {options.as_of}: "
            + ", ".join(f"{s.fn.__name__}={f.status.value}" for s, f in zip(active, findings,
                                                                            strict=True)))
    return findings[0]


def assess(profile: Profile, options: Options, *, law: LawBook | None = None,
           registry: Registry = REGISTRY) -> Assessment:
    """Every obligation the project knows, each with exactly one status."""
    law = law or load_lawbook()
    findings = []
    shared: dict[date, dict[Hashable, Any]] = {}  # per-run memo for rules (RuleContext.memo)
    with collector_paused():  # the run's many small results hold no cycles (cnprivacy._collector)
        for key in registry.obligation_keys():
            finding = evaluate_key(key, registry.for_key(key), law, profile, options, shared)
            if finding.status in options.statuses:
                findings.append(finding)
    findings.sort(key=lambda f: (f.topic, f.obligation))
    counts = Counter(f.status.value for f in findings)
    receipt = Receipt(
        engine_version=engine_version(),
        law_data_hash=law.data_hash,
        profile_hash=profile_hash(profile),
        as_of=options.as_of,
        rules=len(registry.rules),
        instruments=len(law.instruments),
        what_if=options.what_if,
    )
    return Assessment(as_of=options.as_of, findings=tuple(findings), receipt=receipt,
                      organization=profile.organization.name,
                      counts={s.value: counts.get(s.value, 0) for s in Status})
