"""The security-assessment declaration pack (Decree 11 arts 5–7) and its extension (2024
Provisions art 9).

Documents: the self-assessment report in the structure of the declaration guide's template
(附件4: 一、评估工作简述; 二、出境活动整体情况 with the per-scenario table of data items and the
export-link table, this year's de-duplicated count and a three-year forecast; 三、against Decree
11 art 5 with the conclusion); the data items and the export links as XLSX; the declaration
form's fields as JSON and XLSX. The extension adds the growth test (≤ 20 % over the three years
approved) and the 60-working-day window before the result expires.

The form's field list and the template's subsections (三)–(五) of part 二 come from secondary
summaries (filings research §1.3): they are marked ``needs_review`` in the documents.
"""

from __future__ import annotations

import json
from typing import Any

from cnprivacy.filings import docx_layout as lay
from cnprivacy.filings.common import (
    ROUTE_ZH,
    categories_zh,
    check_recency,
    law_number,
    law_receipt,
    require,
)
from cnprivacy.filings.evidence import Evidence, PackProblems, Problem
from cnprivacy.filings.forecast import Forecast, GrowthTest, forecast, growth_test
from cnprivacy.filings.inputs import DataItem, Scenario
from cnprivacy.filings.pack import Pack, Receipt
from cnprivacy.filings.pi_guard import pi_problems
from cnprivacy.filings.xlsx import workbook_bytes
from cnprivacy.profile.models import DataCategory, Transfer
from cnprivacy.rules.crossborder.deadlines import DeadlineKind
from cnprivacy.rules.crossborder.model import SA

ART5_POINTS = (
    "数据出境和境外接收方处理数据的目的、范围、方式等的合法性、正当性、必要性",
    "出境数据的规模、范围、种类、敏感程度，数据出境可能对国家安全、公共利益、个人或者组织合法权益带来的风险",
    "境外接收方承诺承担的责任义务，以及履行责任义务的管理和技术措施、能力等能否保障出境数据的安全",
    "数据出境中和出境后遭到篡改、破坏、泄露、丢失、转移或者被非法获取、非法利用等的风险，个人信息权益维护的"
    "渠道是否通畅等",
    "与境外接收方拟订立的数据出境相关合同或者其他具有法律效力的文件等是否充分约定了数据安全保护责任义务",
    "其他可能影响数据出境安全的事项",
)
NUMERALS = "一二三四五六七八九十"
# How the year's count was made: the ledger de-duplicates people; the profile's transfers are summed.
COUNTED_ZH = {True: "按自然人去重，数据来自出境台账",
              False: "按组织档案所列各出境活动人数相加，未经台账去重"}
ITEM_HEADERS = ("序号", "数据项名称", "内容描述", "出境必要性", "示例", "备注")
LINK_HEADERS = ("序号", "一方", "域名", "网络地址", "传输方式")


def dedupe(items: list[DataItem]) -> tuple[list[DataItem], list[str]]:
    """Data items of one scenario, each name once (the first kept); the names dropped."""
    seen: set[str] = set()
    kept: list[DataItem] = []
    dropped: list[str] = []
    for item in items:
        key = "".join(item.name.split()).casefold()
        if key in seen:
            dropped.append(item.name)
            continue
        seen.add(key)
        kept.append(item)
    return kept, dropped


class _Gathered:
    """What the SA report, tables and form say, each from its source; problems collected."""

    def __init__(self, ev: Evidence, problems: list[Problem]) -> None:
        src, p = ev.input_name, problems
        inp = ev.inputs
        self.problems = p
        transfers = {t.id: t for t in ev.profile.transfers}
        by_id = ev.decision.by_id()
        self.scenarios: list[tuple[Scenario, list[DataItem], list[Transfer]]] = []
        self.dropped: list[str] = []
        covered: set[str] = set()
        if not inp.scenarios:
            p.append(Problem("export scenarios (at least one)", f"{src}: scenarios"))
        for i, scenario in enumerate(inp.scenarios):
            where = f"{src}: scenarios[{i}]"
            kept, dropped = dedupe(list(scenario.items))
            if not kept:
                p.append(Problem(f"data items of scenario {scenario.id}", f"{where}.items"))
            self.dropped += [f"{scenario.id}: {name}" for name in dropped]
            for item in kept:
                for attr, label in (("description", "内容描述"), ("necessity", "出境必要性"),
                                    ("example", "示例（脱敏）")):
                    if not getattr(item, attr):
                        p.append(Problem(f"{label} of data item {item.name} ({scenario.id})",
                                         f"{where}.items (item {item.name!r}).{attr}"))
            chosen: list[Transfer] = []
            if not scenario.transfers:
                p.append(Problem(f"transfers of scenario {scenario.id}", f"{where}.transfers"))
            for tid in scenario.transfers:
                transfer = transfers.get(tid)
                if transfer is None:
                    p.append(Problem(f"scenario {scenario.id}: transfer {tid!r} is not in the profile",
                                     f"{where}.transfers or {ev.profile_name}: transfers"))
                    continue
                chosen.append(transfer)
                covered.add(tid)
                result = by_id.get(tid)
                if result is None or result.mechanism is not SA:
                    shown = result.mechanism.value if result is not None else "not decided"
                    p.append(Problem(
                        f"route: `cnprivacy crossborder` decides {shown} for {tid} as of "
                        f"{ev.decision.as_of}, not security_assessment",
                        f"{ev.profile_name}: transfers[{tid}] or {where}.transfers"))
                p.extend(pi_problems(transfer, ev.profile_name, f"transfers[{tid}]"))
            self.scenarios.append((scenario, kept, chosen))
        for tid in ev.decision.declaration_covers:
            if tid not in covered:
                p.append(Problem(f"the declaration must cover {tid} (all PI exported this year, "
                                 "CAC Q&A 2026-01-30), but no scenario lists it",
                                 f"{src}: scenarios[].transfers"))
        sides = {k.side for k in inp.export.links if k.domain and k.address and k.method}
        for side, zh in (("domestic", "境内"), ("overseas", "境外")):
            if side not in sides:
                p.append(Problem(f"出境链路：{zh}一方的域名、网络地址和传输方式",
                                 f"{src}: export.links (side: {side})"))
        pr, ex, im = inp.processor, inp.export, inp.impact

        def need(value: object, what: str, field: str) -> str:
            return require(value, what, ev.where(field), p)

        self.shareholding = need(pr.shareholding, "股权结构", "processor.shareholding")
        self.controller = need(pr.actual_controller, "实际控制人", "processor.actual_controller")
        self.organisation = need(pr.organisation, "组织架构和数据安全管理机构", "processor.organisation")
        self.business = need(pr.business, "业务和数据资产情况", "processor.business")
        self.compliance = need(pr.compliance, "遵守法律法规和受处罚情况", "processor.compliance")
        self.purpose = need(ex.purpose, "出境目的", "export.purpose")
        self.scope = need(ex.scope, "出境范围", "export.scope")
        self.method = need(ex.method, "出境方式", "export.method")
        self.lawfulness = need(ex.lawfulness, "目的、范围、方式的合法性、正当性、必要性", "export.lawfulness")
        self.domestic_storage = need(ex.domestic_storage, "境内存储（含云）", "export.domestic_storage")
        self.overseas_storage = need(ex.overseas_storage, "境外存储", "export.overseas_storage")
        self.onward = "无" if ex.onward_recipients == [] else need(
            ex.onward_recipients, "境外再提供情况（无则写 []）", "export.onward_recipients")
        r = inp.recipient
        self.recipient_business = need(r.business, "境外接收方基本情况", "recipient.business")
        self.recipient_measures = need(r.measures, "境外接收方的安全保障能力", "recipient.measures")
        self.points = [require(getattr(im, f"point_{i}"), f"自评估：办法第五条第（{NUMERALS[i - 1]}）项",
                               f"{src}: impact.point_{i}", p) for i in range(1, 7)]
        self.problems_found = im.problems or "未发现需整改的问题。"
        self.conclusion = need(im.conclusion, "自评估结论", "impact.conclusion")
        self.links = [(k.side, k.domain or "", k.address or "", k.method or "") for k in ex.links]


def _people(ev: Evidence) -> tuple[int, int, str, str]:
    """This year's de-duplicated people exported, sensitive ones, source and reference."""
    if ev.ledger is not None:
        return (ev.ledger.individuals, ev.ledger.sensitive_individuals, "ledger",
                ev.ledger.receipt_reference())
    dec = ev.decision
    return (dec.individuals, dec.sensitive_individuals, f"crossborder decision ({dec.counts_source})",
            f"{ev.profile_name} as of {dec.as_of}")


def _item_rows(items: list[DataItem]) -> list[tuple[object, ...]]:
    return [(i + 1, it.name, it.description, it.necessity, it.example, it.note or "")
            for i, it in enumerate(items)]


def _categories(transfers: list[Transfer]) -> str:
    found: list[DataCategory] = []
    for t in transfers:
        found += [c for c in t.data_categories if c not in found]
    general, _ = categories_zh(found)
    return "；".join(general) if general else "见数据项表"


def _report(ev: Evidence, g: _Gathered, people: tuple[int, int, str, str], fc: Forecast,
            extension: GrowthTest | None, title: str) -> bytes:
    org = ev.profile.organization.name
    filing = ev.filing_date
    a = ev.inputs.assessment
    doc = lay.new_document()
    lay.cover(doc, title, org, filing.isoformat())
    lay.heading(doc, "一、评估工作简述", 1)
    lay.paragraph(doc, f"自评估工作自{a.started_on or '—'}开始，于{a.completed_on}完成。"
                  f"组织情况：{a.team or '—'}。方法：{a.method or '—'}。"
                  + (f"第三方机构：{a.third_party}。" if a.third_party else "未委托第三方机构。"))
    lay.heading(doc, "二、出境活动整体情况", 1)
    lay.heading(doc, "（一）数据处理者基本情况", 2)
    lay.paragraph(doc, f"{org}股权结构：{g.shareholding}；实际控制人：{g.controller}。")
    lay.paragraph(doc, f"组织架构和数据安全管理机构：{g.organisation}")
    lay.paragraph(doc, f"业务和数据资产情况：{g.business}")
    lay.heading(doc, "（二）拟出境数据情况", 2)
    lay.paragraph(doc, f"出境目的：{g.purpose}。出境范围：{g.scope}。出境方式：{g.method}。{g.lawfulness}")
    for scenario, items, transfers in g.scenarios:
        lay.heading(doc, f"出境场景：{scenario.name or scenario.id}", 3)
        lay.paragraph(doc, f"涉及的数据出境活动：{'、'.join(t.id for t in transfers)}；"
                      f"个人信息种类：{_categories(transfers)}。")
        lay.table(doc, ITEM_HEADERS, _item_rows(items), (0, 2, 3, 3, 2, 1.5))
    lay.paragraph(doc, f"境内存储：{g.domestic_storage}。境外存储：{g.overseas_storage}。"
                  f"境外再提供：{g.onward}。")
    lay.paragraph(doc, "出境链路：")
    lay.table(doc, LINK_HEADERS, [(i + 1, "境内" if s == "domestic" else "境外", d, addr, m)
                                  for i, (s, d, addr, m) in enumerate(g.links)], (0, 1, 3, 2.5, 3))
    n, sensitive, source, _ = people
    how = COUNTED_ZH[source == "ledger"]
    lay.paragraph(doc, f"本年度已出境个人信息涉及自然人{n}人（{how}），其中敏感个人信息{sensitive}人。"
                  "未来三年预测：" + "；".join(f"{y}年{v}人" for y, v in fc.years) + "。")
    lay.paragraph(doc, f"预测方法：{fc.method}")
    lay.heading(doc, "（三）数据安全保障能力情况", 2)
    lay.paragraph(doc, f"{g.compliance}")
    lay.review_note(doc)
    lay.heading(doc, "（四）境外接收方情况", 2)
    lay.paragraph(doc, f"{g.recipient_business}。安全保障能力：{g.recipient_measures}")
    lay.heading(doc, "（五）法律文件约定情况", 2)
    lay.paragraph(doc, g.points[4])
    lay.review_note(doc)
    if extension is not None:
        lay.heading(doc, "（六）延长评估结果有效期情况", 2)
        lay.paragraph(doc, extension.describe() + "。")
    lay.heading(doc, "三、拟出境活动的风险自评估情况及结论", 1)
    for i, (point, finding) in enumerate(zip(ART5_POINTS, g.points, strict=True)):
        lay.heading(doc, f"（{NUMERALS[i]}）{point}", 2)
        lay.paragraph(doc, finding)
    lay.heading(doc, "（七）发现的问题及整改情况", 2)
    lay.paragraph(doc, g.problems_found)
    lay.heading(doc, "（八）自评估结论", 2)
    lay.paragraph(doc, g.conclusion)
    return lay.to_bytes(doc, filing)


def _form(ev: Evidence, g: _Gathered, people: tuple[int, int, str, str], fc: Forecast) -> dict[str, Any]:
    org = ev.profile.organization
    hand = "（经办人在申报系统中填写）"
    return {
        "needs_review": "field list from a public pre-check form and the system manual as "
                        "summarised; check against the declaration system",
        "processor": {"name": org.name, "ciio": org.ciio,
                      "pi_individuals_processed": org.individuals_processed,
                      "pi_individuals_unit": "人（按自然人去重）",
                      "credit_code": hand, "registered_address": hand, "office_address": hand,
                      "employees": hand},
        "legal_representative": hand,
        "data_security_officer_and_body": {"body": g.organisation, "officer": hand},
        "handling_person": hand,
        "compliance_with_chinese_law": g.compliance,
        "route": ROUTE_ZH[ev.decision.mechanism],
        "individuals_exported_this_year": people[0],
        "sensitive_individuals_exported_this_year": people[1],
        "forecast_next_three_years": [{"year": y, "individuals": v} for y, v in fc.years],
        "forecast_method": fc.method,
        "scenarios": [{
            "id": s.id, "description": s.name or s.id, "data_types": _categories(ts),
            "important_data": any(bool(t.important_data) for t in ts),
            "data_items": [it.name for it in items],
            "recipients": [{"name": t.recipient.name, "country_or_region": t.recipient.country,
                            "main_business": ev.inputs.recipient.business,
                            "address": ev.inputs.recipient.address} for t in ts],
        } for s, items, ts in g.scenarios],
    }


def _form_rows(form: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in form.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += _form_rows(value, name + ".")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                rows += _form_rows(item, f"{name}[{i}].")
        else:
            rows.append((name, json.dumps(value, ensure_ascii=False) if not isinstance(value, str)
                         else value))
    return rows


def _build(ev: Evidence, kind: str, title: str, extend: bool) -> Pack:
    problems = pi_problems(ev.inputs, ev.input_name)
    if ev.inputs.filing_date is None:
        problems.append(Problem("filing date", f"{ev.input_name}: filing_date"))
    filing = ev.filing_date
    recency = law_number(ev, "security_assessment_measures", "self_assessment_recency_months", filing)
    check_recency(ev, ev.inputs.assessment.completed_on, recency, "self-assessment", problems)
    g = _Gathered(ev, problems)
    people = _people(ev)
    history = dict(ev.ledger.history) if ev.ledger is not None else {}
    fc = forecast(people[0], filing, history, COUNTED_ZH[people[2] == "ledger"])
    extension: GrowthTest | None = None
    window: dict[str, Any] | None = None
    limit = None
    if extend:
        limit = law_number(ev, "xborder_provisions_2024", "extension_growth_limit_percent", filing)
        ext = ev.inputs.extension
        if ext.approved_individuals is None:
            problems.append(Problem("people approved for the three years of the assessment",
                                    f"{ev.input_name}: extension.approved_individuals"))
        elif ext.approved_individuals > 0:
            expected = ext.forecast_individuals if ext.forecast_individuals is not None else fc.total
            extension = growth_test(ext.approved_individuals, expected, limit.value)
            if not extension.passed:
                problems.append(Problem(extension.describe(), f"{ev.input_name}: "
                                        "extension (declare a new assessment instead)"))
        if ext.major_incident:
            problems.append(Problem("a major security incident occurred: no extension",
                                    f"{ev.input_name}: extension.major_incident"))
        if ext.same_purpose_scope_parties is False:
            problems.append(Problem("purpose, scope or parties changed: declare a new assessment",
                                    f"{ev.input_name}: extension.same_purpose_scope_parties"))
        ids = {t.id for _, _, ts in g.scenarios for t in ts}
        dues = [d for d in ev.decision.dues_of(DeadlineKind.ASSESSMENT_EXTENSION) if d.transfer in ids]
        if not dues:
            problems.append(Problem("the assessment being extended: its approval date",
                                    f"{ev.profile_name}: transfers[...].assessment_approved_on"))
        else:
            due = min(dues, key=lambda d: d.day)
            window = {"what": "apply to extend the security assessment's validity",
                      "opens": due.opens.isoformat() if due.opens else None,
                      "due": due.day.isoformat(), "estimated": due.estimated,
                      "overdue_on_filing_date": filing > due.day, "citation": due.citation}
            if due.opens is not None and filing < due.opens:
                problems.append(Problem(f"the extension window opens on {due.opens} (60 working days "
                                        f"before expiry on {due.day}); the filing date {filing} is early",
                                        f"{ev.input_name}: filing_date"))
            if filing > due.day:
                problems.append(Problem(f"the assessment expired on {due.day}: declare anew",
                                        f"{ev.input_name}: filing_date"))
    if problems:
        raise PackProblems(kind, problems)
    pack = Pack(kind, title, filing)
    pack.add("01_数据出境风险自评估报告.docx", "Self-assessment report (declaration guide 附件4 "
             "structure; Decree 11 art 5)", _report(ev, g, people, fc, extension, title))
    items_sheets = [(f"{s.id}", ITEM_HEADERS, _item_rows(items)) for s, items, _ in g.scenarios]
    pack.add("02_出境数据项与出境链路.xlsx", "Per-scenario export data items and the export-link "
             "table", workbook_bytes([*items_sheets, ("出境链路", LINK_HEADERS,
                                      [(i + 1, *row) for i, row in enumerate(g.links)])], filing))
    form = _form(ev, g, people, fc)
    pack.add("03_申报表字段.json", "Declaration form fields (JSON; needs_review)",
             (json.dumps(form, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    pack.add("03_申报表字段.xlsx", "Declaration form fields (XLSX; needs_review)",
             workbook_bytes([("申报表", ("字段", "内容"), _form_rows(form))], filing))
    pack.receipts += [
        Receipt(f"individuals exported in {filing.year} (de-duplicated)", people[0], people[2], people[3]),
        Receipt(f"sensitive individuals exported in {filing.year}", people[1], people[2], people[3]),
        Receipt("forecast, next three years", [v for _, v in fc.years], "forecast",
                fc.method),
        Receipt("route for the year", ev.decision.mechanism.value, "crossborder decision",
                f"as of {ev.decision.as_of}; law data sha256 {ev.law.data_hash}"),
        law_receipt(ev, "self-assessment done within months before declaring", recency,
                    "security_assessment_measures.self_assessment_recency_months"),
    ]
    if extension is not None and limit is not None:
        pack.receipts.append(law_receipt(ev, "extension growth limit (percent)", limit,
                                         "xborder_provisions_2024.extension_growth_limit_percent"))
        pack.receipts.append(Receipt("growth over the approved three years (percent)",
                                     round(float(extension.growth_percent), 2), "forecast",
                                     extension.describe()))
    if ev.scan is not None:
        pack.receipts.append(Receipt("individuals found by scan (data map)", ev.scan.individuals,
                                     "scan report", f"{ev.scan.report_name} sha256 "
                                     f"{ev.scan.report_sha256}"))
    if window is not None:
        pack.deadlines.append(window)
    if g.dropped:
        pack.needs_review.append("data items listed twice in a scenario, kept once: "
                                 + "; ".join(g.dropped))
    pack.needs_review += [
        "report part 二 (三) and (五): the template's exact wording is not in our sources",
        "03_申报表字段: field list from secondary sources",
        "self_assessment_recency_months and extension_growth_limit_percent come from the guide "
        "as summarised, not the Measures' text",
    ]
    pack.to_write += [
        "identity kit: credit-code certificate, legal representative's and handling person's "
        "IDs (sealed copies), power of attorney; the legal documents with the recipient",
        "fields marked （经办人在申报系统中填写） in the form: people's names and contacts are "
        "typed into the system, never kept in the pack",
        "the self-assessment findings (impact.point_1..6) and conclusion: the assessors' own words",
    ]
    return pack


def build_sa_pack(ev: Evidence) -> Pack:
    """The security-assessment declaration pack, or :class:`PackProblems`."""
    return _build(ev, "sa", "数据出境风险自评估报告", extend=False)


def build_sa_extension_pack(ev: Evidence) -> Pack:
    """The pack for extending an assessment's validity, or :class:`PackProblems`."""
    return _build(ev, "sa-extend", "数据出境风险自评估报告（延长评估结果有效期）", extend=True)


__all__ = ["build_sa_extension_pack", "build_sa_pack", "dedupe"]
