"""Incidents in the shared record history: in memory, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from cnprivacy.errors import InputError
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.book import IncidentBook
from cnprivacy.records.register import MemoryStore, Register, VersionStore
from cnprivacy.store.records import init_store, open_store

from .incident_samples import incident
from .samples import membership

T1 = dt.datetime(2026, 6, 10, 1, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC)


def _round_trip(store: VersionStore) -> None:
    book = IncidentBook(store)
    first = incident(discovered_at="2026-06-10T09:00")  # China Standard Time
    assert book.save(first, "dpo", "opened", now=T1).version == 1
    reported = incident(reports=[{"kind": "initial", "at": "2026-06-10T02:30:00Z", "items": [1, 2]}])
    change = book.save(reported, "dpo", "initial report", now=T2)
    assert change.version == 2 and change.changes == ("reports",)
    assert book.save(reported, "dpo", now=T2).version is None  # nothing changed, nothing written
    latest = book.get("INC-1")
    assert latest.version == 2 and latest.data == reported
    assert latest.data.discovered_at == dt.datetime(2026, 6, 10, 9, tzinfo=CHINA)
    assert latest.data.discovered_at.utcoffset() == dt.timedelta(hours=8)
    assert [v.version for v in book.history("INC-1")] == [1, 2]
    assert book.new_id(first.discovered_at) == "INC-20260610-0900"
    assert [i.id for i in book.incidents()] == ["INC-1"]
    with pytest.raises(InputError, match="no incident"):
        book.get("INC-404")
    # Incidents and activities share the table but not their ids' namespace.
    Register(store).save([membership(id="INC-1")], "dpo", now=T2)
    assert book.get("INC-1").data == reported


def test_memory_store() -> None:
    _round_trip(MemoryStore())


def test_database(db_url: str) -> None:
    init_store(db_url)
    _round_trip(open_store(db_url))


def test_new_id_skips_taken_ones() -> None:
    book = IncidentBook(MemoryStore())
    book.save(incident(id="INC-20260610-0900"), "dpo", now=T1)
    assert book.new_id(dt.datetime(2026, 6, 10, 1, 0, tzinfo=dt.UTC)) == "INC-20260610-0900-2"
