"""The transfer ledger's core: identifiers, keyed hashes, exact and approximate distinct counts.

Pure computation over arrays; the database lives in :mod:`cnprivacy.store`.
"""

from cnprivacy.ledger.hashing import LedgerKey, distinct_sorted, hash_groups, keyed_hashes
from cnprivacy.ledger.identifiers import IdentifierKind, read_identifiers
from cnprivacy.ledger.sketch import HLL_ERROR, HLL_PRECISION, merge_sketches, sketch_of

__all__ = ["HLL_ERROR", "HLL_PRECISION", "IdentifierKind", "LedgerKey", "distinct_sorted",
           "hash_groups", "keyed_hashes", "merge_sketches", "read_identifiers", "sketch_of"]
