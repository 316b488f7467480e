"""The register on SQLite and PostgreSQL: same database and migrations as the ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert, select, text

from cnprivacy.errors import InputError
from cnprivacy.records.register import KIND_ACTIVITY, Register
from cnprivacy.store.database import _config, current_revision, head_revision, open_engine
from cnprivacy.store.records import init_store, open_store
from cnprivacy.store.schema import entries

from .samples import membership

T1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def test_versions_round_trip(db_url: str) -> None:
    init_store(db_url)
    reg = Register(open_store(db_url))
    reg.save([membership(), membership(id="newsletter", recipients=[])], "dpo", now=T1)
    reg.save([membership(individuals=2000)], "analyst", "recount", now=T2)
    latest = reg.versions()
    assert list(latest) == ["membership", "newsletter"]
    assert latest["membership"].version == 2 and latest["membership"].data.individuals == 2000
    assert latest["membership"].changed_at == T2
    history = reg.history("membership")
    assert [(v.version, v.changed_by, v.changes) for v in history] == \
        [(1, "dpo", history[0].changes), (2, "analyst", ["individuals"])]
    assert history[0].data == membership()
    assert latest["newsletter"].data.recipients == []


def test_updates_and_deletes_are_refused_by_the_database(db_url: str) -> None:
    store = init_store(db_url)
    Register(store).save([membership()], "dpo", now=T1)
    for stmt in ("UPDATE record_versions SET changed_by = 'x'", "DELETE FROM record_versions"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(stmt))
    assert Register(store).get("membership") is not None


def test_a_batch_is_written_whole_or_not_at_all(db_url: str) -> None:
    store = init_store(db_url)
    reg = Register(store)
    reg.save([membership()], "dpo", now=T1)
    v1 = reg.history("membership")[0]
    other = v1.model_copy(update={"record_id": "other", "data": membership(id="other")})
    with pytest.raises(InputError, match="nothing was written"):
        store.append(KIND_ACTIVITY, [other, v1])  # v1 again: the unique version refuses it
    assert reg.history("other") == [] and len(reg.history("membership")) == 1


def test_two_writers_of_the_same_version(db_url: str) -> None:
    init_store(db_url)
    first, second = Register(open_store(db_url)), Register(open_store(db_url))
    first.save([membership()], "dpo", now=T1)
    v1 = first.history("membership")[0]
    mine = v1.model_copy(update={"version": 2, "data": membership(individuals=1)})
    theirs = v1.model_copy(update={"version": 2, "data": membership(individuals=2)})
    first.store.append(KIND_ACTIVITY, [mine])
    with pytest.raises(InputError, match="someone else"):
        second.store.append(KIND_ACTIVITY, [theirs])
    latest = second.get("membership")
    assert latest is not None and latest.data.individuals == 1


def test_a_ledger_database_upgrades_without_loss(db_url: str) -> None:
    engine = open_engine(db_url)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_ledger")
        conn.execute(insert(entries).values(
            transfer_id="t1", transfer_date=date(2026, 2, 1), year=2026,
            recorded_at="2026-02-01T00:00:00+00:00", recipient_country="SG", sensitive=False,
            void=False, transfer_json="{}", individuals_declared=42))
    assert current_revision(engine) == "0001_ledger"
    with pytest.raises(InputError, match="record init"):
        open_store(db_url)
    init_store(db_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        rows = conn.execute(select(entries.c.transfer_id, entries.c.individuals_declared)).all()
    assert [tuple(r) for r in rows] == [("t1", 42)]
    Register(open_store(db_url)).save([membership()], "dpo", now=T1)
    init_store(db_url)  # idempotent
    assert Register(open_store(db_url)).get("membership") is not None


def test_opening_never_creates_a_file(tmp_path: Path) -> None:
    target = tmp_path / "absent.db"
    with pytest.raises(InputError, match="no such database"):
        open_store(str(target))
    assert list(tmp_path.iterdir()) == []


def test_the_migrated_table_is_the_one_the_code_uses(db_url: str) -> None:
    from sqlalchemy import inspect

    from cnprivacy.store.records_schema import record_versions

    store = init_store(db_url)
    columns = {c["name"] for c in inspect(store.engine).get_columns("record_versions")}
    assert columns == set(record_versions.c.keys())
