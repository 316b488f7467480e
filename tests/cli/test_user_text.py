"""What people read says what is wrong or what holds, never a Python value such as ``None``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
runner = CliRunner()
PYTHON_VALUE = re.compile(r"\bNone\b")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "240"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("day", ["2017-06-01", "2024-01-01", "2026-03-01"])
def test_law_show_has_no_python_none(day: str) -> None:
    # the CSL's 2016 text has no tier for some caps that the 2025 amendment adds, and back
    code, out, _ = _run("law", "show", "csl", "--as-of", day)
    assert code == 0 and "not set" in out
    assert not PYTHON_VALUE.search(out)


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_because_lines_have_no_python_none(fmt: str) -> None:
    code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2025-06-01", "--format", fmt)
    assert code == 0
    if fmt == "json":  # JSON null is fine; the words people read are the because lines
        out = "\n".join(b for f in json.loads(out)["findings"] for b in f["because"])
    assert not PYTHON_VALUE.search(out)
    assert "no longer set from 2026-01-01" in out


def test_ledger_route_of_the_first_record(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    assert _run("ledger", "init", "--db", db)[0] == 0
    code, _, err = _run("ledger", "record", "--db", db, "--transfer", "t1", "--date",
                        "2026-02-01", "--country", "SG", "--individuals", "5")
    assert code == 0, err
    code, out, _ = _run("ledger", "status", "--db", db, "--as-of", "2026-03-01")
    assert code == 0 and "first record of the year" in out
    assert not PYTHON_VALUE.search(out)


@pytest.mark.parametrize(("option", "value", "expect"), [
    ("--country", "Singapore", "ISO 3166-1 alpha-2"),
    ("--basis", "nonsense", "contract_necessity"),
])
def test_ledger_option_errors_say_what_is_expected(
        tmp_path: Path, option: str, value: str, expect: str) -> None:
    db = str(tmp_path / "l.db")
    assert _run("ledger", "init", "--db", db)[0] == 0
    args = {"--country": "SG", "--basis": "other", option: value}
    code, _, err = _run("ledger", "record", "--db", db, "--transfer", "t1", "--date",
                        "2026-02-01", "--country", args["--country"], "--basis", args["--basis"],
                        "--individuals", "5")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and option in lines[0] and expect in lines[0]
    assert "errors.pydantic.dev" not in err


def test_diff_has_no_python_none() -> None:
    # the CSL amendment of 2026 adds caps the 2016 text lacks and drops others
    code, out, _ = _run("diff", str(EXAMPLE), "--from", "2025-06-01", "--to", "2026-03-01",
                        "--format", "json")
    assert code == 0
    changes = json.loads(out)["changes"]
    words = [w for c in changes for w in (*c["what_changed"], *c["causes"])]
    assert any("not set (from 2017-06-01)" in w for w in words)
    assert any(w.startswith("deadline none -> ") for w in words)
    assert not any(PYTHON_VALUE.search(w) for w in words)
