"""Damaged or extreme inputs that once ended scan or deid with a traceback or unbounded
memory: each is one input's one-line error (exit 2) and the other inputs are still processed.
Sizes stay small; where a limit matters the tests lower ``cnprivacy.fileio.limits.MAX_LINE``
instead of writing gigabytes."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.fileio import limits

runner = CliRunner()

RID = "11010519491231002X"
#: the lowered line limit the tests use
SMALL_LIMIT = 1000


def long_line_text(folder: Path) -> Path:
    path = folder / "one_line.txt"
    path.write_text(("备注 " + RID + " ") * 200, encoding="utf-8")  # ~5,000 characters
    return path


def long_line_jsonl(folder: Path) -> Path:
    path = folder / "long.jsonl"
    path.write_text(json.dumps({"note": "x" * 3 * SMALL_LIMIT, "sfz": RID}) + "\n",
                    encoding="utf-8")
    return path


def long_line_csv(folder: Path) -> Path:
    """A row longer than Arrow's block (64 KiB once the limit is lowered)."""
    path = folder / "long_row.csv"
    path.write_text("note,sfz\n" + "y" * 200_000 + f",{RID}\n", encoding="utf-8")
    return path


def deep_jsonl(folder: Path) -> Path:
    path = folder / "deep.jsonl"
    path.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    return path


def huge_int_jsonl(folder: Path) -> Path:
    path = folder / "huge_int.jsonl"
    path.write_text('{"a": ' + "9" * 5000 + "}\n", encoding="utf-8")
    return path


def _workbook(folder: Path) -> Path:
    path = folder / "ok.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["sfz"])
    sheet.append([RID])
    book.save(path)
    return path


def broken_xml_xlsx(folder: Path) -> Path:
    good = _workbook(folder)
    path = folder / "broken_xml.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            out.writestr(name, data)
    good.unlink()
    return path


def broken_deflate_xlsx(folder: Path) -> Path:
    good = _workbook(folder)
    raw = bytearray(good.read_bytes())
    start = raw.find(b"xl/worksheets/sheet1.xml")
    for i in range(start + 40, start + 80):  # inside that member's compressed data
        raw[i] ^= 0xFF
    path = folder / "broken_deflate.xlsx"
    path.write_bytes(bytes(raw))
    good.unlink()
    return path


def bad_utf8_parquet(folder: Path) -> Path:
    raw = pa.array([b"\xff\xfe" + RID.encode(), b"ok"], pa.binary())
    text = pa.Array.from_buffers(pa.string(), len(raw), raw.buffers())  # no validation
    path = folder / "bad_utf8.parquet"
    pq.write_table(pa.table({"s": text}), path)
    return path


#: case -> (builder, what the one-line error says after the file name, the line limit to
#: lower MAX_LINE to (None: the default), whether deid refuses it too: deid cuts plain text
#: into pieces instead, so a long text line is no error there)
CASES: dict[str, tuple[Callable[[Path], Path], str, int | None, bool]] = {
    "text line over the limit": (long_line_text, ":1: line longer than 1,000 characters",
                                 SMALL_LIMIT, False),
    "JSON Lines record over the limit": (long_line_jsonl,
                                         ":1: line longer than 1,000 characters",
                                         SMALL_LIMIT, True),
    "deeply nested JSON": (deep_jsonl, ":1: JSON nested too deeply to read", None, True),
    "huge JSON integer": (huge_int_jsonl, ":1: a number too long to read", None, True),
    "broken sheet XML": (broken_xml_xlsx, ": unreadable Excel workbook: damaged content",
                         None, True),
    "broken deflate data": (broken_deflate_xlsx, ": unreadable Excel workbook", None, True),
    "invalid UTF-8 in Parquet": (bad_utf8_parquet, ": column s: text that is not valid UTF-8",
                                 None, True),
}


def _scan(*args: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["scan", *args, "--format", "json", "--as-of", "2026-03-01",
                                 "--no-progress"])
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_or_extreme_input_is_one_line_and_the_others_are_scanned(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build, expected, limit, _ = CASES[case]
    if limit is not None:
        monkeypatch.setattr(limits, "MAX_LINE", limit)
    bad = build(tmp_path)
    good = tmp_path / "good.csv"
    good.write_text(f"sfz\n{RID}\n", encoding="utf-8")
    code, report, err = _scan(str(bad), str(good))
    assert code == 2
    assert [s["source"] for s in report["sources"]] == [str(good)]
    (line,) = err.splitlines()
    assert line.startswith(f"error: {bad}{expected}"), line
    assert RID not in err


def test_a_csv_row_longer_than_the_block_is_refused_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LINE", SMALL_LIMIT)
    bad = long_line_csv(tmp_path)
    code, _, err = _scan(str(bad))
    assert code == 2
    assert err.strip() == f"error: {bad}: malformed CSV: a row longer than 65,536 bytes; not read"


def test_a_header_cell_over_128_kib_is_read(tmp_path: Path) -> None:
    # Python's csv module refuses fields over 128 KiB by default; the limit is MAX_LINE.
    path = tmp_path / "wide_header.csv"
    path.write_text("x" * 200_000 + ",sfz\n1," + RID + "\n", encoding="utf-8")
    code, report, err = _scan(str(path))
    assert code == 0, err
    assert report["sources"][0]["columns"][0]["name"] == "sfz"


def test_lines_at_the_limit_are_read_and_one_more_character_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LINE", 50)
    at, over = tmp_path / "at.txt", tmp_path / "over.txt"
    at.write_text("a" * 50 + "\r\n" + "b" * 50, encoding="utf-8")
    over.write_text("a" * 50 + "\n" + "b" * 51 + "\n", encoding="utf-8")
    code, report, err = _scan(str(at), str(over))
    assert code == 2
    assert report["sources"][0]["rows"] == 2
    assert err.strip() == f"error: {over}:2: line longer than 50 characters; not read " \
        "(a file without line breaks, or a broken export?)"



@pytest.mark.parametrize("case", sorted(c for c in CASES if CASES[c][3]))
def test_deid_turns_damaged_or_extreme_input_into_one_line(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build, expected, limit, _ = CASES[case]
    if limit is not None:
        monkeypatch.setattr(limits, "MAX_LINE", limit)
    folder = tmp_path / "in"
    folder.mkdir()
    bad = build(folder)
    (folder / "good.csv").write_text(f"sfz\n{RID}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["deid", str(folder), "-o", str(out)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {bad}{expected}"), line
    assert line.endswith("(no output written)")
    assert RID not in result.stderr + result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["good.csv"]


def test_deid_refuses_a_csv_line_over_the_limit(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LINE", SMALL_LIMIT)
    bad = long_line_csv(tmp_path)
    result = runner.invoke(app, ["deid", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {bad}:2: line longer than 1,000 characters; "
                                     "not read (a file without line breaks, or a broken "
                                     "export?) (no output written)")
