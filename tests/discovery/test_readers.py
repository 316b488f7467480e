"""Reading: encodings detected, strings kept as written, bad input as one-line errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cnprivacy.discovery import readers as R
from cnprivacy.errors import InputError

TEXT = "姓名,手机,座机\n张伟,13812345678,075586013388\n"


@pytest.mark.parametrize(("encoding", "bom", "expected"), [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gbk", b"", "gb18030"),
    ("gb18030", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"),
])
def test_encodings(tmp_path: Path, encoding: str, bom: bytes, expected: str) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(bom + TEXT.encode(encoding))
    opened = R.open_file(p)
    assert opened.encoding == expected
    batch = next(R.iter_batches(opened))
    assert batch.to_pydict() == {"姓名": ["张伟"], "手机": ["13812345678"],
                                 "座机": ["075586013388"]}  # leading zero kept


def test_binary_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "junk.csv"
    p.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError) as err:
        R.open_file(p)
    assert "junk.csv" in str(err.value) and "\n" not in str(err.value)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"a": "1"}\n{broken\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(R.iter_batches(R.open_file(p)))
    assert err.value.line == 2


def test_jsonl_nested_and_numbers_become_strings(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"a": 1, "b": {"c": "张"}}\n{"a": null, "d": "x"}\n', encoding="utf-8")
    batch = next(R.iter_batches(R.open_file(p)))
    assert batch.to_pydict() == {"a": ["1", None], "b": ['{"c": "张"}', None], "d": [None, "x"]}


def test_parquet_and_excel(tmp_path: Path) -> None:
    pq.write_table(pa.table({"mobile": [13812345678, 13987654321]}), tmp_path / "x.parquet")
    batch = next(R.iter_batches(R.open_file(tmp_path / "x.parquet")))
    assert batch.column(0).to_pylist() == ["13812345678", "13987654321"]
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机"])
    ws.append(["张伟", "13812345678"])
    wb.save(tmp_path / "x.xlsx")
    sheets = [(name, [b.to_pydict() for b in batches])
              for name, batches in R.excel_sheets(tmp_path / "x.xlsx")]
    assert sheets == [("客户", [{"姓名": ["张伟"], "手机": ["13812345678"]}])]


def test_text_lines(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "第一行\r\n第二行\n".encode("utf-16-le"))
    assert list(R.iter_lines(R.open_file(p))) == ["第一行", "第二行"]


def test_sqlite_header(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "whatever.bin"
    sqlite3.connect(db).execute("create table t (x)").connection.commit()
    assert R.is_sqlite_file(db)
    assert not R.is_sqlite_file(tmp_path)


_HEADERLESS = "13812345678,张伟,11010519491231002X\n13987654321,李娜,11010519491231002X\n"


def test_headerless_csv_gets_synthetic_names(tmp_path: Path) -> None:
    p = tmp_path / "hl.csv"
    p.write_text(_HEADERLESS, encoding="utf-8")
    batch = next(R.iter_batches(R.open_file(p)))
    assert batch.schema.names == ["column_1", "column_2", "column_3"]
    assert batch.num_rows == 2
    assert batch.column(0).to_pylist() == ["13812345678", "13987654321"]


@pytest.mark.parametrize("row, is_data", [
    (["姓名", "手机号", "身份证号"], False),
    (["name", "phone", "id", "2024"], False),
    (["", None, "备注"], False),
    (["张伟", "someone@example.com"], True),
    (["订单", "20240101000123"], True),  # a long number is a value, never a label
    (["13812345678"], True),
])
def test_header_is_data(row: list[str | None], is_data: bool) -> None:
    assert R.header_is_data(row) is is_data


def test_header_cells_that_are_pi_are_masked() -> None:
    # A row judged a header (nothing in it reads as data) still never carries PI out.
    names, has_header = R.column_names(["姓名", "客户"])
    assert (names, has_header) == (["姓名", "客户"], True)
    names, has_header = R.column_names(["13812345678", "客户"])
    assert has_header is False and names == ["column_1", "column_2"]
    assert R._label("13812345678") == "138****5678"


def test_headerless_sheet_gets_synthetic_names(tmp_path: Path) -> None:
    from openpyxl import Workbook

    p = tmp_path / "hl.xlsx"
    book = Workbook()
    for line in _HEADERLESS.splitlines():
        book.active.append(line.split(","))
    book.save(p)
    [(_, batches)] = list(R.excel_sheets(p))
    batch = next(batches)
    assert batch.schema.names == ["column_1", "column_2", "column_3"]
    assert batch.column(2).to_pylist() == ["11010519491231002X"] * 2
