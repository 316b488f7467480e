"""China's official working-day calendar (工作日) for statutory deadlines.

Built on the maintained ``chinesecalendar`` package (State Council holiday schedules, including
adjusted working weekends). The package only knows the years it ships; the next year's schedule is
usually announced in November. A user can supply it as a YAML file, and a deadline that falls in
a year nobody has supplied is computed on weekdays only and flagged, never a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed date; ``estimated`` when a year without an official schedule was crossed."""

    day: date
    estimated: bool = False
    note: str | None = None

    def describe(self) -> str:
        text = self.day.isoformat()
        if self.estimated:
            text += " (estimated: weekdays only, no official holiday schedule for that year)"
        return text


@dataclass(frozen=True)
class YearSchedule:
    holidays: frozenset[date]
    workdays: frozenset[date]


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: the package's data, plus schedules supplied for further years."""

    extra_years: Mapping[int, YearSchedule] = field(default_factory=dict)
    # chinesecalendar scans its tables on each call; deadlines ask about the same days often.
    _workday: dict[date, bool] = field(default_factory=dict, compare=False, repr=False)
    _known: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)

    def known(self, day: date) -> bool:
        """Whether an official schedule (packaged or supplied) covers ``day``'s year."""
        if day.year in self.extra_years:
            return True
        cached = self._known.get(day.year)
        if cached is None:
            try:
                chinese_calendar.is_workday(date(day.year, 1, 1))
                cached = True
            except NotImplementedError:
                cached = False
            self._known[day.year] = cached
        return cached

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day; weekdays-only outside any known schedule."""
        cached = self._workday.get(day)
        if cached is None:
            cached = self._workday[day] = self._lookup(day)
        return cached

    def _lookup(self, day: date) -> bool:
        schedule = self.extra_years.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            return day.weekday() < 5 and day not in schedule.holidays
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return day.weekday() < 5

    def add_workdays(self, start: date, days: int) -> Deadline:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        current = start
        estimated = False
        while remaining:
            current += timedelta(days=step)
            if not self.known(current):
                estimated = True
            if self.is_workday(current):
                remaining -= 1
        return Deadline(current, estimated)

    def subtract_workdays(self, end: date, days: int) -> Deadline:
        """The working day ``days`` working days before ``end`` (start of a window)."""
        return self.add_workdays(end, -days)


def _dates(values: object, source: str, field_path: str) -> frozenset[date]:
    if values is None:
        return frozenset()
    if not isinstance(values, list):
        raise InputError(source, "must be a list of dates", field=field_path)
    out: set[date] = set()
    for i, value in enumerate(values):
        if isinstance(value, date):
            out.add(value)
            continue
        try:
            if not isinstance(value, str):
                raise ValueError
            out.add(date.fromisoformat(value))
        except ValueError:
            shown = f"{value!r} is" if isinstance(value, str) and len(value) <= 20 else "value is"
            raise InputError(source, f"{shown} not a date (YYYY-MM-DD)",
                             field=f"{field_path}[{i}]") from None
    return frozenset(out)


def load_calendar(path: Path | None = None) -> WorkCalendar:
    """A calendar with extra years from ``path``: YAML ``2027: {holidays: [...], workdays: [...]}``."""
    if path is None:
        return WorkCalendar()
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(source, f"cannot read: {err}") from None
    data = load_text(text, source)  # dates stay text: 2027-02-30 is reported by field below
    if not isinstance(data, dict):
        raise InputError(source, "top level must map years to schedules")
    years: dict[int, YearSchedule] = {}
    for year, body in data.items():
        if isinstance(year, bool) or not isinstance(year, int) or not isinstance(body, dict):
            raise InputError(source, "each entry must be YEAR: {holidays, workdays}", field=str(year))
        unknown = set(body) - {"holidays", "workdays"}
        if unknown:
            raise InputError(source, f"unknown field {sorted(unknown)[0]!r}", field=str(year))
        schedule = YearSchedule(
            holidays=_dates(body.get("holidays"), source, f"{year}.holidays"),
            workdays=_dates(body.get("workdays"), source, f"{year}.workdays"),
        )
        for day in schedule.holidays | schedule.workdays:
            if day.year != year:
                raise InputError(source, f"{day} is not in {year}", field=str(year))
        years[year] = schedule
    return WorkCalendar(extra_years=years)


DEFAULT_CALENDAR = WorkCalendar()
