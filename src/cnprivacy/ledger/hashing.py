"""Keyed hashes of identifiers: HMAC-SHA256 with a per-ledger secret, truncated to 128 bits.

The secret never enters the database; the database keeps only a fingerprint of it, so a ledger
opened with the wrong key fails instead of silently counting everyone twice. 128 bits keep the
chance of two different people sharing a hash below 1e-24 at ten million people, so distinct
counts over the hashes are exact for any practical ledger.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cnprivacy.errors import InputError

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
        try:
            text = path.read_text(encoding="ascii").strip()
            secret = bytes.fromhex(text)
        except FileNotFoundError:
            raise InputError(str(path), "ledger key file not found (run `cnprivacy ledger init`, "
                             "or pass --key)") from None
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise InputError(str(path), f"not a ledger key file: {err}") from None
        if len(secret) < 16:
            raise InputError(str(path), "ledger key is shorter than 128 bits")
        return cls(secret)

    def save(self, path: Path) -> None:
        """Write the key readable by the owner only; never overwrite an existing key."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(self.secret.hex() + "\n")

    def fingerprint(self) -> str:
        return hmac.new(self.secret, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:32]


def keyed_hashes(key: LedgerKey, values: Iterable[bytes]) -> bytes:
    """HMAC-SHA256 of each value, first 16 bytes, concatenated.

    The inner and outer SHA-256 states are keyed once and copied per value (RFC 2104), which
    is the same HMAC as :func:`hmac.digest` at about half the cost per call.
    """
    padded = key.secret if len(key.secret) <= _BLOCK else hashlib.sha256(key.secret).digest()
    padded = padded.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded)).copy
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded)).copy

    def mac(value: bytes) -> bytes:
        i = inner()
        i.update(value)
        o = outer()
        o.update(i.digest())
        return o.digest()[:HASH_BYTES]

    return b"".join(map(mac, values))


def distinct_sorted(digests: bytes) -> np.ndarray:
    """Distinct 16-byte hashes in ascending byte order, as an (n, 2) array of big-endian uint64."""
    pairs = np.frombuffer(digests, dtype=">u8").reshape(-1, 2)
    if len(pairs) == 0:
        return pairs
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    ordered = pairs[order]
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = (ordered[1:, 0] != ordered[:-1, 0]) | (ordered[1:, 1] != ordered[:-1, 1])
    return ordered[keep]
