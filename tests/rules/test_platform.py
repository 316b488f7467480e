"""The NDSMR art 62 large-platform test: every element, each unknown, both size counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.profile import apply_overrides, read_raw, validate

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"


def status(reg: object, mau: object, complex_: object, impact: object) -> tuple[str, tuple[str, ...]]:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, [
        f"organization.registered_users={reg}", f"organization.monthly_active_users={mau}",
        f"organization.complex_business={complex_}", f"organization.major_impact={impact}",
        "organization.individuals_processed=1000",
    ], "test")
    f = assess(validate(data, "test"), Options(as_of=date(2026, 3, 1))).by_key()[
        "platform.large_network_platform"]
    return f.status.value, f.missing


@pytest.mark.parametrize(("reg", "mau", "complex_", "impact", "expected", "missing"), [
    (50_000_000, 0, "true", "true", "applies", ()),
    (49_999_999, 0, "true", "true", "not_applicable", ()),
    (0, 10_000_000, "true", "true", "applies", ()),
    (0, 9_999_999, "true", "true", "not_applicable", ()),
    (50_000_000, 0, "false", "true", "not_applicable", ()),
    (50_000_000, 0, "true", "false", "not_applicable", ()),
    (50_000_000, 0, "true", "null", "needs_info", ("organization.major_impact",)),
    (50_000_000, 0, "null", "null", "needs_info",
     ("organization.complex_business", "organization.major_impact")),
    ("null", 9_999_999, "true", "true", "needs_info", ("organization.registered_users",)),
    ("null", 10_000_000, "true", "true", "applies", ()),
    ("null", "null", "false", "null", "not_applicable", ()),
])
def test_large_platform_elements(reg: object, mau: object, complex_: str, impact: str,
                                 expected: str, missing: tuple[str, ...]) -> None:
    got, got_missing = status(reg, mau, complex_, impact)
    assert got == expected
    assert tuple(got_missing) == missing


def test_social_responsibility_report_is_flagged_for_review() -> None:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, [
        "organization.registered_users=60000000", "organization.complex_business=true",
        "organization.major_impact=true", "organization.individuals_processed=60000000"], "test")
    f = assess(validate(data, "test"), Options(as_of=date(2026, 3, 1))).by_key()[
        "platform.pi_social_responsibility_report"]
    assert f.status.value == "applies"
    assert f.deadline is None
    assert any("calendar date" in r for r in f.needs_review)
    assert any("ndsmr.social_responsibility_report_interval_years" in r for r in f.needs_review)


def test_draft_nationality_condition_is_on_the_officer_not_storage() -> None:
    # Issue 11 item 10: draft art 5 sets the officer's conditions; art 9 is storage only.
    data, _ = read_raw(BASE)
    data = apply_overrides(data, ["organization.large_platform_designated=true"], "test")
    found = assess(validate(data, "test"), Options(as_of=date(2026, 3, 1))).by_key()
    officer = "\n".join(found["platform.large_platform_officer_and_body"].because)
    storage = "\n".join(found["platform.large_platform_domestic_storage"].because)
    assert "PRC national" in officer and "5+ years" in officer and "management" in officer
    assert "national" not in storage and "residency" not in storage
