"""Who counts as a minor for the Minors Online Regulations (under 18, under-14s included)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.profile import apply_overrides, read_raw, validate

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"


@pytest.mark.parametrize(("facts", "expected"), [
    (("organization.minors_processed=0", "organization.minors_under_14_processed=0"),
     "not_applicable"),
    (("organization.minors_processed=1", "organization.minors_under_14_processed=0"), "applies"),
    # Under-14s are minors even where the under-18 count was left at zero or unknown.
    (("organization.minors_processed=0", "organization.minors_under_14_processed=2"), "applies"),
    (("organization.minors_processed=null", "organization.minors_under_14_processed=2"),
     "applies"),
    (("organization.minors_processed=null", "organization.minors_under_14_processed=0"),
     "needs_info"),
    (("organization.minors_processed=null",
      "processing=[{id: k, data_categories: [minor_under_14], legal_basis: consent}]"),
     "applies"),
])
def test_minors_present(facts: tuple[str, ...], expected: str) -> None:
    data, _ = read_raw(BASE)
    p = validate(apply_overrides(data, facts, "test"), "test")
    got = assess(p, Options(as_of=date(2026, 3, 1))).by_key()
    for key in ("minors.yearly_compliance_audit", "minors.breach_reporting",
                "minors.access_control", "minors.no_forced_consent"):
        assert got[key].status.value == expected, key
