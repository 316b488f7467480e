"""Cross-border decision speed over 10,000 transfers.

    .venv/bin/python bench/crossborder_bench.py [--transfers 10000] [--repeat 5] [--missing-facts]

Builds a profile of N transfers (a mix of exemptions, contract routes, GBA recipients, sensitive
and important data, earlier-year and future-dated transfers, contracts with filing deadlines),
then times, in one run: ``crossborder_decision()`` in-process (median of --repeat, after a warm-up), the
``assess`` obligations that read it, and ``cnprivacy crossborder --format json`` end to end in a
fresh process (start-up, profile parsing and validation, decision, JSON).
There is no open-source peer that decides PIPL export routes; the reference point is the
requirement (under 1 second for 10,000 transfers).

``--missing-facts`` leaves out facts on every transfer (whether access is inside China, the
sensitive count, and the basis on every other one), so every transfer adds its own unknowns to
the decision's ``needs_info``: the case that was quadratic in the number of transfers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "_work" / "crossborder"
sys.path.insert(0, str(ROOT / "src"))


_UNKNOWN_FIELDS = ("access_inside_china", "sensitive_individuals")


def make_profile(n: int, missing_facts: bool = False) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    transfers = []
    for i in range(n):
        day = date(2026, 1, 1) + timedelta(days=i % 300)
        if i % 97 == 0:
            day = date(2025, 12, 1)
        t = {"id": f"t{i}", "date": day.isoformat(),
             "recipient": {"name": f"R{i}", "country": ["SG", "HK", "US", "MO", "DE"][i % 5]},
             "basis": ["other", "other", "other", "contract_necessity", "hr_management"][i % 5],
             "contract_scenario": "cross_border_shopping" if i % 5 == 3 else None,
             "individuals": 40 + i % 50, "sensitive_individuals": 1 if i % 11 == 0 else 0,
             "important_data": i % 1000 == 999, "no_personal_information": False,
             "collected_abroad": False, "access_inside_china": i % 53 == 0}
        if missing_facts:
            for name in _UNKNOWN_FIELDS:
                del t[name]
            if i % 2:
                del t["basis"]
        if i % 7 == 0:
            t["contract_effective"] = (day + timedelta(days=2)).isoformat()
        transfers.append(t)
    profile = {"organization": {"name": "Bench Co.", "country": "CN", "province": "Guangdong",
                                "city": "Shenzhen", "ciio": False, "important_data_processor": False,
                                "free_trade_zone": None},
               "transfers": transfers}
    path = WORK / f"profile-{n}{'-missing' if missing_facts else ''}.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transfers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--missing-facts", action="store_true",
                        help="leave facts out of every transfer (each adds its own needs_info)")
    args = parser.parse_args()
    from cnprivacy.engine import Options, assess, crossborder_decision
    from cnprivacy.law import load_lawbook
    from cnprivacy.profile import load_profile

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
          " (shared machine: figures vary with other users)")
    path = make_profile(args.transfers, args.missing_facts)
    profile = load_profile(path)
    law = load_lawbook()
    as_of = date(2026, 6, 30)

    def once() -> float:
        start = time.perf_counter()
        dec = crossborder_decision(profile, Options(as_of=as_of), law=law)
        took = time.perf_counter() - start
        assert len(dec.transfers) == args.transfers
        assert not args.missing_facts or len(dec.missing) > args.transfers
        return took

    once()
    runs = [once() for _ in range(args.repeat)]
    what = " with missing facts" if args.missing_facts else ""
    print(f"crossborder_decision() over {args.transfers} transfers{what}: "
          f"median {statistics.median(runs):.3f} s "
          f"(min {min(runs):.3f}, max {max(runs):.3f}, {args.repeat} runs)")
    start = time.perf_counter()
    assess(profile, Options(as_of=as_of))
    print(f"assess (all obligations; crossborder ones share one decision): "
          f"{time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "cnprivacy"), "crossborder", str(path),
                           "--as-of", as_of.isoformat(), "--format", "json"],
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    print(f"cnprivacy crossborder --format json (fresh process, end to end): {took:.2f} s; "
          f"route {out['mechanism']}, {out['counted']['individuals']} individuals counted")


if __name__ == "__main__":
    main()
