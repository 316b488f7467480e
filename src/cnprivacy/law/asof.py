"""Resolving instruments and parameters as of a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cnprivacy.law.schema import DatedValue, Event, Instrument, LegalStatus, Parameter

_EVENT_STATUS: dict[Event, LegalStatus] = {
    Event.DRAFT_PUBLISHED: LegalStatus.DRAFT,
    Event.ADOPTED: LegalStatus.ADOPTED,
    Event.PUBLISHED: LegalStatus.ADOPTED,
    Event.IN_FORCE: LegalStatus.IN_FORCE,
    Event.AMENDMENT_IN_FORCE: LegalStatus.IN_FORCE,
    Event.SUPERSEDED: LegalStatus.SUPERSEDED,
    Event.REPEALED: LegalStatus.REPEALED,
}


def status_on(instrument: Instrument, day: date) -> LegalStatus:
    """The instrument's standing on ``day`` from its timeline.

    An amendment adopted while the instrument is in force leaves it in force; what changes is
    carried by dated parameters and article versions, not by the instrument's status.
    """
    status = LegalStatus.NOT_YET_PUBLISHED
    for entry in instrument.timeline:
        if entry.date > day:
            break
        if entry.event is Event.AMENDED:
            continue
        new = _EVENT_STATUS[entry.event]
        # A later "published" or "adopted" never demotes a rule already in force.
        if new is LegalStatus.ADOPTED and status is LegalStatus.IN_FORCE:
            continue
        status = new
    return status


def event_date(instrument: Instrument, event: Event) -> date | None:
    """First date of ``event`` in the timeline, if any."""
    for entry in instrument.timeline:
        if entry.event is event:
            return entry.date
    return None


def next_status_change(instrument: Instrument, day: date) -> tuple[date, LegalStatus] | None:
    """The first later date on which the status differs from its status on ``day``."""
    current = status_on(instrument, day)
    for entry in instrument.timeline:
        if entry.date > day and status_on(instrument, entry.date) is not current:
            return entry.date, status_on(instrument, entry.date)
    return None


@dataclass(frozen=True, slots=True)
class ResolvedValue:
    """A parameter's value on a date, with where it came from and what comes next."""

    instrument: str
    name: str
    value: int | float | str | bool | None
    start: date
    next_start: date | None
    next_value: int | float | str | bool | None
    needs_review: bool
    interpretation: bool
    source: str | None
    parameter: Parameter
    value_zh: str | None = None  # a text value as a Chinese page shows it (DatedValue.value_zh)

    @property
    def ref(self) -> str:
        return f"{self.instrument}.{self.name}"

    def describe(self) -> str:
        """Short trace text: ``pipl_audit.officer_threshold = 1000000 (from 2025-05-01)``."""
        text = f"{self.ref} = {self.value} (from {self.start.isoformat()})"
        if self.needs_review:
            text += " [needs_review]"
        if self.interpretation:
            text += " [interpretation]"
        return text


def value_text(value: object, unit: str = "") -> str:
    """A parameter's value as people read it; ``None`` (the text in force sets no such value,
    e.g. a fine tier an amendment adds) reads "not set", never "None"."""
    if value is None:
        return "not set"
    return f"{value} {unit}".rstrip()


def value_on(instrument: Instrument, name: str, day: date) -> ResolvedValue | None:
    """The parameter value in effect on ``day``, or None before its first dated value."""
    param = instrument.parameters[name]
    current: DatedValue | None = None
    following: DatedValue | None = None
    for dated in param.values:
        if dated.start <= day:
            current = dated
        elif following is None:
            following = dated
    if current is None:
        return None
    return ResolvedValue(
        instrument=instrument.id,
        name=name,
        value=current.value,
        start=current.start,
        next_start=following.start if following else None,
        next_value=following.value if following else None,
        needs_review=param.needs_review or current.needs_review,
        interpretation=param.interpretation,
        source=current.source,
        parameter=param,
        value_zh=current.value_zh,
    )
