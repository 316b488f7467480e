"""Benchmark: `assess` on a profile with 1,000 processing activities and 10,000 transfers.

Run: .venv/bin/python bench/assess_bench.py [--repeat 5]
Prints one Markdown table (median and best of N) for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from cnprivacy.engine import Options, assess
from cnprivacy.law import load_lawbook
from cnprivacy.profile import load_profile

CATEGORIES = ["identity", "contact", "account", "device", "network_activity", "employment",
              "financial_account", "location_tracking", "medical_health"]
BASES = ["consent", "separate_consent", "contract", "hr_management", "legal_obligation"]
COUNTRIES = ["SG", "US", "DE", "JP", "HK", "MO", "GB", "FR"]


def make_profile(activities: int, transfers: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    return {
        "organization": {
            "name": "Bench Co", "country": "CN", "province": "Guangdong", "city": "Shenzhen",
            "ciio": False, "important_data_processor": False, "registered_users": 12_000_000,
            "monthly_active_users": 2_000_000, "complex_business": True,
            "individuals_processed": 9_000_000, "sensitive_individuals_processed": 800_000,
            "minors_under_14_processed": 3000, "minors_processed": 9000,
            "facial_recognition_individuals": 50_000, "revenue_prior_year_cny": 2_000_000_000,
        },
        "processing": [
            {"id": f"p{i}", "purpose": f"activity {i}",
             "data_categories": rng.sample(CATEGORIES, 3),
             "legal_basis": rng.choice(BASES), "automated_decision_making": rng.random() < 0.1,
             "provides_to_third_parties": rng.random() < 0.3, "publicly_discloses": False}
            for i in range(activities)
        ],
        "transfers": [
            {"id": f"t{i}", "date": (start + timedelta(days=rng.randrange(300))).isoformat(),
             "recipient": {"name": f"R{i}", "country": rng.choice(COUNTRIES)},
             "basis": rng.choice(["other", "other", "contract_necessity", "hr_management"]),
             "contract_scenario": "cross_border_shopping", "individuals": rng.randrange(1, 50),
             "sensitive_individuals": 0, "important_data": False, "no_personal_information": False,
             "collected_abroad": False, "access_inside_china": False}
            for i in range(transfers)
        ],
    }


def _time(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--transfers", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.json"
        path.write_text(json.dumps(make_profile(args.activities, args.transfers)), encoding="utf-8")
        load_lawbook()
        profile = load_profile(path)
        options = Options(as_of=date(2026, 11, 1))
        result = assess(profile, options)
        rows = {
            "load + validate profile": _time(lambda: load_profile(path), args.repeat),
            "assess (all obligations)": _time(lambda: assess(profile, options), args.repeat),
            "load + assess": _time(lambda: assess(load_profile(path), options), args.repeat),
        }
        cli = [sys.executable, "-m", "cnprivacy", "assess", str(path), "--as-of", "2026-11-01",
               "--format", "json"]
        rows["whole CLI run (process start, JSON out)"] = _time(
            lambda: subprocess.run(cli, check=True, capture_output=True), max(3, args.repeat // 2))
    print(f"Profile: {args.activities} processing activities, {args.transfers} transfers; "
          f"{len(result.findings)} obligations; {platform.python_implementation()} "
          f"{platform.python_version()}; {os.cpu_count()} CPUs")
    print()
    print("| step | median (s) | best (s) | runs |")
    print("|---|---|---|---|")
    for name, times in rows.items():
        print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {len(times)} |")


if __name__ == "__main__":
    main()
