"""Facial recognition rules: the filing threshold and deadline, transitional filing, and which
facts make the other facial duties apply."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.law import load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR
from cnprivacy.profile import Profile
from cnprivacy.rules import facial
from cnprivacy.rules.base import RuleContext, Status

ORG: dict[str, Any] = {"name": "Face Co", "country": "CN", "province": "Beijing",
                       "facial_recognition_individuals": 0, "minors_under_14_processed": 0,
                       "public_place_image_collection": False}


def _profile(org: dict[str, Any] | None = None, **sections: Any) -> Profile:
    return Profile.model_validate({"organization": {**ORG, **(org or {})}, **sections})


def _ctx(profile: Profile, day: date) -> RuleContext:
    return RuleContext(profile=profile, as_of=day, law=load_lawbook(), calendar=DEFAULT_CALENDAR)


def _finding(profile: Profile, key: str, day: date = date(2026, 3, 1)) -> Finding:
    return assess(profile, Options(as_of=day)).by_key()[key]


@pytest.mark.parametrize(("count", "status"), [
    (99_999, Status.NOT_APPLICABLE), (100_000, Status.APPLIES), (100_001, Status.APPLIES)])
def test_filing_threshold_includes_the_number(count: int, status: Status) -> None:
    found = _finding(_profile({"facial_recognition_individuals": count}), "facial.filing")
    assert found.status is status
    assert any("facial_measures.filing_threshold" in line for line in found.because)


def test_filing_deadline_counts_thirty_working_days_over_spring_festival() -> None:
    profile = _profile({"facial_recognition_individuals": 120_000,
                        "facial_threshold_reached_on": "2026-02-10"})
    outcome = facial.filing(_ctx(profile, date(2026, 3, 1)))
    assert outcome.deadline is not None
    # 14 and 28 Feb 2026 are working Saturdays; 15-23 Feb are the Spring Festival holiday.
    assert outcome.deadline.day == date(2026, 3, 30)
    assert not outcome.deadline.estimated


def test_filing_reached_before_the_measures_uses_the_notice_date() -> None:
    profile = _profile({"facial_recognition_individuals": 120_000,
                        "facial_threshold_reached_on": "2025-05-31"})
    outcome = facial.filing(_ctx(profile, date(2025, 6, 2)))
    assert outcome.deadline is not None and outcome.deadline.day == date(2025, 7, 14)
    on_the_day = _profile({"facial_recognition_individuals": 120_000,
                           "facial_threshold_reached_on": "2025-06-01"})
    regular = facial.filing(_ctx(on_the_day, date(2025, 6, 2)))
    assert regular.deadline is not None and regular.deadline.day == date(2025, 7, 14)
    later = _profile({"facial_recognition_individuals": 120_000,
                      "facial_threshold_reached_on": "2025-06-03"})
    late = facial.filing(_ctx(later, date(2025, 6, 3)))
    # 2 June 2025 is the Dragon Boat holiday; 30 working days from 3 June end on 15 July (and
    # from 1 June on 14 July, the same day the notice gives for earlier processors).
    assert late.deadline is not None and late.deadline.day == date(2025, 7, 15)


def test_filing_without_reached_on_applies_and_says_why_there_is_no_deadline() -> None:
    found = _finding(_profile({"facial_recognition_individuals": 200_000}), "facial.filing")
    assert found.status is Status.APPLIES and found.deadline is None
    assert any("facial_threshold_reached_on not given" in line for line in found.because)


def test_filed_organization_is_reminded_of_change_filings() -> None:
    found = _finding(_profile({"facial_recognition_individuals": 200_000, "facial_filed": True}),
                     "facial.filing")
    assert any("30 working days" in line for line in found.because)


def test_facial_use_is_read_from_activities_and_ai_services_not_only_the_count() -> None:
    via_activity = _profile(processing=[{"id": "gate", "data_categories": ["facial"],
                                         "legal_basis": "consent"}])
    assert _finding(via_activity, "facial.purpose_necessity").status is Status.APPLIES
    assert _finding(via_activity, "facial.separate_consent").status is Status.APPLIES
    via_ai = _profile(ai_services=[{"id": "swap", "kind": "deep_synthesis",
                                    "uses_facial_data": True}])
    assert _finding(via_ai, "facial.local_storage").status is Status.APPLIES
    nothing = _profile()
    assert _finding(nothing, "facial.local_storage").status is Status.NOT_APPLICABLE


def test_unknown_count_is_needs_info_never_not_applicable() -> None:
    found = _finding(_profile({"facial_recognition_individuals": None}), "facial.notice")
    assert found.status is Status.NEEDS_INFO
    assert found.missing == ("organization.facial_recognition_individuals",)


def test_separate_consent_follows_the_legal_basis() -> None:
    contract = _profile(processing=[{"id": "kiosk", "data_categories": ["facial"],
                                     "legal_basis": "contract"}])
    assert _finding(contract, "facial.separate_consent").status is Status.NOT_APPLICABLE
    unknown = _profile(processing=[{"id": "kiosk", "data_categories": ["facial"]}])
    found = _finding(unknown, "facial.separate_consent")
    assert found.status is Status.NEEDS_INFO and found.missing == ("processing[kiosk].legal_basis",)


def test_guardian_consent_needs_a_facial_activity_covering_children() -> None:
    adults = _profile(processing=[{"id": "gate", "data_categories": ["facial"],
                                   "legal_basis": "separate_consent"}],
                      org={"minors_under_14_processed": 50})
    assert _finding(adults, "facial.guardian_consent_under_14").status is Status.NOT_APPLICABLE
    kids = _profile(processing=[{"id": "gate", "data_categories": ["facial", "minor_under_14"],
                                 "legal_basis": "consent"}])
    assert _finding(kids, "facial.guardian_consent_under_14").status is Status.APPLIES
    count_only = _profile({"facial_recognition_individuals": 10, "minors_under_14_processed": 3})
    found = _finding(count_only, "facial.guardian_consent_under_14")
    assert found.status is Status.NEEDS_INFO and "processing[].data_categories" in found.missing


def test_unconfirmed_article_numbers_surface_as_needs_review() -> None:
    profile = _profile({"facial_recognition_individuals": 10})
    assert _finding(profile, "facial.pipia_beforehand").needs_review
    # Articles 10 and 15 are confirmed by CAC texts: no flag.
    assert not _finding(profile, "facial.not_sole_verification").needs_review
