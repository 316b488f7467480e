"""Inputs the fuzz targets found that raised something other than a one-line input error,
each kept as a fixed case (the fix is named in each test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cnprivacy.deid import formats
from cnprivacy.discovery import readers
from cnprivacy.errors import InputError
from cnprivacy.ledger.identifiers import read_identifiers

from .test_fuzz_binary_tables import PARQUET, PARTS, _rezip
from .test_fuzz_text_tables import Identity


def _refused(call: Callable[[], Any]) -> str:
    with pytest.raises(InputError) as info:
        call()
    assert "\n" not in str(info.value)
    return str(info.value)


def _scan(path: Path) -> None:
    for _ in readers.iter_batches(readers.open_file(path)):
        pass


# The encoding is guessed from the first bytes (a BOM, a sample): bytes after them that are not
# of that encoding raised UnicodeDecodeError from the line reader.
UNDECODABLE = [("csv", b"\xef\xbb\xbf\xff\n"), ("csv", b"\xff\xfe\r\x00\x00\xd8\x00\n\x00"),
               ("csv", b"\xff"), ("jsonl", b"\xef\xbb\xbf{}\n\xff\n"), ("tsv", b"\xfe\r\x00\n\x00")]


@pytest.mark.parametrize(("kind", "data"), UNDECODABLE)
def test_bytes_of_another_encoding(tmp_path: Path, kind: str, data: bytes) -> None:
    src = tmp_path / f"input.{kind}"
    src.write_bytes(data)
    try:
        _scan(src)
    except InputError as err:
        assert "\n" not in str(err)
    for call in (lambda: list(formats.records(kind, src)),
                 lambda: formats.rewrite(kind, src, tmp_path / "out", Identity())):
        try:
            call()
        except InputError as err:
            assert "\n" not in str(err)


def test_undecodable_csv_header_is_named(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b"\xef\xbb\xbf\xff\n")
    assert _refused(lambda: _scan(src)).endswith("a.csv:1: not valid utf-8-sig text")


def test_ledger_identifiers_in_another_encoding(tmp_path: Path) -> None:
    """Arrow's transcoder raised UnicodeDecodeError, not an Arrow error."""
    src = tmp_path / "ids.csv"
    src.write_bytes(b"\xff")
    assert "not valid" in _refused(lambda: read_identifiers(src, "id"))


def test_workbook_with_a_damaged_style_attribute(tmp_path: Path) -> None:
    """openpyxl's attribute checks raised TypeError while deid opened the workbook."""
    styles = PARTS["xl/styles.xml"].replace(b"patternType", b"qatternType")
    assert styles != PARTS["xl/styles.xml"]
    src = tmp_path / "a.xlsx"
    src.write_bytes(_rezip({**PARTS, "xl/styles.xml": styles}))
    assert "not a readable .xlsx workbook (TypeError)" in _refused(
        lambda: formats.rewrite("excel", src, tmp_path / "out.xlsx", Identity()))


def test_workbook_with_broken_sheet_xml_in_records(tmp_path: Path) -> None:
    """k-anonymity's reading of a sheet whose XML is broken raised ParseError."""
    sheet = PARTS["xl/worksheets/sheet1.xml"]
    src = tmp_path / "a.xlsx"
    src.write_bytes(_rezip({**PARTS, "xl/worksheets/sheet1.xml": b"<v" + sheet[2:]}))
    assert "damaged content" in _refused(lambda: list(formats.records("excel", src)))


def test_parquet_with_a_damaged_page_header(tmp_path: Path) -> None:
    """A page header damaged after the footer was read raised OSError mid-stream."""
    data = bytearray(PARQUET)
    data[4] = 0x14
    src = tmp_path / "a.parquet"
    src.write_bytes(bytes(data))
    for call in (lambda: list(formats.records("parquet", src)),
                 lambda: formats.rewrite("parquet", src, tmp_path / "o.parquet", Identity())):
        assert "damaged Parquet data" in _refused(call)


@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_column_limit_both_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 kind: str) -> None:
    """A one-million-column CSV grew past 9 GB in Arrow: more than ``MAX_COLUMNS`` columns is
    refused by scan and deid alike; exactly ``MAX_COLUMNS`` is read."""
    from cnprivacy.fileio import limits

    monkeypatch.setattr(limits, "MAX_COLUMNS", 4)
    sep = "\t" if kind == "tsv" else ","
    at_limit, over = tmp_path / f"four.{kind}", tmp_path / f"five.{kind}"
    at_limit.write_text(sep.join("abcd") + "\n" + sep.join("1234") + "\n", encoding="utf-8")
    over.write_text(sep.join("abcde") + "\n" + sep.join("12345") + "\n", encoding="utf-8")
    _scan(at_limit)
    assert formats.rewrite(kind, at_limit, tmp_path / "out", Identity()) == 1
    assert len(list(formats.records(kind, at_limit))) == 1
    for call in (lambda: _scan(over), lambda: list(formats.records(kind, over)),
                 lambda: formats.rewrite(kind, over, tmp_path / "out", Identity())):
        assert "5 columns, more than 4" in _refused(call)


def test_xlsx_zip_bomb(tmp_path: Path) -> None:
    """A sheet part of spaces that expands about a thousand times held gigabytes in openpyxl:
    refused by scan and deid from the archive's directory, before any XML is parsed."""
    sheet = PARTS["xl/worksheets/sheet1.xml"]
    cut = sheet.index(b"</sheetData>")
    bomb = sheet[:cut] + b" " * (2 << 20) + sheet[cut:]
    src = tmp_path / "bomb.xlsx"
    src.write_bytes(_rezip({**PARTS, "xl/worksheets/sheet1.xml": bomb}))
    assert src.stat().st_size < 100_000
    for call in (lambda: _scan(src), lambda: list(formats.records("excel", src)),
                 lambda: formats.rewrite("excel", src, tmp_path / "o.xlsx", Identity())):
        message = _refused(call)
        assert "xl/worksheets/sheet1.xml: part expands" in message
        assert "likely a zip bomb" in message
    sound = tmp_path / "sound.xlsx"
    sound.write_bytes(_rezip(PARTS))
    assert formats.rewrite("excel", sound, tmp_path / "o.xlsx", Identity()) == 2


def test_xlsx_needing_an_unknown_zip_version(tmp_path: Path) -> None:
    """The zip-bomb check listed the archive with zipfile, which raised NotImplementedError for
    a central directory asking for zip version 25.5 (found by atheris)."""
    data = bytearray(_rezip(PARTS))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6:entry + 8] = b"\xff\x00"
    src = tmp_path / "a.xlsx"
    src.write_bytes(bytes(data))
    for call in (lambda: _scan(src), lambda: list(formats.records("excel", src))):
        _refused(call)


def test_parquet_footer_arrow_cannot_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged footer made Arrow raise ArrowNotImplementedError ("Integers with less than 8
    bits not implemented", found by atheris), which scan's reader did not catch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def refuse(*_args: object, **_kw: object) -> None:
        raise pa.ArrowNotImplementedError("Integers with less than 8 bits not implemented")

    src = tmp_path / "a.parquet"
    src.write_bytes(PARQUET)
    monkeypatch.setattr(pq, "ParquetFile", refuse)
    assert "unreadable Parquet" in _refused(lambda: _scan(src))
    assert "not a readable Parquet file" in _refused(lambda: list(formats.records("parquet", src)))


def test_ledger_path_with_a_nul_character() -> None:
    """``Path.resolve`` raised ValueError ("embedded null byte") for a plain --db path (found
    by atheris)."""
    from cnprivacy.store.database import open_engine

    assert "not a usable database URL" in _refused(lambda: open_engine("led\x00ger.db"))


def test_policy_pdf_pypdf_asserts_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf raised AssertionError while parsing a damaged content stream (found by atheris)."""
    from pypdf import PageObject

    from cnprivacy.appaudit.policy import read_policy

    from .test_fuzz_appaudit import PDF

    def damaged(*_args: object, **_kw: object) -> str:
        raise AssertionError("mypy")

    monkeypatch.setattr(PageObject, "extract_text", damaged)
    src = tmp_path / "policy.pdf"
    src.write_bytes(PDF)
    assert "policy PDF cannot be read (AssertionError)" in _refused(lambda: read_policy(str(src)))


def test_ledger_path_of_an_unknown_users_home() -> None:
    """``expanduser`` raised RuntimeError for "~name" of no such user (found by atheris)."""
    from cnprivacy.store.database import normalise_url, sqlite_file

    url = normalise_url("~no-such-user-here/ledger.db")
    assert url.startswith("sqlite:///") and url.endswith("~no-such-user-here/ledger.db")
    assert sqlite_file("~no-such-user-here/ledger.db") is not None


def test_parquet_records_with_text_that_is_not_utf8(tmp_path: Path) -> None:
    """k-anonymity's records raised UnicodeDecodeError on a string column of raw bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "a.parquet"
    raw = pa.array([b"\xd3\x00"], pa.binary()).view(pa.string())
    pq.write_table(pa.table({"name": raw}), src)
    assert "not valid UTF-8" in _refused(lambda: list(formats.records("parquet", src)))


def test_sqlite_path_too_long_for_the_file_system() -> None:
    """``Path.is_dir`` raised OSError (ENAMETOOLONG) for a SQLite URL (found by atheris)."""
    from cnprivacy.discovery.databases import iter_tables
    from cnprivacy.store.database import open_engine

    url = "sqlite:////" + "x" * 5000
    assert "File name too long" in _refused(lambda: list(iter_tables(url, 5)))
    assert "no ledger database there" in _refused(lambda: open_engine(url, must_exist=True))


def test_parquet_footer_names_not_in_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arrow raised UnicodeDecodeError for a footer whose names are not UTF-8 (found by
    atheris)."""
    import pyarrow.parquet as pq

    def refuse(*_args: object, **_kw: object) -> None:
        raise UnicodeDecodeError("utf-8", b"\xec", 0, 1, "unexpected end of data")

    src = tmp_path / "a.parquet"
    src.write_bytes(PARQUET)
    monkeypatch.setattr(pq, "ParquetFile", refuse)
    assert "unreadable Parquet" in _refused(lambda: _scan(src))
    assert "not a readable Parquet file" in _refused(lambda: list(formats.records("parquet", src)))


def test_a_text_file_cut_inside_its_last_character_names_that_byte(tmp_path: Path) -> None:
    """The decoding stream's error counted from the chunk it was decoding: a 1.6 MB ticket
    file cut inside its last character was reported as not valid at byte 0."""
    raw = "客户来电咨询退款事宜，已登记。\n".encode() * 4000
    src = tmp_path / "tickets.txt"
    src.write_bytes(raw[:-2])
    message = _refused(lambda: list(readers.iter_lines(readers.open_file(src))))
    assert message.endswith(f"tickets.txt: not valid utf-8 at byte {len(raw) - 4:,}")
