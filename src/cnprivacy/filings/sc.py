"""The standard-contract filing pack (Decree 13 arts 5–7).

Three documents: the PIPIA report in the structure of the export template (附件5 of the filing
guide, 2nd ed.: 一、出境活动整体情况; 二、拟出境活动的影响评估情况及结论 against art 5), the
contract's 附录一 个人信息出境说明 (ten items), and the checklist of the identity kit and the
commitment letter with the filing deadline (10 working days from the contract taking effect,
art 7). Checked before anything is written: every field filled or listed with where to fill it,
one count across report, 附录一 and ledger, the assessment within three months of filing, and
the route ``crossborder`` decides.
"""

from __future__ import annotations

from datetime import date

from cnprivacy.filings import docx_layout as lay
from cnprivacy.filings.common import (
    Counted,
    categories_zh,
    check_counts,
    check_recency,
    check_route,
    find_transfer,
    law_number,
    law_receipt,
    require,
    transfer_counts,
)
from cnprivacy.filings.evidence import Evidence, PackProblems, Problem
from cnprivacy.filings.pack import Pack, Receipt
from cnprivacy.filings.pi_guard import pi_problems
from cnprivacy.profile.models import Transfer
from cnprivacy.rules.crossborder.model import SC

KIND = "sc"
TITLE = "个人信息出境标准合同备案材料"

# Decree 13 art 5, the six points the PIPIA must cover (official text).
ART5_POINTS = (
    "个人信息处理者和境外接收方处理个人信息的目的、范围、方式等的合法性、正当性、必要性",
    "出境个人信息的规模、范围、种类、敏感程度，个人信息出境可能对个人信息权益带来的风险",
    "境外接收方承诺承担的义务，以及履行义务的管理和技术措施、能力等能否保障出境个人信息的安全",
    "个人信息出境后遭到篡改、破坏、泄露、丢失、非法利用等的风险，个人信息权益维护的渠道是否通畅等",
    "境外接收方所在国家或者地区的个人信息保护政策和法规对标准合同履行的影响",
    "其他可能影响个人信息出境安全的事项",
)
NUMERALS = "一二三四五六七八九十"

# The identity kit and the commitment letter (system manual, June 2025; filing guide 2nd ed.).
CHECKLIST = (
    ("统一社会信用代码证件（加盖公章的复印件）", "身份材料", "经办人准备"),
    ("法定代表人身份证件（加盖公章的复印件）", "身份材料", "经办人准备"),
    ("经办人身份证件（加盖公章的复印件）", "身份材料", "经办人准备"),
    ("经办人授权委托书（法定代表人签字并加盖公章）", "身份材料", "经办人准备"),
    ("承诺书（法定代表人签字并加盖公章）", "承诺书", "经办人准备"),
    ("个人信息出境标准合同（含附录一、附录二，双方签章）", "备案材料（办法第七条第（一）项）",
     "附录一由本工具生成，合同正文按办法附件订立"),
    ("个人信息保护影响评估报告（盖章扫描件）", "备案材料（办法第七条第（二）项）",
     "由本工具生成，结论部分由评估人员复核签署"),
)


def _text(first: object, second: object) -> object:
    return first if first not in (None, "", []) else second


def _retention(ev: Evidence, transfer: Transfer) -> str | None:
    start, end = ev.inputs.export.retention_from, ev.inputs.export.retention_to
    if start and end:
        return f"自{start.isoformat()}起至{end.isoformat()}止"
    if transfer.overseas_retention_months is not None:
        return f"自个人信息出境之日起{transfer.overseas_retention_months}个月"
    return None


class _Fields:
    """The report's and 附录一's facts, each from the input, the profile or the ledger."""

    def __init__(self, ev: Evidence, transfer: Transfer, counted: Counted, problems: list[Problem]):
        src, prof = ev.input_name, f"{ev.profile_name}: transfers[{transfer.id}]"
        inp = ev.inputs
        p = problems
        self.purpose = require(_text(inp.export.purpose, transfer.purpose), "出境目的",
                               f"{src}: export.purpose or {prof}.purpose", p)
        self.method = require(_text(inp.export.method, transfer.method), "出境方式",
                              f"{src}: export.method or {prof}.method", p)
        self.scope = require(_text(inp.export.scope, transfer.scope), "出境范围",
                             f"{src}: export.scope or {prof}.scope", p)
        self.business = require(inp.export.business, "涉及的业务", f"{src}: export.business", p)
        self.systems = require(inp.export.systems, "涉及的信息系统", ev.where("export.systems"), p)
        self.lawfulness = require(inp.export.lawfulness, "目的、范围、方式的合法性、正当性、必要性",
                                  f"{src}: export.lawfulness", p)
        self.domestic_storage = require(inp.export.domestic_storage, "境内存储系统或数据中心",
                                        f"{src}: export.domestic_storage", p)
        links = [f"{'境内' if k.side == 'domestic' else '境外'}：{k.domain or '—'}，{k.address or '—'}，"
                 f"{k.method or '—'}" for k in inp.export.links]
        self.links = require(links, "出境链路（双方域名、网络地址、传输方式）", f"{src}: export.links", p)
        self.overseas_storage = require(_text(inp.export.overseas_storage, transfer.storage_location),
                                        "境外存储地点", f"{src}: export.overseas_storage or "
                                        f"{prof}.storage_location", p)
        onward = inp.export.onward_recipients
        if onward is None:
            p.append(Problem("境外接收方可再提供的第三方（无则写 []）", f"{src}: export.onward_recipients"))
            self.onward = ""
        else:
            self.onward = "；".join(onward) if onward else "无（境外接收方不得向第三方提供）"
        self.retention = require(_retention(ev, transfer), "境外保存期限",
                                 f"{src}: export.retention_from/retention_to or "
                                 f"{prof}.overseas_retention_months", p)
        listed = list(transfer.data_categories)
        given = list(inp.export.data_categories)
        if listed and given and set(listed) != set(given):
            p.append(Problem("PI categories: the profile and the pack input list different ones",
                             f"{prof}.data_categories or {ev.where('export.data_categories')}"))
        general, sensitive = categories_zh(listed or given)
        self.categories = require(general, "出境个人信息种类",
                                  f"{prof}.data_categories or {ev.where('export.data_categories')}", p)
        self.sensitive = "；".join(sensitive) if sensitive else "无"
        self.people = counted.individuals
        self.sensitive_people = counted.sensitive_individuals
        self.other = inp.export.other or "无"
        r = inp.recipient
        self.recipient = transfer.recipient
        self.recipient_address = require(r.address, "境外接收方地址", f"{src}: recipient.address", p)
        self.recipient_business = require(r.business, "境外接收方基本情况（主营业务）",
                                          f"{src}: recipient.business", p)
        self.recipient_uses = require(
            _text(r.uses, transfer.recipient_use), "境外接收方处理个人信息的用途和方式",
            f"{src}: recipient.uses or {prof}.recipient_use", p)
        self.recipient_measures = require(r.measures, "境外接收方的管理和技术措施、能力",
                                          f"{src}: recipient.measures", p)
        pr = inp.processor
        self.shareholding = require(pr.shareholding, "股权结构", f"{src}: processor.shareholding", p)
        self.controller = require(pr.actual_controller, "实际控制人",
                                  f"{src}: processor.actual_controller", p)
        self.investment = {"domestic": "内资", "foreign": "外资"}.get(pr.investment or "", "")
        if not self.investment:
            p.append(Problem("内资或外资", f"{src}: processor.investment (domestic or foreign)"))
        self.organisation = require(pr.organisation, "组织架构和个人信息保护机构",
                                    f"{src}: processor.organisation", p)
        self.processor_business = require(pr.business, "整体业务与个人信息处理情况",
                                          f"{src}: processor.business", p)
        self.compliance = require(pr.compliance, "遵守个人信息保护法律法规情况",
                                  f"{src}: processor.compliance", p)
        im = inp.impact
        self.points = [require(getattr(im, f"point_{i}"), f"影响评估：办法第五条第（{NUMERALS[i - 1]}）项",
                               f"{src}: impact.point_{i}", p) for i in range(1, 7)]
        self.problems_found = im.problems or "未发现需整改的问题。"
        self.conclusion = require(im.conclusion, "评估结论", ev.where("impact.conclusion"), p)


def _effective(ev: Evidence, transfer: Transfer, problems: list[Problem]) -> date | None:
    day = ev.inputs.contract.effective_on or transfer.contract_effective
    if day is None:
        problems.append(Problem("标准合同生效日期", f"{ev.input_name}: contract.effective_on or "
                                f"{ev.profile_name}: transfers[{transfer.id}].contract_effective"))
    return day


def _report(ev: Evidence, f: _Fields, org: str, day: str, transfer: Transfer,
            points: tuple[str, ...] = ART5_POINTS,
            basis: str = "《个人信息出境标准合同办法》第五条") -> bytes:
    doc = lay.new_document()
    lay.cover(doc, "个人信息保护影响评估报告", org, day)
    lay.heading(doc, "一、出境活动整体情况", 1)
    lay.heading(doc, "（一）个人信息处理者基本情况", 2)
    lay.paragraph(doc, f"{org}（以下简称本公司）股权结构：{f.shareholding}；实际控制人：{f.controller}；"
                  f"投资性质：{f.investment}。")
    lay.paragraph(doc, f"组织架构和个人信息保护机构：{f.organisation}")
    lay.paragraph(doc, f"整体业务与个人信息处理情况：{f.processor_business}")
    lay.heading(doc, "（二）拟出境个人信息情况", 2)
    lay.heading(doc, "1.涉及的业务、个人信息收集使用和信息系统", 3)
    lay.paragraph(doc, f"涉及的业务：{f.business}。涉及的信息系统：{f.systems}。")
    lay.heading(doc, "2.出境目的、范围、方式及其合法性、正当性、必要性", 3)
    lay.paragraph(doc, f"出境目的：{f.purpose}。出境范围：{f.scope}。出境方式：{f.method}。")
    lay.paragraph(doc, f.lawfulness)
    lay.heading(doc, "3.出境个人信息的规模、范围、种类、敏感程度", 3)
    lay.paragraph(doc, f"本年度拟出境个人信息涉及自然人{f.people}人（按自然人去重），其中敏感个人信息"
                  f"涉及{f.sensitive_people}人。")
    lay.table(doc, ("序号", "个人信息种类（GB/T 35273）", "是否敏感个人信息"),
              [(i + 1, c, "是" if c in f.sensitive.split("；") else "否")
               for i, c in enumerate(f.categories.split("；"))], (0, 3, 1))
    lay.heading(doc, "4.境内存储、出境链路和境外存储", 3)
    lay.paragraph(doc, f"境内存储系统或数据中心：{f.domestic_storage}。境外存储地点：{f.overseas_storage}。")
    lay.table(doc, ("序号", "出境链路"), [(i + 1, link) for i, link in enumerate(f.links.split("；"))])
    lay.heading(doc, "5.境外接收方再提供和个人信息保护合规情况", 3)
    lay.paragraph(doc, f"再提供：{f.onward}。合规情况：{f.compliance}")
    lay.heading(doc, "（三）境外接收方情况", 2)
    lay.paragraph(doc, f"名称：{f.recipient.name}；所在国家或者地区：{f.recipient.country}；地址："
                  f"{f.recipient_address}；基本情况：{f.recipient_business}。")
    lay.paragraph(doc, f"处理个人信息的用途和方式：{f.recipient_uses}")
    lay.paragraph(doc, f"管理和技术措施、能力：{f.recipient_measures}")
    lay.heading(doc, "（四）其他情况", 2)
    lay.paragraph(doc, f.other)
    lay.heading(doc, "二、拟出境活动的影响评估情况及结论", 1)
    lay.paragraph(doc, f"依据{basis}，对拟出境活动逐项评估如下。")
    for i, (point, finding) in enumerate(zip(points, f.points, strict=True)):
        lay.heading(doc, f"（{NUMERALS[i]}）{point}", 2)
        lay.paragraph(doc, finding)
    lay.heading(doc, "（七）发现的问题及整改情况", 2)
    lay.paragraph(doc, f.problems_found)
    lay.heading(doc, "（八）评估结论", 2)
    lay.paragraph(doc, f.conclusion)
    assessment = ev.inputs.assessment
    lay.paragraph(doc, f"本次评估于{assessment.completed_on}完成" + (
        f"，评估团队：{assessment.team}" if assessment.team else "") + (
        f"，第三方评估机构：{assessment.third_party}" if assessment.third_party else "") + "。")
    return lay.to_bytes(doc, ev.filing_date)


def _annex(f: _Fields, org: str, filing: date) -> bytes:
    day = filing.isoformat()
    doc = lay.new_document()
    lay.cover(doc, "个人信息出境标准合同 附录一 个人信息出境说明", org, day)
    lay.heading(doc, "附录一　个人信息出境说明", 1)
    items = (
        ("处理目的", f.purpose),
        ("处理方式", f.method),
        ("出境个人信息的规模", f"{f.people}人（按自然人去重）"),
        ("出境个人信息种类（参考GB/T 35273《信息安全技术 个人信息安全规范》）", f.categories),
        ("出境敏感个人信息种类", f.sensitive),
        ("境外接收方只向以下中华人民共和国境外第三方提供个人信息", f.onward),
        ("传输方式", f.method),
        ("出境后保存期限", f.retention),
        ("出境后保存地点", f.overseas_storage),
        ("其他事项", f.other),
    )
    for i, (label, value) in enumerate(items):
        lay.heading(doc, f"（{NUMERALS[i]}）{label}", 2)
        lay.paragraph(doc, value)
    return lay.to_bytes(doc, filing)


def _checklist(org: str, filing: date, days: int, citation: str, deadline: str, due_note: str) -> bytes:
    day = filing.isoformat()
    doc = lay.new_document()
    lay.cover(doc, "个人信息出境标准合同备案材料清单", org, day)
    lay.heading(doc, "一、备案时限", 1)
    lay.paragraph(doc, f"应当在标准合同生效之日起{days}个工作日内向所在地省级网信部门备案"
                  f"（{citation}）。本次备案截止日期：{deadline}。{due_note}")
    lay.heading(doc, "二、材料清单", 1)
    lay.table(doc, ("序号", "材料", "类别", "准备方式", "已备齐"),
              [(i + 1, name, kind, how, "□") for i, (name, kind, how) in enumerate(CHECKLIST)],
              (0, 4, 2.5, 3, 1))
    lay.heading(doc, "三、提交方式", 1)
    lay.paragraph(doc, "通过数据出境申报系统（https://sjcj.cac.gov.cn）在线提交；批量模式下可将上述材料"
                  "打包为一个zip文件上传。")
    lay.review_note(doc)
    return lay.to_bytes(doc, filing)


def build_sc_pack(ev: Evidence) -> Pack:
    """The SC filing pack, or :class:`PackProblems` listing everything missing or inconsistent."""
    problems = pi_problems(ev.inputs, ev.input_name)
    if ev.inputs.filing_date is None:
        problems.append(Problem("filing date", f"{ev.input_name}: filing_date"))
    transfer = find_transfer(ev, ev.inputs.transfer, problems)
    if transfer is None:
        raise PackProblems(KIND, problems)
    problems += pi_problems(transfer, ev.profile_name, f"transfers[{transfer.id}]")
    counted = transfer_counts(ev, transfer)
    check_counts(ev, transfer, counted, problems)
    check_route(ev, transfer, SC, "standard-contract", problems)
    filing = ev.filing_date
    recency = law_number(ev, "standard_contract_measures", "pipia_recency_months", filing)
    check_recency(ev, ev.inputs.assessment.completed_on, recency, "impact assessment", problems)
    fields = _Fields(ev, transfer, counted, problems)
    effective = _effective(ev, transfer, problems)
    if problems:
        raise PackProblems(KIND, problems)
    assert effective is not None
    days = law_number(ev, "standard_contract_measures", "filing_working_days", effective)
    due = ev.calendar.add_workdays(effective, days.value)
    org = ev.profile.organization.name
    day = filing.isoformat()
    late = filing > due.day
    note = ("（按工作日推算，该年度无官方节假日安排，needs_review）" if due.estimated else "") + (
        "备案日期已超过截止日期，应尽快补办并说明原因。" if late else "")
    pack = Pack(KIND, TITLE, filing)
    pack.add("01_个人信息保护影响评估报告.docx", "PIPIA report (export template structure; Decree 13 "
             "arts 5, 7(2))", _report(ev, fields, org, day, transfer))
    pack.add("02_标准合同附录一_个人信息出境说明.docx", "Standard contract 附录一 (Decree 13 art 6, annex)",
             _annex(fields, org, filing))
    pack.add("03_备案材料清单.docx", "Checklist: identity kit, commitment letter, filing deadline "
             "(Decree 13 art 7)", _checklist(org, filing, days.value, days.citation_zh, due.describe(), note))
    pack.receipts += [
        Receipt(f"individuals exported ({transfer.id}, {filing.year})", counted.individuals,
                counted.source, counted.reference),
        Receipt(f"sensitive individuals exported ({transfer.id}, {filing.year})",
                counted.sensitive_individuals, counted.source, counted.reference),
        Receipt("route", ev.decision.by_id()[transfer.id].mechanism.value, "crossborder decision",
                f"as of {ev.decision.as_of}; counts from the {ev.decision.counts_source}; law data "
                f"sha256 {ev.law.data_hash}"),
        law_receipt(ev, "filing deadline in working days", days, "standard_contract_measures."
                    "filing_working_days"),
        law_receipt(ev, "assessment done within months before filing", recency,
                    "standard_contract_measures.pipia_recency_months"),
    ]
    if ev.scan is not None:
        pack.receipts.append(Receipt("individuals found by scan (data map)", ev.scan.individuals,
                                     "scan report", f"{ev.scan.report_name} sha256 "
                                     f"{ev.scan.report_sha256}"))
    pack.deadlines.append({"what": "file the standard contract and the PIPIA report with the "
                           "provincial CAC", "contract_effective": effective.isoformat(),
                           "due": due.day.isoformat(), "estimated": due.estimated,
                           "overdue_on_filing_date": late, "citation": days.citation})
    pack.needs_review += [
        "03_备案材料清单.docx: the identity kit follows the filing system's manual (June 2025) as "
        "summarised; check against the current guide",
        "GB/T 35273 category names in the report and 附录一 follow our reading of Annex A",
        "standard_contract_measures.pipia_recency_months comes from the template notes, not Decree 13",
    ]
    pack.to_write += [
        "seal the cover of each document; the legal representative signs the commitment letter",
        "the contract's body follows Decree 13's annex word for word; only 附录一 is generated",
        "the impact findings (impact.point_1..6) and the conclusion are the assessors' own words: "
        "review them",
    ]
    return pack

