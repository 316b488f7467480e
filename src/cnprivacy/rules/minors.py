"""Minors' personal information under the Regulations on the Protection of Minors Online."""

from __future__ import annotations

from datetime import date

from cnprivacy.profile import Profile
from cnprivacy.profile.models import DataCategory
from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule


def minors_present(profile: Profile) -> tuple[bool | None, str]:
    """Whether PI of anyone under 18 is processed (under-14s count), with the reason."""
    org = profile.organization
    acts = [a.id for a in profile.processing if DataCategory.MINOR_UNDER_14 in a.data_categories]
    if acts:
        return True, f"processing {acts} handles PI of minors under 14"
    if org.minors_under_14_processed:
        return True, f"organization.minors_under_14_processed = {org.minors_under_14_processed}"
    if org.minors_processed:
        return True, f"organization.minors_processed = {org.minors_processed} (under 18)"
    if org.minors_processed is None:
        return None, "organization.minors_processed"
    return False, "organization.minors_processed = 0: no PI of minors (under 18)"


def _minors(ctx: RuleContext, duty: str) -> Outcome:
    found, reason = minors_present(ctx.profile)
    if found is None:
        return needs_info(reason)
    if not found:
        return not_applicable(reason)
    return applies(f"{reason}: {duty}")


@rule("minors.yearly_compliance_audit", topic="minors", instrument="minors_online_regs",
      article="37", also_cites=[("pipl", "54")],
      title="Yearly compliance audit of minors' PI, reported to the CAC",
      title_zh="每年对处理未成年人个人信息遵守法律、行政法规的情况进行合规审计并报告")
def yearly_compliance_audit(ctx: RuleContext) -> Outcome:
    years = ctx.param("minors_online_regs", "minors_audit_interval_years")
    return _minors(ctx, f"audit compliance every {years} year(s), in-house or by a "
                        "professional body, and report the results to the CAC")


@rule("minors.breach_reporting", topic="minors", instrument="minors_online_regs", article="35",
      title="Minors' PI incidents: report to the CAC and tell minors and guardians",
      title_zh="未成年人个人信息安全事件及时报告并告知受影响的未成年人及其监护人")
def breach_reporting(ctx: RuleContext) -> Outcome:
    return _minors(ctx, "on a leak, alteration or loss, launch the plan, report promptly and "
                        "tell affected minors and guardians by mail, letter, phone or push")


@rule("minors.access_control", topic="minors", instrument="minors_online_regs", article="36",
      title="Least-privilege, approved and logged staff access to minors' PI",
      title_zh="对未成年人个人信息访问最小授权、审批并记录")
def access_control(ctx: RuleContext) -> Outcome:
    return _minors(ctx, "least-privilege access, approval by the responsible person, access "
                        "logs and technical safeguards")


@rule("minors.no_forced_consent", topic="minors", instrument="minors_online_regs", article="32",
      title="No forced consent to unnecessary processing of minors' PI",
      title_zh="不得强制要求未成年人或者其监护人同意非必要的个人信息处理")
def no_forced_consent(ctx: RuleContext) -> Outcome:
    return _minors(ctx, "collect only necessary PI and keep basic functions available when "
                        "consent to unnecessary processing is refused or withdrawn")


def next_report_day(today: date, month_day: str) -> date:
    """The first ``MM-DD`` on or after ``today``: the report for the previous year falls due."""
    month, day = (int(part) for part in month_day.split("-"))
    due = date(today.year, month, day)
    return due if due >= today else date(today.year + 1, month, day)


@rule("minors.audit_report_by_january", topic="minors", instrument="minors_audit_announcement",
      article="reporting", also_cites=[("minors_online_regs", "37")],
      title="Report the previous year's minors' PI audit to the city-level CAC by 31 January",
      title_zh="每年1月31日前向设区的市级网信部门报送上一年度未成年人个人信息保护合规审计情况")
def audit_report_by_january(ctx: RuleContext) -> Outcome:
    found, reason = minors_present(ctx.profile)
    if found is None:
        return needs_info(reason)
    if not found:
        return not_applicable(reason)
    org = ctx.profile.organization
    due = next_report_day(ctx.as_of, str(ctx.param("minors_audit_announcement",
                                                   "report_due_month_day")))
    counts = (f"children under 14: {org.minors_under_14_processed}; minors under 18: "
              f"{org.minors_processed}" if org.minors_processed is not None
              and org.minors_under_14_processed is not None
              else "give the counts of children (under 14) and minors (under 18) separately")
    return applies(reason, f"report the {due.year - 1} audit to the city-level CAC by {due}",
                   f"the report counts children and minors separately ({counts})", deadline=due)
