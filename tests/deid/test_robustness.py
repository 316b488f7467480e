"""deid keeps going past a bad input, cleans up after a killed run, and walks nested columns."""

from __future__ import annotations

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
