"""Golden grading on both sides of every encoded threshold (以上: the number itself meets it)."""

from __future__ import annotations

import pytest

from cnprivacy.law.loader import load_lawbook
from cnprivacy.records.incident import GradeLevel, audit_flag, grade

from .incident_samples import incident

BOOK = load_lawbook()
G, R, M, E = (GradeLevel.GENERAL, GradeLevel.RELATIVELY_MAJOR, GradeLevel.MAJOR,
              GradeLevel.ESPECIALLY_MAJOR)


@pytest.mark.parametrize(("people", "level"), [
    (999_999, G), (1_000_000, R), (9_999_999, R), (10_000_000, M), (99_999_999, M),
    (100_000_000, E)])
def test_pi_leak_thresholds_both_sides(people: int, level: GradeLevel) -> None:
    graded = grade(incident(individuals=people), BOOK)
    assert graded.level is level
    assert graded.reportable is (level is not G)
    if level is not G:
        assert any(f"individuals = {people:,} meets" in line for line in graded.because)


@pytest.mark.parametrize(("changes", "level"), [
    ({"operator_type": "cii", "cii_outage_hours": 5.99}, G),
    ({"operator_type": "cii", "cii_outage_hours": 6}, E),
    ({"operator_type": "cii", "cii_main_function_outage_hours": 23.9}, G),
    ({"operator_type": "cii", "cii_main_function_outage_hours": 24}, E),
    ({"people_services_affected": 9_999_999}, G),
    ({"people_services_affected": 10_000_000}, E),
    ({"direct_economic_loss_yuan": 99_999_999}, G),
    ({"direct_economic_loss_yuan": 100_000_000}, E),
])
def test_annex_especially_major_indicators_both_sides(changes: dict, level: GradeLevel) -> None:
    base = {"cii_outage_hours": 0, "cii_main_function_outage_hours": 0}
    assert grade(incident(**{**base, **changes}), BOOK).level is level


def test_cii_outage_does_not_grade_an_operator_that_is_not_cii() -> None:
    assert grade(incident(operator_type="other", cii_outage_hours=10), BOOK).level is G


def test_pi_thresholds_count_only_leaks() -> None:
    altered = grade(incident(effects=["alteration"], individuals=100_000_000), BOOK)
    assert altered.level is G and altered.reportable is False
    unknown = grade(incident(effects=None, individuals=1_000_000), BOOK)
    assert unknown.level is R and "counted as a leak" in " ".join(unknown.because)


def test_assessed_grade_raises_but_never_lowers() -> None:
    assert grade(incident(assessed_grade="major"), BOOK).level is M
    assert grade(incident(assessed_grade="general", individuals=10_000_000), BOOK).level is M


def test_unknown_count_keeps_reportability_open() -> None:
    graded = grade(incident(individuals=None), BOOK)
    assert graded.level is G and graded.reportable is None
    assert "individuals" in graded.missing and graded.needs_review


def test_before_the_measures_take_effect_there_is_no_grade() -> None:
    before = grade(incident(discovered_at="2025-10-31T23:59:00+08:00", individuals=10**8), BOOK)
    assert before.level is None and before.reportable is None
    # 2025-10-31T16:00Z is 2025-11-01 00:00 in China: the Measures apply.
    on = grade(incident(discovered_at="2025-10-31T16:00:00Z", individuals=10**8), BOOK)
    assert on.level is E


def test_grade_cites_the_measures() -> None:
    cite = grade(incident(), BOOK).citation
    assert "国家网络安全事件报告管理办法" in cite and "cac.gov.cn" in cite


@pytest.mark.parametrize(("people", "sensitive", "flag"), [
    (999_999, 99_999, False), (1_000_000, 0, True), (100_000, 100_000, True), (999_999, 100_000, True),
    (None, 99_999, None), (None, 100_000, True)])
def test_audit_order_flag_both_sides(people: int | None, sensitive: int, flag: bool | None) -> None:
    found = audit_flag(incident(individuals=people, sensitive_individuals=sensitive), BOOK)
    assert found.may_order is flag
    assert "art 5(3)" in found.citation


def test_audit_flag_counts_alteration_loss_and_destruction_too() -> None:
    assert audit_flag(incident(effects=["destruction"], individuals=1_000_000), BOOK).may_order
    assert audit_flag(incident(effects=[], individuals=1_000_000), BOOK).may_order is False
