"""Parquet: one record batch at a time, written with the input's schema and compression.

String columns are transformed value by value; nested columns (structs, lists, maps) leaf by
leaf, so an identifier inside ``contact.phone`` is neither kept nor missed by ``--verify``.
A non-string column (say int64 phone numbers) that the policy or the classifier marks as PI
becomes a string column, because a mask or a token is not a number; other non-string columns
pass through untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cnprivacy.deid.operations import Operation
from cnprivacy.errors import InputError
from cnprivacy.fileio.failures import check_utf8, failure_name


def _open(src: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(src)
    except (pa.ArrowException, OSError, UnicodeDecodeError) as err:  # names not in UTF-8
        raise InputError(str(src), f"not a readable Parquet file ({type(err).__name__})") \
            from None


def _batches(parquet: pq.ParquetFile, src: Path, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The file's record batches; a damaged page found while reading is an input error."""
    batches = parquet.iter_batches(batch_size=batch_rows)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as err:
            raise InputError(str(src), f"damaged Parquet data ({failure_name(err)})") from None
        if batch is None:
            return
        yield batch


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
    batches = _batches(parquet, src, batch_rows)
    first = next(batches, None)
    if first is not None:
        for name, column in zip(first.schema.names, first.columns, strict=True):
            check_utf8(str(src), name, column)
        samples: dict[str, list[Any]] = {}
        for i, name in enumerate(first.schema.names):
            values = first.column(i).to_pylist()[:1000]
            samples[name] = values
            if pa.types.is_nested(first.schema.field(i).type):
                for value in values:
                    _walk(value, name, lambda path, leaf: _collect(samples, path, leaf))
        op.prepare(samples)
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
                check_utf8(str(src), field.name, column)
                if field.name in widened:
                    column = pa.array([None if v is None else _plain(v)
                                       for v in column.to_pylist()], pa.string())
                if _is_text(field.type):
                    column = pa.array([op.value(field.name, v) for v in column.to_pylist()],
                                      field.type)
                elif pa.types.is_nested(field.type):
                    column = pa.array([_walk(v, field.name, op.value)
                                       for v in column.to_pylist()], field.type)
                arrays.append(column)
            if writer is not None:
                writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=out_schema))
            count += batch.num_rows
            batch = next(batches, None)
    finally:
        if writer is not None:
            writer.close()
    return count


def _walk(value: Any, path: str, visit: Callable[[str, Any], Any]) -> Any:
    """``value`` (a cell of a nested column, as Python) with ``visit(path, leaf)`` applied to
    every leaf: struct fields are ``column.field``, list items and map entries keep their
    list's path, so a policy can name ``contact.phone``. A leaf that changes type (a number
    masked into text) is left as it was, since the column's type cannot change; ``--verify``
    still reads it."""
    if isinstance(value, dict):
        return {k: _walk(v, f"{path}.{k}", visit) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, path, visit) for v in value]
    if isinstance(value, tuple):  # a map entry: (key, value)
        return tuple(_walk(v, path, visit) for v in value)
    if value is None:
        return None
    out = visit(path, value)
    return out if type(out) is type(value) else value


def _collect(samples: dict[str, list[Any]], path: str, leaf: Any) -> Any:
    bucket = samples.setdefault(path, [])
    if len(bucket) < 1000:
        bucket.append(leaf)
    return leaf


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def records(src: Path) -> Iterator[dict[str, Any]]:
    for batch in _batches(_open(src), src, 8192):
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            check_utf8(str(src), name, column)  # to_pylist would raise UnicodeDecodeError
        yield from batch.to_pylist()
