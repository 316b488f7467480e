"""Reading a column of identifiers (CSV or Parquet) and normalising it before hashing.

The same person must hash the same way in every file: resident ID numbers are trimmed and
upper-cased (check digit X), mobiles reduced to their 11 national digits, e-mails trimmed and
lower-cased. Each value is prefixed with its kind so that different kinds never collide. Values
never leave this module except as keyed hashes; errors name the file and column, not values.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cnprivacy.errors import InputError


class IdentifierKind(StrEnum):
    AUTO = "auto"
    RESIDENT_ID = "resident_id"
    MOBILE = "mobile"
    EMAIL = "email"


def _load_column(path: Path, column: str) -> pa.ChunkedArray:
    source = str(path)
    if not path.is_file():
        raise InputError(source, "file not found")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            names = pq.read_schema(path).names
            if column not in names:
                raise InputError(source, f"no column {column!r} (columns: {', '.join(names[:12])})",
                                 field=column)
            table = pq.read_table(path, columns=[column])
        else:
            table = pacsv.read_csv(
                path, read_options=pacsv.ReadOptions(block_size=1 << 24),
                convert_options=pacsv.ConvertOptions(include_columns=[column],
                                                     column_types={column: pa.string()}))
    except InputError:
        raise
    except (pa.ArrowException, OSError) as err:
        text = str(err).strip("'\"").splitlines()[0] if str(err) else type(err).__name__
        if "include_columns" in text:
            raise InputError(source, f"no column {column!r} in the file", field=column) from None
        fmt = "Parquet" if path.suffix.lower() in (".parquet", ".pq") else "CSV (UTF-8)"
        # Arrow's messages can quote a row; keep only the part before any quoted data.
        raise InputError(source, f"cannot read as {fmt}: {text.split(':')[0][:80]}",
                         field=column) from None
    col = table.column(column)
    if not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
        col = pc.cast(col, pa.string())
    return col


def _normalise(col: pa.ChunkedArray, kind: IdentifierKind) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(col)
    resident = pc.binary_join_element_wise("resident_id:", pc.utf8_upper(trimmed), "")
    digits = pc.replace_substring_regex(trimmed, pattern=r"[^0-9]", replacement="")
    national = pc.replace_substring_regex(digits, pattern=r"^(?:0086|86)(1\d{10})$",
                                          replacement=r"\1")
    mobile = pc.binary_join_element_wise("mobile:", national, "")
    email = pc.binary_join_element_wise("email:", pc.utf8_lower(trimmed), "")
    if kind is IdentifierKind.RESIDENT_ID:
        return resident
    if kind is IdentifierKind.MOBILE:
        return mobile
    if kind is IdentifierKind.EMAIL:
        return email
    is_email = pc.match_substring(trimmed, "@")
    is_mobile = pc.match_substring_regex(national, r"^1\d{10}$")
    return pc.if_else(is_email, email, pc.if_else(is_mobile, mobile, resident))


def read_identifiers(path: Path, column: str,
                     kind: IdentifierKind = IdentifierKind.AUTO) -> tuple[list[bytes], int]:
    """Normalised identifiers as bytes (blanks dropped) and the number of non-blank rows."""
    col = _load_column(path, column)
    trimmed = pc.utf8_trim_whitespace(col)
    present = pc.and_(pc.is_valid(trimmed), pc.greater(pc.utf8_length(trimmed), 0))
    kept = pc.filter(col, pc.fill_null(present, False))
    values = pc.cast(_normalise(kept, kind), pa.binary())
    return values.to_pylist(), len(values)
