"""Issue 12: read-only commands on a mistyped SQLite path fail in one line and create nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app

runner = CliRunner()


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("command", [
    ["ledger", "status", "--db", "{dir}/typo.db"],
    ["ledger", "export", "--db", "{dir}/typo.db"],
    ["ledger", "record", "--db", "{dir}/typo.db", "--transfer", "t", "--date", "2026-02-01",
     "--country", "SG", "--individuals", "3"],
    ["ledger", "status", "--db", "sqlite:///{dir}/typo.db"],
    ["crossborder", "{dir}/p.yaml", "--ledger", "{dir}/typo.db"],
    ["scan", "sqlite:///{dir}/missing.db"],
])
def test_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path: Path,
                                                            command: list[str]) -> None:
    (tmp_path / "p.yaml").write_text(yaml.safe_dump({"organization": {
        "name": "X", "country": "CN"}, "transfers": []}), encoding="utf-8")
    (tmp_path / "l.key").write_text("00" * 32 + "\n", encoding="ascii")
    before = _files(tmp_path)
    args = [a.format(dir=tmp_path) for a in command]
    result = runner.invoke(app, args, env={"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")})
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "typo.db" in result.stderr or "missing.db" in result.stderr
    assert "Traceback" not in result.output
    assert _files(tmp_path) == before
    assert not os.path.exists("typo.db")
