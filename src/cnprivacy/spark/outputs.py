"""What a Spark scan writes beside its report: tags, a dbt schema patch, the ledger's hashes."""

from __future__ import annotations

from pathlib import Path

from cnprivacy.discovery.results import ScanResult
from cnprivacy.discovery.tags import receipt, result_tags
from cnprivacy.errors import InputError
from cnprivacy.ledger.hashing import LedgerKey
from cnprivacy.spark.ledger import write_hashes
from cnprivacy.spark.scan import SparkScanner
from cnprivacy.spark.sources import TABLE_KIND, spark_failure
from cnprivacy.spark.tags import tag_catalog_table, write_dbt_patch


def write_outputs(scanner: SparkScanner, result: ScanResult, report_text: str, *,
                  tag_tables: bool = False, dbt_schema: Path | None = None,
                  ledger_hashes: Path | None = None, ledger_key: LedgerKey | None = None
                  ) -> list[str]:
    """What a Spark scan writes beside its report: tags on the catalog tables scanned, a dbt
    schema patch (one model per source, named after the table or file), the ledger's hashes
    file. Returns one line per thing written."""
    done: list[str] = []
    tags = result_tags(result, receipt(report_text))
    kinds = {s.source: s.kind for s in result.sources}
    for source, columns in tags.items():
        if tag_tables and kinds[source] == TABLE_KIND:
            try:
                tag_catalog_table(scanner.spark, source, columns)
            except Exception as err:  # a catalog that refuses comments or properties
                raise InputError(source, f"cannot write tags ({spark_failure(err)})") from None
            done.append(f"tagged {len(columns)} column(s) of table {source}")
        if dbt_schema is not None:
            model = source.rsplit(".", 1)[-1] if kinds[source] == TABLE_KIND else Path(
                source.rstrip("/")).stem
            write_dbt_patch(dbt_schema, model, columns)
            done.append(f"{dbt_schema}: meta for {len(columns)} column(s) of model {model}")
    if ledger_hashes is not None and ledger_key is not None:
        n = write_hashes(scanner, ledger_key, ledger_hashes)
        done.append(f"{ledger_hashes}: {n} distinct ledger hashes")
    return done
