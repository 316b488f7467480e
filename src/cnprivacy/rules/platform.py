"""Large network platforms: the NDSMR art 62 test, PIPL art 58 duties, the 2025 draft rules."""

from __future__ import annotations

from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule


def large_platform(ctx: RuleContext) -> tuple[bool | None, list[str], list[str]]:
    """NDSMR art 62(8): (registered ≥ 50M or MAU ≥ 10M) and complex business and major impact.

    Returns the verdict (None if a needed fact is unknown), the missing fact paths and the
    because lines for the non-numeric elements. Any element known to be false decides "no".
    """
    org = ctx.profile.organization
    reg = ctx.meets("organization.registered_users", org.registered_users,
                    "ndsmr", "large_platform_registered_users")
    mau = ctx.meets("organization.monthly_active_users", org.monthly_active_users,
                    "ndsmr", "large_platform_monthly_active_users")
    size: bool | None = True if (reg or mau) else (False if reg is False and mau is False
                                                      else None)
    lines = [f"organization.complex_business = {_show(org.complex_business)}",
             f"organization.major_impact = {_show(org.major_impact)} (important impact on "
             "national security, the economy or people's livelihood)"]
    elements = (size, org.complex_business, org.major_impact)
    if any(e is False for e in elements):
        return False, [], lines
    missing: list[str] = []
    if size is None:
        missing += [p for p, v in (("organization.registered_users", reg),
                                   ("organization.monthly_active_users", mau)) if v is None]
    if org.complex_business is None:
        missing.append("organization.complex_business")
    if org.major_impact is None:
        missing.append("organization.major_impact")
    return (None if missing else True), missing, lines


def _show(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()


def _as_large_platform(ctx: RuleContext, duty: str) -> Outcome:
    verdict, missing, lines = large_platform(ctx)
    if verdict is None:
        return needs_info(*missing, because=lines)
    if not verdict:
        return not_applicable(*lines, "not a large network platform (NDSMR art 62(8))")
    return applies(*lines, f"large network platform: {duty}")


@rule("platform.large_network_platform", topic="platform", instrument="ndsmr", article="62",
      also_cites=[("pipl", "58")],
      title="Large network platform (NDSMR art 62: size, complex business, major impact)",
      title_zh="大型网络平台（注册用户5000万以上或者月活跃用户1000万以上，业务类型复杂，具有重要影响）")
def large_network_platform(ctx: RuleContext) -> Outcome:
    return _as_large_platform(ctx, "the duties of PIPL art 58 and NDSMR arts 33, 44-46 apply")


@rule("platform.independent_oversight_body", topic="platform", instrument="pipl", article="58",
      also_cites=[("pi_audit_measures", "12"), ("ndsmr", "62")],
      title="Independent PI oversight body made up mainly of outside members",
      title_zh="成立主要由外部成员组成的独立机构监督个人信息保护")
def independent_oversight_body(ctx: RuleContext) -> Outcome:
    return _as_large_platform(ctx, "set up a compliance system and an independent body, mainly "
                                   "of outside members, overseeing PI protection and the audits")


@rule("platform.platform_rules", topic="platform", instrument="pipl", article="58",
      also_cites=[("ndsmr", "40")],
      title="Fair platform rules; stop serving seriously violating in-platform providers",
      title_zh="制定公平的平台规则，对严重违法的平台内产品或者服务提供者停止提供服务")
def platform_rules(ctx: RuleContext) -> Outcome:
    return _as_large_platform(ctx, "open, fair platform rules binding in-platform providers; "
                                   "cut off those seriously breaking PI law")


@rule("platform.pi_social_responsibility_report", topic="platform", instrument="ndsmr",
      article="44", also_cites=[("pipl", "58")],
      needs_review="NDSMR art 44 sets a yearly report but no calendar date; no deadline is "
                   "computed",
      title="Publish a PI protection social-responsibility report every year",
      title_zh="每年度发布个人信息保护社会责任报告")
def pi_social_responsibility_report(ctx: RuleContext) -> Outcome:
    years = ctx.param("ndsmr", "social_responsibility_report_interval_years")
    outcome = _as_large_platform(ctx, f"publish the report every {years} year(s): measures, "
                                      "rights requests, the oversight body's work")
    return outcome


def _designated(ctx: RuleContext, duty: str) -> Outcome:
    listed = ctx.profile.organization.large_platform_designated
    if listed is None:
        return needs_info("organization.large_platform_designated",
                          because=["the draft applies to platforms on the CAC/MPS list; "
                                   "there is no self-assessment"])
    if not listed:
        return not_applicable("organization.large_platform_designated = false: not on the "
                              "CAC/MPS list (no self-assessment)")
    return applies(f"organization.large_platform_designated = true: {duty}")


@rule("platform.large_platform_pi_rules", topic="platform", instrument="large_platform_pi_draft",
      article="designation",
      title="Designated large platform under the draft PI protection regulations",
      title_zh="列入大型网络平台名录，适用大型网络平台个人信息保护规定")
def large_platform_pi_rules(ctx: RuleContext) -> Outcome:
    return _designated(ctx, "rights requests, compliance audits and risk assessments under "
                            "the draft")


@rule("platform.large_platform_officer_and_body", topic="platform",
      instrument="large_platform_pi_draft", article="officer_and_body",
      title="Designated large platform: PI protection officer (management member, PRC national "
            "without foreign residency, 5+ years) and working body, reported to CAC",
      title_zh="大型网络平台指定个人信息保护负责人（管理层成员、无境外永久居留权或者长期居留许可的中国公民、"
               "五年以上工作经验）、成立个人信息保护工作机构并报送")
def large_platform_officer_and_body(ctx: RuleContext) -> Outcome:
    return _designated(ctx, "designate a PI protection officer - a member of management, a PRC "
                            "national without foreign permanent residency or long-term residence "
                            "permit, with PI protection expertise and 5+ years in the field - set "
                            "up a PI working body and report both to the CAC")


@rule("platform.large_platform_domestic_storage", topic="platform",
      instrument="large_platform_pi_draft", article="domestic_storage",
      title="Designated large platform: store PI collected and generated in China in domestic "
            "data centres",
      title_zh="大型网络平台在境内数据中心存储境内运营中收集和产生的个人信息")
def large_platform_domestic_storage(ctx: RuleContext) -> Outcome:
    return _designated(ctx, "store PI collected and generated in China in domestic data "
                            "centres")
