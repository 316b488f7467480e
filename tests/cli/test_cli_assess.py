"""The CLI as a new user meets it: commands, formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "240"})
    return result.exit_code, result.stdout, result.stderr


def test_assess_json_matches_spec_shape() -> None:
    code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2026-03-01"
    statuses = {"applies", "not_applicable", "needs_info", "upcoming", "proposed"}
    keys = [f["obligation"] for f in data["findings"]]
    assert len(keys) == len(set(keys)) >= 60
    for f in data["findings"]:
        assert f["status"] in statuses
        assert isinstance(f["because"], list) and f["because"]
        assert f["deadline"] is None or len(f["deadline"]) == 10
    receipt = data["receipt"]
    assert receipt["as_of"] == "2026-03-01" and len(receipt["law_data_hash"]) == 64


def test_example_exercises_every_status() -> None:
    _code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")
    statuses = {f["status"] for f in json.loads(out)["findings"]}
    assert {"applies", "not_applicable", "proposed"} <= statuses


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_other_formats_render(fmt: str) -> None:
    code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", fmt)
    assert code == 0
    assert "pipl.pi_protection_officer" in out
    if fmt == "html":
        assert out.lstrip().startswith("<!DOCTYPE html>")
        assert "<script" not in out and "http://" not in out.split("<footer>")[0].split("<style>")[0]


def test_chinese_report() -> None:
    code, out, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "markdown",
                        "--lang", "zh")
    assert code == 0 and "数据保护合规报告" in out and "执行摘要" in out and "适用" in out


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_binary_formats_need_an_output_file(fmt: str, tmp_path: Path) -> None:
    code, out, err = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", fmt)
    assert (code, out) == (2, "") and "give -o FILE" in err
    target = tmp_path / f"report.{fmt}"
    code, _, err = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", fmt,
                        "--lang", "zh", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes()[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")


def test_md_is_markdown() -> None:
    md = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "md")[1]
    assert md == _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "markdown")[1]
    assert md.startswith("# Data-protection compliance report")


def test_what_if_changes_result() -> None:
    base = json.loads(_run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")[1])
    what = json.loads(_run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json",
                           "--set", "organization.individuals_processed=10")[1])
    status = {f["obligation"]: f["status"] for f in base["findings"]}
    status2 = {f["obligation"]: f["status"] for f in what["findings"]}
    assert status["pipl.pi_protection_officer"] == "applies"
    assert status2["pipl.pi_protection_officer"] == "not_applicable"
    assert what["receipt"]["what_if"] == ["organization.individuals_processed=10"]
    assert what["receipt"]["profile_hash"] != base["receipt"]["profile_hash"]


def test_diff_between_dates_names_the_cause() -> None:
    code, out, _ = _run("diff", str(EXAMPLE), "--from", "2025-12-31", "--to", "2026-01-01",
                        "--format", "json")
    assert code == 0
    changes = json.loads(out)["changes"]
    assert changes, "the CSL amendment takes effect on 2026-01-01"
    assert all(c["causes"] for c in changes)


def test_diff_what_if() -> None:
    code, out, _ = _run("diff", str(EXAMPLE), "--from", "2026-03-01", "--set",
                        "organization.individuals_processed=999999", "--format", "json")
    assert code == 0
    changes = {c["obligation"]: c for c in json.loads(out)["changes"]}
    assert changes["pipl.pi_protection_officer"]["to"]["status"] == "not_applicable"
    assert any("what-if" in c for c in changes["pipl.pi_protection_officer"]["causes"])


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ("organization: {name: X, country: CN, ciia: true}\n", "organization.ciia: unknown field"),
        ("organization: {name: X, country: CN}\ntransfers: [{id: t1}]\n", "transfers[0].date"),
        ("organization: [\n", "malformed"),
    ],
)
def test_bad_profile_exit_2_one_line_no_traceback(tmp_path: Path, content: str, expect: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cnprivacy", "assess", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and expect in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_bad_date_and_format_exit_2() -> None:
    assert _run("assess", str(EXAMPLE), "--as-of", "2026-13-01")[0] == 2
    assert _run("assess", str(EXAMPLE), "--format", "pdfx")[0] == 2


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "r" / "report.html"
    code, _, _ = _run("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "html", "-o", str(out))
    assert code == 0 and out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(out.parent.glob(".*.tmp"))


def test_law_list_and_show() -> None:
    code, out, _ = _run("law", "list", "--as-of", "2025-11-21", "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)["instruments"]}
    assert rows["pipl"]["status"] == "in_force"
    assert rows["large_platform_pi_draft"]["status"] == "not_yet_published"
    assert rows["large_platform_pi_draft"]["next_change"] == {"date": "2025-11-22", "status": "draft"}
    assert rows["certification_measures"]["status"] == "adopted"
    code, out, _ = _run("law", "show", "csl", "--as-of", "2026-01-01", "--format", "json")
    assert code == 0 and json.loads(out)["status"] == "in_force"
    assert _run("law", "show", "nonexistent")[0] == 2


def test_schema_profile() -> None:
    code, out, _ = _run("schema", "profile")
    assert code == 0 and json.loads(out)["title"] == "cnprivacy organization profile"


def test_law_show_names_official_sources_never_mirrors() -> None:
    code, out, _ = _run("law", "show", "csl", "--as-of", "2026-01-01")
    flat = "".join(out.split())
    assert code == 0 and "official:" in out and "flk.npc.gov.cn" in flat
    assert "zzhuanghui" not in flat and "mirror" not in out
