"""Re-declaration and refiling triggers in the decision and its JSON (issue 11)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.profile import validate

ORG = {"name": "Changes Co.", "country": "CN", "province": "Beijing", "city": "Beijing",
       "ciio": False}
BASE = {"id": "t1", "date": "2026-02-01", "recipient": {"name": "R", "country": "SG"},
        "basis": "other", "individuals": 200000, "sensitive_individuals": 0,
        "important_data": False, "no_personal_information": False, "collected_abroad": False,
        "access_inside_china": False}


def _triggers(as_of: date, **transfer: Any) -> list[dict[str, Any]]:
    profile = validate({"organization": ORG, "transfers": [{**BASE, **transfer}]}, "test")
    out = crossborder_decision(profile, Options(as_of=as_of)).to_dict()
    triggers: list[dict[str, Any]] = out["transfers"][0]["changes_since_previous"]
    return triggers


def test_no_previous_version_no_trigger() -> None:
    assert _triggers(date(2026, 3, 1), contract_effective="2026-02-02", purpose="x") == []


def test_unchanged_facts_fire_nothing() -> None:
    assert _triggers(date(2026, 3, 1), contract_effective="2026-02-02", purpose="support",
                     data_categories=["identity"],
                     previous={"purpose": "support", "data_categories": ["identity"]}) == []


def test_storage_location_is_a_refiling_trigger_but_not_a_redeclaration_trigger() -> None:
    both = dict(contract_effective="2026-02-02", mechanism_in_place="standard_contract",
                assessment_approved_on="2025-06-01", storage_location="Frankfurt",
                previous={"storage_location": "Singapore"})
    found = _triggers(date(2026, 3, 1), **both)
    assert [(t["trigger"], t["citation"].split(" — ")[0]) for t in found] == [
        ("storage_location_change", "Standard Contract Measures art. 8(1)")]
    assert found[0]["conditional"] is False and "file it again" in found[0]["redo"]


def test_categories_and_sensitivity_compare_as_sets_and_flags() -> None:
    found = _triggers(date(2026, 3, 1), contract_effective="2026-02-02",
                      data_categories=["contact", "identity"], sensitive_individuals=5,
                      previous={"data_categories": ["identity", "contact", "device"],
                                "sensitive": False})
    assert [t["trigger"] for t in found] == ["categories_change", "sensitivity_change"]


def test_retention_shortened_is_no_trigger_extended_is() -> None:
    kw = dict(contract_effective="2026-02-02", previous={"overseas_retention_months": 12})
    assert _triggers(date(2026, 3, 1), overseas_retention_months=12, **kw) == []
    assert _triggers(date(2026, 3, 1), overseas_retention_months=6, **kw) == []
    assert [t["trigger"] for t in _triggers(date(2026, 3, 1), overseas_retention_months=13,
                                            **kw)] == ["retention_extended"]


def test_assessment_events_during_validity() -> None:
    kw = dict(date="2025-02-01", mechanism_in_place="security_assessment",
              assessment_approved_on="2023-03-01",
              previous={"events": ["control_changed", "force_majeure"]})
    found = _triggers(date(2025, 2, 28), **kw)
    assert [(t["trigger"], t["conditional"]) for t in found] == [
        ("control_change", True), ("force_majeure", True)]
    assert all("art. 14(2)" in t["citation"] for t in found)
    assert _triggers(date(2025, 3, 1), **kw) == []  # the 2-year validity ended 2025-03-01


def test_a_fact_only_the_other_instrument_names_is_not_asked_for() -> None:
    profile = validate({"organization": ORG, "transfers": [{
        **BASE, "date": "2025-02-01", "mechanism_in_place": "security_assessment",
        "assessment_approved_on": "2023-03-01", "previous": {"storage_location": "Singapore"}}]},
        "test")
    dec = crossborder_decision(profile, Options(as_of=date(2025, 2, 28)))
    assert "transfers[t1].storage_location" not in dec.missing
