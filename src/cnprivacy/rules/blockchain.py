"""Blockchain information services (CAC Decree 3, 2019): filing within 10 working days of starting
the service, real-identity checks, security assessment of new functions."""

from __future__ import annotations

from cnprivacy.rules.base import Outcome, RuleContext, applies, rule, unflagged


def _provider(ctx: RuleContext, duty: str) -> Outcome:
    org = ctx.profile.organization
    return unflagged("organization.blockchain_service", org.blockchain_service) or applies(
        "organization.blockchain_service = true: provides blockchain information services", duty)


@rule("blockchain.service_filing", topic="blockchain", instrument="blockchain_provisions",
      article="11", also_cites=[("blockchain_provisions", "13")],
      title="File the blockchain information service within 10 working days of starting it",
      title_zh="区块链信息服务提供者在提供服务之日起十个工作日内履行备案手续")
def service_filing(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    days = int(ctx.param("blockchain_provisions", "filing_working_days"))
    gate = unflagged("organization.blockchain_service", org.blockchain_service)
    if gate is not None:
        return gate
    lines = ["organization.blockchain_service = true: provides blockchain information services"]
    if org.blockchain_filed:
        return applies(*lines, "organization.blockchain_filed = true: filed; show the filing "
                       "number and file changes within "
                       f"{ctx.param('blockchain_provisions', 'change_filing_working_days')} "
                       "working days")
    started = org.blockchain_service_started_on
    if started is None:
        return applies(*lines, f"file within {days} working days of starting the service; "
                       "organization.blockchain_service_started_on not given, so no date is "
                       "computed")
    due = ctx.add_workdays(started, days)
    return applies(*lines, f"started on {started}: file within {days} working days (day of "
                   f"starting not counted) = {due.day}", deadline=due)


@rule("blockchain.real_identity", topic="blockchain", instrument="blockchain_provisions",
      article="8",
      title="Verify blockchain service users' real identity",
      title_zh="对区块链信息服务使用者进行真实身份信息认证")
def real_identity(ctx: RuleContext) -> Outcome:
    return _provider(ctx, "verify users by organisation code, ID number or mobile number; no "
                          "service to unverified users")


@rule("blockchain.new_function_assessment", topic="blockchain",
      instrument="blockchain_provisions", article="9",
      title="Security assessment before launching new blockchain products or functions",
      title_zh="开发上线新产品、新应用、新功能的，报网信部门进行安全评估")
def new_function_assessment(ctx: RuleContext) -> Outcome:
    return _provider(ctx, "new products, applications or functions go through a security "
                          "assessment with the national and provincial CAC")
