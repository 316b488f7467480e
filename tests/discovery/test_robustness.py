"""One bad input never ends a scan, and no raw value reaches an error line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.discovery import readers as R

runner = CliRunner()
RID = "11010519491231002X"


def _scan(*args: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["scan", *args, "--format", "json", "--as-of", "2026-03-01",
                                 "--no-progress"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_an_unexpected_failure_in_one_file_is_that_files_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(f"sfz\n{RID}\n", encoding="utf-8")
    good.write_text(f"sfz\n{RID}\n", encoding="utf-8")
    real = R.iter_batches

    def failing(opened: R.Opened, batch_rows: int = 65536):  # type: ignore[no-untyped-def]
        if opened.path.name == "bad.csv":
            raise RuntimeError(f"library choked on {RID}")
        return real(opened, batch_rows)

    monkeypatch.setattr(R, "iter_batches", failing)
    code, report, err = _scan(str(bad), str(good))
    assert code == 2
    assert [s["source"] for s in report["sources"]] == [str(good)]
    assert err.strip() == f"error: {bad}: cannot read (RuntimeError)"
    assert RID not in err


def test_a_date_column_holding_a_resident_id_is_read_as_text(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table people (id integer, birth DATE, sfz DATE)")
        conn.executemany("insert into people values (?, ?, ?)",
                         [(i, "1990-03-07", RID) for i in range(3)])
    code, report, err = _scan(f"sqlite:///{db}")
    assert code == 0, err
    (source,) = report["sources"]
    assert {c["name"]: c["type"] for c in source["columns"]}["sfz"] == "cn_resident_id"
    assert source["individuals"] == 1
    assert RID not in err + json.dumps(report, ensure_ascii=False)
