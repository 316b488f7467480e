"""The commands on Spark, end to end: ``scan --engine spark`` writes the embedded report's JSON
(``record import-scan`` reads it as is), the ledger's hashes (``ledger record --hashes``
counts the same people as from the identifiers themselves) and tags; the HyperLogLog sketch
built on the cluster is the ledger's own sketch of the same people."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.discovery.scanner import ScanOptions
from cnprivacy.ledger import LedgerKey, distinct_sorted, hash_groups, read_identifiers
from cnprivacy.ledger.identifiers import IdentifierKind
from cnprivacy.ledger.sketch import sketch_of
from cnprivacy.spark.ledger import sketch
from cnprivacy.spark.scan import SparkScanner

from .conftest import AS_OF


@pytest.fixture(scope="module")
def ledger_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "l.key"
    LedgerKey.generate().save(path)
    return path


def test_scan_feeds_the_ledger_and_the_register(spark: SparkSession, tables: dict[str, Path],
                                                 ledger_key: Path, tmp_path: Path) -> None:
    del spark  # the command reuses the session's settings (shuffle partitions, metastore)
    runner = CliRunner()
    report, hashes = tmp_path / "report.json", tmp_path / "people.parquet"
    schema = tmp_path / "schema.yml"
    result = runner.invoke(app, [
        "scan", "--engine", "spark", str(tables["orders"]), str(tables["damaged"]),
        "--as-of", AS_OF.isoformat(), "--format", "json", "-o", str(report),
        "--ledger-key", str(ledger_key), "--ledger-hashes", str(hashes),
        "--dbt-schema", str(schema)])
    assert result.exit_code == 2, result.stdout  # the damaged file: reported, exit 2
    assert "damaged.parquet" in result.stderr
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert [s["individuals"] for s in doc["sources"]] == [150]
    assert "orders" in schema.read_text(encoding="utf-8")

    env = {"CNPRIVACY_LEDGER_KEY": str(ledger_key)}
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["ledger", "init", "--db", db], env=env).exit_code == 0
    recorded = runner.invoke(app, [
        "ledger", "record", "--db", db, "--transfer", "t", "--date", "2026-02-01",
        "--country", "SG", "--hashes", str(hashes), "--format", "json"], env=env)
    assert recorded.exit_code == 0, recorded.stderr
    assert json.loads(recorded.stdout)["identifiers_distinct"] == 150
    # The same people from the identifiers themselves: no one new.
    again = runner.invoke(app, [
        "ledger", "record", "--db", db, "--transfer", "t2", "--date", "2026-02-02",
        "--country", "SG", "--file", str(tables["orders"]), "--column", "phone",
        "--id-kind", "mobile", "--format", "json"], env=env)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["after"]["individuals"] == 150

    other = tmp_path / "other.key"
    LedgerKey.generate().save(other)
    wrong = runner.invoke(app, [
        "ledger", "record", "--db", db, "--transfer", "t3", "--date", "2026-02-03",
        "--country", "SG", "--hashes", str(hashes)], env={"CNPRIVACY_LEDGER_KEY": str(other)})
    assert wrong.exit_code == 2


def test_cluster_sketch_is_the_ledgers_sketch(spark: SparkSession, options: ScanOptions,
                                              tables: dict[str, Path], ledger_key: Path
                                              ) -> None:
    key = LedgerKey.load(ledger_key)
    scanner = SparkScanner(spark, options, key=key.secret, ledger=True)
    scanner.scan([str(tables["orders"])])
    mine = sketch(scanner)
    ids = read_identifiers(tables["orders"], "phone", IdentifierKind.MOBILE)
    theirs = sketch_of(distinct_sorted(hash_groups(key, ids.groups)))
    assert np.array_equal(np.asarray(mine.reg), np.asarray(theirs.reg))
    assert abs(mine.count() - 150) <= 150 * 3 * 0.0081 + 1


def test_spark_options_need_the_spark_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--tag-tables"])
    assert result.exit_code == 2 and "--engine spark" in result.stderr
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--engine", "hadoop"])
    assert result.exit_code == 2 and "--engine" in result.stderr


@pytest.mark.parametrize("option", [["--decrypt"], ["--check-k", "手机"]])
def test_embedded_only_deid_options_are_refused_on_spark(option: list[str], tables: dict[str, Path],
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["deid", "run", str(tables["parquet"]), "-o", str(out),
                                      "--engine", "spark", *option])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{option[0]} runs on the embedded engine only" in lines[0]
    assert not out.exists()
