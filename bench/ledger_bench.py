"""Ledger speed: recording a transfer of N identifiers with exact distinct counting.

    .venv/bin/python bench/ledger_bench.py [--n 10000000] [--backends sqlite,postgresql]

Generates N identifiers (18-character resident-ID-like strings; 5% repeated, so the distinct
count is checked, not assumed) into ``bench/_work/ledger/ids.csv`` once, then times, in one run:

- cnprivacy end to end: ``cnprivacy ledger record --file ids.csv --column id`` in a fresh process
  on an empty ledger (read + normalise + HMAC-SHA256 + de-duplicate + HyperLogLog + one
  transaction of bulk inserts + exact year count + route), SQLite and PostgreSQL.
- the same record again on top (a second transfer of the same people: the year count is a
  COUNT(DISTINCT) over 2N stored hashes).
- phases in-process (read, hash, distinct+sketch) to show where the time goes.
- peers, on the same file: Python ``len(set(column))`` of the raw strings (no keyed hash, nothing
  stored) and coreutils ``sort -u | wc -l`` (likewise): what exact distinct counting costs
  without privacy or persistence.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "_work" / "ledger"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _resident_id(i: int) -> str:
    # Valid IDs (the ledger leaves invalid ones out): a thousand per birth date from 1950.
    from datetime import date, timedelta

    from cnprivacy.discovery.pitypes.resident_id import check_char

    body = f"110101{date(1950, 1, 1) + timedelta(days=i // 1000):%Y%m%d}{i % 1000:03d}"
    return body + check_char(body)


def make_file(n: int) -> tuple[Path, int]:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"ids-valid-{n}.csv"
    distinct = n - n // 20
    if not path.exists():
        with path.open("w", encoding="ascii") as out:
            out.write("id\n")
            step = 1_000_000
            for start in range(0, n, step):
                stop = min(n, start + step)
                out.write("\n".join(_resident_id(i % distinct) for i in range(start, stop)) + "\n")
    return path, distinct


def cli(*args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "cnprivacy"), *args], env=env,
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"cnprivacy {' '.join(args)} failed: {done.stderr}")
    print("   ", done.stdout.strip().splitlines()[0] if done.stdout.strip() else "")
    return took


def bench_backend(name: str, ids: Path) -> None:
    key = WORK / f"{name}.key"
    key.unlink(missing_ok=True)
    env = {**os.environ, "CNPRIVACY_LEDGER_KEY": str(key)}
    schema = None
    if name == "sqlite":
        db = WORK / "bench-ledger.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        url = str(db)
    else:
        from sqlalchemy import create_engine, text

        schema = f"cnp_bench_{uuid.uuid4().hex[:8]}"
        engine = create_engine(PG)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG}?options=-csearch_path%3D{schema}"
    try:
        cli("ledger", "init", "--db", url, env=env)
        common = ["ledger", "record", "--db", url, "--date", "2026-02-01", "--country", "SG",
                  "--file", str(ids), "--column", "id"]
        first = cli(*common, "--transfer", "t1", env=env)
        print(f"  {name}: record N identifiers into an empty ledger: {first:.1f} s")
        second = cli(*common, "--transfer", "t2", env=env)
        print(f"  {name}: record them again as a second transfer (year count over 2N hashes): "
              f"{second:.1f} s")
        status = cli("ledger", "status", "--db", url, "--as-of", "2026-06-01", env=env)
        approx = cli("ledger", "status", "--db", url, "--as-of", "2026-06-01", "--approximate",
                     env=env)
        print(f"  {name}: status exact {status:.1f} s, approximate (HLL merge) {approx:.1f} s")
    finally:
        if schema:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def phases(ids: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from cnprivacy.ledger import LedgerKey, distinct_sorted, hash_groups, read_identifiers, sketch_of

    t0 = time.perf_counter()
    column = read_identifiers(ids, "id")
    read = column.read
    t1 = time.perf_counter()
    digests = hash_groups(LedgerKey.generate(), column.groups)
    t2 = time.perf_counter()
    unique = distinct_sorted(digests)
    sketch = sketch_of(unique)
    t3 = time.perf_counter()
    print(f"  phases: read+normalise {t1 - t0:.1f} s, HMAC {t2 - t1:.1f} s, "
          f"distinct+sketch {t3 - t2:.1f} s ({read} read, {len(unique)} distinct, "
          f"HLL estimate {sketch.count():.0f})")


def peers(ids: Path) -> None:
    t0 = time.perf_counter()
    with ids.open(encoding="ascii") as handle:
        next(handle)
        count = len({line.rstrip("\n") for line in handle})
    t1 = time.perf_counter()
    print(f"  peer: Python len(set(raw strings)): {t1 - t0:.1f} s ({count} distinct; nothing kept)")
    t0 = time.perf_counter()
    out = subprocess.run(f"tail -n +2 {ids} | LC_ALL=C sort -u -S 2G | wc -l", shell=True,
                         capture_output=True, text=True, check=True)
    t1 = time.perf_counter()
    print(f"  peer: coreutils sort -u | wc -l: {t1 - t0:.1f} s ({out.stdout.strip()} distinct)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()} (shared machine: figures vary with other users)")
    ids, distinct = make_file(args.n)
    print(f"N = {args.n} identifiers, {distinct} distinct ({ids.stat().st_size / 1e6:.0f} MB CSV)")
    for backend in args.backends.split(","):
        bench_backend(backend, ids)
    phases(ids)
    peers(ids)


if __name__ == "__main__":
    main()
