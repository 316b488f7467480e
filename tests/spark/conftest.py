"""One SparkSession in local mode for the whole test session, with a Hive metastore (Derby)
and a warehouse in a temporary folder; small seeded tables written once.

Every Spark test runs on one pytest-xdist worker (the ``spark`` group; the suite runs with
``--dist loadgroup``), so a parallel run starts one JVM and one metastore, not one per worker;
the other worker meanwhile runs the rest of the suite."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # CI installs a Java runtime (.ci/run); say so if it did not
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from pyspark.sql import SparkSession

from cnprivacy.discovery.scanner import ScanOptions
from cnprivacy.engine.parameters import adult_age_limit, minor_age_limit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "discovery"))
from evalcorpus import make_corpus

AS_OF = date(2026, 3, 1)
HERE = Path(__file__).resolve().parent
FAST_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def pytest_itemcollected(item: pytest.Item) -> None:
    if item.path.is_relative_to(HERE):
        item.add_marker(pytest.mark.xdist_group("spark"))


@pytest.hookimpl(trylast=True)  # after xdist's own hook (it may have grouped them already)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ``spark`` group: pytest-xdist sends a group's tests to one worker by the suffix
    ``@spark`` of their ids. xdist 3.8 writes that suffix to an attribute pytest 9.2 no longer
    reads (it keeps ids structured), so it is set here where xdist's did not take."""
    if not getattr(config.option, "loadgroup", False):  # an xdist worker with --dist loadgroup
        return
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # an older pytest: xdist's suffix works there
        return
    for item in items:
        if item.path.is_relative_to(HERE) and not item.nodeid.endswith("@spark"):
            item._id = NodeId.parse(f"{item.nodeid}@spark")  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    from cnprivacy.spark.session import spark_session

    home = tmp_path_factory.mktemp("spark")
    session = spark_session("local[2]", {
        "spark.sql.catalogImplementation": "hive",
        "spark.sql.warehouse.dir": str(home / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL":
            f"jdbc:derby:;databaseName={home / 'metastore'};create=true",
        # The client compiler only and the serial collector: a JVM that starts and runs
        # seconds-long jobs sooner (the tests' tables are small).
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={home} {FAST_JVM}",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
    }, batch_rows=128)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def options() -> ScanOptions:
    return ScanOptions(as_of=AS_OF, minor_age=minor_age_limit(AS_OF),
                       adult_age=adult_age_limit(AS_OF), batch_rows=128)


@pytest.fixture(scope="session")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same seeded customers table as CSV, Parquet and ORC (300 rows: several Arrow
    batches of 128), a second table sharing some people, and a damaged Parquet file."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.orc as po
    import pyarrow.parquet as pq

    out = tmp_path_factory.mktemp("tables")
    make_corpus(rows=300, lines=0, seed=17).write_csv(out / "customers.csv")
    table = pcsv.read_csv(out / "customers.csv")
    pq.write_table(table, out / "customers.parquet", row_group_size=100)
    po.write_table(table, out / "customers.orc")
    # Half of the same people again, under other column names.
    half = table.slice(0, 150)
    other = pa.table({"phone": half.column("手机"), "note": pa.array(["x"] * 150)})
    pq.write_table(other, out / "orders.parquet")
    (out / "damaged.parquet").write_bytes(b"PAR1" + b"\x00junk" * 50 + b"PAR1")
    return {"csv": out / "customers.csv", "parquet": out / "customers.parquet",
            "orc": out / "customers.orc", "orders": out / "orders.parquet",
            "damaged": out / "damaged.parquet"}

