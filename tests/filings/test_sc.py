"""The standard-contract pack for the example company: contents, checks, deadline, receipts."""

from __future__ import annotations

import copy
import io
import json
import os
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cnprivacy.filings import LedgerFigures, PackProblems, build_sc_pack

from .helpers import evidence, raw_input, read_docx, texts

GOLDEN = Path(__file__).parent / "golden" / "sc-example.json"


def _problems(data: dict[str, Any], **kw: Any) -> list[str]:
    with pytest.raises(PackProblems) as err:
        build_sc_pack(evidence(data, **kw))
    return [p.line() for p in err.value.problems]


def _edit(path: str, value: object) -> dict[str, Any]:
    data = copy.deepcopy(raw_input())
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return data


def _summary(pack_files: dict[str, bytes]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, data in pack_files.items():
        if name.endswith(".docx"):
            doc = read_docx(data)
            out[name] = {"paragraphs": texts(doc),
                         "tables": [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]}
    manifest = json.loads(pack_files["manifest.json"])
    out["manifest"] = {"files": [[f["file"], f["purpose"]] for f in manifest["files"]],
                       "receipts": [[r["figure"], r["value"], r["source"]] for r in manifest["receipts"]],
                       "deadlines": manifest["deadlines"]}
    return out


def test_golden_pack_for_the_example_company() -> None:
    files = build_sc_pack(evidence()).outputs()
    summary = _summary(files)
    # To refresh after a deliberate change: CNPRIVACY_WRITE_GOLDEN=1, then review the diff.
    if os.environ.get("CNPRIVACY_WRITE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert summary == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_report_follows_the_export_template() -> None:
    pack = build_sc_pack(evidence())
    report = read_docx(pack.files[0].data)
    body = texts(report)
    for heading in ("一、出境活动整体情况", "（一）个人信息处理者基本情况", "（二）拟出境个人信息情况",
                    "（三）境外接收方情况", "二、拟出境活动的影响评估情况及结论", "（八）评估结论"):
        assert heading in body
    assert sum(1 for t in body if t.startswith("（") and "境外接收方所在国家" in t) == 1
    # Scale from the profile (no ledger given): 140000 people, 2500 sensitive.
    assert any("自然人140000人" in t and "2500人" in t for t in body)
    categories = report.tables[0]
    assert [c.text for c in categories.rows[0].cells] == [
        "序号", "个人信息种类（GB/T 35273）", "是否敏感个人信息"]
    assert [r.cells[2].text for r in categories.rows[1:]] == ["否", "否", "否", "是"]


def test_annex_one_has_the_ten_items() -> None:
    annex = read_docx(build_sc_pack(evidence()).files[1].data)
    body = texts(annex)
    labels = [t for t in body if t.startswith("（") and "）" in t]
    assert len(labels) == 10
    assert labels[0] == "（一）处理目的" and labels[-1] == "（十）其他事项"
    assert "140000人（按自然人去重）" in body
    assert "自2026-02-05起至2028-02-04止" in body
    assert "无（境外接收方不得向第三方提供）" in body


def test_deadline_is_ten_working_days_after_the_contract_takes_effect() -> None:
    pack = build_sc_pack(evidence())
    # 2026-02-05 (Thu) + 10 working days over the Spring Festival holiday (15–23 Feb 2026, with
    # 14 Feb and 28 Feb worked): 6, 9, 10, 11, 12, 13, 14, 24, 25, 26 February.
    assert pack.deadlines[0]["due"] == "2026-02-26"
    assert pack.deadlines[0]["overdue_on_filing_date"] is False
    late = build_sc_pack(evidence(_edit("filing_date", "2026-02-27")))
    assert late.deadlines[0]["overdue_on_filing_date"] is True


def test_every_missing_field_is_listed_with_where_to_fill_it() -> None:
    data = _edit("recipient", None)
    data["impact"].pop("conclusion")
    lines = _problems(data)
    assert any("境外接收方地址" in line and "recipient.address" in line for line in lines)
    assert any("评估结论" in line and "impact.conclusion" in line for line in lines)
    assert len(lines) >= 4  # address, business, measures, conclusion: all at once


def test_counts_must_agree_across_the_annex_and_the_evidence() -> None:
    lines = _problems(_edit("contract.declared_individuals", 139999))
    assert any("139999" in line and "140000" in line for line in lines)


def test_ledger_counts_are_used_and_checked_against_the_profile() -> None:
    ledger = LedgerFigures(year=2026, individuals=200000, sensitive_individuals=2500,
                           by_transfer={"hk-crm": (140000, 2500)}, snapshot_entry=7)
    pack = build_sc_pack(evidence(ledger=ledger))
    receipt = pack.receipts[0]
    assert (receipt.value, receipt.source) == (140000, "ledger")
    assert "after entry 7" in receipt.reference
    other = LedgerFigures(year=2026, individuals=200000, sensitive_individuals=2500,
                          by_transfer={"hk-crm": (141000, 2500)})
    lines = _problems(_edit("contract.declared_individuals", None), ledger=other)
    assert any("profile states 140000" in line and "ledger counts 141000" in line for line in lines)


@pytest.mark.parametrize(("completed", "ok"), [
    ("2025-11-12", True),    # exactly three months before 2026-02-12: within
    ("2025-11-11", False),   # one day older
    ("2026-02-12", True),    # the filing day itself
    ("2026-02-13", False),   # after the filing date
])
def test_assessment_dated_within_three_months_before_filing(completed: str, ok: bool) -> None:
    data = _edit("assessment.completed_on", completed)
    if ok:
        build_sc_pack(evidence(data))
    else:
        assert any("assessment.completed_on" in line for line in _problems(data))


def test_route_must_match_the_crossborder_decision() -> None:
    lines = _problems(raw_input(), overrides=("transfers.hk-crm.individuals=1200000",
                                              "transfers.hk-crm.sensitive_individuals=0"))
    assert any("decides security_assessment" in line for line in lines)
    lines = _problems(_edit("transfer", "sg-hotels"))
    assert any("decides exempt" in line for line in lines)


def test_zip_holds_the_documents_and_the_manifest_with_hashes() -> None:
    pack = build_sc_pack(evidence())
    files = pack.outputs()
    archive = zipfile.ZipFile(io.BytesIO(files["pack.zip"]))
    assert sorted(archive.namelist()) == sorted([f.name for f in pack.files] + ["manifest.json"])
    manifest = json.loads(archive.read("manifest.json"))
    import hashlib
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]
        assert entry["purpose"]
    law = [r for r in manifest["receipts"] if r["source"] == "law data"]
    assert law and all("sha256" in r["reference"] and r["citation"] for r in law)
    # Reproducible: the same evidence gives the same zip.
    assert build_sc_pack(evidence()).outputs()["pack.zip"] == files["pack.zip"]
    assert pack.filing_date == date(2026, 2, 12)


@pytest.mark.skipif(__import__("shutil").which("soffice") is None,
                    reason="LibreOffice is not installed (.ci/run installs it)")
def test_pdf_copies_render_the_chinese_text() -> None:
    from pypdf import PdfReader

    from cnprivacy.filings.pdf import render_pdfs

    pack = build_sc_pack(evidence())
    pdfs = render_pdfs({f.name: f.data for f in pack.files})
    assert sorted(pdfs) == sorted(f.name[:-4] + "pdf" for f in pack.files)
    reader = PdfReader(io.BytesIO(pdfs["01_个人信息保护影响评估报告.pdf"]))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 4
    for expected in ("个人信息保护影响评估报告", "一、出境活动整体情况", "二、拟出境活动的影响评估情况及结论",
                     "140000"):
        assert expected in text.replace(" ", "").replace("\n", "")
    box = reader.pages[0].mediabox  # A4 in points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
