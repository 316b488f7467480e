"""deid keeps going past a bad input, cleans up after a killed run, and walks nested columns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.deid import formats

runner = CliRunner()
RID = "11010519491231002X"


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
