"""Parquet: one record batch at a time, written with the input's schema and compression.

String columns are transformed value by value. A non-string column (say int64 phone numbers)
that the policy or the classifier marks as PI becomes a string column, because a mask or a
token is not a number; other non-string columns pass through untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cnprivacy.deid.operations import Operation
from cnprivacy.errors import InputError


def _open(src: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(src)
    except (pa.ArrowException, OSError) as err:
        raise InputError(str(src), f"not a readable Parquet file ({type(err).__name__})") \
            from None


def _is_text(data_type: pa.DataType) -> bool:
    return bool(pa.types.is_string(data_type) or pa.types.is_large_string(data_type))


def _compression(parquet: pq.ParquetFile) -> str:
    meta = parquet.metadata
    if meta.num_row_groups and meta.num_columns:
        name = str(meta.row_group(0).column(0).compression).lower()
        return "none" if name == "uncompressed" else name
    return "snappy"


def rewrite(src: Path, dst: Path | None, op: Operation, *, batch_rows: int) -> int:
    parquet = _open(src)
    schema = parquet.schema_arrow
    batches = parquet.iter_batches(batch_size=batch_rows)
    first = next(batches, None)
    if first is not None:
        op.prepare({name: first.column(i).to_pylist()[:1000]
                    for i, name in enumerate(first.schema.names)})
    changes = getattr(op, "column_changes_type", None)
    widened = {f.name for f in schema
               if not _is_text(f.type) and changes is not None and changes(f.name)
               and (pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
                    or pa.types.is_temporal(f.type))}
    out_schema = pa.schema([f.with_type(pa.string()) if f.name in widened else f
                            for f in schema], metadata=schema.metadata)
    writer = None if dst is None else pq.ParquetWriter(dst, out_schema,
                                                       compression=_compression(parquet))
    count = 0
    try:
        batch = first
        while batch is not None:
            arrays = []
            for i, field in enumerate(out_schema):
                column = batch.column(i)
                if field.name in widened:
                    column = pa.array([None if v is None else _plain(v)
                                       for v in column.to_pylist()], pa.string())
                if _is_text(field.type):
                    column = pa.array([op.value(field.name, v) for v in column.to_pylist()],
                                      field.type)
                arrays.append(column)
            if writer is not None:
                writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=out_schema))
            count += batch.num_rows
            batch = next(batches, None)
    finally:
        if writer is not None:
            writer.close()
    return count


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def records(src: Path) -> Iterator[dict[str, Any]]:
    for batch in _open(src).iter_batches(batch_size=8192):
        yield from batch.to_pylist()
