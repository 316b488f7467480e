"""`cnprivacy filing ...`, `cnprivacy calendar` and `assess --db` as a DPO meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from typer.testing import CliRunner

from cnprivacy.cli import app

EXAMPLE = Path(__file__).parents[3] / "examples" / "shenzhen-travel.yaml"
runner = CliRunner()

FILINGS = {"filings": [
    {"id": "SC-HK", "kind": "standard_contract", "status": "accepted",
     "number": "SC-440300-2026-0001", "effective_on": "2026-02-05",
     "submitted_on": "2026-02-10", "decided_on": "2026-02-20", "transfers": ["hk-crm"]},
    {"id": "SC-DE", "kind": "standard_contract", "status": "planned",
     "effective_on": "2026-02-12", "transfers": ["de-analytics"]},
    {"id": "PIPO", "kind": "pipo_report", "status": "submitted", "submitted_on": "2025-08-20"},
]}


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "240", "CNPRIVACY_USER": "dpo",
                                                 "CNPRIVACY_LEDGER": None})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "record.db")
    assert _run("record", "init", "--db", path)[0] == 0
    return path


def _file(tmp_path: Path, data: object, name: str = "filings.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_add_list_show_history_withdraw(db: str, tmp_path: Path) -> None:
    code, out, err = _run("filing", "add", _file(tmp_path, FILINGS), "--db", db)
    assert code == 0, err
    assert out.splitlines()[0].startswith("SC-HK: version 1")
    code, out, _ = _run("filing", "list", "--db", db, "--as-of", "2026-03-01", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["SC-HK"]["in_effect"] is True and rows["SC-DE"]["in_effect"] is False
    assert rows["SC-HK"]["filing"]["number"] == "SC-440300-2026-0001"
    code, out, _ = _run("filing", "list", "--db", db, "--as-of", "2026-03-01")
    assert code == 0 and "SC-440300-2026-0001" in out
    code, out, _ = _run("filing", "show", "SC-DE", "--db", db)
    assert code == 0 and "effective_on: '2026-02-12'" in out
    code, out, _ = _run("filing", "withdraw", "SC-DE", "--reason", "contract not signed",
                        "--db", db, "--by", "officer")
    assert code == 0 and out.strip() == "SC-DE: version 2 (status, withdrawn_reason)"
    code, out, _ = _run("filing", "history", "SC-DE", "--db", db, "--format", "json")
    history = json.loads(out)
    assert [(h["version"], h["changed_by"], h["reason"]) for h in history] == \
        [(1, "dpo", None), (2, "officer", "contract not signed")]
    assert history[1]["filing"]["status"] == "withdrawn"


def test_calendar_lists_soonest_first_and_exports_ics(db: str, tmp_path: Path) -> None:
    assert _run("filing", "add", _file(tmp_path, FILINGS), "--db", db)[0] == 0
    code, out, _ = _run("calendar", "--db", db, "--as-of", "2026-03-01", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [(d["record_id"], d["kind"], d["due"]) for d in doc["deadlines"]] == \
        [("SC-DE", "filing_due", "2026-03-04T23:59:00+08:00")]
    code, out, _ = _run("calendar", "--db", db, "--as-of", "2026-03-05")
    assert code == 0 and "2026-03-04 OVERDUE" in out
    code, out, _ = _run("calendar", "--db", db, "--as-of", "2026-03-01", "--until", "2026-03-03",
                        "--format", "json")
    assert json.loads(out)["deadlines"] == []
    target = tmp_path / "due.ics"
    code, _, err = _run("calendar", "--db", db, "--as-of", "2026-03-01", "--format", "ics",
                        "-o", str(target))
    assert code == 0 and "1 deadlines" in err
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == \
        ["File: Standard contract filing SC-DE for de-analytics"]


def test_assess_and_crossborder_answer_from_the_record(db: str, tmp_path: Path) -> None:
    assert _run("filing", "add", _file(tmp_path, FILINGS), "--db", db)[0] == 0
    code, out, err = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--db", db,
                          "--format", "json")
    assert code == 0, err
    found = {f["obligation"]: f for f in json.loads(out)["findings"]}
    sc = found["crossborder.standard_contract_filing"]
    assert sc["status"] == "applies" and sc["deadline"] == "2026-03-04"
    assert "hk-crm: met by filing SC-HK" in sc["because"]
    officer = found["pipl.pi_officer_reporting"]
    assert officer["status"] == "not_applicable" and officer["because"][0].startswith(
        "met: filing PIPO")
    code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")
    plain = {f["obligation"]: f for f in json.loads(out)["findings"]}
    assert plain["crossborder.standard_contract_filing"]["deadline"] == "2026-02-26"
    code, out, _ = _run("crossborder", str(EXAMPLE), "--as-of", "2026-03-01", "--db", db,
                        "--format", "json")
    assert code == 0
    hk = next(t for t in json.loads(out)["transfers"] if t["id"] == "hk-crm")
    assert any("filing SC-HK" in b for b in hk["because"])


@pytest.mark.parametrize(("content", "message"), [
    ("filings:\n  - id: A\n    kind: algorithm\n    status: submitted\n",
     "filings.yaml: filings[0].submitted_on: status submitted needs the day it was submitted"),
    ("id: A\nkind: algorithm\nstatus: planned\nid: B\n", "filings.yaml"),
    ("- id: A\n  kind: assessment_extension\n  status: planned\n  extends: SA-9\n",
     "extends 'SA-9': no such filing on record"),
])
def test_bad_filings_are_refused_whole(db: str, tmp_path: Path, content: str,
                                       message: str) -> None:
    path = tmp_path / "filings.yaml"
    path.write_text("- id: OK\n  kind: algorithm\n  status: planned\n" + content
                    if content.startswith("- ") else content, encoding="utf-8")
    code, _out, err = _run("filing", "add", str(path), "--db", db)
    assert code == 2 and err.count("\n") == 1 and message in err, err
    assert json.loads(_run("filing", "list", "--db", db, "--format", "json")[1]) == []


def test_read_only_commands_need_an_existing_database(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    for argv in (("filing", "list"), ("filing", "show", "X"), ("calendar",),
                 ("assess", str(EXAMPLE), "--as-of", "2026-03-01")):
        code, _, err = _run(*argv, "--db", str(missing))
        assert code == 2 and "no such database" in err, (argv, err)
    assert not missing.exists()


def test_unknown_ids_and_bad_options_are_one_line(db: str) -> None:
    for argv, message in ((("filing", "show", "nope"), "no filing 'nope'"),
                          (("filing", "history", "nope"), "no filing 'nope'"),
                          (("calendar", "--format", "pdf"), "--format"),
                          (("calendar", "--as-of", "2026-03-01", "--until", "2026-01-01"),
                           "before --as-of")):
        code, _, err = _run(*argv, "--db", db)
        assert code == 2 and message in err and err.count("\n") == 1, (argv, err)


def test_calendar_will_not_overwrite_its_database(db: str) -> None:
    code, _, err = _run("calendar", "--db", db, "--format", "ics", "-o", db)
    assert code == 2 and "input" in err
