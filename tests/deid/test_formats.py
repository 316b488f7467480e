"""Every format the scanner reads comes back in the same format with only PI changed."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook, load_workbook

from cnprivacy.deid.detection import SpanDetector
from cnprivacy.deid.pipeline import FileOutcome, deidentify, plan
from cnprivacy.deid.policy import Policy
from cnprivacy.deid.transformer import Deidentifier
from cnprivacy.errors import InputError

ROWS = [
    ["name", "sfz", "phone", "note"],
    ["张伟", "11010519491231002X", "13812345678", "回电 139 0000 1111 已处理"],
    ["王芳", "110105194912310029", "+86 139-0000-1111", "无"],
]


def _run(detector: SpanDetector, *paths: Path, out: Path,
         policy: Policy | None = None) -> list[FileOutcome]:
    deid = Deidentifier(policy or Policy(), detector)
    return deidentify(plan(list(paths), out), deid)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_gbk_csv_stays_gbk_and_input_is_untouched(tmp_path: Path,
                                                  detector: SpanDetector) -> None:
    src = tmp_path / "客户.csv"
    with src.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(ROWS)
    before = _digest(src)
    [outcome] = _run(detector, src, out=tmp_path / "out")
    assert outcome.error is None and outcome.rows == 2
    assert _digest(src) == before
    raw = (tmp_path / "out" / "客户.csv").read_bytes()
    assert b"\r\n" in raw
    text = raw.decode("gb18030")
    assert text.splitlines()[1] == "张*,110105********002X,138****5678,回电 139 **** 1111 已处理"
    assert "+86 139-****-1111" in text


def test_tsv_keeps_tabs(tmp_path: Path, detector: SpanDetector) -> None:
    src = tmp_path / "t.tsv"
    src.write_text("\n".join("\t".join(r) for r in ROWS) + "\n", encoding="utf-8")
    _run(detector, src, out=tmp_path / "out")
    lines = (tmp_path / "out" / "t.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\tsfz\tphone\tnote"
    assert lines[1].split("\t")[2] == "138****5678"


def test_jsonl_nested_and_numbers(tmp_path: Path, detector: SpanDetector) -> None:
    src = tmp_path / "e.jsonl"
    records = [{"user": {"phone": 13812345678, "name": "张伟"}, "n": 3, "ok": True,
                "tags": ["联系 13900001111"]}, {"user": {"phone": 13900001111, "name": "王芳"},
                                                "n": 4, "ok": False, "tags": []}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "\n",
                   encoding="utf-8")
    _run(detector, src, out=tmp_path / "out")
    lines = (tmp_path / "out" / "e.jsonl").read_text(encoding="utf-8").split("\n")
    first = json.loads(lines[0])
    assert first == {"user": {"phone": "138****5678", "name": "张*"}, "n": 3, "ok": True,
                     "tags": ["联系 139****1111"]}
    assert lines[2] == ""  # the blank line survives


def test_parquet_schema_and_compression(tmp_path: Path, detector: SpanDetector) -> None:
    src = tmp_path / "p.parquet"
    table = pa.table({"name": ["张伟", "王芳"], "phone": pa.array([13812345678, 13900001111]),
                      "amount": [1.5, 2.0], "note": ["请联系13812345678", None]})
    pq.write_table(table, src, compression="zstd")
    _run(detector, src, out=tmp_path / "out")
    result = pq.ParquetFile(tmp_path / "out" / "p.parquet")
    assert result.schema_arrow.field("phone").type == pa.string()
    assert result.schema_arrow.field("amount").type == pa.float64()
    assert str(result.metadata.row_group(0).column(0).compression) == "ZSTD"
    assert result.read().to_pylist() == [
        {"name": "张*", "phone": "138****5678", "amount": 1.5, "note": "请联系138****5678"},
        {"name": "王*", "phone": "139****1111", "amount": 2.0, "note": None},
    ]


def test_excel_every_sheet(tmp_path: Path, detector: SpanDetector) -> None:
    src = tmp_path / "c.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "客户"
    sheet.append(["姓名", "手机", "出生日期"])
    sheet.append(["张伟", 13812345678, dt.date(1990, 3, 12)])
    notes = book.create_sheet("备注")
    notes.append(["备注"])
    notes.append(["邮箱 zhang.wei@example.com"])
    book.save(src)
    policy = Policy.model_validate({"columns": {"出生日期": {"transform": "generalise",
                                                         "to": "year"}}})
    _run(detector, src, out=tmp_path / "out", policy=policy)
    result = load_workbook(tmp_path / "out" / "c.xlsx")
    assert result.sheetnames == ["客户", "备注"]
    assert list(result["客户"].iter_rows(values_only=True))[1] == ("张*", "138****5678", "1990")
    assert result["备注"]["A2"].value == "邮箱 z***@example.com"


def test_text_layout_is_kept_byte_for_byte_outside_spans(tmp_path: Path,
                                                        detector: SpanDetector) -> None:
    src = tmp_path / "t.txt"
    original = "工单 #1\r\n  客户电话 13812345678\t(已回访)\r\n\r\n末行无换行 a@b.cn"
    src.write_bytes(original.encode("utf-8"))
    [outcome] = _run(detector, src, out=tmp_path / "out")
    assert outcome.rows == 4
    assert (tmp_path / "out" / "t.txt").read_bytes().decode("utf-8") == (
        "工单 #1\r\n  客户电话 138****5678\t(已回访)\r\n\r\n末行无换行 a***@b.cn")


def test_bad_input_leaves_no_output_and_no_temp(tmp_path: Path,
                                                detector: SpanDetector) -> None:
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text('{"phone": "13812345678"}\n', encoding="utf-8")
    bad.write_text('{"phone": "13812345678"}\n{"phone": \n', encoding="utf-8")
    outcomes = _run(detector, good, bad, out=tmp_path / "out")
    assert outcomes[0].error is None
    assert outcomes[1].error == f"{bad}:2: not valid JSON (Expecting value)"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.jsonl"]
    assert "13812345678" not in outcomes[1].error


def test_binary_junk_is_refused(tmp_path: Path, detector: SpanDetector) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    [outcome] = _run(detector, junk, out=tmp_path / "out")
    assert outcome.error is not None and str(junk) in outcome.error
    assert not (tmp_path / "out" / "junk.txt").exists()


def test_output_never_overwrites_input(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("a\n1\n")
    with pytest.raises(InputError, match="overwrite the input"):
        plan([src], tmp_path)


def test_folders_keep_their_layout_and_skip_the_output(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "a.csv").write_text("a\n1\n")
    (data / "sub" / "b.txt").write_text("x\n")
    (data / ".hidden").write_text("x\n")
    jobs = plan([data], data / "out")
    assert [(j.output.relative_to(data / "out").as_posix(), j.kind) for j in jobs] == [
        ("a.csv", "csv"), ("sub/b.txt", "text")]


def test_library_failures_never_quote_data(tmp_path: Path, detector: SpanDetector,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from cnprivacy.deid import formats

    def broken(*args: object, **kwargs: object) -> int:
        raise ValueError("could not convert '13812345678'")

    monkeypatch.setattr(formats, "rewrite", broken)
    src = tmp_path / "a.csv"
    src.write_text("phone\n13812345678\n")
    [outcome] = _run(detector, src, out=tmp_path / "out")
    assert outcome.error == f"{src}: cannot process (ValueError)"
    assert not (tmp_path / "out").exists()  # no output, and no empty folder for it


def test_headerless_csv_is_written_back_without_a_header(tmp_path: Path,
                                                          detector: SpanDetector) -> None:
    src = tmp_path / "hl.csv"
    src.write_text("13812345678,张伟,11010519491231002X\n"
                   "13987654321,李娜,11010519491231002X\n", encoding="utf-8")
    deid = Deidentifier(Policy(), detector)
    [outcome] = deidentify(plan([src], tmp_path / "out"), deid, verify_with=detector)
    assert outcome.error is None and outcome.rows == 2
    lines = (tmp_path / "out" / "hl.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["138****5678,张*,110105********002X", "139****4321,李*,110105********002X"]
    assert outcome.residual is not None and not +outcome.residual


def test_headerless_sheet_is_written_back_without_a_header(tmp_path: Path,
                                                            detector: SpanDetector) -> None:
    src = tmp_path / "hl.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["13812345678", "张伟", "11010519491231002X"])
    sheet.append(["13987654321", "李娜", "11010519491231002X"])
    book.save(src)
    deid = Deidentifier(Policy(), detector)
    [outcome] = deidentify(plan([src], tmp_path / "out"), deid, verify_with=detector)
    assert outcome.error is None and outcome.rows == 2
    rows = [list(r) for r in load_workbook(tmp_path / "out" / "hl.xlsx").active.iter_rows(
        values_only=True)]
    assert rows == [["138****5678", "张*", "110105********002X"],
                    ["139****4321", "李*", "110105********002X"]]
    assert outcome.residual is not None and not +outcome.residual
