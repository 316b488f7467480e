"""`cnprivacy filing sc` as a DPO meets it: a whole pack or nothing, problems listed, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from cnprivacy.cli import app

from .helpers import EXAMPLE, SC_INPUT, raw_input

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"CNPRIVACY_LEDGER": None,
                                                 "CNPRIVACY_LEDGER_KEY": None})
    return result.exit_code, result.stdout, result.stderr


def _resident_id(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def test_a_complete_pack_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    code, stdout, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(SC_INPUT), "-o", str(out))
    assert code == 0, stderr
    assert "due 2026-02-26" in stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01_个人信息保护影响评估报告.docx", "02_标准合同附录一_个人信息出境说明.docx",
                     "03_备案材料清单.docx", "manifest.json", "pack.zip"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["files"]] == names[:3]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_failing_pack_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    data = raw_input()
    del data["recipient"]
    data["contract"]["declared_individuals"] = 1
    bad = tmp_path / "in.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(bad), "-o", str(tmp_path / "p"))
    assert code == 2
    lines = stderr.splitlines()
    assert lines[0].startswith("error: filing sc:") and "no pack written" in lines[0]
    assert any("recipient.address" in line for line in lines[1:])
    assert any("states 1," in line for line in lines[1:])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml"]


def test_an_existing_folder_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    code, _, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(SC_INPUT), "-o",
                           str(tmp_path / "pack"))
    assert code == 2 and "already exists" in stderr
    assert list((tmp_path / "pack").iterdir()) == []


def test_personal_information_in_the_input_stops_the_pack_unshown(tmp_path: Path) -> None:
    data = raw_input()
    data["impact"]["conclusion"] = "联系人手机 13987654321，可以开展。"
    bad = tmp_path / "in.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, stdout, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(bad), "-o",
                                str(tmp_path / "p"))
    assert code == 2
    assert "impact.conclusion holds what looks like personal information (cn_mobile)" in stderr
    assert "13987654321" not in stderr + stdout
    assert not (tmp_path / "p").exists()


def test_unknown_field_in_the_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "in.yaml"
    bad.write_text("filing_date: 2026-02-12\nexport:\n  purpose: x\n  purpse: y\n", encoding="utf-8")
    code, _, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(bad), "-o", str(tmp_path / "p"))
    assert code == 2 and stderr.count("\n") == 1
    assert "in.yaml:4: export.purpse" in stderr


def test_ledger_counts_reach_the_checks(tmp_path: Path) -> None:
    db, key = str(tmp_path / "l.db"), str(tmp_path / "l.key")
    people = tmp_path / "people.csv"
    people.write_text("sfz\n" + "\n".join(_resident_id(f"4403051990030738{i}") for i in range(3))
                      + "\n", encoding="utf-8")
    assert _run("ledger", "init", "--db", db, "--key", key)[0] == 0
    code, _, stderr = _run("ledger", "record", "--db", db, "--key", key, "--profile", str(EXAMPLE),
                           "--transfer", "hk-crm", "--file", str(people), "--column", "sfz")
    assert code == 0, stderr
    code, _, stderr = _run("filing", "sc", str(EXAMPLE), "-i", str(SC_INPUT), "-o",
                           str(tmp_path / "p"), "--ledger", db, "--key", key)
    assert code == 2
    assert "the contract's 附录一 states 140000, the ledger counts 3" in stderr
    assert "the profile states 140000 for hk-crm, the ledger counts 3" in stderr
