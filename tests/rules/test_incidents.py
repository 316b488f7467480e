"""Incident reporting routes and time limits (1h CII / 2h state organs / 4h others)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.profile import apply_overrides, read_raw, validate

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"


def reporting(as_of: str, *overrides: str) -> Finding:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, ["organization.individuals_processed=100", *overrides], "test")
    result = assess(validate(data, "test"), Options(as_of=date.fromisoformat(as_of)))
    return result.by_key()["incidents.cyber_incident_reporting"]


@pytest.mark.parametrize(("facts", "text"), [
    (("organization.ciio=true", "organization.state_organ=true"), "within 1 hour(s)"),
    (("organization.ciio=false", "organization.state_organ=true"), "within 2 hours"),
    (("organization.ciio=false", "organization.state_organ=false"), "provincial CAC within 4 hours"),
])
def test_route_and_time_limit(facts: tuple[str, ...], text: str) -> None:
    f = reporting("2026-03-01", *facts)
    assert f.status.value == "applies"
    assert any(text in b for b in f.because)


def test_upcoming_before_in_force_states_what_will_apply() -> None:
    f = reporting("2025-10-31")
    assert f.status.value == "upcoming"
    assert f.effective == date(2025, 11, 1)
    assert any("within 4 hours" in b for b in f.because)


def test_cii_report_mentions_time_limit_only_once_measures_exist() -> None:
    data, _ = read_raw(BASE)
    p = validate(apply_overrides(data, ["organization.ciio=true"], "test"), "test")
    early = assess(p, Options(as_of=date(2025, 6, 1))).by_key()["incidents.cii_incident_reporting"]
    late = assess(p, Options(as_of=date(2025, 11, 1))).by_key()["incidents.cii_incident_reporting"]
    assert early.status.value == late.status.value == "applies"
    assert not any("hour" in b for b in early.because)
    assert any("within 1 hour(s)" in b for b in late.because)


@pytest.mark.parametrize(("people", "grade"), [
    (1_000_000, "较大"), (9_999_999, "较大"), (10_000_000, "重大 (major)"),
    (99_999_999, "重大 (major)"), (100_000_000, "特别重大")])
def test_pi_leak_grade_boundaries(people: int, grade: str) -> None:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, ["organization.individuals_processed=200000000",
                                  f"organization.pi_incident_individuals={people}"], "test")
    found = assess(validate(data, "test"), Options(as_of=date(2026, 3, 1))).by_key()[
        "incidents.pi_leak_grade"]
    assert found.status.value == "applies"
    assert f"graded {grade}" in found.because[-1]
    assert found.needs_review
