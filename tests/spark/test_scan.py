"""The Spark engine's report equals the embedded scanner's on the same files, type for type
and count for count; unreadable inputs are reported in one line and the others scanned; only
masked examples, counts and keyed hashes reach the driver."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.csv as pcsv
import pytest
from pyspark.sql import SparkSession

from cnprivacy.discovery.scanner import Scanner, ScanOptions
from cnprivacy.spark import tasks
from cnprivacy.spark.scan import SparkScanner


def _body(source: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in source.items() if k not in ("source", "kind", "encoding")}


@pytest.fixture(scope="module")
def both(spark: SparkSession, options: ScanOptions, tables: dict[str, Path]
         ) -> tuple[dict[str, Any], dict[str, Any]]:
    spark.sql(f"CREATE TABLE IF NOT EXISTS customers USING parquet "
              f"LOCATION '{tables['parquet']}'")
    key = b"k" * 32
    embedded = Scanner(options, key=key).scan(
        [str(tables[k]) for k in ("parquet", "csv", "orders")]).to_dict()
    on_spark = SparkScanner(spark, options, key=key).scan(
        [str(tables["parquet"]), str(tables["orc"]), str(tables["csv"]), "customers",
         str(tables["damaged"]), "no_such_db.no_such_table", str(tables["orders"])]).to_dict()
    return embedded, on_spark


def test_same_report_as_the_embedded_engine(both: tuple[dict[str, Any], dict[str, Any]]
                                            ) -> None:
    embedded, on_spark = both
    parquet, csv, orders = embedded["sources"]
    s_parquet, s_orc, s_csv, s_table, s_orders = on_spark["sources"]
    assert parquet["individuals"] == 300 and parquet["minors_under_14"] > 0
    assert {c["type"] for c in parquet["columns"]} >= {"cn_resident_id", "cn_mobile",
                                                       "bank_card", "email"}
    assert _body(s_parquet) == _body(parquet)
    assert _body(s_orc) == _body(parquet)       # ORC: the same table, the same report
    assert _body(s_table) == _body(parquet)     # the Hive catalog's table over the same file
    assert _body(s_csv) == _body(csv)
    assert _body(s_orders) == _body(orders)
    assert (s_parquet["kind"], s_orc["kind"], s_csv["kind"], s_table["kind"]) == (
        "parquet", "orc", "csv", "table")
    assert s_csv["encoding"] == "utf-8" and s_table["source"] == "customers"


def test_totals_union_people_across_tables(both: tuple[dict[str, Any], dict[str, Any]]
                                           ) -> None:
    embedded, on_spark = both
    # orders.parquet holds 150 of the same people by mobile: the union stays 300.
    assert on_spark["totals"] == embedded["totals"]
    assert on_spark["totals"]["individuals"] == 300


def test_unreadable_inputs_are_one_line_each_and_the_others_are_scanned(
        both: tuple[dict[str, Any], dict[str, Any]], tables: dict[str, Path]) -> None:
    _, on_spark = both
    errors = {e["source"]: e["error"] for e in on_spark["errors"]}
    assert set(errors) == {str(tables["damaged"]), "no_such_db.no_such_table"}
    assert all("\n" not in e and len(e) < 300 for e in errors.values())
    assert "TABLE_OR_VIEW_NOT_FOUND" in errors["no_such_db.no_such_table"]
    assert len(on_spark["sources"]) == 5


def test_no_raw_value_reaches_the_report(both: tuple[dict[str, Any], dict[str, Any]],
                                         tables: dict[str, Path]) -> None:
    _, on_spark = both
    text = json.dumps(on_spark, ensure_ascii=False)
    table = pcsv.read_csv(tables["csv"], convert_options=pcsv.ConvertOptions(
        strings_can_be_null=False))
    for name in ("身份证号", "手机", "email", "银行卡号"):
        for value in table.column(name).cast("string").to_pylist()[:50]:
            assert value not in text


def test_what_executors_return_holds_no_raw_value(spark: SparkSession, options: ScanOptions,
                                                  tables: dict[str, Path]) -> None:
    """Everything the count tasks send to the driver: hashes, flags and tallies."""
    from cnprivacy.spark.sources import open_source

    scanner = SparkScanner(spark, options, key=b"k" * 32)
    src = open_source(spark, str(tables["parquet"]))
    verdicts, sampled = scanner.classify(src)
    assert sampled == 300
    from cnprivacy.discovery.tabular import count_plan

    plan = count_plan([v for v in verdicts if v.type])
    from functools import partial

    fn = partial(tasks.count_partition, source=src.name, plan=plan, today=options.as_of,
                 ages=(options.minor_age, options.adult_age), digester=scanner.digester)
    rows = src.frame.select(*plan.needed).mapInArrow(fn, tasks.COUNT_SCHEMA).collect()
    table = pcsv.read_csv(tables["csv"])
    raw = {str(v).encode() for v in table.column("身份证号").to_pylist()}
    digests = [r["digest"] for r in rows if r["digest"] is not None]
    assert len(digests) >= 300 and all(len(d) == 16 for d in digests)
    assert not raw & {bytes(d) for d in digests}
    assert sum(r["rows"] for r in rows if r["rows"] is not None) == 300
