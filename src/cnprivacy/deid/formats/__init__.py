"""File formats deid reads and writes back in kind: one module per format, one entry point.

Every format streams: at most ``sample_rows`` rows are held (to classify columns before the
first row is written), then rows flow one at a time (Parquet: one record batch at a time).
``dst=None`` reads without writing (verify, k-anonymity). What kind a file is comes from
:func:`cnprivacy.fileio.file_kind`; ``dst`` is the temporary path the pipeline's atomic write
hands over, never the final name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnprivacy.deid.formats import delimited, excel, jsonlines, parquetfile, plaintext
from cnprivacy.deid.operations import Operation
from cnprivacy.errors import InputError
from cnprivacy.fileio.kinds import JSON

__all__ = ["BATCH_ROWS", "SAMPLE_ROWS", "records", "rewrite"]

SAMPLE_ROWS = 1000
BATCH_ROWS = 8192

def rewrite(kind: str, src: Path, dst: Path | None, op: Operation, *,
            sample_rows: int = SAMPLE_ROWS, batch_rows: int = BATCH_ROWS) -> int:
    """Stream ``src`` through ``op`` into ``dst``; returns the number of rows or lines."""
    if kind in ("csv", "tsv"):
        return delimited.rewrite(src, dst, op, tab=kind == "tsv", sample_rows=sample_rows)
    if kind == "jsonl":
        return jsonlines.rewrite(src, dst, op, sample_rows=sample_rows)
    if kind == "parquet":
        return parquetfile.rewrite(src, dst, op, batch_rows=batch_rows)
    if kind == "excel":
        return excel.rewrite(src, dst, op, sample_rows=sample_rows)
    if kind == "text":
        return plaintext.rewrite(src, dst, op)
    if kind == JSON:
        raise InputError(str(src), "a single JSON document is not supported; use JSON Lines")
    raise InputError(str(src), f"{kind} files are not supported")


def records(kind: str, src: Path) -> Iterator[dict[str, Any]]:
    """Rows as column -> value, for k-anonymity (tabular kinds only)."""
    if kind in ("csv", "tsv"):
        return delimited.records(src, tab=kind == "tsv")
    if kind == "jsonl":
        return jsonlines.records(src)
    if kind == "parquet":
        return parquetfile.records(src)
    if kind == "excel":
        return excel.records(src)
    raise InputError(str(src), "k-anonymity needs a table (CSV, TSV, JSON Lines, Parquet, Excel)")
