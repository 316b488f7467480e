"""Every command that writes a file writes it atomically: when the write fails part-way the
final name still holds what it held before, and no temporary file is left beside it.

Each case prepares its inputs, names the file the command will write (already holding an
older version), and gives the command line. Failures are simulated where the file system
would fail (flushing to disk, the final rename or link) and, for the writers that stream,
inside the serialiser itself.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
PEOPLE = ("姓名,身份证号,手机\n张伟,11010519491231002X,13812345678\n"
          "王芳,110105194912310038,13900001111\n")
POLICY = "version: 1\ncolumns:\n  手机: encrypt\n"
OLD = b"the previous output\n"

runner = CliRunner()


@dataclass
class Case:
    args: list[str]
    target: Path
    env: dict[str, str]


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.stderr


def _people(tmp_path: Path) -> Path:
    src = tmp_path / "in" / "people.csv"
    src.parent.mkdir(exist_ok=True)
    src.write_bytes(PEOPLE.encode("gbk"))
    return src


def _out(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(OLD)
    return target


def scan_json(tmp_path: Path) -> Case:
    target = _out(tmp_path, "scan.json")
    return Case(["scan", str(_people(tmp_path)), "--format", "json", "--no-progress",
                 "-o", str(target)], target, {})


def scan_table(tmp_path: Path) -> Case:
    target = _out(tmp_path, "scan.txt")
    return Case(["scan", str(_people(tmp_path)), "--no-progress", "-o", str(target)],
                target, {})


def scan_profile(tmp_path: Path) -> Case:
    target = _out(tmp_path, "fragment.yaml")
    return Case(["scan", str(_people(tmp_path)), "--format", "json", "--no-progress",
                 "--emit-profile", str(target)], target, {})


def assess_json(tmp_path: Path) -> Case:
    target = _out(tmp_path, "assessment.json")
    return Case(["assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json",
                 "-o", str(target)], target, {})


def _apk(tmp_path: Path) -> str:
    from appaudit.apkbuild import build_apk  # the app audit tests' APK builder

    apk = tmp_path / "in" / "app.apk"
    apk.parent.mkdir(exist_ok=True)
    apk.write_bytes(build_apk())
    return str(apk)


def app_audit_json(tmp_path: Path) -> Case:
    target = _out(tmp_path, "audit.json")
    return Case(["app", "audit", _apk(tmp_path), "--format", "json", "-o", str(target)],
                target, {})


def app_audit_sarif(tmp_path: Path) -> Case:
    target = _out(tmp_path, "audit.sarif")
    return Case(["app", "audit", _apk(tmp_path), "--format", "sarif", "-o", str(target)],
                target, {})


def _ledger(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    (tmp_path / "db").mkdir()
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "db" / "l.key")}
    db = ["--db", str(tmp_path / "db" / "l.db")]
    assert _run(["ledger", "init", *db], env)[0] == 0
    code, err = _run(["ledger", "record", *db, "--transfer", "t1", "--date", "2026-02-01",
                      "--country", "SG", "--file", str(_people(tmp_path)), "--column", "身份证号"],
                     env)
    assert code == 0, err
    return db, env


def ledger_export_csv(tmp_path: Path) -> Case:
    db, env = _ledger(tmp_path)
    target = _out(tmp_path, "ledger.csv")
    return Case(["ledger", "export", *db, "-o", str(target)], target, env)


def ledger_export_json(tmp_path: Path) -> Case:
    db, env = _ledger(tmp_path)
    target = _out(tmp_path, "ledger.json")
    return Case(["ledger", "export", *db, "--format", "json", "-o", str(target)], target, env)


def ledger_init_key(tmp_path: Path) -> Case:
    (tmp_path / "out").mkdir()
    key = tmp_path / "out" / "ledger.key"  # a new key is never written over an old one
    return Case(["ledger", "init", "--db", str(tmp_path / "l.db"), "--key", str(key)], key, {})


def deid_run(tmp_path: Path) -> Case:
    _people(tmp_path)
    target = _out(tmp_path, "people.csv")
    return Case(["deid", str(tmp_path / "in"), "-o", str(tmp_path / "out")], target, {})


def _deid_key(tmp_path: Path) -> Path:
    key = tmp_path / "keys" / "deid.key"
    assert _run(["deid", "keygen", str(key)])[0] == 0
    return key


def deid_decrypt(tmp_path: Path) -> Case:
    key = _deid_key(tmp_path)
    _people(tmp_path)
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    code, err = _run(["deid", str(tmp_path / "in"), "-o", str(tmp_path / "encrypted"),
                      "--policy", str(tmp_path / "policy.yaml"), "--key-file", str(key)])
    assert code == 0, err
    target = _out(tmp_path, "people.csv")
    return Case(["deid", "--decrypt", str(tmp_path / "encrypted"), "-o", str(tmp_path / "out"),
                 "--key-file", str(key)], target, {})


def deid_keygen(tmp_path: Path) -> Case:
    target = _out(tmp_path, "deid.key")
    return Case(["deid", "keygen", str(target), "--force"], target, {})


CASES: dict[str, Callable[[Path], Case]] = {f.__name__: f for f in (
    scan_json, scan_table, scan_profile, assess_json, app_audit_json, app_audit_sarif,
    ledger_export_csv, ledger_export_json, ledger_init_key, deid_run, deid_decrypt,
    deid_keygen)}


def _io_error(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("case", CASES)
def test_each_writer_succeeds_and_leaves_only_its_output(tmp_path: Path, case: str) -> None:
    run = CASES[case](tmp_path)
    before = _listing(run.target.parent)
    code, err = _run(run.args, run.env)
    assert code == 0, err
    assert run.target.exists() and run.target.read_bytes() != OLD
    assert _listing(run.target.parent) == sorted({*before, run.target.name})


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("case", CASES)
def test_a_failed_write_keeps_the_old_output_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, failing: str) -> None:
    run = CASES[case](tmp_path)
    existed = run.target.exists()
    before = _listing(run.target.parent)
    monkeypatch.setattr(os, failing, _io_error)
    if failing == "replace":
        monkeypatch.setattr(os, "link", _io_error)  # the no-overwrite path of key files
    code, err = _run(run.args, run.env)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(run.target) in lines[0] and "Input/output error" in lines[0]
    assert (run.target.read_bytes() == OLD) if existed else not run.target.exists()
    assert _listing(run.target.parent) == before


def _raise_midway(monkeypatch: pytest.MonkeyPatch, owner: object, name: str,
                  partial: Callable[..., None]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        partial(*args, **kwargs)
        raise RuntimeError("serialiser failed")

    monkeypatch.setattr(owner, name, broken)


@pytest.mark.parametrize("case", ["scan_table", "ledger_export_csv", "ledger_export_json",
                                  "deid_run", "deid_decrypt"])
def test_a_streaming_writer_failing_midway_keeps_the_old_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    run = CASES[case](tmp_path)
    before = _listing(run.target.parent)
    if case == "scan_table":
        from cnprivacy.cli import _scan

        _raise_midway(monkeypatch, _scan, "_render_table",
                      lambda result, console: console.print("half a report"))
    elif case == "ledger_export_json":
        _raise_midway(monkeypatch, json, "dump", lambda rows, handle, **_: handle.write("[{"))
    elif case == "ledger_export_csv":
        import csv

        _raise_midway(monkeypatch, csv.DictWriter, "writerow",
                      lambda writer, row: writer.writer.writerow(["half", "a row"]))
    else:
        from cnprivacy.deid import operations

        # The header and the first row are written; the second value fails.
        calls = iter(range(10**6))
        real = operations.DecryptOperation.value if case == "deid_decrypt" \
            else operations.DeidOperation.value

        def value(self: object, column: str, raw: object) -> object:
            if next(calls) == 4:
                raise RuntimeError("serialiser failed")
            return real(self, column, raw)  # type: ignore[arg-type]

        owner = operations.DecryptOperation if case == "deid_decrypt" \
            else operations.DeidOperation
        monkeypatch.setattr(owner, "value", value)
    result = runner.invoke(app, run.args, env=run.env)
    if case.startswith("deid"):
        # deid turns any failure of one input into that input's error line (exit 2), naming
        # the exception's type only: its message could quote a value.
        assert result.exit_code == 2 and "(RuntimeError)" in result.stderr
    else:
        assert result.exit_code != 0 and "serialiser failed" in repr(result.exception)
    assert run.target.read_bytes() == OLD
    assert _listing(run.target.parent) == before


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_read_only_commands_create_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    src = _people(tmp_path)
    apk = _apk(tmp_path)
    db, env = _ledger(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _tree(tmp_path)
    for args in (["scan", str(src), "--no-progress"],
                 ["scan", str(tmp_path / "in"), "--format", "json", "--no-progress"],
                 ["assess", str(EXAMPLE), "--as-of", "2026-03-01"],
                 ["app", "audit", apk, "--format", "sarif"],
                 ["ledger", "status", *db, "--as-of", "2026-03-01"],
                 ["ledger", "export", *db, "--format", "json"]):
        code, err = _run(args, env)
        assert code == 0, (args, err)
    assert _tree(tmp_path) == before
