"""Hashes files (a cluster scan's people for ``ledger record --hashes``): written with the
key's fingerprint, refused with another key, bad files as one-line input errors."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cnprivacy.errors import InputError
from cnprivacy.ledger import LedgerKey, keyed_hashes
from cnprivacy.ledger.hashfile import read_hash_file, write_hash_file
from cnprivacy.ledger.identifiers import type_prefix


def test_round_trip_and_key_check(tmp_path: Path) -> None:
    key = LedgerKey(b"k" * 32)
    blob = keyed_hashes(key, [b"13800138000", b"13900139000"], type_prefix("cn_mobile"))
    path = tmp_path / "people.parquet"
    write_hash_file(path, [blob[:16], blob[16:]], key)
    assert read_hash_file(path, key) == blob
    with pytest.raises(InputError, match="another ledger key"):
        read_hash_file(path, LedgerKey(b"x" * 32))


def test_prefixes_are_the_ledgers() -> None:
    assert type_prefix("cn_resident_id") == b"resident_id:"
    assert type_prefix("email") == b"email:"
    assert type_prefix("cn_passport") == b"cn_passport:"


@pytest.mark.parametrize("content", ["junk", "no column", "wrong width", "missing"])
def test_bad_files_are_input_errors(tmp_path: Path, content: str) -> None:
    key = LedgerKey(b"k" * 32)
    path = tmp_path / "h.parquet"
    meta = {b"cnprivacy.ledger_key_fingerprint": key.fingerprint().encode()}
    if content == "junk":
        path.write_bytes(b"PAR1\x00\xff" * 20)
    elif content == "no column":
        pq.write_table(pa.table({"x": [1]}).replace_schema_metadata(meta), path)
    elif content == "wrong width":
        pq.write_table(pa.table({"hash": pa.array([b"short"], pa.binary())})
                       .replace_schema_metadata(meta), path)
    with pytest.raises(InputError) as err:
        read_hash_file(path, key)
    assert "\n" not in err.value.one_line() and "h.parquet" in err.value.one_line()
