"""Reading a column of identifiers (CSV or Parquet) and normalising it before hashing.

The same person must hash the same way in every file, and the same way as scan and
de-identification key them: each value becomes its type's same-person key
(:func:`cnprivacy.discovery.pitypes.same_person_key`: resident IDs compact, upper-case and 18
characters; mobiles their 11 national digits; e-mails folded, trimmed and lower-case). Each
value is prefixed with its kind so that different kinds never collide. Values
never leave this module except as keyed hashes; errors name the file and column, not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    except UnicodeDecodeError as err:  # raised through Arrow's transcoder, not as an Arrow error
        raise InputError(source, f"not valid {err.encoding} text (a damaged file, or bytes of "
                         "another encoding?)", field=column) from None
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


Groups = list[tuple[bytes, pa.Array]]

#: The same-person key of each kind (``pitypes``: the one identity function of scan, deid and
#: the ledger) and the prefix that keeps kinds apart in the hashes.
_KINDS: dict[IdentifierKind, tuple[bytes, str]] = {
    IdentifierKind.RESIDENT_ID: (b"resident_id:", "cn_resident_id"),
    IdentifierKind.MOBILE: (b"mobile:", "cn_mobile"),
    IdentifierKind.EMAIL: (b"email:", "email"),
}


def type_prefix(type_name: str) -> bytes:
    """The hash prefix of a PI type's same-person keys: the ledger's for its three kinds, the
    type's name for others (passports, permits), so that kinds never collide."""
    for prefix, name in _KINDS.values():
        if name == type_name:
            return prefix
    return type_name.encode("ascii") + b":"


# The discovery modules (number plans, type tables) load on first use, not with the CLI.
_PHONE_CHARS = re.compile(r"[0-9 ()+\-]+")


def auto_kind(value: str) -> IdentifierKind:
    """The kind of a trimmed value in an ``auto`` column: an e-mail when it has an @; a
    mobile when it is written with digits and phone separators only and its same-person key
    is 11 digits starting with 1; a resident ID (or another document number) otherwise."""
    from cnprivacy.discovery.normalize import fold
    from cnprivacy.discovery.pitypes import mobile

    folded = fold(value)
    if "@" in folded:
        return IdentifierKind.EMAIL
    if _PHONE_CHARS.fullmatch(folded):
        national = mobile.key(folded)
        if len(national) == 11 and national[0] == "1":
            return IdentifierKind.MOBILE
    return IdentifierKind.RESIDENT_ID


def _normalise(trimmed: pa.Array, kind: IdentifierKind) -> Groups:
    """Same-person keys in groups, each with its kind's prefix (order does not matter).

    ASCII values are sorted into kinds and keyed by Arrow kernels (``columnar``); the rest
    (full-width forms, rare) by :func:`auto_kind` and the type modules themselves."""
    from cnprivacy.discovery import columnar as C
    from cnprivacy.discovery.pitypes import same_person_key

    if kind is not IdentifierKind.AUTO:
        prefix, type_name = _KINDS[kind]
        return [(prefix, keys) for keys in C.person_keys(type_name, trimmed)]
    ascii_rows = pc.string_is_ascii(trimmed)
    by_type = C.split_auto(pc.filter(trimmed, ascii_rows))
    groups: Groups = [(prefix, keys) for prefix, type_name in _KINDS.values()
                      for keys in C.person_keys(type_name, by_type[type_name], ascii_only=True)]
    others: dict[IdentifierKind, list[str]] = {k: [] for k in _KINDS}
    for value in pc.filter(trimmed, pc.invert(ascii_rows)).to_pylist():
        k = auto_kind(value)
        others[k].append(same_person_key(_KINDS[k][1], value))
    groups += [(_KINDS[k][0], pa.array(keys, pa.string())) for k, keys in others.items()]
    return groups


#: Above this share of rejected values a file is refused unless the caller allows it: a few
#: typos in a large export are normal, a column that is mostly names or placeholders is the
#: wrong column.
MAX_REJECTED_SHARE = 0.01
_EXAMPLES = 3


@dataclass(frozen=True)
class IdentifierColumn:
    """A column read for the ledger: valid same-person keys grouped by kind prefix, and what
    was left out. ``examples`` are masked, never raw."""

    groups: list[tuple[bytes, list[bytes]]]
    read: int                   # non-blank values
    rejected: int               # non-blank values that are no identifier of the kind read
    examples: tuple[str, ...] = ()

    @property
    def valid(self) -> int:
        return self.read - self.rejected

    def rejected_note(self) -> str:
        """One line on what was left out (empty when nothing was)."""
        if not self.rejected:
            return ""
        shown = ", ".join(repr(e) for e in self.examples)
        return (f"{self.rejected} of {self.read} values are not valid identifiers of the kind "
                f"read and were left out (masked: {shown})")


def _valid_mask(type_name: str, keys: pa.Array) -> pa.Array:
    """Which same-person keys are real identifiers of ``type_name``: the type modules' own
    checks (resident ID: province, birth date and check digit; mobile: the CN number plan;
    e-mail: its shape), applied to the key so that separators and full-width forms do not
    matter."""
    from cnprivacy.discovery import columnar as C

    if type_name == "cn_resident_id":
        return C.resident_id_mask(keys)
    if type_name == "cn_mobile":
        return C.mobile_mask(keys)
    return C.email_mask(keys)


def _masked(type_name: str, key: str) -> str:
    from cnprivacy.discovery.pitypes import mask

    return mask(type_name, key) if key else "(empty once normalised)"


def _checked(groups: Groups) -> tuple[list[tuple[bytes, list[bytes]]], int, tuple[str, ...]]:
    """Only the valid keys of each group; the rejected count and a few masked examples."""
    type_of = {prefix: type_name for prefix, type_name in _KINDS.values()}
    kept: list[tuple[bytes, list[bytes]]] = []
    rejected = 0
    examples: list[str] = []
    for prefix, keys in groups:
        if not len(keys):
            continue
        ok = pc.fill_null(_valid_mask(type_of[prefix], keys), False)
        bad = pc.filter(keys, pc.invert(ok))
        rejected += len(bad)
        for value in bad[:_EXAMPLES - len(examples)].to_pylist():
            examples.append(_masked(type_of[prefix], value))
        good = pc.filter(keys, ok)
        if len(good):
            kept.append((prefix, pc.cast(good, pa.binary()).to_pylist()))
    return kept, rejected, tuple(examples)


def read_identifiers(path: Path, column: str, kind: IdentifierKind = IdentifierKind.AUTO
                     ) -> IdentifierColumn:
    """Valid same-person keys grouped by kind prefix (blanks dropped, values that are no
    identifier of the kind counted apart and never keyed)."""
    col = _load_column(path, column)
    trimmed = pc.utf8_trim_whitespace(col)
    present = pc.fill_null(pc.greater(pc.utf8_length(trimmed), 0), False)
    kept = pc.filter(trimmed, present)
    if isinstance(kept, pa.ChunkedArray):
        kept = kept.combine_chunks()
    groups, rejected, examples = _checked(_normalise(kept, kind))
    return IdentifierColumn(groups, len(kept), rejected, examples)


def require_valid(identifiers: IdentifierColumn, source: str, column: str,
                  allow_rejected: bool = False) -> None:
    """Refuse a column with no valid identifier, or with more than
    :data:`MAX_REJECTED_SHARE` of its values rejected (unless ``allow_rejected``)."""
    if identifiers.read == 0:
        raise InputError(source, "no identifiers in the column (all blank)", field=column)
    if identifiers.valid == 0:
        raise InputError(source, f"none of the {identifiers.read} values is a valid identifier "
                         f"of the kind read (masked: {', '.join(identifiers.examples)}); check "
                         "--column and --id-kind", field=column)
    share = identifiers.rejected / identifiers.read
    if share > MAX_REJECTED_SHARE and not allow_rejected:
        raise InputError(source, f"{identifiers.rejected} of {identifiers.read} values "
                         f"({share:.1%}) are not valid identifiers of the kind read (masked: "
                         f"{', '.join(identifiers.examples)}); more than "
                         f"{MAX_REJECTED_SHARE:.0%} is refused: check --column and --id-kind, "
                         "or pass --allow-invalid to record the valid ones only", field=column)
