"""One SparkSession for a command: the master, Arrow batches of the scanner's size, and the
same Python on the executors as on the driver (local mode; a cluster sets its own).

A person running ``cnprivacy scan --engine spark`` sees cnprivacy's lines only: the driver's
JVM logs with the ``log4j2.properties`` shipped here (errors only) unless a log4j
configuration is given, and the JVM's own start-up notice (incubator modules) is dropped from
its stderr; every other line of that stderr is passed on.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from cnprivacy.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
#: Spark's driver logging for cnprivacy's commands (errors only).
LOG4J_CONFIG = Path(__file__).with_name("log4j2.properties")
#: Start-up lines that are not log records, printed straight to the JVM's stderr: Java's
#: notice for the vector module Spark adds, and Spark's notes on its default log profile
#: (printed when another log4j configuration is not found).
_NOISE = re.compile(rb"^(WARNING: Using incubator modules|Using Spark's default log4j profile|"
                    rb"Setting default log level to|To adjust logging level use sc\.setLogLevel)")


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
                # Workers forked with the detectors imported (cnprivacy/spark/daemon.py).
                "spark.python.daemon.module": "cnprivacy.spark.daemon",
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
        _launch_quiet_gateway(settings)
        spark = builder.getOrCreate()
    except Exception as err:  # no Java, a bad master URL, a bad setting: one line, exit 2
        from cnprivacy.spark.sources import spark_failure

        raise InputError(f"--master {master or DEFAULT_MASTER}", "cannot start Spark "
                         f"({spark_failure(err)}; a Java runtime 17 or later is needed)") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _launch_quiet_gateway(settings: Mapping[str, str]) -> None:
    """Start the driver's JVM (when this process starts it: not under spark-submit, not when
    a session runs already) with cnprivacy's log configuration and its stderr filtered."""
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway

    if SparkContext._gateway is not None or "PYSPARK_GATEWAY_PORT" in os.environ:
        return
    conf = SparkConf(loadDefaults=False).setAll(list(settings.items()))
    if not _has_log_config(settings):
        # A log4j configuration file of the user's (their JVM options, the environment, the
        # conf folder's log4j2.properties) wins over ours.
        os.environ.setdefault("LOG4J_CONFIGURATION_FILE", LOG4J_CONFIG.as_uri())
    # Our own pipe, read from before the JVM starts: a JVM that fails to start still has
    # its reason passed on.
    read_end, write_end = os.pipe()
    threading.Thread(target=_pass_on, args=(os.fdopen(read_end, "rb"),), name="spark-stderr",
                     daemon=True).start()
    try:
        gateway = launch_gateway(conf, popen_kwargs={"stderr": write_end})
    finally:
        os.close(write_end)  # the JVM holds its copy
    SparkContext._ensure_initialized(gateway=gateway, conf=conf)


def _has_log_config(settings: Mapping[str, str]) -> bool:
    java = settings.get("spark.driver.extraJavaOptions", "")
    conf_dir = os.environ.get("SPARK_CONF_DIR")
    return ("log4j2.configurationFile" in java or "log4j.configurationFile" in java
            or "LOG4J_CONFIGURATION_FILE" in os.environ
            or (conf_dir is not None and (Path(conf_dir) / "log4j2.properties").exists()))


def _pass_on(stream: IO[bytes]) -> None:
    """Copy the JVM's stderr to ours, line by line, less its start-up notices."""
    for line in iter(stream.readline, b""):
        if not _NOISE.match(line):
            try:
                os.write(2, line)
            except OSError:  # our stderr is gone (the command is ending)
                return
