"""Deadline arithmetic: Civil Code periods, working-day windows, unknown calendar years."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.profile import validate
from cnprivacy.rules.crossborder import add_months, add_years


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2026, 1, 15), 2, date(2026, 3, 15)),
    (date(2025, 12, 31), 2, date(2026, 2, 28)),   # no 31 February: month end
    (date(2027, 12, 31), 2, date(2028, 2, 29)),   # leap year
    (date(2029, 2, 28), -6, date(2028, 8, 28)),
    (date(2026, 8, 31), -6, date(2026, 2, 28)),
])
def test_add_months_follows_the_civil_code(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_add_years_from_29_february() -> None:
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


def _decide(transfer: dict[str, object], as_of: date):  # type: ignore[no-untyped-def]
    base = {"id": "t1", "date": "2025-03-01", "recipient": {"name": "R", "country": "SG"},
            "basis": "other", "individuals": 1200000, "sensitive_individuals": 0,
            "important_data": False, "no_personal_information": False, "collected_abroad": False,
            "access_inside_china": False}
    profile = validate({"organization": {"name": "X", "country": "CN", "ciio": False},
                        "transfers": [{**base, **transfer}]}, "test")
    return crossborder_decision(profile, Options(as_of=as_of)).transfers[0]


def _back(end: date, n: int) -> date:
    """Independent count: the n-th official working day before ``end``."""
    day = end
    while n:
        day -= timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def test_extension_window_opens_60_working_days_before_expiry() -> None:
    t = _decide({"assessment_approved_on": "2024-06-05"}, date(2025, 6, 1))
    (due,) = t.due
    assert due.kind == "assessment_extension" and due.day == date(2027, 6, 5)
    # 2027 has no official holiday schedule yet: computed on weekdays and flagged
    assert due.estimated


def test_result_before_2024_keeps_two_years_and_says_so() -> None:
    t = _decide({"assessment_approved_on": "2023-06-01"}, date(2025, 3, 1))
    (due,) = t.due
    assert due.day == date(2025, 6, 1)
    assert due.opens == _back(date(2025, 6, 1), 60) and not due.estimated
    assert "needs_review" in due.what


def test_filing_deadline_counts_adjusted_working_weekends() -> None:
    t = _decide({"individuals": 200000, "contract_effective": "2025-09-26"}, date(2025, 12, 1))
    assert t.deadline == date(2025, 10, 16)
    day, n = date(2025, 9, 26), 10
    while n:
        day += timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    assert t.deadline == day
