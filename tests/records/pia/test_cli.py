"""`cnprivacy pia ...` as a DPO meets it: the whole flow, refusals with one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app

from ..samples import membership_data
from .helpers import full_edit

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", "CNPRIVACY_USER": "dpo",
                                                 "CNPRIVACY_LEDGER": None})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "record.db")
    acts = tmp_path / "acts.yaml"
    acts.write_text(yaml.safe_dump(membership_data(data_categories=["identity", "facial"],
                                                   sensitive_individuals=40),
                                   allow_unicode=True), encoding="utf-8")
    assert _run("record", "init", "--db", path)[0] == 0
    assert _run("record", "add", str(acts), "--db", path)[0] == 0
    return path


def _judgements(tmp_path: Path, data: object) -> str:
    path = tmp_path / "judgements.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_the_whole_flow(db: str, tmp_path: Path) -> None:
    code, out, err = _run("pia", "new", "--activity", "membership", "--as-of", "2026-06-01",
                          "--db", db)
    assert code == 0 and out == "PIA-0001\n"
    assert "sensitive_pi, entrusting" in err and "16 judgements await confirmation" in err
    code, out, err = _run("pia", "approve", "PIA-0001", "--by", "officer", "--db", db)
    assert code == 2 and err.startswith("error: ") and "not been reviewed" in err
    assert len(err.splitlines()) == 1
    code, out, _ = _run("pia", "edit", "PIA-0001", _judgements(tmp_path, full_edit()), "--db", db)
    assert code == 0 and "edited, now draft (version 2)" in out
    assert _run("pia", "review", "PIA-0001", "--by", "legal", "--db", db)[0] == 0
    code, out, _ = _run("pia", "approve", "PIA-0001", "--by", "officer", "--db", db)
    assert code == 0 and "keep report and records until at least" in out
    code, out, _ = _run("pia", "show", "PIA-0001", "--db", db, "--format", "json")
    shown = json.loads(out)
    assert shown["assessment"]["status"] == "approved" and shown["unconfirmed"] == []
    assert shown["grading"]["risk"] == "中" and shown["required_by_art_55"] is True
    code, out, _ = _run("pia", "show", "PIA-0001", "--db", db)
    assert code == 0 and "art 55(1) sensitive_pi: yes" in out and "overall risk: 中" in out
    code, out, _ = _run("pia", "history", "PIA-0001", "--db", db)
    assert [line.split()[0] for line in out.splitlines()] == ["v1", "v2", "v3", "v4"]
    assert "officer [approved]" in out
    code, out, _ = _run("pia", "list", "--db", db, "--format", "json")
    assert [p["id"] for p in json.loads(out)] == ["PIA-0001"]
    assert "PIA-0001" in _run("pia", "list", "--db", db)[1]
    for fmt in ("md", "html"):
        for lang in ("zh", "en"):
            target = tmp_path / f"report-{lang}.{fmt}"
            code, _, err = _run("pia", "export", "PIA-0001", "--format", fmt, "--lang", lang,
                                "-o", str(target), "--db", db)
            assert code == 0 and target.read_text(encoding="utf-8").count("PIA-0001") >= 1
    assert "个人信息保护影响评估报告" in (tmp_path / "report-zh.md").read_text(encoding="utf-8")
    code, out, _ = _run("pia", "export", "PIA-0001", "--lang", "en", "--db", db)
    assert code == 0 and out.startswith("# Personal information protection impact assessment")


@pytest.mark.parametrize(("args", "message"), [
    (("pia", "new", "--activity", "nope", "--as-of", "2026-06-01"), "no activity 'nope'"),
    (("pia", "new", "--activity", "membership", "--as-of", "2026-13-01"), "not a date"),
    (("pia", "show", "PIA-0042"), "no impact assessment 'PIA-0042'"),
    (("pia", "review", "PIA-0042", "--by", "legal"), "no impact assessment"),
    (("pia", "export", "PIA-0042", "--format", "pdf"), "--format: must be one of md, html"),
    (("pia", "export", "PIA-0042", "--lang", "fr"), "--lang: must be one of zh, en"),
    (("pia", "list", "--format", "xml"), "--format: must be one of table, json"),
])
def test_refusals_are_one_line(db: str, args: tuple[str, ...], message: str) -> None:
    code, _, err = _run(*args, "--db", db)
    assert code == 2 and len(err.splitlines()) == 1 and message in err, err


def test_a_bad_judgement_file_changes_nothing(db: str, tmp_path: Path) -> None:
    assert _run("pia", "new", "--activity", "membership", "--db", db)[0] == 0
    bad = full_edit()
    bad["impact"]["autonomy"] = {"value": "extreme", "reason": "x", "confirmed": True}
    path = _judgements(tmp_path, bad)
    code, _, err = _run("pia", "edit", "PIA-0001", path, "--db", db)
    assert code == 2 and "judgements.yaml: impact.autonomy.value" in err
    assert _run("pia", "history", "PIA-0001", "--db", db)[1].count("\n") == 1


def test_read_only_commands_create_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = _run("pia", "list", "--db", str(missing))
    assert code == 2 and "record init" in err and not missing.exists()
