"""Ledger fixtures: a SQLite file per test and, when reachable, a fresh PostgreSQL schema
(``pg_url``, tests/conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from cnprivacy.discovery.pitypes.resident_id import CHECK_CHARS, WEIGHTS, check_char


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return str(request.getfixturevalue("pg_url"))


def write_ids(path: Path, values: list[str], column: str = "id") -> Path:
    path.write_text(column + "\n" + "\n".join(values) + "\n", encoding="utf-8")
    return path


_FIRST_BIRTH = date(1950, 1, 1)


def resident_id(i: int) -> str:
    """The ``i``-th of a run of valid resident IDs (region 110101, a thousand per birth date,
    check digit computed): fixtures, not real people."""
    born = _FIRST_BIRTH + timedelta(days=i // 1000)
    body = f"110101{born:%Y%m%d}{i % 1000:03d}"
    return body + check_char(body)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(c) * w for c, w in zip(digits, weights, strict=True))


def resident_ids(start: int, stop: int) -> list[str]:
    """Distinct valid resident IDs number ``start`` to ``stop - 1`` (the same as
    :func:`resident_id`, with the check digit's sum split into its date and serial parts so
    that millions are made quickly)."""
    serial = [(f"{n:03d}", _weighted(f"{n:03d}", WEIGHTS[14:17])) for n in range(1000)]
    out: list[str] = []
    for day in range(start // 1000, (stop - 1) // 1000 + 1 if stop > start else start // 1000):
        head = f"110101{_FIRST_BIRTH + timedelta(days=day):%Y%m%d}"
        base = _weighted(head, WEIGHTS[:14])
        lo, hi = max(start - day * 1000, 0), min(stop - day * 1000, 1000)
        out += [head + s + CHECK_CHARS[(base + w) % 11] for s, w in serial[lo:hi]]
    return out
