"""Working-day deadlines on China's official calendar, and years without a schedule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.law.workdays import DEFAULT_CALENDAR, load_calendar


def test_spring_festival_and_adjusted_saturday() -> None:
    # 2026-02-14 (Saturday) is an adjusted working day; 15-23 Feb are holidays.
    d = DEFAULT_CALENDAR.add_workdays(date(2026, 2, 5), 10)
    assert d.day == date(2026, 2, 26) and not d.estimated


def test_start_day_not_counted() -> None:
    assert DEFAULT_CALENDAR.add_workdays(date(2026, 3, 2), 1).day == date(2026, 3, 3)


def test_national_day_week() -> None:
    # 2026-09-30 (Wed) + 1 working day skips 1-7 October; 10 Oct (Sat) is a working day.
    assert DEFAULT_CALENDAR.add_workdays(date(2026, 9, 30), 1).day == date(2026, 10, 8)
    assert DEFAULT_CALENDAR.add_workdays(date(2026, 10, 9), 1).day == date(2026, 10, 10)


def test_year_without_data_is_flagged_not_a_crash() -> None:
    d = DEFAULT_CALENDAR.add_workdays(date(2026, 12, 28), 10)
    assert d.estimated
    assert d.day.year == 2027


def test_user_supplied_schedule(tmp_path: Path) -> None:
    path = tmp_path / "2027.yaml"
    path.write_text("2027:\n  holidays: [2027-01-01, 2027-01-04]\n  workdays: []\n", encoding="utf-8")
    cal = load_calendar(path)
    d = cal.add_workdays(date(2026, 12, 31), 1)
    assert d.day == date(2027, 1, 5) and not d.estimated


def test_subtract_workdays_window() -> None:
    d = DEFAULT_CALENDAR.subtract_workdays(date(2026, 10, 12), 2)
    assert d.day == date(2026, 10, 9)


@pytest.mark.parametrize("text", ["2027: {holidays: [2028-01-01]}", "2027: {feasts: []}",
                                  "2027: {holidays: [notadate]}", "[1, 2]"])
def test_bad_schedule_is_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load_calendar(path)


@pytest.mark.parametrize(("text", "field"), [
    ("2027: {holidays: [2027-02-30]}", "2027.holidays[0]"),
    ("2027: {holidays: [[2027, 1, 1]]}", "2027.holidays[0]"),
    ("2027: {holidays: [2027-01-01]}\n2027: {workdays: []}\n", None),  # key named in problem
    ("2027: {holidays: [2027-01-01], holidays: []}\n", "2027"),
    ("2027: &y {holidays: []}\n2028: *y\n", "2028"),
    ("true: {holidays: []}", "True"),
])
def test_bad_schedule_names_the_field(tmp_path: Path, text: str, field: str | None) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_calendar(path)
    assert info.value.field == field and "\n" not in str(info.value)
