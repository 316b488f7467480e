"""Packs filed through the PI protection business system: the PI protection officer report, the
facial-recognition filing and the minors' PI compliance audit report.

Each pack's deadline and whether it is due at all come from the engine's assessment as of the
filing date (obligations ``pipl.pi_officer_reporting``, ``facial.filing``,
``minors.audit_report_by_january``), so the pack and ``cnprivacy assess`` never disagree. The
online forms' fill-in notes (填报说明) are not in our sources: the documents follow the structure
the sources give and say ``needs_review``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from cnprivacy.engine.evaluate import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.errors import InputError
from cnprivacy.filings import docx_layout as lay
from cnprivacy.filings.common import categories_zh, require
from cnprivacy.filings.evidence import Evidence, PackProblems, Problem
from cnprivacy.filings.pack import Pack, Receipt
from cnprivacy.filings.pi_guard import pi_problems
from cnprivacy.filings.xlsx import workbook_bytes
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.filing.state import assess_on_record
from cnprivacy.rules.base import Status

PIPL56_POINTS = (
    "个人信息的处理目的、处理方式等是否合法、正当、必要",
    "对个人权益的影响及安全风险",
    "所采取的保护措施是否合法、有效并与风险程度相适应",
)


def _finding(ev: Evidence, key: str, pack: str, problems: list[Problem]) -> Finding | None:
    """The obligation behind the pack as ``assess`` sees it on the filing date."""
    options = Options(as_of=ev.filing_date, calendar=ev.calendar)
    if ev.filings is not None:
        found = assess_on_record(ev.profile, ev.filings, options, law=ev.law).by_key().get(key)
    else:
        found = assess(ev.profile, options, law=ev.law).by_key().get(key)
    met = [b for b in (found.because if found is not None else ()) if b.startswith("met: ")]
    if found is not None and found.status is not Status.APPLIES and met:
        problems.append(Problem(f"{key} is already {met[0]} on {ev.filing_date}: a {pack} pack "
                                "is not due", "the filings registry (cnprivacy filing show)"))
        return None
    if found is None or found.status is not Status.APPLIES:
        shown = found.status.value if found is not None else "unknown"
        missing = f" (needs: {', '.join(found.missing)})" if found is not None and found.missing else ""
        problems.append(Problem(f"`cnprivacy assess` finds {key} {shown} on {ev.filing_date}"
                                f"{missing}: a {pack} pack is not due",
                                f"{ev.profile_name}: organization"))
        return None
    return found


def _deadline(pack: Pack, finding: Finding) -> None:
    if finding.deadline is not None:
        pack.deadlines.append({"what": finding.title, "due": finding.deadline.isoformat(),
                               "estimated": finding.deadline_estimated,
                               "citation": finding.citation,
                               "overdue_on_filing_date": pack.filing_date > finding.deadline})


def _deadline_text(finding: Finding) -> str:
    if finding.deadline is None:
        return "报送期限见相关规定。"
    return f"报送截止日期：{finding.deadline.isoformat()}（{finding.citation}）。"


def _shown(value: int | None) -> str:
    return "—" if value is None else str(value)


def _count_receipt(ev: Evidence, figure: str, value: int | None, field: str) -> Receipt:
    return Receipt(figure, value, "profile", f"{ev.profile_name}: {field}")


def build_pipo_pack(ev: Evidence) -> Pack:
    """The PI protection officer report with per-scenario statistics, or :class:`PackProblems`."""
    problems = pi_problems(ev.inputs, ev.input_name)
    finding = _finding(ev, "pipl.pi_officer_reporting", "PI protection officer", problems)
    org = ev.profile.organization
    body = require(ev.inputs.processor.organisation, "个人信息保护工作机构",
                   f"{ev.input_name}: processor.organisation", problems)
    rows: list[tuple[object, ...]] = []
    for i, act in enumerate(ev.profile.processing):
        problems += pi_problems(act, ev.profile_name, f"processing[{act.id}]")
        if act.individuals is None:
            problems.append(Problem(f"people whose PI the activity {act.id} processes",
                                    f"{ev.profile_name}: processing[{act.id}].individuals (or the "
                                    "register, from a scan)"))
        general, sensitive = categories_zh(list(act.data_categories))
        rows.append((i + 1, act.id, act.purpose or "", "；".join(general), act.individuals,
                     "是" if sensitive else "否"))
    if not rows:
        problems.append(Problem("processing activities (business scenarios)",
                                f"{ev.profile_name}: processing"))
    if org.individuals_processed is None:
        problems.append(Problem("people whose PI is processed (de-duplicated)",
                                f"{ev.profile_name}: organization.individuals_processed"))
    if problems or finding is None:
        raise PackProblems("pipo", problems)
    filing = ev.filing_date
    headers = ("序号", "业务场景", "处理目的", "个人信息种类", "涉及人数", "是否含敏感个人信息")
    doc = lay.new_document()
    lay.cover(doc, "个人信息保护负责人信息报送材料", org.name, filing.isoformat())
    lay.heading(doc, "一、个人信息处理者基本情况", 1)
    lay.paragraph(doc, f"处理个人信息涉及自然人{org.individuals_processed}人（按自然人去重），"
                  f"其中敏感个人信息{_shown(org.sensitive_individuals_processed)}人。"
                  + _deadline_text(finding))
    lay.heading(doc, "二、个人信息保护负责人和工作机构", 1)
    lay.paragraph(doc, f"个人信息保护工作机构：{body}。个人信息保护负责人的姓名、职务、联系方式和"
                  "任职证明在报送系统中填写和上传，不在本材料中保存。")
    lay.heading(doc, "三、个人信息处理情况统计（按业务场景）", 1)
    lay.table(doc, headers, rows, (0, 1.5, 3, 3, 1.5, 1.2))
    lay.review_note(doc)
    pack = Pack("pipo", "个人信息保护负责人信息报送材料", filing)
    pack.add("01_个人信息保护负责人信息报送材料.docx", "PIPO report with per-scenario statistics "
             "(PIPO notice 2025-07-18)", lay.to_bytes(doc, filing))
    pack.add("02_业务场景个人信息处理统计.xlsx", "Per-scenario statistics (XLSX)",
             workbook_bytes([("业务场景统计", headers, rows)], filing))
    pack.receipts.append(_count_receipt(ev, "individuals processed", org.individuals_processed,
                                        "organization.individuals_processed"))
    pack.receipts += [_count_receipt(ev, f"individuals of {act.id}", act.individuals,
                                     f"processing[{act.id}].individuals")
                      for act in ev.profile.processing]
    _deadline(pack, finding)
    pack.needs_review.append("the online form's 填报说明 is not in our sources")
    pack.to_write.append("the officer's name, title, contacts and appointment certificate, typed "
                         "and uploaded in the system")
    return pack


def build_facial_pack(ev: Evidence) -> Pack:
    """The facial-recognition filing forms with the PIPIA, or :class:`PackProblems`."""
    problems = pi_problems(ev.inputs, ev.input_name)
    finding = _finding(ev, "facial.filing", "facial-recognition filing", problems)
    org = ev.profile.organization
    src = ev.input_name
    fa, im, pr = ev.inputs.facial, ev.inputs.impact, ev.inputs.processor
    faces = org.facial_recognition_individuals
    facial_acts = [a for a in ev.profile.processing if DataCategory.FACIAL in a.data_categories]
    purpose = require(fa.purpose or "；".join(a.purpose or "" for a in facial_acts).strip("；"),
                      "人脸识别应用目的", f"{src}: facial.purpose or {ev.profile_name}: processing", problems)
    fields = {
        "应用场景": "；".join(a.id for a in facial_acts) or "—",
        "应用目的": purpose,
        "设备及部署位置": require(fa.devices, "设备及部署位置", f"{src}: facial.devices", problems),
        "人脸信息存储数量（人）": faces,
        "存储方式和地点": require(fa.storage, "存储方式和地点", f"{src}: facial.storage", problems),
        "安全保护措施": require(fa.measures, "安全保护措施", f"{src}: facial.measures", problems),
        "非人脸识别替代方式": require(fa.alternatives, "替代方式", f"{src}: facial.alternatives", problems),
    }
    points = [require(getattr(im, f"point_{i}"),
                      f"影响评估：个人信息保护法第五十六条第（{'一二三'[i - 1]}）项",
                      f"{src}: impact.point_{i}", problems) for i in (1, 2, 3)]
    conclusion = require(im.conclusion, "评估结论", ev.where("impact.conclusion"), problems)
    basics = {"个人信息处理者名称": org.name, "所在省份": org.province or "—",
              "处理个人信息人数": org.individuals_processed,
              "个人信息保护工作机构": require(pr.organisation, "个人信息保护工作机构",
                                             f"{src}: processor.organisation", problems)}
    if faces is None:
        problems.append(Problem("people whose facial information is stored",
                                f"{ev.profile_name}: organization.facial_recognition_individuals"))
    if ev.inputs.assessment.completed_on is None:
        problems.append(Problem("date the impact assessment was completed",
                                ev.where("assessment.completed_on")))
    if problems or finding is None:
        raise PackProblems("facial", problems)
    filing = ev.filing_date
    pack = Pack("facial", "人脸识别技术应用备案材料", filing)
    pack.add("01_个人信息处理者基本情况表.docx", "Processor's basic information form",
             _form_doc("个人信息处理者基本情况表", org.name, filing, basics))
    pack.add("02_人脸识别技术应用情况备案表.docx", "Facial-recognition application filing form",
             _form_doc("人脸识别技术应用情况备案表", org.name, filing, fields, _deadline_text(finding)))
    doc = lay.new_document()
    lay.cover(doc, "个人信息保护影响评估报告（人脸识别）", org.name, filing.isoformat())
    lay.heading(doc, "一、评估对象", 1)
    lay.paragraph(doc, f"人脸识别应用：{purpose}。存储人脸信息涉及{faces}人。评估于"
                  f"{ev.inputs.assessment.completed_on}完成。")
    lay.heading(doc, "二、评估内容（个人信息保护法第五十六条）", 1)
    for i, (point, text) in enumerate(zip(PIPL56_POINTS, points, strict=True)):
        lay.heading(doc, f"（{'一二三'[i]}）{point}", 2)
        lay.paragraph(doc, text)
    lay.heading(doc, "三、评估结论", 1)
    lay.paragraph(doc, conclusion)
    pack.add("03_个人信息保护影响评估报告.docx", "PIPIA report (PIPL art 56; Facial Recognition "
             "Measures art 8)", lay.to_bytes(doc, filing))
    pack.add("04_备案材料清单.json", "Checklist of the other materials",
             (json.dumps({"materials": [
                 "统一社会信用代码证件", "法定代表人身份证件", "经办人身份证件",
                 "授权委托书（加盖公章）", "承诺书（加盖公章）", "其他材料"],
                 "source": "secondary summary of the filing materials (needs_review)"},
                 ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    pack.receipts.append(_count_receipt(ev, "people whose facial information is stored", faces,
                                        "organization.facial_recognition_individuals"))
    _deadline(pack, finding)
    pack.needs_review.append("the two forms' field lists come from a secondary summary")
    pack.to_write.append("identity kit, power of attorney and commitment letter (sealed)")
    return pack


def _form_doc(title: str, org: str, filing: date, fields: Mapping[str, object],
              note: str | None = None) -> bytes:
    doc = lay.new_document()
    lay.cover(doc, title, org, filing.isoformat())
    lay.heading(doc, title, 1)
    lay.table(doc, ("序号", "项目", "内容"),
              [(i + 1, k, "—" if v is None else v) for i, (k, v) in enumerate(fields.items())],
              (0, 1.5, 3))
    if note:
        lay.paragraph(doc, note)
    lay.review_note(doc)
    return lay.to_bytes(doc, filing)


def scan_minors(raw: bytes, source: str) -> tuple[int | None, int | None]:
    """Children under 14 and minors under 18 from a scan report's totals (counts, never PI)."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(source, "not a JSON scan report") from None
    totals = doc.get("totals") if isinstance(doc, dict) else None
    if not isinstance(totals, dict):
        raise InputError(source, "missing or not an object", field="totals")
    out: list[int | None] = []
    for name in ("minors_under_14", "minors_under_18"):
        value = totals.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InputError(source, "must be a whole number of people", field=f"totals.{name}")
        out.append(value)
    return out[0], out[1]


def build_minors_audit_pack(ev: Evidence) -> Pack:
    """The minors' PI compliance audit report, children (< 14) and minors (< 18) counted
    separately, or :class:`PackProblems`."""
    problems = pi_problems(ev.inputs, ev.input_name)
    finding = _finding(ev, "minors.audit_report_by_january", "minors' audit", problems)
    org = ev.profile.organization
    src = ev.input_name
    if ev.scan_minors is not None:
        under_14, under_18 = ev.scan_minors
        source = "scan report"
        reference = (f"{ev.scan.report_name} sha256 {ev.scan.report_sha256}" if ev.scan is not None
                     else "scan report")
    else:
        under_14, under_18 = org.minors_under_14_processed, org.minors_processed
        source = "profile"
        reference = (f"{ev.profile_name}: organization.minors_under_14_processed / "
                     "minors_processed")
    if under_14 is None:
        problems.append(Problem("children under 14 whose PI is processed",
                                f"--scan (totals.minors_under_14) or {ev.profile_name}: "
                                "organization.minors_under_14_processed"))
    if under_18 is None:
        problems.append(Problem("minors under 18 whose PI is processed",
                                f"--scan (totals.minors_under_18) or {ev.profile_name}: "
                                "organization.minors_processed"))
    if under_14 is not None and under_18 is not None and under_14 > under_18:
        problems.append(Problem(f"children under 14 ({under_14}) outnumber minors under 18 "
                                f"({under_18}): every child is a minor", reference))
    a = ev.inputs.audit
    auditor = require(a.auditor, "审计机构或内部审计部门", f"{src}: audit.auditor", problems)
    findings = require(a.findings, "审计发现", f"{src}: audit.findings", problems)
    rectification = a.rectification or "无需整改。"
    if problems or finding is None:
        raise PackProblems("minors-audit", problems)
    filing = ev.filing_date
    year = filing.year - 1
    doc = lay.new_document()
    lay.cover(doc, f"{year}年度未成年人个人信息保护合规审计报告", org.name, filing.isoformat())
    lay.heading(doc, "一、审计基本情况", 1)
    lay.paragraph(doc, f"审计对象：{org.name}；审计期间：{a.period or f'{year}年度'}；审计机构：{auditor}。"
                  + _deadline_text(finding))
    lay.heading(doc, "二、处理未成年人个人信息情况", 1)
    lay.table(doc, ("序号", "类别", "涉及人数", "数据来源"), [
        (1, "不满十四周岁未成年人（儿童）个人信息", under_14, source),
        (2, "不满十八周岁未成年人个人信息（含不满十四周岁）", under_18, source)], (0, 3, 1.2, 1.5))
    lay.heading(doc, "三、审计发现", 1)
    lay.paragraph(doc, findings)
    lay.heading(doc, "四、整改情况", 1)
    lay.paragraph(doc, rectification)
    lay.review_note(doc)
    pack = Pack("minors-audit", "未成年人个人信息保护合规审计报告", filing)
    pack.add("01_未成年人个人信息保护合规审计报告.docx", "Minors' PI audit report (Minors Online "
             "Regulations art 37)", lay.to_bytes(doc, filing))
    pack.add("02_未成年人个人信息统计.xlsx", "Children (< 14) and minors (< 18), counted separately",
             workbook_bytes([("统计", ("类别", "涉及人数"), [("不满十四周岁", under_14),
                                                        ("不满十八周岁", under_18)])], filing))
    pack.receipts += [Receipt("children under 14", under_14, source, reference),
                      Receipt("minors under 18", under_18, source, reference)]
    _deadline(pack, finding)
    pack.needs_review.append("the 填报说明（第一版） fields are not in our sources")
    pack.to_write.append("the audit body's head and audit lead sign; seal the report")
    return pack


__all__ = ["build_facial_pack", "build_minors_audit_pack",
           "build_pipo_pack", "scan_minors"]
