"""Decisions before the 2024 Provisions: the regime lines and grace periods (issue 11)."""

from __future__ import annotations

from datetime import date

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.profile import validate

PROFILE = {
    "organization": {"name": "Then Co.", "country": "CN", "province": "Beijing", "city": "Beijing",
                     "ciio": False, "individuals_processed": 500000},
    "transfers": [{"id": "t1", "date": "2022-10-01", "recipient": {"name": "R", "country": "SG"},
                   "basis": "other", "individuals": 10, "sensitive_individuals": 0,
                   "important_data": False, "no_personal_information": False,
                   "collected_abroad": False, "access_inside_china": False}],
}


def _because(as_of: date) -> str:
    dec = crossborder_decision(validate(PROFILE, "test"), Options(as_of=as_of))
    return "\n".join(dec.because)


def test_decree_11_grace_period_shown_until_2023_03_01() -> None:
    assert "until 2023-03-01" in _because(date(2023, 2, 28))
    assert "until 2023-03-01" not in _because(date(2023, 3, 1))


def test_decree_13_grace_period_shown_until_2023_12_01() -> None:
    assert "until 2023-12-01" in _because(date(2023, 11, 30))
    assert "until 2023-12-01" not in _because(date(2023, 12, 1))


def test_no_standard_contract_before_2023_06_01_is_flagged() -> None:
    assert "needs_review" in _because(date(2023, 5, 31))
    assert "standard contract is in force only from" not in _because(date(2023, 6, 1))


def test_the_original_reading_is_listed_for_review() -> None:
    dec = crossborder_decision(validate(PROFILE, "test"), Options(as_of=date(2023, 6, 1)))
    assert any("original_count_includes_sensitive" in r for r in dec.needs_review)
    assert any("original_assessment_individuals [interpretation]" in r for r in dec.needs_review)
