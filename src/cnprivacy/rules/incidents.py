"""Security incidents: PI breach notice, incident plans, reporting time limits."""

from __future__ import annotations

from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    applies,
    needs_info,
    not_applicable,
    rule,
    unflagged,
)
from cnprivacy.rules.pipl import pi_gate


def _data_gate(ctx: RuleContext) -> Outcome | None:
    """Network operators and data processors: anyone processing PI, a CIIO or a state organ."""
    org = ctx.profile.organization
    if org.ciio or org.state_organ or org.important_data_processor:
        return None
    return pi_gate(ctx)


@rule("incidents.pi_breach_notification", topic="incidents", instrument="pipl", article="57",
      also_cites=[("ndsmr", "11")],
      title="PI leak, alteration or loss: remedy and notify the authority and individuals",
      title_zh="发生个人信息泄露、篡改、丢失的，立即采取补救措施并通知主管部门和个人")
def pi_breach_notification(ctx: RuleContext) -> Outcome:
    gate = pi_gate(ctx)
    return gate or applies(
        "on an actual or possible leak, alteration or loss: remedy at once and notify the "
        "authority and individuals (categories, cause, harm, remedies, contact); no hour limit "
        "in PIPL ('immediately'); individuals harmed are told by phone, SMS, IM, e-mail or "
        "notice (NDSMR art 11)")


@rule("incidents.data_incident_response_plan", topic="incidents", instrument="ndsmr",
      article="11", also_cites=[("dsl", "29")],
      title="Network data incident response plan, launched and reported on an incident",
      title_zh="建立网络数据安全事件应急预案，发生事件时立即启动并报告")
def data_incident_response_plan(ctx: RuleContext) -> Outcome:
    gate = _data_gate(ctx)
    return gate or applies("keep an incident response plan; on an incident launch it, contain "
                           "the harm and report as required")


@rule("incidents.vulnerability_report_24h", topic="incidents", instrument="ndsmr", article="10",
      title="Report flaws endangering national security within 24 hours",
      title_zh="产品、服务安全缺陷涉及危害国家安全、公共利益的，24小时内报告")
def vulnerability_report_24h(ctx: RuleContext) -> Outcome:
    hours = ctx.param("ndsmr", "vulnerability_report_hours")
    gate = _data_gate(ctx)
    return gate or applies("remedy flaws in products or services at once and tell users; "
                           f"report within {hours} hours where national security or the "
                           "public interest is endangered")


@rule("incidents.cyber_incident_reporting", topic="incidents",
      instrument="incident_reporting_measures", article="reporting",
      also_cites=[("csl", "25 (2016) / 27 (2025)")],
      title="Report relatively major cybersecurity incidents within 1, 2 or 4 hours",
      title_zh="较大及以上网络安全事件按时限报告（关键信息基础设施1小时、中央和国家机关2小时、其他4小时）")
def cyber_incident_reporting(ctx: RuleContext) -> Outcome:
    gate = _data_gate(ctx)
    if gate is not None:
        return gate
    org = ctx.profile.organization
    if org.ciio is None:
        return needs_info("organization.ciio", because=["the time limit depends on whether "
                                                        "CII is involved"])
    if org.ciio:
        hours = ctx.param("incident_reporting_measures", "cii_report_hours")
        return applies(f"organization.ciio = true: report to the protection department and "
                       f"the police within {hours} hour(s)")
    if org.state_organ is None:
        return needs_info("organization.state_organ")
    if org.state_organ:
        hours = ctx.param("incident_reporting_measures", "state_organ_report_hours")
        return applies(f"organization.state_organ = true: report to the organ's cyber unit "
                       f"within {hours} hours")
    hours = ctx.param("incident_reporting_measures", "operator_report_hours")
    return applies(f"other network operator: report to the provincial CAC within {hours} "
                   "hours")


@rule("incidents.cii_incident_reporting", topic="incidents", instrument="cii_regs",
      article="18", also_cites=[("incident_reporting_measures", "reporting")],
      title="CIIO: report major incidents and threats to the protection department and police",
      title_zh="关键信息基础设施发生重大网络安全事件或者发现重大网络安全威胁时报告")
def cii_incident_reporting(ctx: RuleContext) -> Outcome:
    gate = unflagged("organization.ciio", ctx.profile.organization.ciio)
    if gate is not None:
        return gate
    line = "report major incidents and threats to the protection department and the police"
    if ctx.defined("incident_reporting_measures", "cii_report_hours"):
        hours = ctx.param("incident_reporting_measures", "cii_report_hours")
        line += f" within {hours} hour(s) (Incident Reporting Measures)"
    return applies(f"organization.ciio = true: {line}")



_PI_LEAK_GRADES = (("especially_serious_pi_leak_individuals", "特别重大 (especially major)"),
                   ("serious_pi_leak_individuals", "重大 (major)"),
                   ("major_pi_leak_individuals", "较大 (relatively major)"))


@rule("incidents.pi_leak_grade", topic="incidents", instrument="incident_reporting_measures",
      article="grading", also_cites=[("incident_reporting_measures", "reporting")],
      title="Grade a PI leak by people affected: 1M+ relatively major, 10M+ major, 100M+ "
            "especially major (reportable)",
      title_zh="个人信息泄露按人数定级：100万人以上较大、1000万人以上重大、1亿人以上特别重大，较大及以上报告")
def pi_leak_grade(ctx: RuleContext) -> Outcome:
    gate = _data_gate(ctx)
    if gate is not None:
        return gate
    count = ctx.profile.organization.pi_incident_individuals
    for name, grade in _PI_LEAK_GRADES:
        hit = ctx.meets("organization.pi_incident_individuals", count,
                        "incident_reporting_measures", name)
        if hit is None:
            return needs_info("organization.pi_incident_individuals")
        if hit:
            days = ctx.param("incident_reporting_measures", "summary_report_days")
            return applies(f"a leak of this size is graded {grade}: report within the hours of "
                           "incidents.cyber_incident_reporting, and a summary report within "
                           f"{days} days after handling ends")
    return not_applicable("below the PI-leak size of a 较大 incident; other grading criteria of "
                          "the annex (systems, services, losses) may still make it reportable")


@rule("incidents.report_content_and_summary", topic="incidents",
      instrument="incident_reporting_measures", article="report-content",
      also_cites=[("incident_reporting_measures", "summary-report")],
      title="Report the listed items (the first ones at once, the rest supplemented) and a "
            "summary report within 30 days after handling ends",
      title_zh="按规定事项报告网络安全事件（可先报前两项、其余及时补报），处置结束后30日内提交总结报告")
def report_content_and_summary(ctx: RuleContext) -> Outcome:
    gate = _data_gate(ctx)
    if gate is not None:
        return gate
    first = ctx.param("incident_reporting_measures", "initial_report_items")
    days = ctx.param("incident_reporting_measures", "summary_report_days")
    return applies(f"for a relatively major (较大) or worse incident: items 1-{first} may go first (unit and "
                   "system; time, place, type, impact, harm and measures) and the rest are "
                   f"supplemented; within {days} days after handling ends a summary report "
                   "(cause, response, harm, accountability, rectification, lessons)")
