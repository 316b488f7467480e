"""Processing register speed: loading a register of N activities and assessing on it.

    .venv/bin/python bench/records_bench.py [--activities 5000] [--transfers 50000] [--repeat 5]
        [--backends sqlite,postgresql]

Generates N activities (seeded; each with categories, sources, systems, two recipients with
contracts and a person responsible), writes them as version 1 in one transaction, adds a second
version for a tenth of them, then times in one process (median and best):

- load: the latest version of every activity (``Register.versions()``: the max-version query
  and pydantic validation of each row);
- load + map to profile: the above, then the profile's ``processing`` section from it;
- assess: ``cnprivacy assess``'s engine on a profile whose processing comes from the register;
- load + assess: both, as ``record export-profile`` followed by ``assess`` does;
- with ``--transfers N``, the profile also carries N transfers abroad (seeded: dates in 2026,
  recipients in three countries, people per transfer), so ``assess`` decides their routes, and the
  cross-border decision over them is timed on its own as well.

Each row gives wall-clock seconds (the requirement) and the process's CPU seconds: on a machine
shared with other work the CPU column moves much less than the wall clock does, and tells
whether a slow wall figure came from the code or from the neighbours.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from cnprivacy.engine import Options, assess, crossborder_decision
from cnprivacy.law import load_lawbook
from cnprivacy.profile import Profile
from cnprivacy.profile.models import DataCategory, LegalBasis, Organization, Transfer
from cnprivacy.records.models import Activity
from cnprivacy.records.profile_map import to_profiles
from cnprivacy.records.register import Register
from cnprivacy.store.records import init_store, open_store

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ROLES = ["entrusted", "provided", "joint", "disclosed", "exported"]


def make_activities(n: int, rng: random.Random) -> list[Activity]:
    categories = [c.value for c in DataCategory]
    bases = [b.value for b in LegalBasis]
    out = []
    for i in range(n):
        people = rng.randrange(0, 2_000_000)
        out.append(Activity.model_validate({
            "id": f"act-{i:05d}", "purpose": f"purpose {i}", "business_scenario": f"scenario {i % 40}",
            "legal_basis": rng.choice(bases),
            "data_categories": rng.sample(categories, rng.randrange(1, 6)),
            "individuals": people, "sensitive_individuals": rng.randrange(0, people + 1),
            "sources": [{"description": "app sign-up", "direct": True}],
            "systems": [{"name": f"system {i % 97}", "storage_location": "cn-east", "country": "CN"}],
            "retention": {"period": "2 years after the last order", "months": 24},
            "recipients": [{"role": rng.choice(ROLES), "name": f"recipient {rng.randrange(500)}",
                            "country": rng.choice(["CN", "SG", "DE"]),
                            "contract": {"reference": f"C-{i}-{k}", "signed_on": "2025-06-01"}}
                           for k in range(2)],
            "responsible": [{"name": f"owner {i % 30}", "role": "business owner"}],
        }))
    return out


def make_transfers(n: int, rng: random.Random) -> list[Transfer]:
    categories = [c.value for c in DataCategory]
    return [Transfer.model_validate({
        "id": f"t-{i:06d}", "date": date(2026, 1 + i % 10, 1 + i % 28).isoformat(),
        "recipient": {"name": f"recipient {i % 500}", "country": rng.choice(["SG", "DE", "US"])},
        "individuals": rng.randrange(1, 200), "sensitive_individuals": rng.randrange(0, 3),
        "data_categories": rng.sample(categories, 2),
        "purpose": f"purpose {i % 40}"}) for i in range(n)]


Timing = tuple[list[float], list[float]]  # wall-clock and CPU seconds of each run


def _time(fn: Callable[[], Any], repeat: int) -> Timing:
    wall, cpu = [], []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return wall, cpu


def bench(target: str, n: int, repeat: int, transfers: int = 0) -> dict[str, Timing]:
    rng = random.Random(14)
    activities = make_activities(n, rng)
    moves = make_transfers(transfers, rng)
    store = init_store(target)
    register = Register(store)
    write = _time(lambda: register.save(activities, "bench"), 1)
    changed = [a.model_copy(update={"individuals": (a.individuals or 0) + 1})
               for a in activities[::10]]
    register.save(changed, "bench")
    reader = Register(open_store(target))
    options = Options(as_of=date(2026, 11, 1))
    org = Organization(name="Bench Co", country="CN")
    profile = Profile(organization=org, processing=to_profiles(reader.activities()),
                      transfers=moves)
    assess(profile, options)  # warm the law data

    def load_and_assess() -> None:
        assess(Profile(organization=org, processing=to_profiles(reader.activities()),
                       transfers=moves), options)

    rows = {
        f"write {n} activities (one transaction)": write,
        "load latest versions": _time(reader.versions, repeat),
        "load + map to profile": _time(lambda: to_profiles(reader.activities()), repeat),
        f"assess on the register's profile ({transfers} transfers)":
            _time(lambda: assess(profile, options), repeat),
        "load + assess": _time(load_and_assess, repeat),
    }
    if transfers:
        rows[f"cross-border decision alone ({transfers} transfers)"] = _time(
            lambda: crossborder_decision(profile, options), repeat)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--transfers", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    load_lawbook()
    print(f"Register: {args.activities} activities, {args.transfers} transfers; "
          f"{platform.python_implementation()} "
          f"{platform.python_version()}; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f}")
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                rows = bench(str(Path(tmp) / "record.db"), args.activities, args.repeat,
                             args.transfers)
            else:
                schema = f"cnp_bench_{uuid.uuid4().hex[:10]}"
                engine = create_engine(PG)
                with engine.begin() as conn:
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
                try:
                    rows = bench(f"{PG}?options=-csearch_path%3D{schema}", args.activities,
                                 args.repeat, args.transfers)
                finally:
                    with engine.begin() as conn:
                        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        print(f"\n{backend} (load average now {os.getloadavg()[0]:.1f})\n\n"
              "| step | median (s) | best (s) | median CPU (s) | runs |\n|---|---|---|---|---|")
        for name, (wall, cpu) in rows.items():
            print(f"| {name} | {statistics.median(wall):.3f} | {min(wall):.3f} | "
                  f"{statistics.median(cpu):.3f} | {len(wall)} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
