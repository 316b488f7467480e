"""The PI export certification application materials (Decree 20, in force 2026-01-01).

The application itself follows each certification body's rules, which are not in our sources:
the summary is marked ``needs_review``. What the evidence gives: the PIPIA against art 6's six
points (the SC report's structure with art 6's wording), the export description as a summary
table, and, for a certificate already held, the renewal date (6 months before the 3-year expiry,
art 8, from the cross-border decision).
"""

from __future__ import annotations

from cnprivacy.filings import docx_layout as lay
from cnprivacy.filings.common import (
    check_counts,
    check_route,
    find_transfer,
    law_number,
    law_receipt,
    transfer_counts,
)
from cnprivacy.filings.evidence import Evidence, PackProblems, Problem
from cnprivacy.filings.pack import Pack, Receipt
from cnprivacy.filings.pi_guard import pi_problems
from cnprivacy.filings.sc import _Fields, _report
from cnprivacy.rules.crossborder.deadlines import DeadlineKind
from cnprivacy.rules.crossborder.model import SC

KIND = "cert"

# Decree 20 art 6, the six points of the PIPIA (official text).
ART6_POINTS = (
    "个人信息处理者和境外接收方处理个人信息的目的、范围、方式等的合法性、正当性、必要性",
    "出境个人信息的规模、范围、种类、敏感程度，个人信息出境可能对国家安全、公共利益、个人信息权益带来的风险",
    "境外接收方承诺承担的义务，以及履行义务的管理和技术措施、能力等能否保障出境个人信息的安全",
    "个人信息出境后遭到篡改、破坏、泄露、丢失、非法利用等的风险，个人信息权益维护的渠道是否通畅等",
    "境外接收方所在国家或者地区的个人信息保护政策和法规对出境个人信息安全和个人信息权益的影响",
    "其他可能影响个人信息出境安全的事项",
)


def build_cert_pack(ev: Evidence) -> Pack:
    """Certification application materials, or :class:`PackProblems`."""
    problems = pi_problems(ev.inputs, ev.input_name)
    transfer = find_transfer(ev, ev.inputs.transfer, problems)
    if transfer is None:
        raise PackProblems(KIND, problems)
    problems += pi_problems(transfer, ev.profile_name, f"transfers[{transfer.id}]")
    counted = transfer_counts(ev, transfer)
    check_counts(ev, transfer, counted, problems)
    check_route(ev, transfer, SC, "certification", problems)
    if transfer.important_data:
        problems.append(Problem("important data cannot be exported under certification "
                                "(Decree 20 art 5)", f"{ev.profile_name}: transfers[{transfer.id}]"))
    if ev.inputs.assessment.completed_on is None:
        problems.append(Problem("date the impact assessment was completed",
                                ev.where("assessment.completed_on")))
    body = ev.inputs.certification.body
    if not body:
        problems.append(Problem("the certification body applied to",
                                f"{ev.input_name}: certification.body"))
    fields = _Fields(ev, transfer, counted, problems)
    if problems:
        raise PackProblems(KIND, problems)
    filing, org = ev.filing_date, ev.profile.organization.name
    pack = Pack(KIND, "个人信息出境认证申请材料", filing)
    pack.add("01_个人信息保护影响评估报告.docx", "PIPIA report (Decree 20 art 6 points)",
             _report(ev, fields, org, filing.isoformat(), transfer, ART6_POINTS,
                     "《个人信息出境认证办法》第六条"))
    doc = lay.new_document()
    lay.cover(doc, "个人信息出境认证申请材料摘要", org, filing.isoformat())
    lay.heading(doc, "一、申请概况", 1)
    lay.paragraph(doc, f"申请认证机构：{body}。境外接收方：{transfer.recipient.name}"
                  f"（{transfer.recipient.country}）。")
    lay.heading(doc, "二、出境个人信息说明", 1)
    lay.table(doc, ("序号", "事项", "内容"), [
        (1, "出境目的", fields.purpose), (2, "出境方式", fields.method),
        (3, "出境规模", f"{fields.people}人（其中敏感个人信息{fields.sensitive_people}人）"),
        (4, "个人信息种类", fields.categories), (5, "敏感个人信息种类", fields.sensitive),
        (6, "境外保存地点", fields.overseas_storage), (7, "境外保存期限", fields.retention),
        (8, "境外再提供", fields.onward)], (0, 1, 3))
    lay.heading(doc, "三、认证有效期", 1)
    dues = [d for d in ev.decision.dues_of(DeadlineKind.CERTIFICATION_RENEWAL)
            if d.transfer == transfer.id]
    years = law_number(ev, "certification_measures", "validity_years", filing)
    months = law_number(ev, "certification_measures", "renewal_months_before_expiry", filing)
    lay.paragraph(doc, f"认证证书有效期为{years.value}年，需继续使用的应当在有效期届满前{months.value}个月"
                  f"重新申请（{months.citation_zh}）。"
                  + (f"本证书应于{dues[0].day}前重新申请。" if dues else "本次为首次申请。"))
    lay.review_note(doc)
    pack.add("02_认证申请材料摘要.docx", "Certification application summary (body's rules: "
             "needs_review)", lay.to_bytes(doc, filing))
    pack.receipts += [
        Receipt(f"individuals exported ({transfer.id})", counted.individuals, counted.source,
                counted.reference),
        law_receipt(ev, "certificate validity (years)", years, "certification_measures.validity_years"),
        law_receipt(ev, "renewal before expiry (months)", months,
                    "certification_measures.renewal_months_before_expiry"),
    ]
    for due in dues:
        pack.deadlines.append({"what": due.what, "due": due.day.isoformat(),
                               "estimated": due.estimated, "citation": due.citation})
    pack.needs_review.append("02_认证申请材料摘要.docx: application contents follow each "
                             "certification body's rules, not in our sources")
    pack.to_write.append("the certification body's own application form and the identity kit")
    return pack
