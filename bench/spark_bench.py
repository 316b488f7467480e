"""Spark engine throughput: rows per second on local[1] and local[2] against the embedded
scanner, on the same Parquet corpus, in one run.

The corpus is the seeded customers table of the accuracy tests (tests/discovery/evalcorpus.py,
Faker zh_CN), repeated until it holds ``--rows`` rows, in one Parquet file of row groups of
``--row-group`` rows (so that Spark splits it). Each engine runs in its own process (a Spark
master is fixed per JVM); the Spark figures exclude the session's start-up, which is printed
apart. The machine's load average is recorded beside every run: on a shared machine the
figures are only as steady as the load.

Spark reads the file in ``--splits`` input partitions of equal size (by default 8, a multiple
of the cores used, through ``spark.sql.files.maxPartitionBytes``): with Spark's default of
128 MB per partition, a file of 345 MB makes 3 tasks, and on 2 cores the third runs alone, so
the second core sits idle for a third of the job whatever the engine could do.

    .venv/bin/python bench/spark_bench.py --rows 2000000     # a few minutes
    .venv/bin/python bench/spark_bench.py --rows 12000000    # 2 GB, the documented run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 3, 1)


def build(rows: int, row_group: int, out: Path) -> Path:
    """The corpus file (reused when it already has ``rows`` rows)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    path = out / f"spark_customers_{rows}.parquet"
    if path.exists() and pq.ParquetFile(path).metadata.num_rows == rows:
        return path
    sys.path.insert(0, str(HERE.parent / "tests" / "discovery"))
    from evalcorpus import make_corpus

    out.mkdir(parents=True, exist_ok=True)
    base_rows = min(rows, 200_000)
    csv = out / f"spark_base_{base_rows}.csv"
    make_corpus(rows=base_rows, lines=0, seed=20261204).write_csv(csv)
    typed = pcsv.read_csv(csv)
    base = pa.table({n: typed.column(n).cast(pa.string()) for n in typed.column_names})
    with pq.ParquetWriter(path, base.schema, compression="snappy") as writer:
        left = rows
        while left > 0:
            chunk = base.slice(0, min(left, base.num_rows))
            writer.write_table(chunk, row_group_size=row_group)
            left -= chunk.num_rows
    return path


def _options() -> object:
    from cnprivacy.discovery.scanner import ScanOptions
    from cnprivacy.engine.parameters import adult_age_limit, minor_age_limit

    return ScanOptions(as_of=AS_OF, minor_age=minor_age_limit(AS_OF),
                       adult_age=adult_age_limit(AS_OF))


def run_one(engine: str, path: Path, splits: int) -> dict[str, object]:
    """One engine over the corpus, in this process."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    session_s = 0.0
    if engine == "embedded":
        from cnprivacy.discovery.scanner import Scanner

        t = time.perf_counter()
        result = Scanner(_options()).scan([str(path)])  # type: ignore[arg-type]
    else:
        from cnprivacy.spark.scan import SparkScanner
        from cnprivacy.spark.session import spark_session

        split_bytes = -(-path.stat().st_size // splits)
        spark = spark_session(engine, {"spark.sql.shuffle.partitions": "4",
                                       "spark.driver.memory": "3g",
                                       "spark.sql.files.maxPartitionBytes": str(split_bytes)})
        spark.range(1).count()  # the JVM and the first job, outside the timing
        session_s = time.perf_counter() - started
        t = time.perf_counter()
        result = SparkScanner(spark, _options()).scan([str(path)])  # type: ignore[arg-type]
    seconds = time.perf_counter() - t
    source = result.sources[0]
    return {"engine": engine, "rows": source.rows, "seconds": round(seconds, 2),
            "rows_per_s": round(source.rows / seconds), "session_s": round(session_s, 1),
            "individuals": source.individuals, "errors": len(result.errors),
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--row-group", type=int, default=250_000)
    ap.add_argument("--out", type=Path, default=HERE / "_work")
    ap.add_argument("--engines", default="embedded,local[1],local[2]")
    ap.add_argument("--splits", type=int, default=8,
                    help="input partitions Spark reads the file in (equal sizes)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one engine, print JSON
    ap.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.file, args.splits)))
        return
    path = build(args.rows, args.row_group, args.out)
    size = path.stat().st_size
    runs = []
    for engine in args.engines.split(","):
        done = subprocess.run([sys.executable, __file__, "--one", engine, "--file", str(path),
                               "--splits", str(args.splits)],
                              check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]), flush=True)
    by = {r["engine"]: r for r in runs}
    summary: dict[str, object] = {"file": str(path), "bytes": size, "rows": args.rows,
                                  "cpus": os.cpu_count(), "runs": runs}
    if "local[1]" in by and "local[2]" in by:
        summary["scaling_local2_over_local1"] = round(
            float(by["local[2]"]["rows_per_s"]) / float(by["local[1]"]["rows_per_s"]), 2)
    if "embedded" in by and "local[2]" in by:
        summary["local2_over_embedded"] = round(
            float(by["local[2]"]["rows_per_s"]) / float(by["embedded"]["rows_per_s"]), 2)
    print(json.dumps(summary, indent=2))
    print(table(summary))


def table(summary: dict[str, object]) -> str:
    """The runs as the Markdown table of docs/benchmarks.md, and the two ratios."""
    runs = summary["runs"]
    assert isinstance(runs, list)
    lines = [f"{summary['rows']:,} rows, {int(str(summary['bytes'])) / 1e6:,.0f} MB, "
             f"{summary['cpus']} CPUs", "",
             "| engine | seconds | rows/s | session start (s) | load before → after |",
             "|---|---:|---:|---:|---|"]
    for r in runs:
        start = "–" if r["engine"] == "embedded" else f"{r['session_s']}"
        lines.append(f"| {r['engine']} | {r['seconds']} | {r['rows_per_s']:,} | {start} | "
                     f"{r['load_before']} → {r['load_after']} |")
    lines.append("")
    for key, label in (("scaling_local2_over_local1", "local[2] / local[1]"),
                       ("local2_over_embedded", "local[2] / embedded")):
        if key in summary:
            lines.append(f"{label}: {summary[key]}×")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
