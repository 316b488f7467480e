"""Bulk writes of keyed hashes: executemany on SQLite, binary COPY on PostgreSQL.

Hashes arrive de-duplicated and sorted, so inserts append to the (entry_id, h) primary key
instead of splitting pages at random.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from sqlalchemy import Connection, insert

from cnprivacy.ledger.hashing import distinct_sorted
from cnprivacy.ledger.sketch import sketch_of, to_bytes
from cnprivacy.store.schema import hashes

_BATCH = 200_000
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
_COPY_ROW = np.dtype([("fields", ">i2"), ("len_id", ">i4"), ("entry_id", ">i4"),
                      ("len_h", ">i4"), ("h", "V16")])


def distinct(digests: bytes) -> np.ndarray:
    return distinct_sorted(digests)


def sketch_bytes(unique: np.ndarray) -> bytes:
    return to_bytes(sketch_of(unique))


def _rows(entry_id: int, unique: np.ndarray) -> Iterator[tuple[int, bytes]]:
    raw = np.ascontiguousarray(unique).tobytes()
    view = memoryview(raw)
    for start in range(0, len(raw), 16):
        yield entry_id, view[start:start + 16].tobytes()


def _copy_payload(entry_id: int, unique: np.ndarray) -> bytes:
    rows = np.empty(len(unique), dtype=_COPY_ROW)
    rows["fields"], rows["len_id"], rows["entry_id"], rows["len_h"] = 2, 4, entry_id, 16
    rows["h"] = np.ascontiguousarray(unique).view("V16").reshape(-1)
    return _COPY_HEADER + rows.tobytes() + (-1).to_bytes(2, "big", signed=True)


def insert_hashes(conn: Connection, entry_id: int, unique: np.ndarray) -> None:
    """Insert one entry's distinct hashes inside the caller's transaction."""
    dialect = conn.dialect.name
    dbapi = conn.connection.driver_connection
    if dialect == "sqlite" and dbapi is not None:
        cur = dbapi.cursor()
        try:
            cur.executemany("INSERT INTO ledger_hashes (entry_id, h) VALUES (?, ?)",
                            _rows(entry_id, unique))
        finally:
            cur.close()
        return
    if dialect == "postgresql" and dbapi is not None and hasattr(dbapi, "cursor"):
        payload = _copy_payload(entry_id, unique)
        with dbapi.cursor() as cur, cur.copy(
                "COPY ledger_hashes (entry_id, h) FROM STDIN WITH (FORMAT BINARY)") as copy:
            step = 1 << 24
            for start in range(0, len(payload), step):
                copy.write(payload[start:start + step])
        return
    rows = _rows(entry_id, unique)
    while batch := [{"entry_id": e, "h": h} for _, (e, h) in zip(range(_BATCH), rows, strict=False)]:
        conn.execute(insert(hashes), batch)
