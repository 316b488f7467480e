"""Writing classification tags (:mod:`cnprivacy.discovery.tags`) where data teams look.

- Spark catalog tables (Hive metastore, or any catalog whose tables accept these statements):
  a column comment per PI column and ``cnprivacy.<column>.<field>`` table properties.
- Iceberg tables through pyiceberg (any pyiceberg catalog: REST, Hive, Glue, SQL): the column
  ``doc`` and the same table properties, in one transaction (one new metadata version).
- dbt: ``meta.cnprivacy`` per column in a ``schema.yml``, comments and order kept, written
  atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnprivacy.discovery.tags import ColumnTag, dbt_patch
from cnprivacy.errors import InputError
from cnprivacy.fileio.atomic import write_atomically

if TYPE_CHECKING:
    from pyiceberg.table import Table
    from pyspark.sql import SparkSession


def _sql_text(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _ident(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def tag_catalog_table(spark: SparkSession, table: str, tags: list[ColumnTag]) -> None:
    """Column comments and table properties on a Spark catalog table."""
    if not tags:
        return
    quoted = ".".join(_ident(part) for part in table.split("."))
    for tag in tags:
        spark.sql(f"ALTER TABLE {quoted} ALTER COLUMN {_ident(tag.column)} "
                  f"COMMENT {_sql_text(tag.comment())}")
    props = {k: v for tag in tags for k, v in tag.properties().items()}
    pairs = ", ".join(f"{_sql_text(k)} = {_sql_text(v)}" for k, v in sorted(props.items()))
    spark.sql(f"ALTER TABLE {quoted} SET TBLPROPERTIES ({pairs})")


def tag_iceberg_table(table: Table, tags: list[ColumnTag]) -> None:
    """Column docs and table properties on an Iceberg table, in one commit."""
    if not tags:
        return
    names = set(table.schema().column_names)
    missing = [t.column for t in tags if t.column not in names]
    if missing:
        raise InputError(".".join(table.name()), f"no column {missing[0]!r} in the Iceberg table")
    with table.transaction() as tx:
        with tx.update_schema() as schema:
            for tag in tags:
                schema.update_column(tag.column, doc=tag.comment())
        tx.set_properties({k: v for tag in tags for k, v in tag.properties().items()})


def write_dbt_patch(path: Path, model: str, tags: list[ColumnTag]) -> None:
    """Set ``meta.cnprivacy`` on ``model``'s columns in a dbt ``schema.yml`` (created when
    missing); the file's comments, order and other keys are kept."""
    from ruamel.yaml import YAML

    from cnprivacy._yaml import load_text

    yaml = YAML()  # round trip: comments and key order survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    doc: Any = None
    if path.exists():
        if path.is_dir():
            raise InputError(str(path), "is a folder; expected a dbt schema.yml file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(str(path), f"cannot read ({type(err).__name__})") from None
        if not isinstance(load_text(text, str(path)) or {}, dict):  # strict: duplicate keys
            raise InputError(str(path), "a dbt schema file is a mapping (version:, models:)")
        doc = yaml.load(text)
        if doc is not None and not isinstance(doc.get("models", []), list):
            raise InputError(str(path), "must be a list", field="models")
    out = io.StringIO()
    yaml.dump(dbt_patch(doc, model, tags), out)
    write_atomically(path, out.getvalue())
