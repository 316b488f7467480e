"""`cnprivacy crossborder` as a user meets it: the spec's JSON, deadlines, --ledger, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.discovery.pitypes.resident_id import check_char

runner = CliRunner()
PROFILE = {
    "organization": {"name": "Example Travel (Shenzhen) Co., Ltd.", "country": "CN",
                     "province": "Guangdong", "city": "Shenzhen", "free_trade_zone": None,
                     "ciio": False, "important_data_processor": False},
    "transfers": [
        {"id": "t1", "date": "2026-02-01", "recipient": {"name": "Example Pte Ltd", "country": "SG"},
         "basis": "other", "contract_scenario": None, "individuals": 150000,
         "sensitive_individuals": 0, "important_data": False, "no_personal_information": False,
         "collected_abroad": False, "access_inside_china": False, "ftz_negative_list_listed": None,
         "contract_effective": "2026-02-03"},
        {"id": "t2", "date": "2026-02-10", "recipient": {"name": "Example HK Ltd", "country": "HK"},
         "basis": "other", "individuals": 100000, "sensitive_individuals": 0,
         "important_data": False, "no_personal_information": False, "collected_abroad": False,
         "access_inside_china": False, "assessment_approved_on": "2025-03-01"},
    ],
}


def _write(tmp_path: Path, data: dict[str, object], name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_json_has_exactly_the_spec_keys(tmp_path: Path) -> None:
    code, out, _ = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2026-03-01",
                        "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"as_of", "year", "counted", "mechanism", "options", "transfers"} <= set(data)
    assert (data["as_of"], data["year"]) == ("2026-03-01", 2026)
    assert data["counted"] == {"individuals": 250000, "sensitive_individuals": 0}
    assert data["mechanism"] == "standard_contract_or_certification"
    assert data["options"] == ["standard_contract", "certification", "gba_standard_contract"]
    t1, t2 = data["transfers"]
    for t in (t1, t2):
        assert {"id", "mechanism", "exemption", "counted", "because", "citations", "deadline"} <= set(t)
        assert t["because"] and t["citations"]
    assert (t1["id"], t1["counted"], t1["exemption"], t1["deadline"]) == ("t1", True, None, "2026-02-24")
    assert t2["deadline"] == "2028-03-01"  # assessment of 2025-03-01 valid 3 years


def test_deadlines_soonest_first(tmp_path: Path) -> None:
    code, out, _ = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2026-02-05",
                        "--deadlines", "--format", "json")
    assert code == 0
    due = json.loads(out)["due"]
    assert [(d["kind"], d["due"]) for d in due] == [("sc_filing", "2026-02-24"),
                                                   ("assessment_extension", "2028-03-01")]
    assert due[1]["opens"] is not None and due[1]["opens"] < "2028-03-01"


def test_table_output(tmp_path: Path) -> None:
    code, out, _ = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2026-03-01")
    assert code == 0 and "standard_contract_or_certification" in out and "t2" in out


def test_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(PROFILE))
    bad["transfers"][0]["individualz"] = 3
    code, _, err = _run("crossborder", str(_write(tmp_path, bad)), "--as-of", "2026-03-01")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "p.yaml" in err and "individualz" in err
    ftz = json.loads(json.dumps(PROFILE))
    ftz["organization"]["free_trade_zone"] = "atlantis"
    code, _, err = _run("crossborder", str(_write(tmp_path, ftz, "f.yaml")), "--as-of", "2026-03-01")
    assert code == 2 and "f.yaml" in err and "organization.free_trade_zone" in err
    code, _, err = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2026-02-30")
    assert code == 2 and "--as-of" in err
    # Before Decree 11 (2022-09-01) there are no thresholds; 2022-09-01 to 2024-03-21 is decided
    # under Decree 11's original triggers (issue 11).
    code, _, err = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2022-08-31")
    assert code == 2 and "2024-03-22" in err and "2022-09-01" in err and len(err.strip().splitlines()) == 1
    code, _, _ = _run("crossborder", str(_write(tmp_path, PROFILE)), "--as-of", "2022-09-01")
    assert code == 0
    code, _, err = _run("crossborder", str(_write(tmp_path, PROFILE)), "--format", "xml")
    assert code == 2


def resident_ids(start: int, stop: int) -> list[str]:
    """Valid resident IDs (the ledger keys no others): one birth date per thousand."""
    bodies = (f"1101011950{i // 28000 + 1:02d}{i // 1000 % 28 + 1:02d}{i % 1000:03d}"
              for i in range(start, stop))
    return [b + check_char(b) for b in bodies]


def test_ledger_counts_replace_profile_sums(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")}
    profile = _write(tmp_path, PROFILE)
    assert _run("ledger", "init", "--db", db, env=env)[0] == 0
    ids = tmp_path / "ids.csv"
    ids.write_text("id\n" + "\n".join(resident_ids(0, 70000)) + "\n", encoding="utf-8")
    more = tmp_path / "more.csv"
    more.write_text("id\n" + "\n".join(resident_ids(50000, 80000)) + "\n",
                    encoding="utf-8")
    for tid, path in (("t1", ids), ("t2", more)):
        code, _, err = _run("ledger", "record", "--db", db, "--profile", str(profile),
                            "--transfer", tid, "--file", str(path), "--column", "id", env=env)
        assert code == 0, err
    code, out, err = _run("crossborder", str(profile), "--as-of", "2026-03-01", "--format", "json",
                          "--ledger", db, env=env)
    assert code == 0, err
    data = json.loads(out)
    # 150,000 + 100,000 in the profile; 80,000 distinct people in the ledger
    assert data["counted"] == {"individuals": 80000, "sensitive_individuals": 0}
    assert data["mechanism"] == "exempt" and data["counts_source"] == "ledger"
    code, out, _ = _run("ledger", "export", "--db", db, "--format", "json", env=env)
    assert code == 0 and [r["transfer_id"] for r in json.loads(out)] == ["t1", "t2"]
