"""One SparkSession for a command: the master, Arrow batches of the scanner's size, and the
same Python on the executors as on the driver (local mode; a cluster sets its own)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from cnprivacy.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"


def parse_conf(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` settings from the command line."""
    conf: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError("command line", f"expected KEY=VALUE, got {pair!r}",
                             field="--spark-conf")
        conf[key.strip()] = value
    return conf


def require_pyspark() -> None:
    """The ``spark`` extra's one-line hint when PySpark is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise InputError("--engine spark", "needs the 'spark' extra: "
                         "pip install 'cnprivacy[spark]' (and a Java runtime, 17 or later)") from None


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None,
                  batch_rows: int = 65_536) -> SparkSession:
    """A session (or the running one, with these settings) for cnprivacy's jobs.

    ``master`` None: the one spark-submit set, else ``local[*]``. Arrow batches hold ``batch_rows`` rows, the
    size the embedded scanner reads; Hive support is on when the settings ask for the Hive
    catalog (``spark.sql.catalogImplementation=hive``)."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    # Local executors run this interpreter (the one with cnprivacy installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("cnprivacy")
    defaults = SparkConf()  # spark-submit's settings and spark-defaults.conf
    if master or not defaults.contains("spark.master"):
        builder = builder.master(master or DEFAULT_MASTER)
    settings = {"spark.sql.execution.arrow.maxRecordsPerBatch": str(batch_rows),
                "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                **(conf or {})}
    if "spark.sql.warehouse.dir" not in settings and not defaults.contains(
            "spark.sql.warehouse.dir"):
        # Spark makes ./spark-warehouse by default: a scan must leave the working folder as
        # it was (read-only commands create no files there).
        settings["spark.sql.warehouse.dir"] = str(Path(tempfile.gettempdir())
                                                  / "cnprivacy-spark-warehouse")
    for key, value in settings.items():
        builder = builder.config(key, value)
    if settings.get("spark.sql.catalogImplementation") == "hive":
        builder = builder.enableHiveSupport()
    try:
        spark = builder.getOrCreate()
    except Exception as err:  # no Java, a bad master URL, a bad setting: one line, exit 2
        from cnprivacy.spark.sources import spark_failure

        raise InputError(f"--master {master or DEFAULT_MASTER}", "cannot start Spark "
                         f"({spark_failure(err)}; a Java runtime 17 or later is needed)") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark
