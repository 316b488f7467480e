"""File kinds from names and first bytes; files that cannot be read are one-line errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cnprivacy.errors import InputError
from cnprivacy.fileio.kinds import (
    CSV,
    EXCEL,
    JSON,
    JSONL,
    PARQUET,
    SQLITE,
    TEXT,
    TSV,
    file_kind,
    is_sqlite_file,
    read_bounded,
)


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("a.csv", b"a,b\n", CSV), ("a.CSV", b"a,b\n", CSV), ("a.tsv", b"a\tb\n", TSV),
    ("a.tab", b"a\tb\n", TSV), ("a.jsonl", b'{"a": 1}\n', JSONL), ("a.ndjson", b"{}\n", JSONL),
    ("a.json", b'{"a": 1}\n{"a": 2}\n', JSONL), ("a.json", b'[\n {"a": 1}\n]\n', JSON),
    ("a.json", b"", JSON), ("a.txt", b"hello", TEXT), ("a.log", b"", TEXT),
    ("notes", b"hello", TEXT), ("a.dat", b"\x00\x01", TEXT),
])
def test_kind_from_the_name(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    (tmp_path / name).write_bytes(content)
    assert file_kind(tmp_path / name) == kind


def test_binary_formats_are_confirmed_and_recognised_by_their_first_bytes(tmp_path: Path) -> None:
    pq.write_table(pa.table({"a": [1]}), tmp_path / "x.parquet")
    (tmp_path / "export").write_bytes((tmp_path / "x.parquet").read_bytes())
    sqlite3.connect(tmp_path / "db.bin").execute("create table t (x)").connection.commit()
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "x.xlsx")
    assert file_kind(tmp_path / "x.parquet") == PARQUET
    assert file_kind(tmp_path / "export") == PARQUET
    assert file_kind(tmp_path / "db.bin") == SQLITE and is_sqlite_file(tmp_path / "db.bin")
    assert file_kind(tmp_path / "x.xlsx") == EXCEL
    assert not is_sqlite_file(tmp_path / "x.xlsx") and not is_sqlite_file(tmp_path)


@pytest.mark.parametrize(("name", "problem"), [
    ("x.parquet", "not a Parquet file"), ("x.pq", "not a Parquet file"),
    ("x.xlsx", "not an Excel workbook"), ("x.xls", "legacy .xls"),
])
def test_a_name_the_content_contradicts(tmp_path: Path, name: str, problem: str) -> None:
    (tmp_path / name).write_bytes(b"id,phone\n1,13812345678\n")
    with pytest.raises(InputError, match=problem) as err:
        file_kind(tmp_path / name)
    message = str(err.value)
    assert str(tmp_path / name) in message and "\n" not in message
    assert "13812345678" not in message


def test_folders_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "data.csv").mkdir()
    with pytest.raises(InputError, match="is a folder, not a file"):
        file_kind(tmp_path / "data.csv")
    with pytest.raises(InputError, match="no such file"):
        file_kind(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_bounded(tmp_path / "data.csv", 10)


def test_read_bounded_keeps_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(b"x" * 10)
    assert read_bounded(path, 10) == b"x" * 10  # exactly the limit is read
    with pytest.raises(InputError, match="larger than 9 bytes; not read") as err:
        read_bounded(path, 9)  # one byte over is refused
    assert str(path) in str(err.value)
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * 2**20)  # sparse: no disk space used
    with pytest.raises(InputError, match="larger than 2 MiB"):
        read_bounded(big, 2 * 2**20)
