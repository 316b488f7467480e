"""App-audit speed: cnprivacy vs exodus-core vs androguard on the same APKs, in one run.

Run after ``bash bench/setup_appaudit_peers.sh``:

    bench/_peers/appaudit-venv/bin/python bench/appaudit_bench.py [--repeat 5] [APK ...]

Every tool is timed in the same process, in the same order, on the same files; each figure is
the median of ``--repeat`` runs per APK (after one warm-up run that is not counted).
- cnprivacy: ``audit_apk`` (manifest, permissions, every DEX class table, native libraries,
  SDK matching against ~600 signatures, findings). Catalogue loading is timed separately
  (once per process); "fresh process" is a new interpreter importing only the audit
  (start-up + imports + catalogue + audit), and "CLI" is the project's ``cnprivacy`` console
  script, whose start-up includes importing every command group.
- exodus-core: ``StaticAnalysis`` (androguard's APK for the manifest) + ``detect_trackers``
  (dexdump subprocess per DEX + regex over class names) + permissions, with the tracker
  database loaded from the local Exodus JSON instead of the network.
- androguard: ``AnalyzeAPK`` (full analysis, the usual way to list classes) and, as a lighter
  path, ``APK`` + ``DEX.get_classes_names`` per DEX.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import namedtuple
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_APKS = sorted(p for p in (SHARED / "apks").glob("*.apk")
                      if p.name not in ("multidex.apk", "CertChain.apk"))


def _time(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    result = func()  # warm-up (file cache, lazy imports)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apks", nargs="*", type=Path, default=DEFAULT_APKS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    logging.disable(logging.CRITICAL)
    from exodus_core.analysis.static_analysis import StaticAnalysis  # sets androguard's log
    from loguru import logger

    logger.remove()  # androguard logs every step at INFO, which would dominate the timings
    logger.add(sys.stderr, level="CRITICAL")
    from androguard.core.apk import APK
    from androguard.core.dex import DEX
    from androguard.misc import AnalyzeAPK

    from cnprivacy.appaudit.audit import audit_apk
    from cnprivacy.appaudit.signatures import load_catalogue

    start = time.perf_counter()
    catalogue = load_catalogue()
    catalogue_load = time.perf_counter() - start

    trackers = json.loads((SHARED / "sdk-signatures" / "exodus_trackers.json").read_text())
    signatures = [namedtuple("tracker", t.keys())(*t.values())
                  for t in trackers["trackers"].values()]

    def exodus(path: Path) -> tuple[int, int]:
        analysis = StaticAnalysis(str(path))
        analysis.signatures = signatures
        analysis._compile_signatures()
        found = analysis.detect_trackers()
        return len(found), len(analysis.get_permissions())

    def cnprivacy(path: Path) -> tuple[int, int]:
        report = audit_apk(str(path), catalogue=catalogue)
        return len(report.sdks), len(report.permissions)

    def androguard_full(path: Path) -> int:
        _a, dexes, _dx = AnalyzeAPK(str(path))
        return sum(len(d.get_classes_names()) for d in dexes)

    def androguard_light(path: Path) -> int:
        apk = APK(str(path))
        apk.get_permissions()
        return sum(len(DEX(raw).get_classes_names()) for raw in apk.get_all_dex())

    def cli(path: Path) -> int:
        # the project's own console script, as a user runs it (start-up included)
        return subprocess.run([str(ROOT / ".venv" / "bin" / "cnprivacy"), "app", "audit",
                               str(path), "--format", "json"], capture_output=True,
                              check=False).returncode

    def fresh_process(path: Path) -> int:
        # imports + catalogue + audit in a new interpreter: the cost a lazy CLI would have
        code = ("import sys; from cnprivacy.appaudit.audit import audit_apk; "
                "audit_apk(sys.argv[1])")
        return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                              check=False).returncode

    rows = []
    for path in args.apks:
        size = path.stat().st_size / 2**20
        row = {"apk": path.name, "MiB": round(size, 2)}
        row["cnprivacy"], row["cnprivacy_found"] = _time(lambda p=path: cnprivacy(p), args.repeat)
        row["exodus"], row["exodus_found"] = _time(lambda p=path: exodus(p), args.repeat)
        row["androguard_light"], _ = _time(lambda p=path: androguard_light(p), args.repeat)
        row["androguard_full"], _ = _time(lambda p=path: androguard_full(p),
                                          max(1, args.repeat // 2))
        row["fresh"], _ = _time(lambda p=path: fresh_process(p), max(1, args.repeat // 2))
        row["cli"], _ = _time(lambda p=path: cli(p), max(1, args.repeat // 2))
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}; repeat={args.repeat}; "
          f"catalogue load (once per process): {catalogue_load * 1000:.0f} ms\n")
    print("| APK | MiB | cnprivacy audit | exodus-core | androguard APK+DEX | "
          "androguard AnalyzeAPK | cnprivacy fresh process | cnprivacy CLI (process) | "
          "SDKs/trackers found (cnprivacy / exodus) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['apk']} | {r['MiB']} | {r['cnprivacy'] * 1000:.0f} ms | "
              f"{r['exodus'] * 1000:.0f} ms | {r['androguard_light'] * 1000:.0f} ms | "
              f"{r['androguard_full'] * 1000:.0f} ms | {r['fresh'] * 1000:.0f} ms | "
              f"{r['cli'] * 1000:.0f} ms | "
              f"{r['cnprivacy_found'][0]} / {r['exodus_found'][0]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
