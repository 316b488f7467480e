"""Ledger identifier files and database URLs (the ledger's ``--db`` and scan targets): a result
or a one-line input error. Network dialects are only parsed, never connected to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.discovery.databases import is_database_url, iter_tables, safe_url
from cnprivacy.errors import InputError
from cnprivacy.ledger.identifiers import IdentifierKind, read_identifiers
from cnprivacy.store.database import default_key_path, open_engine, sqlite_file

from .inputs import Outcomes
from .mutate import mutated
from .test_fuzz_text_tables import ENCODINGS

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
IDS = ["11010519491231002X", "110105194912310021", "13812345678", "+86 138-1234-5678",
       "zhang.wei@example.com", "ＺＨＡＮＧ@EXAMPLE.COM", "", " ", "\u3000", "000000", "x" * 40,
       '"', "a,b", "1e400"]
SUFFIXES = [".csv", ".tsv", ".jsonl", ".xlsx", ".parquet", ".txt"]
outcomes = Outcomes()


@st.composite
def identifier_files(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(["id", "id,other", "other,id", "ID", "", "id,id"]))
    values = draw(st.lists(st.sampled_from(IDS) | st.text(max_size=12), max_size=8))
    text = header + "\n" + "".join(f"{v}\n" for v in values)
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return draw(mutated(data)) if draw(st.booleans()) else data


@FUZZ
@given(identifier_files(), st.sampled_from(SUFFIXES), st.sampled_from(list(IdentifierKind)))
def test_identifier_files(data: bytes, suffix: str, kind: IdentifierKind) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ids{suffix}"
        path.write_bytes(data)
        outcomes.run(read_identifiers, path, "id", kind)


PIECES = ["/", "//", "///", "@", ":", "::", "[", "]", "[::1]", "?", "&", "=", "#", "%", "%zz",
          "%00", "\x00", " ", "localhost", "127.0.0.1", ":5432", ":abc", ":99999999999", ":-1",
          "user", "pa:ss", "db", "~", "..", "mode=ro", "uri=true", "charset=utf8", "张", "\n"]
NETWORK = ["postgresql", "postgres", "postgresql+psycopg", "mysql", "mysql+pymysql", "oracle",
           "mssql+pyodbc"]
LOCAL = ["sqlite", "sqlite+pysqlite", "SQLITE", "sqlite+nosuch", "nosuch", "a+b", "", "1x"]
tail = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8).map("".join)


@FUZZ
@given(st.sampled_from(NETWORK + LOCAL), tail)
def test_url_parsing(scheme: str, rest: str) -> None:
    """Parsing only: these never open a connection."""
    url = f"{scheme}://{rest}"
    assert isinstance(is_database_url(url), bool)
    assert isinstance(safe_url(url), str)
    outcomes.run(sqlite_file, url)
    outcomes.run(default_key_path, url)
    outcomes.run(lambda: open_engine(url, must_exist=True).dispose())


@FUZZ
@given(st.sampled_from([*LOCAL, "mysql", "oracle"]), tail, st.booleans())
def test_scan_urls(scheme: str, rest: str, in_folder: bool) -> None:
    """Scanning a URL that names no reachable server (SQLite, unknown dialects, dialects whose
    driver is not installed) never creates a file and ends in tables or one input error."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"{scheme}:///{folder}/{rest}" if in_folder else f"{scheme}://{rest}"
        before = set(os.listdir(folder))
        cwd = set(os.listdir("."))
        outcomes.run(lambda: list(iter_tables(url, 5)))
        assert set(os.listdir(folder)) == before
        assert set(os.listdir(".")) == cwd


@pytest.mark.parametrize("url", ["postgresql://127.0.0.1:abc/x", "postgresql://[::1/x",
                                 "mysql://u@127.0.0.1/x", "oracle://x"])
def test_urls_the_fuzzer_found(url: str) -> None:
    """Each raised ValueError or ModuleNotFoundError before (a port that is not a number, a
    dialect whose driver is not installed)."""
    for call in (lambda: list(iter_tables(url, 5)), lambda: open_engine(url),
                 lambda: default_key_path(url)):
        try:
            call()
        except InputError as err:
            assert "\n" not in str(err)
    assert sqlite_file(url) is None
    assert "127.0.0.1" in safe_url(url) or "://" in safe_url(url)
