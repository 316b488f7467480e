"""deid keeps going past a bad input, cleans up after a killed run, and walks nested columns."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from stdnum.iso7064 import mod_11_2
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.deid import formats
from cnprivacy.deid.detection import discovery_detector
from cnprivacy.deid.operations import ResidualScan

runner = CliRunner()
RID = "11010519491231002X"
RID2 = "44030519900307123" + mod_11_2.calc_check_digit("44030519900307123")


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_an_unexpected_failure_in_one_input_is_that_inputs_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_bad.csv").write_text(f"sfz\n{RID}\n", encoding="utf-8")
    (src / "b_good.csv").write_text(f"sfz\n{RID}\n", encoding="utf-8")
    real = formats.rewrite

    def failing(kind: str, source: Path, dst: Path | None, op: object,
                **kw: int) -> int:
        if source.name == "a_bad.csv":
            raise RecursionError(f"deep in {RID}")
        return real(kind, source, dst, op, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "rewrite", failing)
    out = tmp_path / "out"
    code, _, err = _run("deid", src, "-o", out)
    assert code == 2
    assert err.strip() == (f"error: {src / 'a_bad.csv'}: cannot process (RecursionError) "
                           "(no output written)")
    assert RID not in err
    assert sorted(p.name for p in out.iterdir()) == ["b_good.csv"]


def test_a_second_run_removes_the_temporary_a_killed_run_left(tmp_path: Path) -> None:
    src = tmp_path / "people.csv"
    src.write_text("sfz\n" + f"{RID}\n" * 50, encoding="utf-8")
    out = tmp_path / "out"
    # The child writes part of its output, then kills itself with SIGKILL: no clean-up runs.
    child = textwrap.dedent(f"""
        import os, signal, sys
        from cnprivacy.deid import formats
        real = formats.rewrite
        def dying(kind, source, dst, op, **kw):
            dst.write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
        formats.rewrite = dying
        from cnprivacy.cli import app
        sys.argv = ["cnprivacy", "deid", {str(src)!r}, "-o", {str(out)!r}]
        app()
    """)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL
    left = [p.name for p in out.iterdir()]
    assert len(left) == 1 and left[0].startswith(".people.csv.") and left[0].endswith(".tmp")
    # An unrelated hidden file and a temporary of a live writer (this process) stay.
    (out / ".notes.tmp").write_text("mine")
    live = out / f".people.csv.{os.getpid()}-{'0' * 12}.tmp"
    live.write_text("busy")
    code, _, err = _run("deid", src, "-o", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted([".notes.tmp", live.name,
                                                            "people.csv"])


def test_nested_parquet_columns_are_deidentified_and_verified(tmp_path: Path) -> None:
    src = tmp_path / "nested.parquet"
    table = pa.table({
        "id": [1, 2],
        "contact": [{"phone": "13812345678", "city": "北京"},
                    {"phone": "13900001111", "city": "上海"}],
        "ids": [[RID], [RID, RID2]],
    })
    pq.write_table(table, src)
    out = tmp_path / "out"
    code, _, err = _run("deid", src, "-o", out, "--verify", "--format", "json")
    assert code == 0, err
    written = pq.read_table(out / "nested.parquet")
    assert written.schema == table.schema
    text = json.dumps(written.to_pylist(), ensure_ascii=False)
    for raw in (RID, RID2, "13812345678", "13900001111"):
        assert raw not in text
    assert "北京" in text
    # Verify reads the same leaves: an output holding raw nested identifiers is not clean.
    raw_out = tmp_path / "raw"
    raw_out.mkdir()
    pq.write_table(table, raw_out / "nested.parquet")
    scan = ResidualScan(discovery_detector())
    formats.rewrite("parquet", raw_out / "nested.parquet", None, scan)
    assert scan.counts["cn_resident_id"] == 3 and scan.counts["cn_mobile"] == 2
    assert {c for _, c in scan.pairs} >= {"contact.phone", "ids"}
