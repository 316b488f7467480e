"""The compliance record on the ledger's database: a :class:`VersionStore` over SQLAlchemy.

Same database, same Alembic migrations as the ledger (``record init`` and ``ledger init`` both
bring the schema to the newest revision). Rows are only ever inserted; a batch of versions is
one transaction, so a crash mid-write leaves the previous state.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from cnprivacy._collector import collector_paused
from cnprivacy.errors import InputError
from cnprivacy.records.kinds import model_for
from cnprivacy.records.models import Version
from cnprivacy.store.database import (
    current_revision,
    head_revision,
    migrate,
    normalise_url,
    open_engine,
)
from cnprivacy.store.records_schema import record_versions as rv

# Batches of ids in one IN (...) stay below SQLite's bound-parameter limit.
_IN_BATCH = 500


def _version(row: Any) -> Version[Any]:
    return Version(record_id=row.record_id, version=row.version,
                   changed_at=datetime.fromisoformat(row.changed_at), changed_by=row.changed_by,
                   reason=row.reason, changes=json.loads(row.changes_json),
                   data=model_for(row.kind).model_validate_json(row.data_json))


class SqlStore:
    """Versions in ``record_versions``; the latest is the highest version number."""

    def __init__(self, engine: Engine, target: str) -> None:
        self.engine, self.target = engine, target

    def _fail(self, err: SQLAlchemyError) -> InputError:
        return InputError(self.target, f"database error: {str(err).splitlines()[0]}")

    def latest(self, kind: str, record_ids: Iterable[str] | None = None) -> dict[str, Version[Any]]:
        top = (select(rv.c.record_id, func.max(rv.c.version).label("version"))
               .where(rv.c.kind == kind).group_by(rv.c.record_id))
        ids = None if record_ids is None else sorted(set(record_ids))
        batches: list[list[str] | None] = [None] if ids is None else [ids[i:i + _IN_BATCH]
                                              for i in range(0, len(ids), _IN_BATCH)]
        out: dict[str, Version[Any]] = {}
        try:
            # thousands of validated records at once: no cyclic GC mid-way (cnprivacy._collector)
            with collector_paused(), self.engine.connect() as conn:
                for batch in batches:
                    query = top if batch is None else top.where(rv.c.record_id.in_(batch))
                    sub = query.subquery()
                    rows = conn.execute(
                        select(rv).join(sub, (rv.c.record_id == sub.c.record_id)
                                        & (rv.c.version == sub.c.version))
                        .where(rv.c.kind == kind).order_by(rv.c.record_id)).all()
                    out.update((r.record_id, _version(r)) for r in rows)
        except SQLAlchemyError as err:
            raise self._fail(err) from None
        return dict(sorted(out.items()))

    def history(self, kind: str, record_id: str) -> list[Version[Any]]:
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(select(rv).where(rv.c.kind == kind, rv.c.record_id == record_id)
                                    .order_by(rv.c.version)).all()
        except SQLAlchemyError as err:
            raise self._fail(err) from None
        return [_version(r) for r in rows]

    def append(self, kind: str, versions: Sequence[Version[Any]]) -> None:
        values = [{"kind": kind, "record_id": v.record_id, "version": v.version,
                   "changed_at": v.changed_at.isoformat(), "changed_by": v.changed_by,
                   "reason": v.reason, "changes_json": json.dumps(v.changes, ensure_ascii=False),
                   "data_json": v.data.model_dump_json()} for v in versions]
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(rv), values)
        except IntegrityError:
            raise InputError(self.target, "a record was changed by someone else meanwhile; "
                             "nothing was written: run the command again") from None
        except SQLAlchemyError as err:
            raise self._fail(err) from None


def init_store(target: str) -> SqlStore:
    """Create or upgrade the database (ledger and record tables) to the newest migration."""
    engine = open_engine(target)
    try:
        migrate(engine)
    except SQLAlchemyError as err:
        raise InputError(target, f"database error: {str(err).splitlines()[0]}") from None
    return SqlStore(engine, target)


def open_store(target: str) -> SqlStore:
    """Open an initialised database; never creates a file (read-only commands use this)."""
    url = make_url(normalise_url(target))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        raise InputError(target, "no such database: run `cnprivacy record init` first")
    engine = open_engine(target)
    try:
        revision = current_revision(engine)
    except SQLAlchemyError as err:
        raise InputError(target, f"cannot open the database: {str(err).splitlines()[0]}") from None
    if revision != head_revision():
        raise InputError(target, f"schema is at {revision or 'nothing'}, not {head_revision()}: "
                         "run `cnprivacy record init` (or `cnprivacy ledger init`) first")
    return SqlStore(engine, target)
