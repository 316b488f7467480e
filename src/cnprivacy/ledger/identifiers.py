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
from cnprivacy.fileio.encoding import detect_encoding
from cnprivacy.fileio.kinds import PARQUET, file_kind


class IdentifierKind(StrEnum):
    AUTO = "auto"
    RESIDENT_ID = "resident_id"
    MOBILE = "mobile"
    EMAIL = "email"


def _arrow_encoding(path: Path) -> str:
    """The file's encoding as Arrow's CSV reader wants it: UTF-8 (with or without a BOM, which
    Arrow skips itself) is read natively, anything else through Python's codec."""
    encoding = detect_encoding(path)
    return "utf8" if encoding in ("utf-8", "utf-8-sig") else encoding


def _load_column(path: Path, column: str) -> pa.ChunkedArray:
    source = str(path)
    parquet = file_kind(path) == PARQUET
    try:
        if parquet:
            names = pq.read_schema(path).names
            if column not in names:
                raise InputError(source, f"no column {column!r} (columns: {', '.join(names[:12])})",
                                 field=column)
            table = pq.read_table(path, columns=[column])
        else:
            table = pacsv.read_csv(
                path, read_options=pacsv.ReadOptions(block_size=1 << 24,
                                                  encoding=_arrow_encoding(path)),
                convert_options=pacsv.ConvertOptions(include_columns=[column],
                                                     column_types={column: pa.string()}))
    except InputError:
        raise
    except (pa.ArrowException, OSError) as err:
        text = str(err).strip("'\"").splitlines()[0] if str(err) else type(err).__name__
        if "include_columns" in text:
            raise InputError(source, f"no column {column!r} in the file", field=column) from None
        fmt = "Parquet" if parquet else "CSV"
        # Arrow's messages can quote a row; keep only the part before any quoted data.
        raise InputError(source, f"cannot read as {fmt}: {text.split(':')[0][:80]}",
                         field=column) from None
    col = table.column(column)
    if not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
        col = pc.cast(col, pa.string())
    return col


Groups = list[tuple[bytes, pa.ChunkedArray]]


def _mobile(values: pa.ChunkedArray) -> pa.ChunkedArray:
    digits = pc.replace_substring_regex(values, pattern=r"[^0-9]", replacement="")
    return pc.replace_substring_regex(digits, pattern=r"^(?:0086|86)(1\d{10})$", replacement=r"\1")


def _normalise(trimmed: pa.ChunkedArray, kind: IdentifierKind) -> Groups:
    """Normalised values in groups, each with its kind's prefix (order does not matter).

    With ``auto``, cheap tests sort values into kinds first so that the regular expressions run
    only on values that may be phone numbers written with +86, spaces or dashes.
    """
    if kind is IdentifierKind.RESIDENT_ID:
        return [(b"resident_id:", pc.ascii_upper(trimmed))]
    if kind is IdentifierKind.MOBILE:
        return [(b"mobile:", _mobile(trimmed))]
    if kind is IdentifierKind.EMAIL:
        return [(b"email:", pc.utf8_lower(trimmed))]
    is_email = pc.match_substring(trimmed, "@")
    digits_only = pc.utf8_is_digit(trimmed)
    length = pc.utf8_length(trimmed)
    plain_mobile = pc.and_(pc.and_(digits_only, pc.equal(length, 11)), pc.starts_with(trimmed, "1"))
    # +86, spaces, dashes, or 86/0086 before 11 digits: may be a phone written loosely
    loose = pc.or_(pc.and_(pc.invert(is_email), pc.invert(pc.utf8_is_alnum(trimmed))),
                   pc.and_(digits_only, pc.is_in(length, pa.array([13, 15], pa.int32()))))
    rest = pc.invert(pc.or_(pc.or_(is_email, plain_mobile), loose))
    groups: Groups = [(b"email:", pc.utf8_lower(pc.filter(trimmed, is_email))),
                      (b"mobile:", pc.filter(trimmed, plain_mobile)),
                      (b"resident_id:", pc.ascii_upper(pc.filter(trimmed, rest)))]
    phones = pc.filter(trimmed, loose)
    if len(phones):
        national = _mobile(phones)
        looks = pc.match_substring_regex(national, r"^1\d{10}$")
        groups.append((b"mobile:", pc.filter(national, looks)))
        groups.append((b"resident_id:", pc.ascii_upper(pc.filter(phones, pc.invert(looks)))))
    return groups


def read_identifiers(path: Path, column: str, kind: IdentifierKind = IdentifierKind.AUTO
                     ) -> tuple[list[tuple[bytes, list[bytes]]], int]:
    """Normalised identifiers grouped by kind prefix (blanks dropped), and the non-blank count."""
    col = _load_column(path, column)
    trimmed = pc.utf8_trim_whitespace(col)
    present = pc.fill_null(pc.greater(pc.utf8_length(trimmed), 0), False)
    kept = pc.filter(trimmed, present)
    groups = [(prefix, pc.cast(values, pa.binary()).to_pylist())
              for prefix, values in _normalise(kept, kind) if len(values)]
    return groups, len(kept)
