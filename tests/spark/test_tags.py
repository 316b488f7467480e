"""Tags where data teams look: Hive column comments and table properties through the Spark
catalog, Iceberg column docs and properties through a real pyiceberg SQL catalog (SQLite),
and a dbt schema.yml patch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from pyspark.sql import SparkSession

from cnprivacy.discovery.scanner import Scanner, ScanOptions
from cnprivacy.discovery.tags import ColumnTag, receipt, result_tags
from cnprivacy.errors import InputError
from cnprivacy.spark.tags import tag_catalog_table, tag_iceberg_table, write_dbt_patch


@pytest.fixture(scope="module")
def scanned(options: ScanOptions, tables: dict[str, Path]) -> tuple[list[ColumnTag], str]:
    result = Scanner(options).scan([str(tables["parquet"])])
    digest = receipt(result.to_json())
    return result_tags(result, digest)[str(tables["parquet"])], digest


def test_tags_hold_the_classification_and_no_value(scanned: tuple[list[ColumnTag], str],
                                                   tables: dict[str, Path]) -> None:
    tags, digest = scanned
    by_column = {t.column: t for t in tags}
    card = by_column["银行卡号"]
    assert (card.type, card.sensitive, card.pipl_art28) == ("bank_card", True,
                                                            ("financial_account",))
    assert card.sample_size == 300 and 0.6 <= card.validation_ratio <= 1.0
    assert by_column["手机"].sensitivity == "personal" and card.receipt == digest
    raw = {str(v) for v in pq.read_table(tables["parquet"]).column("手机").to_pylist()}
    text = repr([t.properties() for t in tags]) + repr([t.comment() for t in tags])
    assert not any(v in text for v in raw)


def test_hive_column_comments_and_table_properties(
        spark: SparkSession, scanned: tuple[list[ColumnTag], str], tables: dict[str, Path],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    tags, digest = scanned
    folder = tmp_path_factory.mktemp("hive") / "tagged"
    folder.mkdir()
    shutil.copy(tables["parquet"], folder / "part-0.parquet")
    spark.sql(f"CREATE TABLE tagged USING parquet LOCATION '{folder}'")
    tag_catalog_table(spark, "default.tagged", tags)
    comments = {r["col_name"]: r["comment"] for r in spark.sql("DESCRIBE TABLE tagged").collect()}
    assert comments["银行卡号"].startswith("cnprivacy: bank_card, sensitive PI (financial_account")
    assert comments["金额"] is None  # no PI: untouched
    props = {r["key"]: r["value"] for r in spark.sql("SHOW TBLPROPERTIES tagged").collect()}
    assert props["cnprivacy.银行卡号.pipl_art28"] == "financial_account"
    assert props["cnprivacy.手机.scan_receipt"] == digest


def test_iceberg_column_docs_and_properties(scanned: tuple[list[ColumnTag], str],
                                            tables: dict[str, Path], tmp_path: Path) -> None:
    from pyiceberg.catalog.sql import SqlCatalog

    tags, digest = scanned
    catalog = SqlCatalog("test", uri=f"sqlite:///{tmp_path / 'catalog.db'}",
                         warehouse=f"file://{tmp_path / 'warehouse'}")
    catalog.create_namespace("crm")
    data = pq.read_table(tables["parquet"]).select(["姓名", "手机", "银行卡号"])
    data = pa.table({n: data.column(n).cast(pa.string()) for n in data.column_names})
    table = catalog.create_table("crm.customers", schema=data.schema)
    table.append(data)
    wanted = [t for t in tags if t.column in data.column_names]
    tag_iceberg_table(table, wanted)
    reloaded = catalog.load_table("crm.customers")
    docs = {f.name: f.doc for f in reloaded.schema().fields}
    assert docs["手机"] is not None and docs["手机"].startswith("cnprivacy: cn_mobile, personal PI")
    assert "PIPL art. 28" in (docs["银行卡号"] or "")
    assert reloaded.properties["cnprivacy.银行卡号.sensitivity"] == "sensitive"
    assert reloaded.properties["cnprivacy.姓名.scan_receipt"] == digest
    assert reloaded.scan().to_arrow().num_rows == 300  # the data is untouched
    missing = ColumnTag("no_such", "email", False, (), "contact", 1.0, 1, "2026-03-01", digest)
    with pytest.raises(InputError, match="no_such"):
        tag_iceberg_table(reloaded, [missing])


SCHEMA_YML = """\
version: 2

models:
  # customers from the CRM export
  - name: customers
    description: One row per customer.
    columns:
      - name: 手机
        tests:
          - not_null
        meta:
          owner: crm-team
  - name: orders
"""


def test_dbt_schema_patch_keeps_the_project_and_adds_meta(
        scanned: tuple[list[ColumnTag], str], tmp_path: Path) -> None:
    tags, digest = scanned
    path = tmp_path / "schema.yml"
    path.write_text(SCHEMA_YML, encoding="utf-8")
    write_dbt_patch(path, "customers", tags)
    text = path.read_text(encoding="utf-8")
    assert "# customers from the CRM export" in text
    doc = yaml.safe_load(text)
    customers, orders = doc["models"]
    assert orders == {"name": "orders"} and customers["description"] == "One row per customer."
    columns = {c["name"]: c for c in customers["columns"]}
    mobile = columns["手机"]
    assert mobile["tests"] == ["not_null"] and mobile["meta"]["owner"] == "crm-team"
    assert mobile["meta"]["cnprivacy"]["pi_type"] == "cn_mobile"
    assert columns["银行卡号"]["meta"]["cnprivacy"]["pipl_art28"] == ["financial_account"]
    assert columns["银行卡号"]["meta"]["cnprivacy"]["scan_receipt"] == digest
    # Patching twice changes nothing.
    write_dbt_patch(path, "customers", tags)
    assert path.read_text(encoding="utf-8") == text


def test_dbt_patch_refuses_a_schema_that_is_no_mapping(
        scanned: tuple[list[ColumnTag], str], tmp_path: Path) -> None:
    path = tmp_path / "schema.yml"
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"schema\.yml"):
        write_dbt_patch(path, "customers", scanned[0])
    assert path.read_text(encoding="utf-8") == "- a list\n"
