"""One bad input never ends a scan, and no raw value reaches an error line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from stdnum.iso7064 import mod_11_2
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.discovery import readers as R
from cnprivacy.profile import validate as validate_profile

runner = CliRunner()
RID = "11010519491231002X"


def _scan(*args: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["scan", *args, "--format", "json", "--as-of", "2026-03-01",
                                 "--no-progress"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_an_unexpected_failure_in_one_file_is_that_files_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(f"sfz\n{RID}\n", encoding="utf-8")
    good.write_text(f"sfz\n{RID}\n", encoding="utf-8")
    real = R.iter_batches

    def failing(opened: R.Opened, batch_rows: int = 65536):  # type: ignore[no-untyped-def]
        if opened.path.name == "bad.csv":
            raise RuntimeError(f"library choked on {RID}")
        return real(opened, batch_rows)

    monkeypatch.setattr(R, "iter_batches", failing)
    code, report, err = _scan(str(bad), str(good))
    assert code == 2
    assert [s["source"] for s in report["sources"]] == [str(good)]
    assert err.strip() == f"error: {bad}: cannot read (RuntimeError)"
    assert RID not in err


def test_a_date_column_holding_a_resident_id_is_read_as_text(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table people (id integer, birth DATE, sfz DATE)")
        conn.executemany("insert into people values (?, ?, ?)",
                         [(i, "1990-03-07", RID) for i in range(3)])
    code, report, err = _scan(f"sqlite:///{db}")
    assert code == 0, err
    (source,) = report["sources"]
    assert {c["name"]: c["type"] for c in source["columns"]}["sfz"] == "cn_resident_id"
    assert source["individuals"] == 1
    assert RID not in err + json.dumps(report, ensure_ascii=False)


BASE = """\
# Reviewed by the DPO on 2026-02-01: counts from the CRM, all systems.
organization:
  name: Example Co  # legal name as registered
  country: CN
  individuals_processed: 1450000   # whole organisation, not one export
  sensitive_individuals_processed: 0
processing:
  # bookings come from the web shop
  - id: bookings
    data_categories: [contact]
"""


def test_profile_base_counts_are_never_lowered_and_comments_kept(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    people = tmp_path / "p.csv"
    body = "44030520120302456"  # born 2012: a minor under 14 on the scan date
    minor = body + mod_11_2.calc_check_digit(body)
    people.write_text(f"sfz\n{RID}\n{minor}\n", encoding="utf-8")
    out = tmp_path / "merged.yaml"
    result = runner.invoke(app, ["scan", str(people), "--emit-profile", str(out),
                                 "--profile-base", str(base), "--as-of", "2026-03-01",
                                 "--no-progress"])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for comment in ("# Reviewed by the DPO on 2026-02-01", "# legal name as registered",
                    "# whole organisation, not one export", "# bookings come from the web shop"):
        assert comment in text
    data = yaml.safe_load(text)
    org = data["organization"]
    # The base's larger count stays; the scan's one minor raises the base's 0.
    assert org["individuals_processed"] == 1_450_000
    assert org["sensitive_individuals_processed"] == 1
    assert data["processing"][-1]["id"] == "discovered-pi"
    assert data["processing"][-1]["individuals"] == 2
    assert base.read_text(encoding="utf-8") == BASE
    validate_profile(data, str(out))

