"""`cnprivacy incident ...` as a DPO meets it: due times in CST, one-line errors, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app

from .incident_samples import incident_data
from .samples import membership_data

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "240", "CNPRIVACY_USER": "dpo",
                                                 "CNPRIVACY_LEDGER": None})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "record.db")
    assert _run("record", "init", "--db", path)[0] == 0
    return path


def _file(tmp_path: Path, name: str, data: dict) -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_open_from_options_prints_id_grade_and_due_time(db: str) -> None:
    code, out, err = _run("incident", "open", "--discovered-at", "2026-10-01T23:30",
                          "--operator-type", "other", "--effect", "leak", "--individuals",
                          "1000000", "--system", "CRM", "--db", db)
    assert code == 0, err
    assert "INC-20261001-2330: relatively_major (较大), reportable" in out
    assert "due 2026-10-02T03:30:00+08:00  incident_initial_report" in out
    assert "external audit may be ordered: yes" in out


def test_show_report_close_history(db: str, tmp_path: Path) -> None:
    assert _run("incident", "open", _file(tmp_path, "i.yaml", incident_data(
        individuals=10_000_000, discovered_at="2026-06-10T01:00:00Z")), "--db", db)[0] == 0
    code, out, _ = _run("incident", "show", "INC-1", "--as-of", "2026-06-10T10:00", "--db", db,
                        "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["grade"]["level"] == "major"
    initial = next(c for c in doc["clocks"] if c["kind"] == "incident_initial_report")
    assert initial["due"] == "2026-06-10T13:00:00+08:00" and initial["state"] == "due"
    assert initial["minutes_left"] == 180
    code, out, _ = _run("incident", "show", "INC-1", "--as-of", "2026-06-10T13:30+08:00",
                        "--db", db)
    assert code == 0 and "OVERDUE by 0h30m" in out
    code, _, err = _run("incident", "report", "INC-1", "--kind", "initial", "--at",
                        "2026-06-10T12:10", "--db", db)
    assert code == 0, err
    code, out, _ = _run("incident", "report", "INC-1", "--kind", "supplement", "--at",
                        "2026-06-11T09:00", "--items", "3,4", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["items"]["sent"] == [1, 2, 3, 4]
    code, out, _ = _run("incident", "close", "INC-1", "--at", "2026-06-20T18:00", "--db", db,
                        "--format", "json")
    summary = next(c for c in json.loads(out)["clocks"] if c["kind"] == "incident_summary_report")
    assert code == 0 and summary["due"] == "2026-07-20T23:59:00+08:00"
    code, out, _ = _run("incident", "show", "INC-1", "--as-of", "2026-06-21T00:00", "--db", db,
                        "--format", "json")
    states = {c["kind"]: c["state"] for c in json.loads(out)["clocks"]}
    assert states["incident_initial_report"] == "met" and states["incident_summary_report"] == "due"
    code, out, _ = _run("incident", "history", "INC-1", "--db", db, "--format", "json")
    assert code == 0 and [v["reason"] for v in json.loads(out)] == \
        ["opened", "initial report", "supplement report", "closed"]
    code, out, _ = _run("incident", "list", "--db", db, "--as-of", "2026-06-21T00:00",
                        "--format", "json")
    assert code == 0 and [d["id"] for d in json.loads(out)] == ["INC-1"]
    code, out, _ = _run("incident", "list", "--db", db, "--as-of", "2026-06-21T00:00")
    assert code == 0 and "INC-1" in out and "重大" in out


def test_update_records_a_notice(db: str, tmp_path: Path) -> None:
    assert _run("incident", "open", _file(tmp_path, "i.yaml", incident_data()), "--db", db)[0] == 0
    change = _file(tmp_path, "u.yaml", {"notices": [{"at": "2026-06-10T11:00", "channels": ["sms"]}]})
    code, out, _ = _run("incident", "update", "INC-1", change, "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["changes"] == ["notices"]
    notice = next(c for c in json.loads(out)["clocks"] if c["kind"] == "incident_individual_notice")
    assert notice["state"] == "met"


def test_counts_from_register_activities(db: str, tmp_path: Path) -> None:
    acts = _file(tmp_path, "a.yaml", {"activities": [
        membership_data(individuals=600_000, sensitive_individuals=60_000),
        membership_data(id="loyalty", individuals=400_000, sensitive_individuals=40_000)]})
    assert _run("record", "add", acts, "--db", db)[0] == 0
    code, out, err = _run("incident", "open", "--discovered-at", "2026-06-10T09:00", "--activity",
                          "membership", "--activity", "loyalty", "--operator-type", "other",
                          "--db", db, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["grade"]["level"] == "relatively_major" and doc["audit_order"]["may_order"] is True


def test_counts_from_a_scan_report(db: str, tmp_path: Path) -> None:
    scan = tmp_path / "scan.json"
    scan.write_text(json.dumps({"as_of": "2026-06-10", "sources": [{}], "totals": {
        "data_categories": ["identity"], "individuals": 2_000_000, "sensitive_individuals": 5}}),
        encoding="utf-8")
    code, out, err = _run("incident", "open", "--discovered-at", "2026-06-10T09:00", "--scan",
                          str(scan), "--db", db, "--format", "json", "--id", "leak-1")
    assert code == 0, err
    assert json.loads(out)["grade"]["level"] == "relatively_major"
    code, out, _ = _run("incident", "history", "leak-1", "--db", db, "--format", "json")
    assert json.loads(out)[0]["incident"]["evidence"][0]["individuals"] == 2_000_000


@pytest.mark.parametrize(("args", "message"), [
    (("--discovered-at", "2026-13-01T09:00"), "--discovered-at: not a date and time"),
    (("--discovered-at", "2026-06-01"), "--discovered-at: needs a time of day"),
    (("--discovered-at", "2026-06-01T09:00", "--operator-type", "bank"), "operator_type"),
    (("--discovered-at", "2026-06-01T09:00", "--individuals", "5", "--sensitive-individuals", "9"),
     "sensitive_individuals is more than individuals"),
    ((), "--discovered-at: required"),
    (("--discovered-at", "2026-06-01T09:00", "--activity", "nope"), "--activity: no activity"),
])
def test_bad_input_is_one_line_and_writes_nothing(db: str, args: tuple[str, ...], message: str) -> None:
    code, _, err = _run("incident", "open", *args, "--db", db)
    assert code == 2 and message in err and len(err.splitlines()) == 1
    assert _run("incident", "list", "--db", db, "--format", "json")[1].strip() == "[]"


def test_open_twice_and_unknown_ids_are_refused(db: str, tmp_path: Path) -> None:
    path = _file(tmp_path, "i.yaml", incident_data())
    assert _run("incident", "open", path, "--db", db)[0] == 0
    code, _, err = _run("incident", "open", path, "--db", db)
    assert code == 2 and "already on record" in err
    for argv in (("show", "nope"), ("history", "nope"), ("close", "nope"),
                 ("report", "nope", "--kind", "initial", "--at", "2026-06-10T10:00")):
        code, _, err = _run("incident", *argv, "--db", db)
        assert code == 2 and "no incident 'nope'" in err
    code, _, err = _run("incident", "report", "INC-1", "--kind", "final", "--at", "2026-06-10T10:00",
                        "--db", db)
    assert code == 2 and "--kind" in err
    code, _, err = _run("incident", "report", "INC-1", "--kind", "initial", "--at",
                        "2026-06-10T08:00", "--db", db)
    assert code == 2 and "before discovered_at" in err
