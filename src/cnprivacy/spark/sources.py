"""What ``TABLE_OR_PATH`` names: a Parquet, ORC or CSV file or folder, or a catalog table.

A target with a path separator or a URI scheme is a path; its format comes from its suffix
(a folder's from the files in it). Anything else is a table of the Spark catalog (a Hive
metastore, an Iceberg catalog ...), as ``db.table`` or ``catalog.db.table``. Spark reports
failures in long multi-line messages; :func:`spark_failure` keeps one line without content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cnprivacy.errors import InputError
from cnprivacy.fileio.failures import failure_name

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: File suffix -> (Spark reader format, report kind: the embedded scanner's names).
FORMATS = {".parquet": ("parquet", "parquet"), ".orc": ("orc", "orc"), ".csv": ("csv", "csv"),
           ".tsv": ("csv", "tsv")}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
TABLE_KIND = "table"


@dataclass(frozen=True)
class SparkSource:
    name: str                 # as the report names it
    kind: str                 # parquet, orc, csv, tsv, table
    encoding: str | None      # CSV only (Spark reads UTF-8)
    frame: DataFrame


def is_path(target: str) -> bool:
    return bool(_SCHEME.match(target)) or "/" in target or "\\" in target \
        or Path(target).suffix.lower() in FORMATS or Path(target).exists()


def _folder_suffix(folder: Path) -> str | None:
    suffixes = {p.suffix.lower() for p in folder.rglob("*") if p.is_file()
                and not p.name.startswith((".", "_"))}
    known = suffixes & set(FORMATS)
    if len(known) == 1:
        return known.pop()
    # Spark's own output has bare part files; a folder of ORC or Parquet parts names itself.
    return None


def open_source(spark: SparkSession, target: str) -> SparkSource:
    """The DataFrame a target names (lazy: nothing is read until the scan runs)."""
    if not is_path(target):
        try:
            return SparkSource(target, TABLE_KIND, None, spark.table(target))
        except Exception as err:
            raise InputError(target, f"cannot open table ({spark_failure(err)})") from None
    local = None if _SCHEME.match(target) and not target.startswith("file://") else Path(
        target.removeprefix("file://"))
    if local is not None and not local.exists():
        raise InputError(target, "no such file, folder or table")
    suffix = Path(target.rstrip("/")).suffix.lower()
    if local is not None and local.is_dir():
        suffix = _folder_suffix(local) or suffix
    if suffix not in FORMATS:
        raise InputError(target, "not a Parquet, ORC or CSV path (name the files "
                         ".parquet, .orc, .csv or .tsv)")
    fmt, kind = FORMATS[suffix]
    reader = spark.read.format(fmt)
    if fmt == "csv":
        # Every column as text, as the embedded scanner reads CSV; quoted fields may span lines.
        reader = reader.options(header="true", inferSchema="false", multiLine="true",
                                escape='"', sep="\t" if kind == "tsv" else ",",
                                encoding="UTF-8", mode="FAILFAST")
    try:
        frame = reader.load(target)
    except Exception as err:
        raise InputError(target, f"cannot read ({spark_failure(err)})") from None
    return SparkSource(target, kind, "utf-8" if fmt == "csv" else None, frame)


def spark_failure(err: BaseException) -> str:
    """A Spark failure in a few words: its error class when Spark gives one (PATH_NOT_FOUND,
    TABLE_OR_VIEW_NOT_FOUND ...), else the exception's type. Never the message: Spark quotes
    rows it failed to parse."""
    get = getattr(err, "getCondition", None) or getattr(err, "getErrorClass", None)
    condition = None
    if callable(get):
        try:
            condition = get()
        except Exception:
            condition = None
    if condition:
        return str(condition)
    text = str(err)
    for java in ("FileNotFoundException", "ParquetDecodingException", "SparkFileNotFoundException",
                 "CorruptedFile", "not a Parquet file", "MalformedCSV", "OrcCorruptedException"):
        if java in text:
            return java
    return failure_name(err)
