"""Test-wide settings and fixtures: property-based tests run the same examples on every run and
machine; database tests get a throw-away PostgreSQL schema or SQLite file."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

# derandomize: the examples come from a fixed seed per test, so a run that passes passes again;
# no example database, so nothing a previous run found changes what the next one tries.
settings.register_profile("cnprivacy", derandomize=True, database=None, print_blob=True)
settings.load_profile("cnprivacy")

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema on the local server, dropped afterwards; skips when the server
    cannot be reached. The name is random, not seeded: parallel workers must not share one."""
    engine = create_engine(PG_BASE)
    schema = f"cnp_test_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as err:  # pragma: no cover - depends on the machine
        engine.dispose()
        pytest.skip(f"PostgreSQL not reachable: {str(err).splitlines()[0]}")
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "record.db")
    return str(request.getfixturevalue("pg_url"))
