"""App rules: the draft's user thresholds on both sides, the consultation start date on the
working-day calendar, and the shared ItemScan logic."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.law import load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR
from cnprivacy.profile import Profile
from cnprivacy.rules import apps
from cnprivacy.rules.apps import ItemScan
from cnprivacy.rules.base import RuleContext, Status

ORG = {"name": "App Co", "country": "CN", "province": "Beijing"}


def _profile(*items: dict[str, Any]) -> Profile:
    return Profile.model_validate({"organization": ORG, "apps": list(items)})


def _finding(profile: Profile, key: str, day: date = date(2026, 3, 1)) -> Finding:
    return assess(profile, Options(as_of=day)).by_key()[key]


def _complex_profile(*items: dict[str, Any], complex_business: bool | None = True) -> Profile:
    return Profile.model_validate({"organization": {**ORG, "complex_business": complex_business},
                                   "apps": list(items)})


# Issue 11 item 8: 以上 (as NDSMR art 62) includes the numbers, and complex business is needed.
@pytest.mark.parametrize(("registered", "mau", "would_be"), [
    (50_000_000, 0, Status.APPLIES),
    (0, 10_000_000, Status.APPLIES),
    (50_000_001, 0, Status.APPLIES),
    (0, 10_000_001, Status.APPLIES),
    (49_999_999, 9_999_999, Status.NOT_APPLICABLE),
])
def test_draft_thresholds_both_sides(registered: int, mau: int, would_be: Status) -> None:
    found = _finding(_complex_profile({"id": "big", "registered_users": registered,
                                       "monthly_active_users": mau}),
                     "apps.draft_rules_change_consultation")
    assert found.status is Status.PROPOSED
    assert found.would_be is would_be
    # The comparison is not confirmed in Chinese: every such finding carries the flag.
    assert any("large_app_registered_threshold" in r for r in found.needs_review)


@pytest.mark.parametrize(("complex_business", "would_be"), [
    (True, Status.APPLIES), (False, Status.NOT_APPLICABLE), (None, Status.NEEDS_INFO)])
def test_draft_consultation_needs_complex_business(complex_business: bool | None,
                                                   would_be: Status) -> None:
    found = _finding(_complex_profile({"id": "big", "registered_users": 60_000_000,
                                       "monthly_active_users": 0},
                                      complex_business=complex_business),
                     "apps.draft_rules_change_consultation")
    assert found.would_be is would_be


def test_draft_threshold_unknown_mau_is_needs_info_if_registered_is_below() -> None:
    found = _finding(_profile({"id": "mid", "registered_users": 100}),
                     "apps.draft_rules_change_consultation")
    assert found.would_be is Status.NEEDS_INFO
    assert found.missing == ("apps[mid].monthly_active_users",)


def test_consultation_opens_seven_working_days_before_the_change() -> None:
    profile = _complex_profile({"id": "big", "registered_users": 60_000_000,
                                "privacy_rules_change_planned": "2026-10-12"})
    ctx = RuleContext(profile=profile, as_of=date(2026, 9, 1), law=load_lawbook(),
                      calendar=DEFAULT_CALENDAR)
    outcome = apps.draft_rules_change_consultation(ctx)
    assert outcome.status is Status.APPLIES and outcome.deadline is not None
    # Back from Mon 12 Oct 2026: 10 (Sat, worked), 9, 8 Oct; 1-7 Oct National Day; 30, 29, 28
    # Sep; 25 Sep is Mid-Autumn; 24 Sep is the 7th working day.
    assert outcome.deadline.day == date(2026, 9, 24)


def test_draft_is_not_applicable_before_publication_and_proposed_after() -> None:
    profile = _profile({"id": "a", "sdks": ["X"]})
    assert _finding(profile, "apps.draft_sdk_review", date(2026, 1, 9)).status is \
        Status.NOT_APPLICABLE
    after = _finding(profile, "apps.draft_sdk_review", date(2026, 1, 10))
    assert after.status is Status.PROPOSED and after.would_be is Status.APPLIES


def test_contacts_prohibition_reads_permissions_and_flag() -> None:
    reads = _profile({"id": "a", "permissions": ["camera"],
                      "reads_contacts_call_logs_sms_for_third_parties": True})
    assert _finding(reads, "apps.draft_no_third_party_pi_from_contacts").would_be is Status.APPLIES
    sms = _profile({"id": "a", "permissions": ["sms"]})
    assert _finding(sms, "apps.draft_no_third_party_pi_from_contacts").would_be is Status.APPLIES
    none = _profile({"id": "a", "permissions": ["camera"],
                     "reads_contacts_call_logs_sms_for_third_parties": False})
    assert _finding(none, "apps.draft_no_third_party_pi_from_contacts").would_be is \
        Status.NOT_APPLICABLE
    unknown = _profile({"id": "a"})
    assert _finding(unknown, "apps.draft_no_third_party_pi_from_contacts").missing == \
        ("apps[a].permissions",)


def test_violation_types_are_called_out_in_because() -> None:
    profile = _profile({"id": "a", "sdks": ["Umeng"], "privacy_policy_lists_sdks": False,
                        "consent_withdrawal": False})
    sdk = _finding(profile, "apps.sdk_listing")
    assert any("does not list the SDKs" in b for b in sdk.because)
    withdraw = _finding(profile, "apps.consent_withdrawal")
    assert any("no way to withdraw consent" in b for b in withdraw.because)


def test_recommended_standard_is_said_to_be_recommended() -> None:
    found = _finding(_profile({"id": "a"}), "apps.minimum_necessary_collection")
    assert any("recommended (推荐性)" in b for b in found.because)


def test_item_scan_outcomes() -> None:
    res = ItemScan()
    res.out("x out")
    assert res.outcome("none").status is Status.NOT_APPLICABLE
    res.unknown("apps[y].z")
    assert res.outcome("none").status is Status.NEEDS_INFO
    res.hit("w hit")
    out = res.outcome("none")
    assert out.status is Status.APPLIES
    assert any("apps[y].z" in b for b in out.because)
    assert ItemScan().outcome("nothing here").because == ("nothing here",)


def test_terminal_duties_follow_the_sector() -> None:
    def would(sectors: list[str]) -> Status | None:
        profile = Profile.model_validate({"organization": ORG, "sectors": sectors})
        return _finding(profile, "apps.draft_terminal_permission_popups").would_be

    assert would(["smart_terminals"]) is Status.APPLIES
    assert would(["travel"]) is Status.NOT_APPLICABLE


def test_beijing_case_2_creates_no_deletion_duty() -> None:
    # The court upheld a permanent ban against a cancel-and-delete demand: no rule may turn the
    # case into a duty to delete; the deletion finding states the limit once the case is out.
    from cnprivacy.rules import REGISTRY

    assert "apps.deletion_despite_account_ban" not in REGISTRY.obligation_keys()
    app = {"id": "a", "registered_users": 10, "account_deletion": True}
    after = _finding(_profile(app), "apps.deletion_function", date(2025, 11, 28))
    before = _finding(_profile(app), "apps.deletion_function", date(2025, 11, 27))
    assert any("ban survives cancellation" in line for line in after.because)
    assert not any("ban" in line for line in before.because)


@pytest.mark.parametrize(("purposes", "would_be"), [
    (["communication", "adding_friends"], Status.NOT_APPLICABLE),
    (["data_backup"], Status.NOT_APPLICABLE),
    (["data_backup", "other"], Status.APPLIES),
    (None, Status.APPLIES),
])
def test_contacts_exception(purposes: list[str] | None, would_be: Status) -> None:
    app = {"id": "chat", "permissions": ["contacts"], "contacts_access_purposes": purposes}
    found = _finding(_profile(app), "apps.draft_no_third_party_pi_from_contacts")
    assert found.would_be is would_be


def test_draft_account_cancellation_and_separate_consent() -> None:
    accounts = _profile({"id": "a", "registered_users": 5, "provides_pi_to_third_parties": True})
    cancel = _finding(accounts, "apps.draft_account_cancellation_deadline")
    assert cancel.would_be is Status.APPLIES and "15 working days" in "\n".join(cancel.because)
    assert _finding(accounts, "apps.draft_separate_consent_third_parties").would_be is \
        Status.APPLIES
    none = _profile({"id": "a", "registered_users": 0, "provides_pi_to_third_parties": False})
    assert _finding(none, "apps.draft_account_cancellation_deadline").would_be is \
        Status.NOT_APPLICABLE
    assert _finding(none, "apps.draft_separate_consent_third_parties").would_be is \
        Status.NOT_APPLICABLE


@pytest.mark.parametrize(("key", "field", "bad", "words"), [
    ("apps.no_repeated_consent_requests", "asks_again_after_refusal", True, "after a refusal"),
    ("apps.no_default_consent", "default_consent", True, "pre-ticked"),
    ("apps.no_popup_redirects", "popup_redirects", True, "pop-up redirects"),
])
def test_violation_types_named_only_when_present(key: str, field: str, bad: bool,
                                                 words: str) -> None:
    flagged = _finding(_profile({"id": "a", field: bad}), key)
    clean = _finding(_profile({"id": "a", field: not bad}), key)
    assert flagged.status is Status.APPLIES and any(words in b for b in flagged.because)
    assert not any(words in b for b in clean.because)


def test_forced_auto_renewal_named() -> None:
    found = _finding(_profile({"id": "a", "auto_renewal": True, "auto_renewal_opt_in": False}),
                     "apps.no_forced_auto_renewal")
    assert any("forced or not announced" in b for b in found.because)
