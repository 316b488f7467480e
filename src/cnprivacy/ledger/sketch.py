"""HyperLogLog++ sketches per transfer (datasketch), built in one vectorised pass.

Each sketch has 2**14 one-byte registers (16 KiB); sketches of any transfers merge by taking the
register-wise maximum, so a year's approximate distinct count needs no hashes at all. The
relative standard error is 1.04 / sqrt(2**14) ≈ 0.81% (about 2.4% at three standard errors).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import HyperLogLogPlusPlus

HLL_PRECISION = 14
HLL_ERROR = 1.04 / (2 ** HLL_PRECISION) ** 0.5


def _bit_length(values: np.ndarray) -> np.ndarray:
    """Exact bit length of uint64 values (frexp is exact below 2**53, so split in halves)."""
    hi = (values >> np.uint64(32)).astype(np.float64)
    lo = (values & np.uint64(0xFFFFFFFF)).astype(np.float64)
    hi_len = np.frexp(hi)[1]
    lo_len = np.frexp(lo)[1]
    return np.where(hi_len > 0, hi_len + 32, lo_len)


def _hll() -> type[HyperLogLogPlusPlus]:
    # datasketch imports scipy and its LSH modules: load it only when a sketch is needed, not
    # on every start of the command line.
    from datasketch import HyperLogLogPlusPlus

    return HyperLogLogPlusPlus


def sketch_of(hashes: np.ndarray, p: int = HLL_PRECISION) -> HyperLogLogPlusPlus:
    """A HyperLogLog++ over (n, 2) uint64 hashes, equal to feeding datasketch the first word."""
    m = 1 << p
    values = np.ascontiguousarray(hashes[:, 0]).astype(np.uint64) if len(hashes) else np.zeros(
        0, dtype=np.uint64)
    index = (values & np.uint64(m - 1)).astype(np.int64)
    rest = values >> np.uint64(p)
    rank = (64 - p) - _bit_length(rest) + 1
    reg = np.zeros(m, dtype=np.int8)
    if len(values):
        np.maximum.at(reg, index, rank.astype(np.int8))
    return _hll()(p=p, reg=reg)


def to_bytes(sketch: HyperLogLogPlusPlus) -> bytes:
    buf = bytearray(sketch.bytesize())
    sketch.serialize(buf)
    return bytes(buf)


def from_bytes(data: bytes) -> HyperLogLogPlusPlus:
    return _hll().deserialize(data)


def merge_sketches(blobs: Iterable[bytes]) -> HyperLogLogPlusPlus:
    merged = _hll()(p=HLL_PRECISION)
    for blob in blobs:
        merged.merge(from_bytes(blob))
    return merged
