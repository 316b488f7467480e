"""Register operations over the in-memory store: versions, history, no-op changes, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cnprivacy.errors import InputError
from cnprivacy.records.history import changed_fields
from cnprivacy.records.models import ActivityStatus
from cnprivacy.records.register import MemoryStore, Register

from .samples import membership

T1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def test_first_save_is_version_one_listing_the_fields_set() -> None:
    reg = Register(MemoryStore())
    [change] = reg.save([membership()], "dpo", now=T1)
    assert change.version == 1
    assert "recipients" in change.changes and "retention.months" in change.changes
    assert "sensitive_individuals" not in change.changes  # not set
    latest = reg.get("membership")
    assert latest is not None and latest.changed_by == "dpo" and latest.changed_at == T1


def test_a_change_is_a_new_version_and_the_old_one_stays() -> None:
    reg = Register(MemoryStore())
    reg.save([membership()], "dpo", now=T1)
    [change] = reg.save([membership(individuals=1500)], "analyst", "yearly count", now=T2)
    assert (change.version, change.changes) == (2, ("individuals",))
    history = reg.history("membership")
    assert [v.version for v in history] == [1, 2]
    assert history[0].data.individuals == 1000 and history[1].data.individuals == 1500
    assert history[1].reason == "yearly count" and history[1].changed_by == "analyst"


def test_saving_the_same_facts_writes_nothing() -> None:
    reg = Register(MemoryStore())
    reg.save([membership()], "dpo", now=T1)
    [change] = reg.save([membership()], "dpo", now=T2)
    assert change.version is None
    assert len(reg.history("membership")) == 1


def test_retired_activities_leave_the_list_but_keep_their_history() -> None:
    reg = Register(MemoryStore())
    reg.save([membership(), membership(id="newsletter")], "dpo", now=T1)
    reg.save([membership(status="retired")], "dpo", now=T2)
    assert [a.id for a in reg.activities()] == ["newsletter"]
    assert {a.id for a in reg.activities(include_retired=True)} == {"membership", "newsletter"}
    assert reg.history("membership")[-1].data.status is ActivityStatus.RETIRED


def test_retire_writes_a_version() -> None:
    reg = Register(MemoryStore())
    reg.save([membership()], "dpo", now=T1)
    change = reg.retire("membership", "dpo", "service closed", now=T2)
    assert (change.version, change.changes) == (2, ("status",))
    assert reg.retire("membership", "dpo", "again", now=T2).version is None
    with pytest.raises(InputError, match="no activity"):
        reg.retire("nope", "dpo", "x")


def test_one_activity_once_per_change() -> None:
    with pytest.raises(InputError, match="twice"):
        Register(MemoryStore()).save([membership(), membership(individuals=1)], "dpo")


def test_a_file_without_evidence_keeps_the_scan_receipts() -> None:
    reg = Register(MemoryStore())
    receipt = {"report_sha256": "0" * 64, "report_name": "scan.json", "scanned_on": "2026-11-30",
               "sources": 1, "individuals": 1000}
    reg.save([membership(evidence=[receipt])], "dpo", now=T1)
    [carried] = reg.carry_evidence([membership(purpose="changed")])
    assert carried.evidence[0].report_name == "scan.json"
    [explicit] = reg.carry_evidence([membership(evidence=[])])
    assert explicit.evidence == []


def test_someone_must_be_named() -> None:
    with pytest.raises(InputError, match="--by"):
        Register(MemoryStore()).save([membership()], "  ")


def test_a_stale_version_number_is_refused_whole() -> None:
    store = MemoryStore()
    reg = Register(store)
    reg.save([membership()], "dpo", now=T1)
    stale = reg.history("membership")[0]
    other = membership(id="other")
    fresh = stale.model_copy(update={"record_id": "other", "data": other})
    with pytest.raises(InputError, match="someone else"):
        store.append("activity", [fresh, stale])  # 'stale' reuses version 1
    assert store.history("activity", "other") == []


def test_changed_fields_names_nested_paths() -> None:
    before = membership()
    after = membership(retention={"period": "2 years", "months": 24})
    assert changed_fields(before, after) == ["retention.months", "retention.period"]
    assert changed_fields(before, before) == []
