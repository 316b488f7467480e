"""Draft -> reviewed -> approved as versions, the refusals, keep-until and the deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cnprivacy.errors import InputError
from cnprivacy.records import PiaStatus, pia_deadlines
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.records.pia.models import unconfirmed

from .helpers import LAW, NOW, book_with, confirmed, drafted, full_edit, ready_for_approval


def test_new_drafts_from_the_register_with_sequential_ids() -> None:
    book, register = book_with(data_categories=["identity", "medical_health"],
                               sensitive_individuals=300)
    found = register.get("membership")
    assert found is not None
    first = book.new(found, LAW, date(2026, 6, 1), "dpo", now=NOW)
    second = book.new(found, LAW, date(2026, 7, 1), "dpo", now=NOW)
    assert (first.pia.id, second.pia.id) == ("PIA-0001", "PIA-0002")
    pia = first.pia
    assert pia.status is PiaStatus.DRAFT and first.version == 1
    assert pia.data_map.activity_version == 1 and pia.data_map.sensitive_categories == [
        "medical_health"]
    assert pia.data_map.recipients is not None and pia.data_map.recipients[0].contract == "DPA-7"
    # No responsible person's name goes into the assessment.
    assert "Officer A" not in pia.model_dump_json()
    assert len(unconfirmed(pia)) == 16


def test_approve_needs_review_by_someone_else_and_every_judgement_confirmed() -> None:
    book, pia_id = drafted()
    with pytest.raises(InputError, match="not been reviewed"):
        book.approve(pia_id, "officer", LAW, now=NOW)
    book.review(pia_id, "legal", now=NOW)
    with pytest.raises(InputError, match="unconfirmed judgements: purpose_and_method"):
        book.approve(pia_id, "officer", LAW, now=NOW)
    with pytest.raises(InputError, match="only a draft is reviewed"):
        book.review(pia_id, "legal", now=NOW)
    # Confirming the judgements is an edit: the review was of other content, back to draft.
    step = book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=NOW)
    assert step.pia.status is PiaStatus.DRAFT and step.pia.reviewed_by is None
    book.review(pia_id, "legal", now=NOW)
    with pytest.raises(InputError, match="same person"):
        book.approve(pia_id, "legal", LAW, now=NOW)
    done = book.approve(pia_id, "officer", LAW, now=NOW)
    assert done.pia.status is PiaStatus.APPROVED and done.pia.approved_by == "officer"
    assert done.pia.risk_at_approval is not None
    with pytest.raises(InputError, match="already approved"):
        book.approve(pia_id, "officer", LAW, now=NOW)
    with pytest.raises(InputError, match="approved and kept as approved"):
        book.edit(pia_id, parse_edit({"residual_risk": confirmed("中")}, "j.yaml"), "dpo")
    steps = [(v.version, v.changed_by, v.data.status.value) for v in book.history(pia_id)]
    assert steps == [(1, "dpo", "draft"), (2, "legal", "reviewed"), (3, "dpo", "draft"),
                     (4, "legal", "reviewed"), (5, "officer", "approved")]


def test_one_unconfirmed_judgement_blocks_approval() -> None:
    book, pia_id = drafted()
    edit = full_edit()
    edit["residual_risk"] = {"value": "低", "reason": "after encryption"}  # not confirmed
    book.edit(pia_id, parse_edit(edit, "j.yaml"), "dpo", now=NOW)
    book.review(pia_id, "legal", now=NOW)
    with pytest.raises(InputError, match=r"unconfirmed judgements: residual_risk$"):
        book.approve(pia_id, "officer", LAW, now=NOW)


def test_an_edit_that_changes_nothing_writes_nothing() -> None:
    book, pia_id = drafted()
    book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=NOW)
    again = book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=NOW)
    assert again.version is None and len(book.history(pia_id)) == 2


def test_other_significant_impact_sets_case_five() -> None:
    book, pia_id = drafted()
    step = book.edit(pia_id, parse_edit({"other_significant_impact": confirmed(True)}, "j"),
                     "dpo", now=NOW)
    other = [t for t in step.pia.triggers if t.kind.value == "other_significant_impact"]
    assert other[0].holds is True


@pytest.mark.parametrize(("approved_at", "keep_until"), [
    # 16:00 UTC is midnight in China: the approval day, and so the keep-until, is the next day.
    (datetime(2026, 12, 31, 15, 59, tzinfo=UTC), date(2029, 12, 31)),
    (datetime(2026, 12, 31, 16, 0, tzinfo=UTC), date(2030, 1, 1)),
    # A report approved on 29 February is kept to 28 February three years on (Civil Code art 201).
    (datetime(2028, 2, 29, 2, 0, tzinfo=UTC), date(2031, 2, 28)),
])
def test_keep_until_is_three_years_after_approval_in_china(approved_at: datetime,
                                                            keep_until: date) -> None:
    book, pia_id = drafted()
    ready_for_approval(book, pia_id)
    pia = book.approve(pia_id, "officer", LAW, now=approved_at).pia
    assert pia.keeping is not None and pia.keeping.keep_until == keep_until
    assert pia.keeping.years == 3 and "PIPL art. 56" in pia.keeping.citation


def test_deadlines_for_the_calendar() -> None:
    book, pia_id = drafted()
    assert pia_deadlines([book.get(pia_id).data]) == []
    book.edit(pia_id, parse_edit({**full_edit(), "next_review_on": "2027-06-01"}, "j"), "dpo",
              now=NOW)
    book.review(pia_id, "legal", now=NOW)
    pia = book.approve(pia_id, "officer", LAW, now=NOW).pia
    found = pia_deadlines([pia])
    assert [(d.kind, d.due.date().isoformat()) for d in found] == [
        ("pia_review", "2027-06-01"), ("pia_keep_until", "2029-06-02")]
    assert all(d.record_kind == "pia" and d.record_id == pia_id for d in found)
    assert found[0].due.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert "至少保存" in found[1].title_zh


def test_missing_assessment_names_the_id() -> None:
    book, _ = drafted()
    with pytest.raises(InputError, match="no impact assessment 'PIA-0009'"):
        book.get("PIA-0009")
    with pytest.raises(InputError, match="no impact assessment"):
        book.history("PIA-0009")


def test_no_draft_for_a_retired_activity_or_before_the_pipl() -> None:
    book, register = book_with()
    found = register.get("membership")
    assert found is not None
    with pytest.raises(InputError, match=r"does not apply on 2021-10-31 \(in force from 2021-11-01\)"):
        book.new(found, LAW, date(2021, 10, 31), "dpo", now=NOW)
    assert book.new(found, LAW, date(2021, 11, 1), "dpo", now=NOW).pia.id == "PIA-0001"
    register.retire("membership", "dpo", "service closed", now=NOW)
    retired = register.get("membership")
    assert retired is not None
    with pytest.raises(InputError, match="is retired"):
        book.new(retired, LAW, date(2026, 6, 1), "dpo", now=NOW)
