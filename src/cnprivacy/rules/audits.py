"""Compliance audits the authority orders, and who may audit (Audit Measures arts 5, 11, 15).

The regular and biennial audits and the officer stay in :mod:`cnprivacy.rules.pipl`; the Measures
do not apply to state organs (art 19), so every rule here opens with that gate.
"""

from __future__ import annotations

from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule
from cnprivacy.rules.pipl import audit_measures_gate


@rule("pipl.ordered_audit_after_incident", topic="pipl", instrument="pi_audit_measures",
      article="5", also_cites=[("pipl", "64")],
      title="Incident hitting PI of 1M+ or sensitive PI of 100k+ people: an external audit may be ordered",
      title_zh="发生导致100万人以上个人信息或者10万人以上敏感个人信息泄露等的安全事件，可被要求委托专业机构合规审计")
def ordered_audit_after_incident(ctx: RuleContext) -> Outcome:
    gate = audit_measures_gate(ctx)
    if gate is not None:
        return gate
    org = ctx.profile.organization
    people = ctx.meets("organization.pi_incident_individuals", org.pi_incident_individuals,
                       "pi_audit_measures", "ordered_audit_incident_individuals")
    sensitive = ctx.meets("organization.pi_incident_sensitive_individuals",
                          org.pi_incident_sensitive_individuals,
                          "pi_audit_measures", "ordered_audit_incident_sensitive_individuals")
    if people or sensitive:
        return applies("the protection authority may require an audit by a professional body "
                       "(art 5(3)); not twice for the same incident",
                       "after an ordered audit, rectify and report within "
                       f"{ctx.param('pi_audit_measures', 'rectification_report_workdays')} working "
                       "days of finishing (art 11)")
    missing = [path for path, hit in (
        ("organization.pi_incident_individuals", people),
        ("organization.pi_incident_sensitive_individuals", sensitive)) if hit is None]
    if missing:
        return needs_info(*missing)
    return not_applicable("no incident reached either number; an audit may still be ordered "
                          "for serious risks or harm to many people (art 5(1)-(2))")


@rule("pipl.ordered_audit_rectification_report", topic="pipl", instrument="pi_audit_measures",
      article="11",
      title="Report on rectification within 15 working days of finishing it (ordered audits)",
      title_zh="按要求开展合规审计的，整改完成后15个工作日内报送整改情况报告")
def ordered_audit_rectification_report(ctx: RuleContext) -> Outcome:
    gate = audit_measures_gate(ctx)
    if gate is not None:
        return gate
    done = ctx.profile.organization.ordered_audit_rectified_on
    days = int(ctx.param("pi_audit_measures", "rectification_report_workdays"))
    if done is None:
        return not_applicable("organization.ordered_audit_rectified_on is not given: no "
                              "rectification after an ordered audit is on record")
    due = ctx.add_workdays(done, days)
    return applies(f"rectification finished on {done}: report to the protection authority "
                   f"within {days} working days (day of finishing not counted) = {due.day}",
                   deadline=due)


@rule("pipl.audit_auditor_rotation", topic="pipl", instrument="pi_audit_measures", article="15",
      title="Change the audit body or audit lead before a third consecutive audit",
      title_zh="同一专业机构及其关联机构、同一合规审计负责人不得连续三次以上审计同一对象")
def audit_auditor_rotation(ctx: RuleContext) -> Outcome:
    gate = audit_measures_gate(ctx)
    if gate is not None:
        return gate
    done = ctx.profile.organization.audits_in_a_row_by_same_auditor
    upcoming = None if done is None else done + 1
    barred = ctx.meets("the next audit's place in the series (audits_in_a_row_by_same_auditor "
                       "+ 1)", upcoming, "pi_audit_measures", "same_auditor_consecutive_limit")
    if barred is None:
        return needs_info("organization.audits_in_a_row_by_same_auditor")
    if not barred:
        return not_applicable(f"the same body or lead may do audit no. {upcoming} in a row")
    return applies(f"audit no. {upcoming} in a row by the same body (with affiliates) or lead is "
                   "barred (连续三次以上 includes the third): engage another body and lead")
