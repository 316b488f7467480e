"""Nothing lost: SIGKILL in the middle of recording a large file leaves all of it or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

from cnprivacy.store.ledger_store import Ledger

from .conftest import resident_ids, write_ids

N = 2_000_000


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    code = "from cnprivacy.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen[bytes], inserting: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the record finished before it could be interrupted"
        if inserting():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.002)
    proc.kill()
    raise AssertionError("never saw the insert start")


def _check_all_or_nothing(url: str, key: Path) -> None:
    engine = create_engine(Ledger.open(url, key).engine.url)
    with engine.connect() as conn:
        entries = conn.execute(text("SELECT id, identifiers_distinct FROM ledger_entries")).all()
        stored = conn.execute(text(
            "SELECT COALESCE(SUM(LENGTH(hashes)), 0) / 16 FROM ledger_hash_blocks")).scalar_one()
        snaps = conn.execute(text("SELECT COUNT(*) FROM ledger_snapshots")).scalar_one()
    engine.dispose()
    # Killed while the hashes were being written, before the commit: none of the transfer.
    # (Had the commit won the race, all of it would be there: one entry, N hashes, a snapshot.)
    assert (entries, stored, snaps) == ([], 0, 0)


def _record_then_kill(url: str, tmp_path: Path, inserting: Callable[[], bool]) -> None:
    key = tmp_path / "ledger.key"
    env = {**os.environ, "CNPRIVACY_LEDGER_KEY": str(key)}
    Ledger.init(url, key)
    ids = write_ids(tmp_path / "big.csv", resident_ids(0, N))
    proc = _cli("ledger", "record", "--db", url, "--transfer", "big", "--date", "2026-02-01",
                "--country", "SG", "--file", str(ids), "--column", "id", env=env)
    _kill_when(proc, inserting)
    assert proc.returncode == -signal.SIGKILL
    _check_all_or_nothing(url, key)
    # the ledger still opens and takes the next record
    ledger = Ledger.open(url, key)
    small = write_ids(tmp_path / "small.csv", resident_ids(0, 1000))
    done = subprocess.run([sys.executable, "-c", "from cnprivacy.cli import main; main()", "ledger",
                           "record", "--db", url, "--transfer", "small", "--date", "2026-03-01",
                           "--country", "SG", "--file", str(small), "--column", "id"],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert ledger.status(date(2026, 6, 1)).to_dict()["individuals"] == 1000


def test_sigkill_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    wal = Path(str(db) + "-wal")
    _record_then_kill(str(db), tmp_path, lambda: wal.exists() and wal.stat().st_size > 1_000_000)


def test_sigkill_postgresql(pg_url: str, tmp_path: Path) -> None:
    watcher = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")

    def copying() -> bool:
        # a backend holding a transaction id has written: the entry row, then hash blocks
        with watcher.connect() as conn:
            return bool(conn.execute(text(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = 'test' "
                "AND backend_xid IS NOT NULL AND query LIKE '%ledger_%'")).scalar_one())

    try:
        _record_then_kill(pg_url, tmp_path, copying)
    finally:
        watcher.dispose()
