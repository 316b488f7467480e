"""Ledger fixtures: a SQLite file per test and, when reachable, a fresh PostgreSQL schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_schema() -> Iterator[str]:
    engine = create_engine(PG_BASE)
    schema = f"cnp_ledger_{uuid.uuid4().hex[:12]}"
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
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
    else:
        yield from _pg_schema()


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _pg_schema()


def write_ids(path: Path, values: list[str], column: str = "id") -> Path:
    path.write_text(column + "\n" + "\n".join(values) + "\n", encoding="utf-8")
    return path


def resident_ids(start: int, stop: int) -> list[str]:
    """18-character id-like strings (fixtures, not real people)."""
    return [f"1101{i:014d}" for i in range(start, stop)]
