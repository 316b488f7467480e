"""Issue 12: an output is never a folder, an input of the command, or the ledger it reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.errors import InputError
from cnprivacy.fileio import check_target, write_atomically

runner = CliRunner()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        check_target(tmp_path)


def test_the_same_file_by_any_name_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "in.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    os.symlink(data, link)
    hard = tmp_path / "hard.csv"
    os.link(data, hard)
    for target in (data, link, hard, tmp_path / "sub" / ".." / "in.csv"):
        with pytest.raises(InputError, match="is also an input"):
            write_atomically(target, "x", protect=[data])
    assert data.read_text(encoding="utf-8") == "a\n1\n"
    assert check_target(tmp_path / "other.csv", [data]) == tmp_path / "other.csv"


def _invoke(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env or {})
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("organization:\n  name: X\n  country: CN\n", encoding="utf-8")
    return path


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "t.csv"
    path.write_text("name,phone\nA,13800138000\n", encoding="utf-8")
    return path


def _unchanged(path: Path) -> tuple[bytes, float]:
    return path.read_bytes(), path.stat().st_mtime


@pytest.mark.parametrize("args", [
    ["assess", "{p}", "-o", "{p}"],
    ["assess", "{p}", "--format", "json", "-o", "{p}"],
    ["assess", "{p}", "-o", "{dir}"],
    ["scan", "{t}", "-o", "{t}"],
    ["scan", "{t}", "--format", "json", "-o", "{t}"],
    ["scan", "{t}", "-o", "{dir}"],
    ["scan", "{t}", "--emit-profile", "{t}"],
    ["scan", "{t}", "--emit-profile", "{dir}"],
    ["scan", "{t}", "-o", "{dir}/r.txt", "--emit-profile", "{dir}/r.txt"],
    ["scan", "{dir}", "-o", "{t}"],
    ["scan", "{t}", "--profile-base", "{p}", "--emit-profile", "{p}"],
    ["app", "audit", "{t}", "-o", "{t}"],
    ["app", "audit", "{t}", "--policy", "{p}", "-o", "{p}"],
    ["app", "audit", "{t}", "-o", "{dir}"],
    ["deid", "{t}", "-o", "{p}"],
])
def test_outputs_refused_in_one_line(tmp_path: Path, profile: Path, table: Path,
                                     args: list[str]) -> None:
    before = {p: _unchanged(p) for p in (profile, table)}
    listing = sorted(tmp_path.rglob("*"))
    code, err = _invoke([a.format(p=profile, t=table, dir=tmp_path) for a in args])
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")
    assert {p: _unchanged(p) for p in (profile, table)} == before
    assert sorted(tmp_path.rglob("*")) == listing


def test_ledger_export_never_replaces_the_ledger(tmp_path: Path) -> None:
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")}
    db = tmp_path / "l.db"
    assert _invoke(["ledger", "init", "--db", str(db)], env)[0] == 0
    assert _invoke(["ledger", "record", "--db", str(db), "--transfer", "t", "--date",
                    "2026-02-01", "--country", "SG", "--individuals", "5"], env)[0] == 0
    for target in (db, tmp_path / "l.key", tmp_path / "l.db-wal", tmp_path):
        code, err = _invoke(["ledger", "export", "--db", str(db), "-o", str(target)], env)
        assert code == 2 and len(err.strip().splitlines()) == 1
    result = runner.invoke(app, ["ledger", "export", "--db", str(db), "--format", "json"], env=env)
    assert result.exit_code == 0 and '"transfer_id": "t"' in result.stdout


def test_deid_failed_input_leaves_no_empty_folder(tmp_path: Path, table: Path) -> None:
    bad = tmp_path / "in" / "sub" / "bad.parquet"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"PAR1 not really parquet")
    out = tmp_path / "out"
    code, _ = _invoke(["deid", str(tmp_path / "in"), "-o", str(out)])
    assert code == 2
    assert not (out / "sub").exists() and not out.exists()
