"""The filings registry over memory, SQLite and PostgreSQL: versions, history, withdrawal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.records.filing.models import FilingStatus
from cnprivacy.records.filing.registry import Filings
from cnprivacy.records.register import MemoryStore

from .samples import filing

NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def registry(request: pytest.FixtureRequest, tmp_path: Path) -> Filings:
    if request.param == "memory":
        return Filings(MemoryStore())
    from cnprivacy.store.records import init_store

    url = str(tmp_path / "record.db") if request.param == "sqlite" \
        else str(request.getfixturevalue("pg_url"))
    return Filings(init_store(url))


def test_add_change_and_read_back(registry: Filings) -> None:
    planned = filing(id="SC-1", effective_on="2026-02-05", transfers=["t1"])
    (made,) = registry.save([planned], "dpo", "contract signed", NOW)
    assert made.version == 1
    assert registry.save([planned], "dpo", None, NOW)[0].version is None  # unchanged
    filed = filing(id="SC-1", status="accepted", effective_on="2026-02-05", transfers=["t1"],
                   submitted_on="2026-02-10", decided_on="2026-02-20", number="SC-2026-1",
                   facts=[{"transfer": "t1", "purpose": "bookings", "data_categories": ["identity"]}])
    (changed,) = registry.save([filed], "dpo", "accepted", NOW + dt.timedelta(days=1))
    assert changed.version == 2
    assert set(changed.changes) >= {"status", "number", "decided_on"}
    latest = registry.get("SC-1")
    assert latest is not None and latest.data == filed
    assert [v.version for v in registry.history("SC-1")] == [1, 2]
    assert registry.history("SC-1")[0].data == planned
    assert [f.id for f in registry.all()] == ["SC-1"]


def test_withdrawal_is_a_version_with_its_reason(registry: Filings) -> None:
    registry.save([filing(id="ALG-1", kind="algorithm")], "dpo", None, NOW)
    change = registry.withdraw("ALG-1", "dpo", "service closed", NOW)
    assert change.version == 2
    v = registry.get("ALG-1")
    assert v is not None and v.data.status is FilingStatus.WITHDRAWN
    assert v.data.withdrawn_reason == "service closed" and v.reason == "service closed"
    with pytest.raises(InputError, match="already withdrawn"):
        registry.withdraw("ALG-1", "dpo", "again", NOW)
    with pytest.raises(InputError, match="no filing"):
        registry.withdraw("nope", "dpo", "x", NOW)
    with pytest.raises(InputError, match="reason"):
        registry.withdraw("ALG-1", "dpo", "  ", NOW)


def test_a_batch_is_all_or_nothing(registry: Filings) -> None:
    registry.save([filing(id="A", kind="algorithm")], "dpo", None, NOW)
    twice = [filing(id="B", kind="algorithm"), filing(id="B", kind="pipo_report")]
    with pytest.raises(InputError, match="twice"):
        registry.save(twice, "dpo", None, NOW)
    assert [f.id for f in registry.all()] == ["A"]


def test_filings_and_activities_share_one_history_kept_apart(registry: Filings) -> None:
    from cnprivacy.records.register import Register

    from ..samples import membership

    Register(registry.store).save([membership(id="SC-1")], "dpo", None, NOW)
    registry.save([filing(id="SC-1", kind="algorithm")], "dpo", None, NOW)
    assert [f.kind.value for f in registry.all()] == ["algorithm"]
    assert [a.id for a in Register(registry.store).activities()] == ["SC-1"]
