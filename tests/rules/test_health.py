"""Shanghai healthcare guidelines: literal scope vs the flagged extended reading."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.profile import Profile
from cnprivacy.rules.base import Status

HEALTH = [{"id": "consult", "data_categories": ["medical_health"], "legal_basis": "consent"}]


def _finding(org: dict[str, Any], sectors: list[str],
             processing: list[dict[str, Any]] = HEALTH) -> Finding:
    profile = Profile.model_validate({"organization": {"name": "H", "country": "CN", **org},
                                      "sectors": sectors, "processing": processing})
    return assess(profile, Options(as_of=date(2026, 3, 1))).by_key()[
        "health.shanghai_separate_consent"]


def test_literal_scope_is_not_an_interpretation() -> None:
    found = _finding({"province": "Shanghai"}, ["healthcare"])
    assert found.status is Status.APPLIES and not found.interpretation


@pytest.mark.parametrize(("org", "sectors"), [({"province": "上海市"}, [])])
def test_extended_scope_is_flagged_as_interpretation(org: dict[str, Any], sectors: list[str]) -> None:
    found = _finding(org, sectors)
    assert found.status is Status.APPLIES and found.interpretation


def test_local_guidelines_do_not_reach_healthcare_outside_shanghai() -> None:
    # Issue 11 item 7: local guidance; PIPL arts 28-29 cover the substance elsewhere.
    found = _finding({"province": "Beijing"}, ["healthcare"])
    assert found.status is Status.NOT_APPLICABLE and not found.interpretation


def test_activity_flag_puts_it_in_scope_anywhere() -> None:
    flagged = [{**HEALTH[0], "health_data_shanghai": True}]
    found = _finding({"province": "Zhejiang"}, [], flagged)
    assert found.status is Status.APPLIES and not found.interpretation


def test_out_of_scope_and_unknown() -> None:
    assert _finding({"province": "Beijing"}, []).status is Status.NOT_APPLICABLE
    unknown = _finding({}, [])
    assert unknown.status is Status.NEEDS_INFO and unknown.missing == ("organization.province",)
    no_health = [{"id": "crm", "data_categories": ["contact"], "legal_basis": "consent"}]
    assert _finding({"province": "Shanghai"}, ["healthcare"], no_health).status is \
        Status.NOT_APPLICABLE
