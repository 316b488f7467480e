"""AI rules: filing deadlines from launch, per-service because/missing, GenAI scope and the
labelling dates and unconfirmed log period."""

from __future__ import annotations

from datetime import date
from typing import Any

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.profile import Profile
from cnprivacy.rules.base import Status

ORG = {"name": "AI Co", "country": "CN", "province": "Beijing"}


def _finding(services: list[dict[str, Any]], key: str, day: date = date(2026, 3, 1)) -> Finding:
    profile = Profile.model_validate({"organization": ORG, "ai_services": services})
    return assess(profile, Options(as_of=day)).by_key()[key]


def _rec(ident: str, **facts: Any) -> dict[str, Any]:
    return {"id": ident, "kind": "recommendation_algorithm", "public": True, **facts}


def test_earliest_deadline_wins_and_each_service_is_named() -> None:
    found = _finding([
        _rec("late", public_opinion_or_mobilisation=True, launch_date="2026-02-25"),
        _rec("early", public_opinion_or_mobilisation=True, launch_date="2026-02-02"),
    ], "ai.algorithm_filing")
    assert found.status is Status.APPLIES
    # 2026-02-02 + 10 working days: 3-6, 9-13 Feb, then Sat 14 Feb (an adjusted working day
    # before the Spring Festival) is the 10th.
    assert found.deadline == date(2026, 2, 14)
    text = "\n".join(found.because)
    assert "ai_services[late]" in text and "ai_services[early]" in text


def test_one_filing_service_applies_even_if_another_is_unknown() -> None:
    found = _finding([
        _rec("known", public_opinion_or_mobilisation=True, launch_date="2026-01-05"),
        _rec("unknown"),
    ], "ai.algorithm_filing")
    assert found.status is Status.APPLIES
    assert any("ai_services[unknown].public_opinion_or_mobilisation" in b for b in found.because)


def test_missing_launch_date_applies_without_deadline() -> None:
    found = _finding([_rec("feed", public_opinion_or_mobilisation=True)], "ai.algorithm_filing")
    assert found.status is Status.APPLIES and found.deadline is None
    assert any("launch_date not given" in b for b in found.because)


def test_filing_number_is_reported() -> None:
    found = _finding([_rec("feed", public_opinion_or_mobilisation=True, launch_date="2025-01-06",
                           filing_number="网信算备110000000000001")], "ai.algorithm_filing")
    assert any("filing_number" in b for b in found.because)


def test_genai_scope_public_only() -> None:
    base = {"id": "llm", "kind": "generative_ai", "public_opinion_or_mobilisation": True,
            "launch_date": "2026-01-05"}
    assert _finding([{**base, "public": False}],
                    "ai.genai_assessment_and_filing").status is Status.NOT_APPLICABLE
    public = _finding([{**base, "public": True}], "ai.genai_assessment_and_filing")
    assert public.status is Status.APPLIES
    assert public.deadline == date(2026, 1, 19)
    assert _finding([{**base, "public": True, "public_opinion_or_mobilisation": False}],
                    "ai.genai_assessment_and_filing").status is Status.NOT_APPLICABLE


def test_recommendation_service_generating_content_is_labelled() -> None:
    found = _finding([_rec("digest", generates_content=True)], "ai.content_labelling_explicit")
    assert found.status is Status.APPLIES
    plain = _finding([_rec("digest")], "ai.content_labelling_explicit")
    assert plain.status is Status.NOT_APPLICABLE


def test_labelling_upcoming_then_applies_on_2025_09_01() -> None:
    svc = [{"id": "img", "kind": "generative_ai", "public": True}]
    before = _finding(svc, "ai.content_labelling_implicit", date(2025, 8, 31))
    assert before.status is Status.UPCOMING and before.would_be is Status.APPLIES
    assert _finding(svc, "ai.content_labelling_implicit",
                    date(2025, 9, 1)).status is Status.APPLIES
    assert _finding(svc, "ai.content_labelling_implicit",
                    date(2025, 3, 13)).status is Status.NOT_APPLICABLE


def test_log_retention_uses_an_unconfirmed_value_and_says_so() -> None:
    found = _finding([{"id": "img", "kind": "generative_ai", "public": True,
                       "unlabelled_output_on_request": True}], "ai.unlabelled_output_logs")
    assert found.status is Status.APPLIES
    assert any("log_retention_months" in r for r in found.needs_review)
    assert any("6 months" in b for b in found.because)
    unknown = _finding([{"id": "img", "kind": "generative_ai", "public": True}],
                       "ai.unlabelled_output_logs")
    assert unknown.missing == ("ai_services[img].unlabelled_output_on_request",)


def test_gb_45438_is_flagged_for_review() -> None:
    found = _finding([{"id": "img", "kind": "deep_synthesis", "public": True}],
                     "ai.labelling_technical_standard")
    assert found.status is Status.APPLIES and found.needs_review


def test_no_services_is_not_applicable_with_a_reason() -> None:
    found = _finding([], "ai.deep_synthesis_labelling")
    assert found.status is Status.NOT_APPLICABLE
    assert any("declares no AI services" in b for b in found.because)
