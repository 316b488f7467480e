"""`cnprivacy record ...` as a DPO meets it: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.profile import load_profile, profile_hash

from .samples import membership_data

EXAMPLE = Path(__file__).parents[2] / "examples" / "shenzhen-travel.yaml"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "240", "CNPRIVACY_USER": "dpo"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "record.db")
    assert _run("record", "init", "--db", path)[0] == 0
    return path


def _acts(tmp_path: Path, *items: dict[str, object]) -> str:
    path = tmp_path / "acts.yaml"
    path.write_text(yaml.safe_dump({"activities": list(items)}, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_add_show_history(db: str, tmp_path: Path) -> None:
    code, out, _ = _run("record", "add", _acts(tmp_path, membership_data()), "--db", db)
    assert code == 0 and out.startswith("membership: version 1")
    code, out, _ = _run("record", "add", _acts(tmp_path, membership_data(individuals=7)),
                        "--db", db, "--by", "analyst", "--reason", "recount", "--format", "json")
    assert code == 0 and json.loads(out) == [{"id": "membership", "version": 2,
                                              "changes": ["individuals"]}]
    code, out, _ = _run("record", "show", "membership", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["activity"]["individuals"] == 7
    code, out, _ = _run("record", "history", "membership", "--db", db, "--format", "json")
    history = json.loads(out)
    assert [(h["version"], h["changed_by"], h["reason"]) for h in history] == \
        [(1, "dpo", None), (2, "analyst", "recount")]
    code, out, _ = _run("record", "list", "--db", db)
    assert code == 0 and "membership" in out
    code, out, _ = _run("record", "retire", "membership", "--reason", "closed", "--db", db)
    assert code == 0 and out.strip() == "membership: version 3 (status)"
    assert _run("record", "list", "--db", db, "--format", "json")[1].strip() == "[]"
    assert len(json.loads(_run("record", "list", "--all", "--db", db, "--format", "json")[1])) == 1


def test_bad_input_is_one_line_exit_2_and_nothing_written(db: str, tmp_path: Path) -> None:
    acts = _acts(tmp_path, membership_data(id="ok"), membership_data(id="bad", legal_basis="x"))
    code, out, err = _run("record", "add", acts, "--db", db)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"error: {acts}: activities[1].legal_basis: "
                                        + err.split("legal_basis: ", 1)[1].strip()]
    assert _run("record", "list", "--db", db, "--format", "json")[1].strip() == "[]"


@pytest.mark.parametrize("args", [
    ("record", "show", "nope"),
    ("record", "history", "nope"),
    ("record", "list", "--format", "xml"),
    ("record", "export", "--format", "xlsx"),
])
def test_refusals(db: str, args: tuple[str, ...]) -> None:
    code, _, err = _run(*args, "--db", db)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("error: ")


def test_read_only_commands_create_no_database(tmp_path: Path) -> None:
    target = str(tmp_path / "none.db")
    for args in (("list",), ("show", "x"), ("export", "--format", "json")):
        assert _run("record", *args, "--db", target)[0] == 2
    assert list(tmp_path.iterdir()) == []


def test_import_scan_keeps_the_receipt(db: str, tmp_path: Path) -> None:
    _run("record", "add", _acts(tmp_path, membership_data()), "--db", db)
    report = tmp_path / "scan.json"
    report.write_text(json.dumps({"as_of": "2026-11-30", "sources": [{}], "totals": {
        "individuals": 4321, "sensitive_individuals": 10,
        "data_categories": ["identity", "bank_card_typo"]}}), encoding="utf-8")
    code, _, err = _run("record", "import-scan", str(report), "--activity", "membership", "--db", db)
    assert code == 2 and "totals.data_categories[1]" in err
    report.write_text(json.dumps({"as_of": "2026-11-30", "sources": [{}], "totals": {
        "individuals": 4321, "sensitive_individuals": 10,
        "data_categories": ["identity", "financial_account"]}}), encoding="utf-8")
    code, out, _ = _run("record", "import-scan", str(report), "--activity", "membership", "--db", db)
    assert code == 0 and "version 2" in out
    shown = json.loads(_run("record", "show", "membership", "--db", db, "--format", "json")[1])
    assert shown["activity"]["individuals"] == 4321
    assert shown["activity"]["evidence"][0]["report_name"] == "scan.json"
    assert shown["reason"] == "import of scan report scan.json"
    code, _, err = _run("record", "import-scan", str(report), "--activity", "other", "--db", db)
    assert code == 2 and "no activity 'other'" in err


def test_profile_round_trip_so_assess_runs_on_the_register(db: str, tmp_path: Path) -> None:
    code, out, _ = _run("record", "import-profile", str(EXAMPLE), "--db", db)
    assert code == 0 and "bookings: version 1" in out
    out_path = tmp_path / "profile.yaml"
    code, _, _ = _run("record", "export-profile", str(EXAMPLE), "--out", str(out_path), "--db", db)
    assert code == 0
    assert profile_hash(load_profile(out_path)) == profile_hash(load_profile(EXAMPLE))
    code, out, _ = _run("assess", str(out_path), "--as-of", "2026-03-01", "--format", "json")
    assert code == 0 and json.loads(out)["findings"]


def test_export_profile_refuses_activities_missing_from_the_register(db: str,
                                                                     tmp_path: Path) -> None:
    out_path = tmp_path / "profile.yaml"
    code, _, err = _run("record", "export-profile", str(EXAMPLE), "--out", str(out_path), "--db", db)
    assert code == 2 and "processing[0]" in err and "import-profile" in err
    assert not out_path.exists()


def test_import_profile_contradicting_the_register_is_refused(db: str, tmp_path: Path) -> None:
    _run("record", "add", _acts(tmp_path, membership_data()), "--db", db)
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump({
        "organization": {"name": "Example Co", "country": "CN"},
        "processing": [{"id": "membership", "entrusts_processing": False}]}), encoding="utf-8")
    code, _, err = _run("record", "import-profile", str(profile), "--db", db)
    assert code == 2 and "processing[0]" in err and "entrusts_processing" in err
    assert len(json.loads(_run("record", "history", "membership", "--db", db,
                               "--format", "json")[1])) == 1


def test_exports(db: str, tmp_path: Path) -> None:
    _run("record", "add", _acts(tmp_path, membership_data(), membership_data(
        id="newsletter", recipients=[], data_categories=["contact"])), "--db", db)
    code, out, _ = _run("record", "export", "--format", "csv", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["membership", "newsletter"]
    assert rows[0]["provision_records_basis"].startswith("NDSMR art 12")
    assert rows[1]["provision_records_kept_until"] == ""
    xlsx = tmp_path / "out" / "register.xlsx"
    assert _run("record", "export", "--format", "xlsx", "--out", str(xlsx), "--db", db)[0] == 0
    sheet = load_workbook(xlsx, read_only=True)["register"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "id" and [v[0] for v in values[1:]] == ["membership", "newsletter"]
    js = tmp_path / "register.json"
    assert _run("record", "export", "--format", "json", "--out", str(js), "--db", db)[0] == 0
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["register"][0]["activity"]["recipients"][0]["contract"]["reference"] == "DPA-7"


def test_import_of_a_real_scan_report(db: str, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("mobile,email\n" + "".join(f"138{i:08d},u{i}@example.com\n"
                                                 for i in range(40)), encoding="utf-8")
    code, out, _ = _run("scan", str(people), "--format", "json")
    assert code == 0
    report = tmp_path / "scan.json"
    report.write_text(out, encoding="utf-8")
    _run("record", "add", _acts(tmp_path, membership_data(data_categories=["identity"])), "--db", db)
    code, _, err = _run("record", "import-scan", str(report), "--activity", "membership", "--db", db)
    assert code == 0, err
    activity = json.loads(_run("record", "show", "membership", "--db", db, "--format", "json")[1])
    assert activity["activity"]["individuals"] == 40
    assert activity["activity"]["data_categories"] == ["identity", "contact"]
    stored = json.dumps(activity)
    assert "13800000001" not in stored and "u1@example.com" not in stored
