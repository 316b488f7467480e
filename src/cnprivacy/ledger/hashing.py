"""Keyed hashes of identifiers: HMAC-SHA256 with a per-ledger secret, truncated to 128 bits.

The secret never enters the database; the database keeps only a fingerprint of it, so a ledger
opened with the wrong key fails instead of silently counting everyone twice. 128 bits keep the
chance of two different people sharing a hash below 1e-24 at ten million people, so distinct
counts over the hashes are exact for any practical ledger.
"""

from __future__ import annotations

import hashlib
import hmac
import multiprocessing as mp
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cnprivacy.errors import InputError
from cnprivacy.fileio.atomic import write_atomically

HASH_BYTES = 16
_BLOCK = 64  # SHA-256 block size
_FINGERPRINT_LABEL = b"cnprivacy-ledger-key-fingerprint"


@dataclass(frozen=True)
class LedgerKey:
    secret: bytes

    @classmethod
    def generate(cls) -> LedgerKey:
        return cls(secrets.token_bytes(32))

    @classmethod
    def load(cls, path: Path) -> LedgerKey:
        expected = ("expected a ledger key file: one line of hexadecimal digits, as "
                    "`cnprivacy ledger init` writes it")
        try:
            text = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise InputError(str(path), "ledger key file not found (run `cnprivacy ledger init`, "
                             "or pass --key)") from None
        except IsADirectoryError:
            raise InputError(str(path), f"is a folder; {expected}") from None
        except (OSError, UnicodeDecodeError) as err:
            kind = "binary content" if isinstance(err, UnicodeDecodeError) else "cannot read it"
            raise InputError(str(path), f"{kind}; {expected}") from None
        try:
            secret = bytes.fromhex(text)
        except ValueError:
            # Never quote the content: it may be a secret of another kind.
            what = ("a de-identification key (`cnprivacy deid keygen`)"
                    if "format:" in text and "secret:" in text else "not hexadecimal")
            raise InputError(str(path), f"this file is {what}; {expected}") from None
        if len(secret) < 16:
            raise InputError(str(path), "ledger key is shorter than 128 bits")
        return cls(secret)

    def save(self, path: Path) -> None:
        """Write the key readable by the owner only; never overwrite an existing key."""
        write_atomically(path, self.secret.hex() + "\n", encoding="ascii", mode=0o600,
                         overwrite=False)

    def fingerprint(self) -> str:
        return hmac.new(self.secret, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:32]


def keyed_hashes(key: LedgerKey, values: Iterable[bytes], prefix: bytes = b"") -> bytes:
    """HMAC-SHA256 of ``prefix + value`` for each value, first 16 bytes, concatenated.

    The inner and outer SHA-256 states are keyed once (and the inner one fed the prefix) and
    copied per value (RFC 2104): the same HMAC as :func:`hmac.digest` at about half the cost.
    """
    padded = key.secret if len(key.secret) <= _BLOCK else hashlib.sha256(key.secret).digest()
    padded = padded.ljust(_BLOCK, b"\0")
    keyed_inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
    keyed_inner.update(prefix)
    inner = keyed_inner.copy
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded)).copy

    def mac(value: bytes) -> bytes:
        i = inner()
        i.update(value)
        o = outer()
        o.update(i.digest())
        return o.digest()[:HASH_BYTES]

    return b"".join(map(mac, values))


_PARALLEL_MIN = 1_000_000
_CHUNK = 500_000
_SHARED: tuple[LedgerKey, list[tuple[bytes, list[bytes]]]] | None = None


def _hash_slice(task: tuple[int, int, int]) -> bytes:
    assert _SHARED is not None
    key, groups = _SHARED
    prefix, values = groups[task[0]]
    return keyed_hashes(key, values[task[1]:task[2]], prefix)


def hash_groups(key: LedgerKey, groups: list[tuple[bytes, list[bytes]]],
                workers: int | None = None) -> bytes:
    """Keyed hashes of every (prefix, values) group, concatenated.

    Large inputs are hashed by forked worker processes (one per core), which inherit the values
    instead of receiving them pickled; the key never leaves this process tree.
    """
    global _SHARED
    total = sum(len(values) for _, values in groups)
    workers = workers or min(os.cpu_count() or 1, 8)
    if total < _PARALLEL_MIN or workers < 2 or "fork" not in mp.get_all_start_methods():
        return b"".join(keyed_hashes(key, values, prefix) for prefix, values in groups)
    tasks = [(g, start, min(start + _CHUNK, len(values)))
             for g, (_, values) in enumerate(groups) for start in range(0, len(values), _CHUNK)]
    _SHARED = (key, groups)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return b"".join(pool.imap(_hash_slice, tasks))
    finally:
        _SHARED = None


def distinct_sorted(digests: bytes, sorted_runs: bool = False) -> np.ndarray:
    """Distinct 16-byte hashes in ascending byte order, as an (n, 2) array of big-endian uint64.

    Sorting on the first 64 bits alone is much faster than a two-key sort; the rare runs that
    share those bits (about n**2 / 2**65 of them) are then ordered and compared on all 128.
    Rows are moved as opaque 16-byte items (a complex128 view, never used as numbers), which
    numpy copies several times faster than two-column rows. ``sorted_runs`` says the input is a
    concatenation of already sorted arrays (stored entries): a stable sort merges those runs.
    """
    if not digests:
        return np.zeros((0, 2), dtype=">u8")
    rows = np.frombuffer(digests, dtype=np.complex128)
    hi = np.frombuffer(digests, dtype=">u8")[0::2].astype(np.uint64)
    rows = np.take(rows, np.argsort(hi, kind="stable" if sorted_runs else "quicksort"))
    words = rows.view(">u8").reshape(-1, 2)
    same = words[1:, 0] == words[:-1, 0]
    if same.any():
        in_run = np.zeros(len(rows), dtype=bool)
        in_run[1:] |= same
        in_run[:-1] |= same
        runs = np.flatnonzero(in_run)
        sub = words[runs]
        rows[runs] = rows[runs][np.lexsort((sub[:, 1], sub[:, 0]))]
        words = rows.view(">u8").reshape(-1, 2)
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (words[1:, 0] != words[:-1, 0]) | (words[1:, 1] != words[:-1, 1])
    return np.compress(keep, rows).view(">u8").reshape(-1, 2)
