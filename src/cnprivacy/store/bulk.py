"""Writing and reading an entry's keyed hashes in sorted blocks (see ``schema.hash_blocks``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from sqlalchemy import Connection, insert, select

from cnprivacy.ledger.hashing import HASH_BYTES, distinct_sorted
from cnprivacy.ledger.sketch import sketch_of, to_bytes
from cnprivacy.store.schema import BLOCK_HASHES, hash_blocks


def distinct(digests: bytes) -> np.ndarray:
    return distinct_sorted(digests)


def sketch_bytes(unique: np.ndarray) -> bytes:
    return to_bytes(sketch_of(unique))


def insert_hashes(conn: Connection, entry_id: int, unique: np.ndarray) -> None:
    """Insert one entry's distinct, sorted hashes inside the caller's transaction."""
    raw = np.ascontiguousarray(unique).tobytes()
    step = BLOCK_HASHES * HASH_BYTES
    rows = [{"entry_id": entry_id, "block": i, "hashes": raw[start:start + step]}
            for i, start in enumerate(range(0, len(raw), step))]
    for start in range(0, len(rows), 64):
        conn.execute(insert(hash_blocks), rows[start:start + 64])


def entry_hashes(conn: Connection, entry_ids: Iterable[int]) -> bytes:
    """All stored hashes of the given entries, concatenated."""
    ids = sorted(set(entry_ids))
    parts: list[bytes] = []
    for start in range(0, len(ids), 500):
        query = (select(hash_blocks.c.hashes)
                 .where(hash_blocks.c.entry_id.in_(ids[start:start + 500]))
                 .order_by(hash_blocks.c.entry_id, hash_blocks.c.block))
        parts.extend(bytes(row[0]) for row in conn.execute(query))
    return b"".join(parts)


def count_distinct(conn: Connection, entry_ids: Iterable[int]) -> int:
    """Exact number of distinct people across the entries (a 128-bit hash sort in memory)."""
    return len(distinct_sorted(entry_hashes(conn, entry_ids), sorted_runs=True))
