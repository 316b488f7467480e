"""Keyed hashes, normalisation, exact distinct and HyperLogLog sketches (no database)."""

from __future__ import annotations

import hmac
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasketch import HyperLogLogPlusPlus

from cnprivacy.errors import InputError
from cnprivacy.ledger import (
    HLL_ERROR,
    IdentifierKind,
    LedgerKey,
    distinct_sorted,
    hash_groups,
    keyed_hashes,
    merge_sketches,
    read_identifiers,
    sketch_of,
)
from cnprivacy.ledger.sketch import from_bytes, to_bytes

from .conftest import write_ids

KEY = LedgerKey(bytes(range(32)))


def test_keyed_hash_is_hmac_sha256_truncated() -> None:
    values = [b"resident_id:110101199003074514", b"", b"x" * 200]
    out = keyed_hashes(KEY, values)
    assert len(out) == 16 * len(values)
    for i, v in enumerate(values):
        assert out[16 * i:16 * i + 16] == hmac.digest(KEY.secret, v, "sha256")[:16]


def test_long_keys_follow_rfc2104() -> None:
    key = LedgerKey(b"k" * 100)
    assert keyed_hashes(key, [b"abc"]) == hmac.digest(key.secret, b"abc", "sha256")[:16]


def test_prefix_is_hashed_with_the_value() -> None:
    assert keyed_hashes(KEY, [b"13800138000"], b"mobile:") == keyed_hashes(KEY, [b"mobile:13800138000"])
    assert hash_groups(KEY, [(b"a:", [b"1"]), (b"b:", [b"1"])]) == keyed_hashes(KEY, [b"a:1", b"b:1"])


def test_other_key_other_hashes() -> None:
    assert keyed_hashes(KEY, [b"a"]) != keyed_hashes(LedgerKey(b"\x01" * 32), [b"a"])


def test_normalisation_makes_one_person_one_value(tmp_path: Path) -> None:
    path = write_ids(tmp_path / "ids.csv", [
        "11010519491231002x", " 11010519491231002X ", "+86 138-0013-8000", "13800138000",
        "008613800138000", "Someone@Example.COM", "someone@example.com ", "", "   "])
    column = read_identifiers(path, "id")
    groups, read = column.groups, column.read
    assert read == 7 and column.rejected == 0  # blanks dropped
    values = [prefix + v for prefix, vs in groups for v in vs]
    assert len(values) == 7
    assert set(values) == {b"mobile:13800138000", b"resident_id:11010519491231002X",
                           b"email:someone@example.com"}
    assert len(distinct_sorted(hash_groups(KEY, groups))) == 3


def test_explicit_kind(tmp_path: Path) -> None:
    # A declared kind keys only values of that kind: a mobile read as a resident ID is
    # rejected (issue 12 item 6: it used to be counted as a person).
    path = write_ids(tmp_path / "m.csv", ["13800138000", "11010519491231002x"])
    column = read_identifiers(path, "id", IdentifierKind.RESIDENT_ID)
    assert column.groups == [(b"resident_id:", [b"11010519491231002X"])]
    assert (column.read, column.rejected) == (2, 1)


def test_parquet_column(tmp_path: Path) -> None:
    path = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"phone": ["13800138000", "13900139000", None], "n": [1, 2, 3]}), path)
    column = read_identifiers(path, "phone")
    groups, read = column.groups, column.read
    assert read == 2 and groups == [(b"mobile:", [b"13800138000", b"13900139000"])]


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    path = write_ids(tmp_path / "ids.csv", ["13800138000"])
    with pytest.raises(InputError) as err:
        read_identifiers(path, "phone")
    assert "ids.csv" in str(err.value) and "phone" in str(err.value)
    assert "13800138000" not in str(err.value)


def test_gbk_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("姓名,身份证号\n张三,11010519491231002x\n李四,110105194912310038\n".encode("gbk"))
    column = read_identifiers(path, "身份证号")
    groups, read = column.groups, column.read
    assert read == 2
    assert groups == [(b"resident_id:", [b"11010519491231002X", b"110105194912310038"])]


def test_binary_junk_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.parquet"
    path.write_bytes(b"\x00\xff" * 100)
    with pytest.raises(InputError):
        read_identifiers(path, "id")


def test_distinct_sorted_is_exact() -> None:
    digests = keyed_hashes(KEY, [str(i % 1000).encode() for i in range(5000)])
    unique = distinct_sorted(digests)
    assert len(unique) == 1000
    raw = [unique[i].tobytes() for i in range(len(unique))]
    assert raw == sorted(raw) and len(set(raw)) == 1000


def test_sketch_equals_datasketch_fed_one_by_one() -> None:
    digests = keyed_hashes(KEY, [str(i).encode() for i in range(20000)])
    fast = sketch_of(distinct_sorted(digests))
    slow = HyperLogLogPlusPlus(p=14, hashfunc=lambda b: int.from_bytes(b[:8], "big"))
    for i in range(0, len(digests), 16):
        slow.update(digests[i:i + 16])
    assert np.array_equal(fast.reg, slow.reg)


def test_sketches_merge_and_round_trip() -> None:
    a = distinct_sorted(keyed_hashes(KEY, [str(i).encode() for i in range(0, 60000)]))
    b = distinct_sorted(keyed_hashes(KEY, [str(i).encode() for i in range(40000, 100000)]))
    merged = merge_sketches([to_bytes(sketch_of(a)), to_bytes(sketch_of(b))])
    assert np.array_equal(from_bytes(to_bytes(sketch_of(a))).reg, sketch_of(a).reg)
    # 100,000 distinct people; the estimate stays within four standard errors
    assert abs(merged.count() - 100000) <= 4 * HLL_ERROR * 100000
