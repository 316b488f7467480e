"""Feeding the ledger from a cluster scan: its keyed hashes, or a HyperLogLog sketch.

Scanned with the ledger's key (``SparkScanner(..., ledger=True)``), every table's people are
HMAC-SHA256 hashes exactly as ``cnprivacy ledger record`` makes them (the kind's prefix, the
same-person key). Their distinct union is reduced on the cluster; :func:`write_hashes` writes
it for ``ledger record --hashes``, and :func:`sketch` builds the ledger's HyperLogLog++ sketch
(2**14 registers, relative standard error 1.04/sqrt(2**14) ≈ 0.81%) partition by partition,
merged by register-wise maximum, so that it merges with the ledger's own sketches.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from cnprivacy.ledger.hashfile import write_hash_file
from cnprivacy.ledger.hashing import LedgerKey
from cnprivacy.ledger.sketch import merge_sketches, sketch_of, to_bytes

if TYPE_CHECKING:
    from datasketch import HyperLogLogPlusPlus

    from cnprivacy.spark.scan import SparkScanner

#: The identifier kinds the ledger keeps (its ``--id-kind`` values).
LEDGER_TYPES = ("cn_resident_id", "cn_mobile", "email")


def write_hashes(scanner: SparkScanner, key: LedgerKey, path: Path,
                 kinds: Sequence[str] = LEDGER_TYPES) -> int:
    """The distinct ledger hashes of the scan's people to a hashes file; returns how many."""
    if not scanner.digester.ledger:
        raise ValueError("scan with the ledger key (ledger=True) to feed the ledger")
    frame = scanner.digests(kinds)
    digests = [] if frame is None else [bytes(r["digest"]) for r in frame.toLocalIterator()]
    write_hash_file(path, digests, key)
    return len(digests)


def _sketch_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    blob = b"".join(d for b in batches for d in b.column("digest").to_pylist())
    words = np.frombuffer(blob, dtype=">u8").reshape(-1, 2)
    yield pa.RecordBatch.from_pydict({"sketch": [to_bytes(sketch_of(words))]})


def sketch(scanner: SparkScanner, kinds: Sequence[str] = LEDGER_TYPES
           ) -> HyperLogLogPlusPlus:
    """The HyperLogLog++ sketch of the scan's people, built where the hashes are."""
    frame = scanner.digests(kinds)
    if frame is None:
        return merge_sketches([])
    rows = frame.mapInArrow(_sketch_partition, "sketch binary").collect()
    return merge_sketches(bytes(r["sketch"]) for r in rows)
