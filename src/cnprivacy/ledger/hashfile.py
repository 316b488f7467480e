"""A file of keyed hashes: what a cluster scan hands the ledger instead of identifiers.

A Parquet file with one column ``hash``: 16-byte HMAC-SHA256 hashes made with the ledger's key
(:func:`hashing.keyed_hashes`, each kind with its prefix), so that ``ledger record --hashes``
appends the people of a table no single machine reads, without their identifiers leaving the
cluster. The file's footer carries the key's fingerprint: hashes made with another key are
refused, since they would count everyone twice.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cnprivacy.errors import InputError
from cnprivacy.fileio.atomic import atomic_path
from cnprivacy.fileio.failures import failure_name
from cnprivacy.ledger.hashing import HASH_BYTES, LedgerKey

COLUMN = "hash"
FINGERPRINT = b"cnprivacy.ledger_key_fingerprint"


def write_hash_file(path: Path, digests: list[bytes], key: LedgerKey) -> None:
    schema = pa.schema([pa.field(COLUMN, pa.binary(HASH_BYTES))],
                       metadata={FINGERPRINT: key.fingerprint().encode("ascii")})
    table = pa.table({COLUMN: pa.array(digests, pa.binary(HASH_BYTES))}, schema=schema)
    with atomic_path(path) as temp:
        pq.write_table(table, temp)


def read_hash_file(path: Path, key: LedgerKey) -> bytes:
    """The hashes, concatenated (the ledger's ``EntryInput.digests``)."""
    try:
        table = pq.read_table(path)
    except FileNotFoundError:
        raise InputError(str(path), "no such hashes file") from None
    except (pa.ArrowException, OSError) as err:
        raise InputError(str(path), f"not a Parquet file of hashes ({failure_name(err)})") \
            from None
    meta = table.schema.metadata or {}
    if COLUMN not in table.column_names:
        raise InputError(str(path), "missing", field=COLUMN)
    if meta.get(FINGERPRINT) != key.fingerprint().encode("ascii"):
        raise InputError(str(path), "these hashes were made with another ledger key (or none "
                         "is recorded); scan again with this ledger's key")
    column = table.column(COLUMN).combine_chunks()
    if column.type != pa.binary(HASH_BYTES) or column.null_count:
        raise InputError(str(path), f"must hold {HASH_BYTES}-byte hashes, no blanks",
                         field=COLUMN)
    return b"".join(column.to_pylist())
