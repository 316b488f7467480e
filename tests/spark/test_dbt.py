"""A Spark scan's dbt patch read by dbt itself, and what the person running the scan sees.

A tiny dbt project (DuckDB adapter, a model over a Parquet file) is scanned with ``scan
--engine spark --dbt-schema``; dbt then parses the project through its Python entry point and
its manifest must carry ``meta.cnprivacy`` per PI column, as the report classified them. The
scan runs as its own command (a new JVM), so its stderr is what a person would see: our lines
only, none of Spark's or Java's start-up warnings. No network: no ``dbt deps``, no usage
statistics.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import AS_OF, FAST_JVM

pytest.importorskip("dbt.cli.main")

SCHEMA_YML = """\
version: 2

models:
  # the CRM export, read straight from its Parquet file
  - name: customers
    description: One row per customer.
    columns:
      - name: 手机
        meta:
          owner: crm-team
"""


def _project(root: Path, parquet: Path) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        'name: crm\nversion: "1.0.0"\nconfig-version: 2\nprofile: crm\n'
        'model-paths: ["models"]\n', encoding="utf-8")
    (root / "profiles.yml").write_text(
        "crm:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: {json.dumps(str(root / 'crm.duckdb'))}\n      threads: 1\n",
        encoding="utf-8")
    data = root / "data" / "customers.parquet"
    data.parent.mkdir()
    shutil.copy(parquet, data)
    (root / "models" / "customers.sql").write_text(
        f"select * from read_parquet('{data}')\n", encoding="utf-8")
    (root / "models" / "schema.yml").write_text(SCHEMA_YML, encoding="utf-8")
    return data


def _dbt_parse(root: Path) -> Any:
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke([
        "parse", "--project-dir", str(root), "--profiles-dir", str(root),
        "--target-path", str(root / "target"), "--log-path", str(root / "logs"),
        "--no-partial-parse", "--no-send-anonymous-usage-stats", "--quiet"])
    assert result.success, result.exception
    return result.result


def test_dbt_reads_the_scan_meta_and_the_scan_prints_only_our_lines(
        tables: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "crm"
    data = _project(root, tables["parquet"])
    report = tmp_path / "report.json"
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    env.pop("LOG4J_CONFIGURATION_FILE", None)  # the command's own defaults
    done = subprocess.run(
        [sys.executable, "-m", "cnprivacy", "scan", "--engine", "spark", "--master", "local[1]",
         "--spark-conf", f"spark.driver.extraJavaOptions={FAST_JVM}", str(data),
         "--as-of", AS_OF.isoformat(), "--format", "json", "-o", str(report),
         "--dbt-schema", str(root / "models" / "schema.yml")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    # Only cnprivacy's lines: no log4j records, no JVM or Spark start-up notices.
    for word in ("WARN", "log4j", "NativeCodeLoader", "incubator", "setLogLevel", "INFO"):
        assert word not in done.stderr, done.stderr

    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    manifest = _dbt_parse(root)
    node = manifest.nodes["model.crm.customers"]
    assert node.description == "One row per customer."
    doc = json.loads(report.read_text(encoding="utf-8"))
    [source] = doc["sources"]
    receipt = hashlib.sha256(report.read_bytes()).hexdigest()
    assert {c["name"] for c in source["columns"]} >= {"手机", "身份证号", "银行卡号"}
    for column in source["columns"]:
        meta = node.columns[column["name"]].meta["cnprivacy"]
        assert meta["pi_type"] == column["type"]
        assert meta["sample_size"] == column["checked"] > 0
        assert meta["as_of"] == AS_OF.isoformat() and meta["scan_receipt"] == receipt
    mobile = node.columns["手机"].meta
    assert mobile["owner"] == "crm-team"  # the project's own meta stays
    assert mobile["cnprivacy"]["sensitivity"] == "personal"
    card = node.columns["银行卡号"].meta["cnprivacy"]
    assert card["sensitivity"] == "sensitive" and card["pipl_art28"] == ["financial_account"]
