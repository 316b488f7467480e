"""Data security: important-data duties (DSL, NDSMR), the 10M-individual extension, CII duties."""

from __future__ import annotations

from cnprivacy.profile.models import Sector
from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    Status,
    applies,
    needs_info,
    not_applicable,
    rule,
    unflagged,
    unmet,
)
from cnprivacy.rules.pipl import outcome_of_activities


def _important_data(ctx: RuleContext, duty: str) -> Outcome:
    return unflagged("organization.important_data_processor",
                     ctx.profile.organization.important_data_processor,
                     "organization.important_data_processor = false (only data notified or "
                     "published as important counts, NDSMR arts 29, 37)") or applies(
        f"organization.important_data_processor = true: {duty}")


def _ciio(ctx: RuleContext, duty: str) -> Outcome:
    return unflagged("organization.ciio", ctx.profile.organization.ciio) or applies(
        f"organization.ciio = true: {duty}")


@rule("security.important_data_officer_body", topic="security", instrument="dsl", article="27",
      also_cites=[("ndsmr", "30")],
      title="Important-data processor: data security officer and management body",
      title_zh="重要数据的处理者明确数据安全负责人和管理机构")
def important_data_officer_body(ctx: RuleContext) -> Outcome:
    return _important_data(ctx, "name a data security officer from management and a "
                                "management body (rules, risk monitoring, drills, complaints)")


@rule("security.important_data_risk_assessment_yearly", topic="security", instrument="ndsmr",
      article="33", also_cites=[("dsl", "30")],
      title="Important-data processor: yearly risk assessment reported to the provincial authority",
      title_zh="重要数据的处理者每年度开展风险评估并报送省级以上主管部门")
def important_data_risk_assessment_yearly(ctx: RuleContext) -> Outcome:
    years = ctx.param("ndsmr", "important_data_risk_assessment_interval_years")
    outcome = _important_data(ctx, f"assess risks every {years} year(s) and send the report "
                                   "to the provincial-level authority (no calendar date in "
                                   "the text)")
    last = ctx.profile.organization.last_important_data_risk_assessment
    if outcome.status is Status.APPLIES and last is not None:
        return applies(*outcome.because, f"last assessment on {last}")
    return outcome


@rule("security.important_data_provision_risk_assessment", topic="security",
      instrument="ndsmr", article="31",
      title="Risk assessment before providing, entrusting or jointly processing important data",
      title_zh="提供、委托处理、共同处理重要数据前进行风险评估")
def important_data_provision_risk_assessment(ctx: RuleContext) -> Outcome:
    return _important_data(ctx, "assess the risks before each provision, entrusting or joint "
                                "processing of important data (unless for a statutory duty)")


@rule("security.ten_million_individuals", topic="security", instrument="ndsmr", article="28",
      also_cites=[("ndsmr", "30"), ("ndsmr", "32")],
      title="PI of 10 million or more people: important-data officer, body and merger reports",
      title_zh="处理1000万人以上个人信息的，遵守重要数据处理者的第三十条、第三十二条规定")
def ten_million_individuals(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    gate = unmet(ctx, "organization.individuals_processed", org.individuals_processed,
                 "ndsmr", "important_data_duties_individuals")
    if gate is not None:
        return gate
    return applies("name a network data security officer and body (art 30) and report "
                   "merger, split, dissolution or bankruptcy plans (art 32)")


@rule("security.important_data_merger_report", topic="security", instrument="ndsmr",
      article="32", also_cites=[("ndsmr", "28")],
      title="Report data disposal plans on merger, split, dissolution or bankruptcy",
      title_zh="因合并、分立、解散、破产等报告重要数据处置方案")
def important_data_merger_report(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    big = ctx.meets("organization.individuals_processed", org.individuals_processed,
                    "ndsmr", "important_data_duties_individuals")
    flag = org.important_data_processor
    duty = "report the disposal plan and the recipient to the provincial-level authority"
    if flag:
        return applies(f"organization.important_data_processor = true: {duty}")
    if big:
        return applies(f"10 million or more individuals (art 28): {duty}")
    missing = [p for p, v in (("organization.important_data_processor", flag),
                              ("organization.individuals_processed", big)) if v is None]
    if missing:
        return needs_info(*missing)
    return not_applicable("neither an important-data processor nor 10 million individuals")


@rule("security.provision_records_3y", topic="security", instrument="ndsmr", article="12",
      also_cites=[("pipl", "21"), ("pipl", "23")],
      title="Contract, supervise and keep records of providing/entrusting PI for 3 years",
      title_zh="向其他网络数据处理者提供、委托处理个人信息和重要数据的处理情况记录至少保存3年")
def provision_records_3y(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        path = f"processing[{act.id}]"
        if act.provides_to_third_parties:
            hits.append(f"{path}.provides_to_third_parties = true")
        elif act.provides_to_third_parties is None:
            unknown.append(f"{path}.provides_to_third_parties")
        if act.entrusts_processing:
            hits.append(f"{path}.entrusts_processing = true")
    for tr in ctx.profile.transfers:
        if tr.no_personal_information is False or tr.important_data:
            # The transfer id and country identify the flow; a recipient's name may be a
            # person's, and traces never quote what could be PI.
            hits.append(f"transfers[{tr.id}]: data provided to a recipient in "
                        f"{tr.recipient.country}")
    outcome = outcome_of_activities(hits, unknown, "no PI or important data is provided or entrusted to "
                                    "another processor")
    if outcome.status is not Status.APPLIES:
        return outcome
    years = ctx.param("ndsmr", "provision_record_retention_years")
    return applies(*outcome.because, f"keep the records at least {years} years")


@rule("security.cii_security_body", topic="security", instrument="cii_regs", article="14",
      also_cites=[("csl", "34 (2016) / 36 (2025)")],
      title="CIIO: dedicated security management body, vetted head and key staff",
      title_zh="关键信息基础设施运营者设置专门安全管理机构并进行安全背景审查")
def cii_security_body(ctx: RuleContext) -> Outcome:
    return _ciio(ctx, "set up a dedicated security management body and vet its head and key "
                      "staff")


@rule("security.cii_annual_testing", topic="security", instrument="cii_regs", article="17",
      also_cites=[("csl", "38 (2016) / 40 (2025)")],
      title="CIIO: security testing and risk assessment at least once a year",
      title_zh="关键信息基础设施每年至少进行一次网络安全检测和风险评估")
def cii_annual_testing(ctx: RuleContext) -> Outcome:
    years = ctx.param("cii_regs", "annual_testing_interval_years")
    return _ciio(ctx, f"test and assess at least every {years} year(s), fix and report")


@rule("security.data_risk_assessment_draft", topic="security",
      instrument="data_risk_assessment_draft", article="important_data",
      title="Yearly network data risk assessment of important data (draft measures)",
      title_zh="重要数据处理者每年开展网络数据安全风险评估（征求意见稿）")
def data_risk_assessment_draft(ctx: RuleContext) -> Outcome:
    years = ctx.param("data_risk_assessment_draft", "important_data_interval_years")
    if ctx.profile.organization.important_data_processor is False:
        general = ctx.param("data_risk_assessment_draft", "general_data_interval_years")
        return not_applicable("organization.important_data_processor = false; other processors "
                              f"are only encouraged to assess every {general} years")
    return _important_data(ctx, f"assess every {years} year(s) under the draft")


@rule("security.important_data_labelling_draft", topic="security",
      instrument="cybercrime_draft", article="data_security",
      title="Important-data processors label their data (draft cybercrime law)",
      title_zh="重要数据处理者对数据进行标识（网络犯罪防治法征求意见稿）")
def important_data_labelling_draft(ctx: RuleContext) -> Outcome:
    return _important_data(ctx, "label important data")


@rule("security.automotive_important_data_identification", topic="security",
      instrument="automotive_export_guidelines", article="scenarios",
      also_cites=[("dsl", "31"), ("xborder_provisions_2024", "2")],
      title="Automotive data: identify important data by the guidelines' scenarios before export",
      title_zh="汽车数据处理者在数据出境前按指引场景识别重要数据")
def automotive_important_data_identification(ctx: RuleContext) -> Outcome:
    profile = ctx.profile
    if Sector.AUTOMOTIVE not in profile.sectors:
        return not_applicable("sectors does not include automotive")
    exports = [t.id for t in profile.transfers if t.access_inside_china is not True]
    if not exports:
        return not_applicable("sectors includes automotive, but the profile declares no "
                              "transfer abroad (access from inside China is not an export)")
    return applies("sectors includes automotive",
                   f"transfers abroad: {', '.join(exports)}: check each against the guidelines' "
                   "important-data scenarios (R&D and design, manufacturing, driving automation, "
                   "...) before export; important data needs a security assessment")
