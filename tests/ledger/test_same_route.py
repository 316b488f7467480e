"""Issue 12: `ledger status` and `crossborder --ledger` give one route for one ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app

from .conftest import resident_ids, write_ids

runner = CliRunner()


def _transfer(tid: str, day: str, country: str, individuals: int) -> dict[str, Any]:
    return {"id": tid, "date": day, "recipient": {"name": "R", "country": country},
            "basis": "other", "individuals": individuals, "sensitive_individuals": 0,
            "important_data": False, "no_personal_information": False,
            "collected_abroad": False, "access_inside_china": False}


ORG = {"name": "Example", "country": "CN", "province": "Guangdong", "city": "Shenzhen",
       "free_trade_zone": None, "ciio": False, "important_data_processor": False}


def _json(*args: str, env: dict[str, str]) -> dict[str, Any]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _setup(tmp_path: Path, transfers: list[dict[str, Any]]) -> tuple[str, Path, dict[str, str]]:
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")}
    db = str(tmp_path / "l.db")
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump({"organization": ORG, "transfers": transfers}),
                       encoding="utf-8")
    assert runner.invoke(app, ["ledger", "init", "--db", db, "--profile", str(profile)],
                         env=env).exit_code == 0
    files = {"t1": resident_ids(0, 70000), "t2": resident_ids(50000, 80000)}
    for tid, ids in files.items():
        path = write_ids(tmp_path / f"{tid}.csv", ids)
        result = runner.invoke(app, ["ledger", "record", "--db", db, "--profile", str(profile),
                                     "--transfer", tid, "--file", str(path), "--column", "id"],
                               env=env)
        assert result.exit_code == 0, result.stderr
    return db, profile, env


def _agree(status: dict[str, Any], decision: dict[str, Any]) -> None:
    assert status["individuals"] == decision["counted"]["individuals"]
    assert status["sensitive_individuals"] == decision["counted"]["sensitive_individuals"]
    assert status["mechanism"] == decision["mechanism"]
    assert status["because"] == decision["because"]


def test_status_and_crossborder_agree_on_the_same_ledger(tmp_path: Path) -> None:
    # The profile's own counts (150,000 and 100,000) are not the ledger's (70,000 and 30,000
    # recorded, 80,000 distinct): both commands must use the ledger's.
    db, profile, env = _setup(tmp_path, [_transfer("t1", "2026-02-01", "SG", 150000),
                                         _transfer("t2", "2026-02-10", "HK", 100000)])
    common = ["--as-of", "2026-03-01", "--format", "json"]
    decision = _json("crossborder", str(profile), "--ledger", db, *common, env=env)
    plain = _json("ledger", "status", "--db", db, *common, env=env)
    with_profile = _json("ledger", "status", "--db", db, "--profile", str(profile), *common,
                         env=env)
    for status in (plain, with_profile):
        _agree(status, decision)
    assert decision["counted"]["individuals"] == 80000 and decision["mechanism"] == "exempt"
    assert "add up to 100000" in decision["because"][0]


def test_an_unrecorded_profile_transfer_is_named_in_both(tmp_path: Path) -> None:
    db, profile, env = _setup(tmp_path, [_transfer("t1", "2026-02-01", "SG", 150000),
                                         _transfer("t2", "2026-02-10", "HK", 100000),
                                         _transfer("t3", "2026-02-11", "US", 30000)])
    common = ["--as-of", "2026-03-01", "--format", "json"]
    decision = _json("crossborder", str(profile), "--ledger", db, *common, env=env)
    status = _json("ledger", "status", "--db", db, "--profile", str(profile), *common, env=env)
    _agree(status, decision)
    # 80,000 distinct recorded people plus t3's own 30,000: the trace says where each came from
    assert decision["counted"]["individuals"] == 110000
    assert any(line.startswith("t3: not recorded in the ledger") for line in decision["because"])
