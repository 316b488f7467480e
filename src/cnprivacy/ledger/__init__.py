"""The transfer ledger's core: identifiers, keyed hashes, exact and approximate distinct counts.

Pure computation over arrays; the database lives in :mod:`cnprivacy.store`.
"""

from cnprivacy.ledger.countries import check_recipient_country
from cnprivacy.ledger.hashing import LedgerKey, distinct_sorted, hash_groups, keyed_hashes
from cnprivacy.ledger.identifiers import (
    IdentifierColumn,
    IdentifierKind,
    read_identifiers,
    require_valid,
)
from cnprivacy.ledger.sketch import HLL_ERROR, HLL_PRECISION, merge_sketches, sketch_of

__all__ = ["HLL_ERROR", "HLL_PRECISION", "IdentifierColumn", "IdentifierKind", "LedgerKey",
           "check_recipient_country", "distinct_sorted", "hash_groups", "keyed_hashes",
           "merge_sketches", "read_identifiers", "require_valid", "sketch_of"]
