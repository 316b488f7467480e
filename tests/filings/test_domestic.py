"""Certification, PI protection officer, facial-recognition and minors' audit packs."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cnprivacy.errors import InputError
from cnprivacy.filings import (
    PackProblems,
    build_cert_pack,
    build_facial_pack,
    build_minors_audit_pack,
    build_pipo_pack,
    scan_minors,
)

from .helpers import evidence, raw_input, read_docx, texts

DOMESTIC = Path(__file__).parents[2] / "examples" / "packs" / "domestic.yaml"


def _problems(build, ev) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(PackProblems) as err:
        build(ev)
    return [p.line() for p in err.value.problems]


def test_cert_pack_uses_decree_20_article_6_and_law_numbers() -> None:
    data = raw_input()
    data["certification"] = {"body": "某认证机构"}
    pack = build_cert_pack(evidence(data))
    report = texts(read_docx(pack.files[0].data))
    assert any("个人信息出境认证办法》第六条" in t for t in report)
    assert any("国家安全、公共利益、个人信息权益带来的风险" in t for t in report)
    summary = texts(read_docx(pack.files[1].data))
    assert any("有效期为3年" in t and "前6个月" in t and "第八条" in t for t in summary)
    del data["certification"]
    assert any("certification.body" in line for line in _problems(build_cert_pack, evidence(data)))


def test_cert_refuses_important_data() -> None:
    data = raw_input()
    data["certification"] = {"body": "某认证机构"}
    lines = _problems(build_cert_pack, evidence(data, overrides=("transfers.hk-crm.important_data=true",)))
    assert any("Decree 20 art 5" in line for line in lines)


def test_pipo_needs_per_scenario_counts_and_tabulates_them() -> None:
    data = raw_input(DOMESTIC)
    lines = _problems(build_pipo_pack, evidence(data))
    assert any("processing[bookings].individuals" in line for line in lines)
    counts = tuple(f"processing.{a}.individuals={n}" for a, n in (
        ("bookings", 1200000), ("payments", 900000), ("recommendations", 800000),
        ("face-checkin", 120000), ("family-trips", 18000), ("staff", 1100)))
    pack = build_pipo_pack(evidence(data, overrides=counts))
    doc = read_docx(pack.files[0].data)
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["序号", "业务场景", "处理目的", "个人信息种类", "涉及人数", "是否含敏感个人信息"]
    assert rows[1][1:2] + rows[1][4:] == ["bookings", "1200000", "是"]
    assert rows[3][5] == "是"  # recommendations: location tracking is sensitive (PIPL art 28)
    sheet = load_workbook(io.BytesIO(pack.files[1].data))["业务场景统计"]
    assert sheet["E2"].value == 1200000 and sheet.max_row == 7


def test_facial_pack_forms_pipia_and_deadline() -> None:
    pack = build_facial_pack(evidence(raw_input(DOMESTIC)))
    assert [f.name for f in pack.files][:3] == ["01_个人信息处理者基本情况表.docx",
                                                "02_人脸识别技术应用情况备案表.docx",
                                                "03_个人信息保护影响评估报告.docx"]
    form = read_docx(pack.files[1].data).tables[0]
    cells = {r.cells[1].text: r.cells[2].text for r in form.rows[1:]}
    assert cells["人脸信息存储数量（人）"] == "120000"
    assert cells["应用场景"] == "face-checkin"
    pipia = texts(read_docx(pack.files[2].data))
    assert "二、评估内容（个人信息保护法第五十六条）" in pipia
    assert pack.deadlines and pack.deadlines[0]["due"]
    below = _problems(build_facial_pack, evidence(
        raw_input(DOMESTIC), overrides=("organization.facial_recognition_individuals=99999",)))
    assert any("facial.filing not_applicable" in line for line in below)


def test_minors_audit_counts_children_and_minors_separately() -> None:
    ev = evidence(raw_input(DOMESTIC))
    pack = build_minors_audit_pack(ev)
    rows = [[c.text for c in r.cells] for r in read_docx(pack.files[0].data).tables[0].rows]
    assert rows[1][1].startswith("不满十四周岁") and rows[1][2] == "18000"
    assert rows[2][1].startswith("不满十八周岁") and rows[2][2] == "61000"
    assert pack.deadlines[0]["due"] == "2026-01-31"
    assert any("2025年度" in t for t in texts(read_docx(pack.files[0].data)))
    scanned = build_minors_audit_pack(replace(ev, scan_minors=(3, 7)))
    assert [(r.figure, r.value, r.source) for r in scanned.receipts] == [
        ("children under 14", 3, "scan report"), ("minors under 18", 7, "scan report")]
    lines = _problems(build_minors_audit_pack, replace(ev, scan_minors=(8, 7)))
    assert any("outnumber" in line for line in lines)


def test_scan_minors_reads_the_totals_strictly() -> None:
    report = {"totals": {"minors_under_14": 2, "minors_under_18": 5}}
    assert scan_minors(json.dumps(report).encode(), "r.json") == (2, 5)
    with pytest.raises(InputError, match=r"totals\.minors_under_18"):
        scan_minors(json.dumps({"totals": {"minors_under_18": -1}}).encode(), "r.json")


def test_pipo_refuses_personal_information_in_an_activity_unshown() -> None:
    counts = tuple(f"processing.{a}.individuals=10" for a in (
        "bookings", "payments", "recommendations", "face-checkin", "family-trips", "staff"))
    lines = _problems(build_pipo_pack, evidence(
        raw_input(DOMESTIC), overrides=(*counts, "processing.bookings.purpose=call 13987654321")))
    assert any("processing[bookings].purpose holds what looks like personal information" in line
               for line in lines)
    assert not any("13987654321" in line for line in lines)


def test_a_facial_filing_on_record_meets_the_pack_and_only_then() -> None:
    from cnprivacy.records.filing.registry import parse_filing

    ev = evidence(raw_input(DOMESTIC))
    # Without the registry the filing is due (its deadline from the law data).
    assert build_facial_pack(replace(ev, filings=())).deadlines
    filed = parse_filing({"id": "FR-1", "kind": "facial_recognition", "status": "accepted",
                          "submitted_on": "2025-12-01", "decided_on": "2025-12-10",
                          "number": "FR-440300-2025-01"}, "filings.yaml")
    lines = _problems(build_facial_pack, replace(ev, filings=(filed,)))
    assert any("facial.filing is already met: filing FR-1" in line and "filings registry" in line
               for line in lines), lines
    # A filing submitted only after the pack's filing date is not on record yet.
    later = parse_filing({"id": "FR-2", "kind": "facial_recognition", "status": "accepted",
                          "submitted_on": "2026-02-01", "decided_on": "2026-02-10"},
                         "filings.yaml")
    assert build_facial_pack(replace(ev, filings=(later,))).deadlines
