"""One SparkSession in local mode for the whole test session, with a Hive metastore (Derby)
and a warehouse in a temporary folder; small seeded tables written once."""

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


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    from cnprivacy.spark.session import spark_session

    home = tmp_path_factory.mktemp("spark")
    session = spark_session("local[2]", {
        "spark.sql.catalogImplementation": "hive",
        "spark.sql.warehouse.dir": str(home / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL":
            f"jdbc:derby:;databaseName={home / 'metastore'};create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={home}",
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
