"""The Python daemon Spark forks its workers from (``spark.python.daemon.module``), with the
detectors already imported: each worker starts with cnprivacy loaded instead of importing it
again (about a second per worker), which a short job on a small table would otherwise spend
mostly on imports."""

from __future__ import annotations

from pyspark import daemon

# Imported for their side effect: the modules the tasks need, loaded once before forking.
import cnprivacy.deid.detection
import cnprivacy.deid.operations
import cnprivacy.spark.tasks  # noqa: F401

if __name__ == "__main__":
    daemon.manager()
