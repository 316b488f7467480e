"""What a rule is: a small pure function over the profile and dated parameters.

A rule is registered with :func:`rule` under an obligation key and the instrument and article it
enforces. It receives a :class:`RuleContext` and returns an :class:`Outcome`. It never decides
``upcoming`` or ``proposed`` itself: the engine derives those from the instrument's timeline and
still runs the rule, so a DPO sees what a draft *would* mean for them.

Threshold comparisons go through :meth:`RuleContext.meets`, which applies the statute's wording
(以上 ``gte``; 超过 ``gt``; 不满 ``lt``) and writes the ``because`` line itself, so the boundary is
decided in one place and always explained.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar, cast

from cnprivacy.law import LawBook, ResolvedValue
from cnprivacy.law.workdays import Deadline, WorkCalendar
from cnprivacy.profile import Profile

T = TypeVar("T")


class Status(StrEnum):
    APPLIES = "applies"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_INFO = "needs_info"
    UPCOMING = "upcoming"
    PROPOSED = "proposed"


class ParameterUndefined(Exception):
    """A rule asked for a parameter that has no value on the evaluation date."""

    def __init__(self, ref: str, day: date) -> None:
        super().__init__(f"{ref} has no value on {day.isoformat()}")
        self.ref = ref
        self.day = day


_SYMBOL = {"gte": ">=", "gt": ">", "lt": "<", "lte": "<=", "eq": "=="}
_WORDING = {"gte": "以上 includes the number", "gt": "超过 excludes the number",
            "lt": "不满 excludes the number", "lte": "以下 includes the number", "eq": "equal"}


def compare(value: float, op: str, threshold: float) -> bool:
    if op == "gte":
        return value >= threshold
    if op == "gt":
        return value > threshold
    if op == "lt":
        return value < threshold
    if op == "lte":
        return value <= threshold
    if op == "eq":
        return value == threshold
    raise ValueError(f"unknown comparison {op!r}")


@dataclass(frozen=True)
class Outcome:
    """What a rule decided, before the engine adds status gating and citations."""

    status: Status
    because: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    deadline: Deadline | None = None


def applies(*because: str, deadline: Deadline | date | None = None) -> Outcome:
    if isinstance(deadline, date):
        deadline = Deadline(deadline)
    return Outcome(Status.APPLIES, tuple(because), deadline=deadline)


def not_applicable(*because: str) -> Outcome:
    return Outcome(Status.NOT_APPLICABLE, tuple(because))


def needs_info(*missing: str, because: Iterable[str] = ()) -> Outcome:
    """A fact the rule needs is unknown; ``missing`` names profile field paths."""
    lines = tuple(because) + tuple(f"{m} is not given in the profile" for m in missing)
    return Outcome(Status.NEEDS_INFO, lines, missing=tuple(missing))


def unmet(ctx: RuleContext, fact: str, value: float | None, instrument: str, name: str,
          *below: str) -> Outcome | None:
    """Gate a duty on a threshold: needs_info when ``fact`` is unknown, not_applicable (with
    ``below`` as the reason) when the threshold is not met, None when the duty is triggered."""
    hit = ctx.meets(fact, value, instrument, name)
    if hit is None:
        return needs_info(fact)
    return None if hit else not_applicable(*below)


def unflagged(fact: str, value: bool | None, *below: str) -> Outcome | None:
    """Gate a duty on a yes/no fact (the twin of :func:`unmet`): needs_info when unknown,
    not_applicable when false (``below``, or ``<fact> = false``), None when the duty applies."""
    if value is None:
        return needs_info(fact)
    return None if value else not_applicable(*(below or (f"{fact} = false",)))


@dataclass
class RuleContext:
    """Everything a rule may read; records every parameter it uses for the trace and diff."""

    profile: Profile
    as_of: date
    law: LawBook
    calendar: WorkCalendar
    notes: list[str] = field(default_factory=list)
    shared: dict[Hashable, Any] = field(default_factory=dict)
    _used: dict[str, ResolvedValue] = field(default_factory=dict)

    @property
    def used(self) -> list[ResolvedValue]:
        """Parameters read so far, in first-use order."""
        return list(self._used.values())

    def value(self, instrument: str, name: str) -> ResolvedValue:
        resolved = self.law.value(instrument, name, self.as_of)
        if resolved is None:
            raise ParameterUndefined(f"{instrument}.{name}", self.as_of)
        self._used.setdefault(resolved.ref, resolved)
        return resolved

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Compute once per assessment what several rules need (e.g. the cross-border decision).

        ``shared`` is one dict per assessment run and date, so the cached value always belongs to
        this profile and as-of date; parameters read inside ``compute`` are recorded only for the
        rule that computed it, so callers re-read the values they cite.
        """
        if key not in self.shared:
            self.shared[key] = compute()
        return cast(T, self.shared[key])

    def param(self, instrument: str, name: str) -> Any:
        """The parameter's value on the evaluation date (recorded in the trace)."""
        return self.value(instrument, name).value

    def defined(self, instrument: str, name: str) -> bool:
        return self.law.value(instrument, name, self.as_of) is not None

    def meets(self, fact: str, value: float | None, instrument: str, name: str) -> bool | None:
        """Compare a profile fact with a threshold per the statute's wording.

        Returns None when the fact is unknown (the caller answers ``needs_info``); otherwise
        records a line such as ``organization.individuals_processed = 1000000 >= 1000000``.
        """
        resolved = self.value(instrument, name)
        op = resolved.parameter.comparison or "gte"
        if value is None:
            return None
        threshold = resolved.value
        if not isinstance(threshold, (int, float)):
            raise TypeError(f"{resolved.ref} is not a number")
        result = compare(value, op, threshold)
        verdict = _SYMBOL[op] if result else f"not {_SYMBOL[op]}"
        self.notes.append(
            f"{fact} = {value} {verdict} {threshold} ({resolved.ref}; {_WORDING[op]})"
        )
        return result

    def add_workdays(self, start: date, days: int) -> Deadline:
        return self.calendar.add_workdays(start, days)

    def take_notes(self) -> tuple[str, ...]:
        notes, self.notes = tuple(self.notes), []
        return notes


RuleFunction = Callable[[RuleContext], Outcome]


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: the obligation it decides and where the law says so."""

    key: str
    topic: str
    title: str
    instrument: str
    article: str
    fn: RuleFunction
    also_cites: tuple[tuple[str, str], ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None
    interpretation: bool = False
    needs_review: str | None = None
    title_zh: str | None = None

    def in_effect(self, day: date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass
class Registry:
    rules: list[RuleSpec] = field(default_factory=list)
    # The rules by obligation, rebuilt when the list has grown (``assess`` asks for each of the
    # 134 obligations in every run; a scan of every rule per obligation was a tenth of a run).
    _by_key: dict[str, list[RuleSpec]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    def add(self, spec: RuleSpec) -> None:
        self.rules.append(spec)

    def _index(self) -> dict[str, list[RuleSpec]]:
        if self._indexed != len(self.rules):
            by_key: dict[str, list[RuleSpec]] = {}
            for r in self.rules:
                by_key.setdefault(r.key, []).append(r)
            self._by_key, self._indexed = by_key, len(self.rules)
        return self._by_key

    def obligation_keys(self) -> list[str]:
        return sorted(self._index())

    def for_key(self, key: str) -> list[RuleSpec]:
        return list(self._index().get(key, ()))


REGISTRY = Registry()


def rule(
    key: str,
    *,
    topic: str,
    title: str,
    instrument: str,
    article: str,
    also_cites: Iterable[tuple[str, str]] = (),
    valid_from: date | None = None,
    valid_until: date | None = None,
    interpretation: bool = False,
    needs_review: str | None = None,
    title_zh: str | None = None,
    registry: Registry = REGISTRY,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register ``fn`` as the rule deciding obligation ``key``."""

    def decorate(fn: RuleFunction) -> RuleFunction:
        registry.add(RuleSpec(
            key=key, topic=topic, title=title, instrument=instrument, article=article, fn=fn,
            also_cites=tuple(also_cites), valid_from=valid_from, valid_until=valid_until,
            interpretation=interpretation, needs_review=needs_review, title_zh=title_zh,
        ))
        return fn

    return decorate
