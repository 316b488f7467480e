"""PIPL art 55 per activity: each case on its facts, unknown facts kept unknown, and the same
reading as the ``pipl.pipia`` rule of ``assess``."""

from __future__ import annotations

from typing import Any

import pytest

from cnprivacy.profile import Profile
from cnprivacy.profile.models import ProcessingActivity
from cnprivacy.records import activity_triggers
from cnprivacy.records.pia.models import Judgement, TriggerKind
from cnprivacy.records.pia.triggers import required
from cnprivacy.records.profile_map import profile_processing
from cnprivacy.rules.pipl import pipia_triggers

from ..samples import membership
from .helpers import LAW


def holds(**changes: Any) -> dict[TriggerKind, bool | None]:
    return {t.kind: t.holds for t in activity_triggers(membership(**changes), LAW)}


def test_every_case_is_listed_with_its_article_and_citation() -> None:
    triggers = activity_triggers(membership(), LAW)
    assert [t.kind for t in triggers] == list(TriggerKind)
    assert [t.article for t in triggers] == ["55(1)", "55(2)", "55(3)", "55(3)", "55(3)",
                                            "55(4)", "55(5)"]
    for t in triggers:
        assert t.citation.startswith("PIPL art. 55 — 中华人民共和国个人信息保护法")
        assert "npc.gov.cn" in t.citation and t.because


@pytest.mark.parametrize(("changes", "kind", "expected"), [
    ({}, TriggerKind.SENSITIVE, False),
    ({"data_categories": ["identity", "medical_health"]}, TriggerKind.SENSITIVE, True),
    ({"data_categories": ["minor_under_14"]}, TriggerKind.SENSITIVE, True),
    ({"sensitive_individuals": 1}, TriggerKind.SENSITIVE, True),
    ({}, TriggerKind.AUTOMATED_DECISION, None),
    ({"automated_decision_making": True}, TriggerKind.AUTOMATED_DECISION, True),
    ({"automated_decision_making": False}, TriggerKind.AUTOMATED_DECISION, False),
    ({}, TriggerKind.ENTRUSTING, True),  # the sample entrusts an SMS company
    ({"recipients": []}, TriggerKind.ENTRUSTING, False),
    ({"recipients": None}, TriggerKind.ENTRUSTING, None),
    ({"recipients": None, "entrusts_processing": True}, TriggerKind.ENTRUSTING, True),
    ({"recipients": [{"role": "provided", "name": "Hotel"}]}, TriggerKind.PROVIDING, True),
    ({"recipients": [], "provides_to_third_parties": True}, TriggerKind.PROVIDING, True),
    ({"recipients": [{"role": "disclosed", "name": "Site"}]}, TriggerKind.PUBLISHING, True),
    ({"recipients": [{"role": "disclosed", "name": "Site", "country": "US"}]},
     TriggerKind.EXPORT, False),
    ({"recipients": [{"role": "exported", "name": "HQ", "country": "SG"}]}, TriggerKind.EXPORT,
     True),
    ({"recipients": [{"role": "entrusted", "name": "Cloud", "country": "us"}]},
     TriggerKind.EXPORT, True),
    ({"systems": [{"name": "CRM", "country": "DE"}]}, TriggerKind.EXPORT, True),
    ({"recipients": None}, TriggerKind.EXPORT, None),
    ({}, TriggerKind.EXPORT, False),
    ({}, TriggerKind.OTHER, None),
])
def test_each_case(changes: dict[str, Any], kind: TriggerKind, expected: bool | None) -> None:
    assert holds(**changes)[kind] is expected


def test_the_profile_fills_what_the_register_leaves_unknown() -> None:
    entry = ProcessingActivity(id="membership", automated_decision_making=True)
    triggers = activity_triggers(membership(), LAW, profile=entry)
    assert {t.kind: t.holds for t in triggers}[TriggerKind.AUTOMATED_DECISION] is True
    # The register's own fact wins over the profile's.
    triggers = activity_triggers(membership(automated_decision_making=False), LAW, profile=entry)
    assert {t.kind: t.holds for t in triggers}[TriggerKind.AUTOMATED_DECISION] is False


def test_case_five_follows_the_judgement() -> None:
    said = Judgement[bool](value=True, reason="profiling of patients", confirmed=True)
    triggers = activity_triggers(membership(recipients=[]), LAW, other=said)
    assert {t.kind: t.holds for t in triggers}[TriggerKind.OTHER] is True


def test_required_is_true_on_any_case_none_on_unknown_false_otherwise() -> None:
    assert required(activity_triggers(membership(), LAW)) is True
    plain = membership(recipients=[], automated_decision_making=False)
    assert required(activity_triggers(plain, LAW)) is None  # case (5) not yet judged
    no = Judgement[bool](value=False, reason="none", confirmed=True)
    assert required(activity_triggers(plain, LAW, other=no)) is False


def _profile(activity: Any) -> Profile:
    return Profile.model_validate({
        "organization": {"name": "Test Co", "country": "CN", "sensitive_individuals_processed": 0,
                         "minors_under_14_processed": 0, "facial_recognition_individuals": 0},
        "processing": profile_processing([activity])})


@pytest.mark.parametrize("changes", [
    {}, {"recipients": [], "automated_decision_making": False, "provides_to_third_parties": False,
         "publicly_discloses": False},
    {"recipients": [], "data_categories": ["facial"], "automated_decision_making": False,
     "provides_to_third_parties": False, "publicly_discloses": False},
    {"recipients": [], "automated_decision_making": True},
    {"recipients": [{"role": "provided", "name": "Hotel"}], "automated_decision_making": False},
])
def test_assess_and_the_draft_agree_on_whether_an_assessment_is_due(
        changes: dict[str, Any]) -> None:
    act = membership(**changes)
    engine_hits, _, _ = pipia_triggers(_profile(act))
    ours = [t for t in activity_triggers(act, LAW) if t.holds and t.kind is not TriggerKind.OTHER]
    assert bool(engine_hits) == bool(ours), (engine_hits, ours)
