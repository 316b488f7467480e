"""Filing packs reading their judgement texts from an approved impact assessment (PIA record)."""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from cnprivacy.errors import InputError
from cnprivacy.filings import PackProblems, build_sc_pack, parse_pack_input, pia_pack_input
from cnprivacy.filings.inputs import PackInput
from cnprivacy.law.loader import load_lawbook
from cnprivacy.records import Assessments, MemoryStore, Register
from cnprivacy.records.models import Activity
from cnprivacy.records.pia import Pia
from cnprivacy.records.pia.edit import parse_edit

from .helpers import EXAMPLE, evidence, raw_input, read_docx, texts

LAW = load_lawbook()
# The activity and the confirmed judgements as tests/records/pia/helpers.py makes them.
ACTIVITY = Activity.model_validate({
    "id": "membership", "purpose": "member accounts and bookings",
    "business_scenario": "online travel booking", "legal_basis": "contract",
    "data_categories": ["identity", "contact"], "individuals": 1000,
    "systems": [{"name": "CRM", "storage_location": "cloud region cn-south", "country": "CN"}],
    "retention": {"period": "3 years after the account is closed", "months": 36}})


def _confirmed(value: Any) -> dict[str, Any]:
    return {"value": value, "reason": "checked by the team", "confirmed": True}


def full_edit() -> dict[str, Any]:
    return {
        "purpose_and_method": _confirmed(True), "other_significant_impact": _confirmed(False),
        "impact": {d: _confirmed("中") for d in ("autonomy", "discrimination", "reputation",
                                                "property")},
        "modifiers": {m: _confirmed(False) for m in ("sensitive_at_scale", "vulnerable_groups",
                                                     "deidentified")},
        "likelihood": {f: _confirmed("中") for f in ("network", "process", "parties",
                                                    "situation")},
        "likelihood_lowered": _confirmed(False),
        "measures": [{"description": "encryption at rest", "status": "in_place"}],
        "measures_adequate": _confirmed(True), "residual_risk": _confirmed("低"),
    }

DRAFTED = datetime(2026, 1, 12, 2, 0, tzinfo=UTC)
# 2026-01-29 20:00 UTC is 2026-01-30 04:00 in China: the approval date is China's day.
APPROVED = datetime(2026, 1, 29, 20, 0, tzinfo=UTC)


def _book() -> tuple[Assessments, str]:
    store = MemoryStore()
    register = Register(store)
    register.save([ACTIVITY], "dpo", now=DRAFTED)
    book = Assessments(store)
    found = register.get("membership")
    assert found is not None
    pia_id = book.new(found, LAW, date(2026, 1, 12), "dpo", now=DRAFTED).pia.id
    return book, pia_id


def _approved() -> Pia:
    book, pia_id = _book()
    book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=DRAFTED)
    book.review(pia_id, "legal", now=DRAFTED)
    return book.approve(pia_id, "officer", LAW, now=APPROVED).pia  # type: ignore[no-any-return]


def _yaml_without_pia_fields(**changes: Any) -> dict[str, Any]:
    """The example SC input less what the PIA record holds."""
    data = copy.deepcopy(raw_input())
    del data["assessment"]
    for name in ("systems", "data_categories"):
        del data["export"][name]
    for name in ("conclusion", "problems"):
        data["impact"].pop(name, None)
    data.update(changes)
    return data


def _inputs(data: dict[str, Any]) -> PackInput:
    return parse_pack_input(yaml.safe_dump(data, allow_unicode=True), "pack.yaml")


def _evidence(data: dict[str, Any], pia: Pia) -> Any:
    ev = evidence(data)
    return dataclasses.replace(ev, inputs=pia_pack_input(pia, _inputs(data), "pack.yaml"),
                               pia_id=pia.id)


def test_an_approved_pia_fills_the_sc_pack() -> None:
    pia = _approved()
    got = pia_pack_input(pia)
    assert got.assessment.started_on == date(2026, 1, 12)
    assert got.assessment.completed_on == date(2026, 1, 30)
    assert got.assessment.team == "法务部门复核、个人信息保护负责人批准"
    assert "legal" not in got.model_dump_json() and "officer" not in got.model_dump_json()
    assert got.export.systems == ["CRM"]
    assert [c.value for c in got.export.data_categories] == ["identity", "contact"]
    assert got.impact.conclusion is not None and "剩余风险等级为“低”" in got.impact.conclusion
    assert got.impact.problems is not None and "encryption at rest（已落实）" in got.impact.problems

    pack = build_sc_pack(_evidence(_yaml_without_pia_fields(), pia))
    report = next(f for f in pack.files if f.name.endswith(".docx") and "评估报告" in f.name)
    body = "\n".join(texts(read_docx(report.data)))
    assert "本次评估于2026-01-30完成，评估团队：法务部门复核、个人信息保护负责人批准" in body
    assert "CRM" in body and "剩余风险等级为“低”" in body and "encryption at rest" in body


@pytest.mark.parametrize("step", ["draft", "reviewed"])
def test_a_pia_not_approved_is_refused(step: str) -> None:
    book, pia_id = _book()
    if step == "reviewed":
        book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=DRAFTED)
        book.review(pia_id, "legal", now=DRAFTED)
    with pytest.raises(InputError) as err:
        pia_pack_input(book.get(pia_id).data)
    assert err.value.one_line() == (
        f"command line: --pia: {pia_id} is {step}; a filing pack reads an approved "
        "impact assessment (cnprivacy pia review, pia approve)")


def test_the_yaml_wins_where_it_states_a_value() -> None:
    pia = _approved()
    data = _yaml_without_pia_fields()
    data["impact"]["conclusion"] = "经评估，出境风险可控。"
    got = pia_pack_input(pia, _inputs(data))
    assert got.impact.conclusion == "经评估，出境风险可控。"
    # The rest still comes from the record, and the YAML's own fields stay.
    assert got.export.systems == ["CRM"]
    assert got.recipient.address == raw_input()["recipient"]["address"]


def test_the_yaml_cannot_move_the_assessments_dates() -> None:
    data = _yaml_without_pia_fields(assessment={"completed_on": "2026-02-01"})
    with pytest.raises(InputError) as err:
        pia_pack_input(_approved(), _inputs(data), "pack.yaml")
    assert err.value.field == "assessment.completed_on"
    assert "records 2026-01-30" in err.value.one_line()
    # Repeating the record's own date is fine.
    same = _yaml_without_pia_fields(assessment={"completed_on": "2026-01-30"})
    assert pia_pack_input(_approved(), _inputs(same)).assessment.completed_on == date(2026, 1, 30)


@pytest.mark.parametrize(("filing", "fresh"), [(date(2026, 4, 30), True),
                                               (date(2026, 5, 1), False)])
def test_recency_is_measured_from_the_pias_approval(filing: date, fresh: bool) -> None:
    """Approved 2026-01-30: three months before 2026-04-30 is that day (in), 05-01 is out."""
    ev = _evidence(_yaml_without_pia_fields(filing_date=filing.isoformat()), _approved())
    if fresh:
        build_sc_pack(ev)
        return
    with pytest.raises(PackProblems) as err:
        build_sc_pack(ev)
    stale = [p.line() for p in err.value.problems if "older than 3 months" in p.line()]
    assert stale == ["the impact assessment of 2026-01-30 is older than 3 months before the "
                     "filing date 2026-05-01 (earliest 2026-02-01; 个人信息出境标准合同办法 "
                     "Standard Contract Measures art 7): assess again — fill in: the PIA record "
                     "(pia edit) PIA-0001, or pack.yaml: assessment.completed_on"]


def test_a_field_the_pia_lacks_is_filled_in_the_pia_record() -> None:
    # No systems in the data map: the completeness check points at the PIA record first.
    pia = _approved().model_copy(update={"data_map": _approved().data_map.model_copy(
        update={"systems": None})})
    with pytest.raises(PackProblems) as err:
        build_sc_pack(_evidence(_yaml_without_pia_fields(), pia))
    assert "涉及的信息系统 — fill in: the PIA record (pia edit) PIA-0001, or pack.yaml: " \
        "export.systems" in [p.line() for p in err.value.problems]


def _cli_db(tmp_path: Path, approve: bool) -> str:
    from cnprivacy.store.records import init_store

    path = str(tmp_path / "r.db")
    store = init_store(path)
    Register(store).save([ACTIVITY], "dpo", now=DRAFTED)
    book = Assessments(store)
    found = Register(store).get("membership")
    assert found is not None
    pia_id = book.new(found, LAW, date(2026, 1, 12), "dpo", now=DRAFTED).pia.id
    if approve:
        book.edit(pia_id, parse_edit(full_edit(), "j.yaml"), "dpo", now=DRAFTED)
        book.review(pia_id, "legal", now=DRAFTED)
        book.approve(pia_id, "officer", LAW, now=APPROVED)
    return path


def test_the_cli_reads_the_pia_from_the_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cnprivacy.cli import app

    pack_yaml = tmp_path / "pack.yaml"
    pack_yaml.write_text(yaml.safe_dump(_yaml_without_pia_fields(), allow_unicode=True),
                         encoding="utf-8")
    env = {"CNPRIVACY_LEDGER": None, "CNPRIVACY_LEDGER_KEY": None}
    for approve, code in ((False, 2), (True, 0)):
        sub = tmp_path / ("approved" if approve else "draft")
        sub.mkdir()
        db = _cli_db(sub, approve)
        out = sub / "pack"
        result = CliRunner().invoke(app, ["filing", "sc", str(EXAMPLE), "-i", str(pack_yaml),
                                          "--db", db, "--pia", "PIA-0001", "-o", str(out)],
                                    env=env)
        assert result.exit_code == code, result.stderr
        if approve:
            assert "sc pack written" in result.stdout
        else:
            assert result.stderr.strip().splitlines() == [
                "error: command line: --pia: PIA-0001 is draft; a filing pack reads an approved "
                "impact assessment (cnprivacy pia review, pia approve)"]
            assert not out.exists()


def test_the_cli_needs_a_pack_input_or_a_pia(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cnprivacy.cli import app

    result = CliRunner().invoke(app, ["filing", "sc", str(EXAMPLE), "-o", str(tmp_path / "p")],
                                env={"CNPRIVACY_LEDGER": None})
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: command line: --input: give the pack input (-i "
                                     "FILE), an approved impact assessment (--pia ID), or both")
    assert list(tmp_path.iterdir()) == []
