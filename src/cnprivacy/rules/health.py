"""Health data: the Shanghai internet healthcare guidelines (2025-11-25).

The guidelines address internet healthcare service enterprises in Shanghai. Literal scope: a
processing activity with ``medical_health`` data, flagged ``health_data_shanghai`` or run by an
organization both in Shanghai and in the healthcare sector. They are local: outside Shanghai they
are not_applicable (PIPL arts 28-29 cover the substance everywhere, see pipl.sensitive_pi_*). An
organization in Shanghai outside healthcare gets them as persuasive guidance, with the
interpretation flag (the law data parameter ``extended_scope_reading``).
"""

from __future__ import annotations

from cnprivacy.profile.models import DataCategory, Sector
from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule

SHANGHAI_NAMES = frozenset({"shanghai", "上海", "上海市"})


def _in_shanghai(ctx: RuleContext) -> bool | None:
    org = ctx.profile.organization
    names = {n.strip().lower() for n in (org.province, org.city) if n}
    if names & SHANGHAI_NAMES:
        return True
    return None if org.province is None and org.city is None else False


def _scope(ctx: RuleContext, duty: str) -> Outcome:
    acts = [a for a in ctx.profile.processing if DataCategory.MEDICAL_HEALTH in a.data_categories]
    if not acts:
        return not_applicable("no processing activity lists medical_health data")
    lines = [f"processing[{a.id}] handles medical_health data" for a in acts]
    flagged = [a for a in acts if a.health_data_shanghai]
    if flagged:
        return applies(*lines, *[f"processing[{a.id}].health_data_shanghai = true" for a in flagged],
                       duty)
    shanghai = _in_shanghai(ctx)
    healthcare = Sector.HEALTHCARE in ctx.profile.sectors
    if shanghai and healthcare:
        return applies(*lines, "organization is in Shanghai and in the healthcare sector: "
                       "within the guidelines' stated scope", duty)
    if shanghai:
        ctx.value("shanghai_health_guidelines", "extended_scope_reading")
        return applies(*lines, "organization is in Shanghai but not in the healthcare sector: "
                       "outside the guidelines' literal scope, applied as the Shanghai "
                       "regulators' stated expectation", duty)
    if shanghai is None:
        return needs_info("organization.province", because=lines)
    return not_applicable(*lines, "organization is not in Shanghai: the guidelines are local "
                          "(Shanghai CAC, AMR and Health Commission); PIPL arts 28-29 cover "
                          "sensitive health data everywhere")


@rule("health.shanghai_prominent_notice", topic="health",
      instrument="shanghai_health_guidelines", article="notice-consent",
      title="Notify purpose, data types and recipients prominently before processing health data",
      title_zh="收集、共享、委托处理个人健康医疗数据前以显著方式告知目的、数据类型和接收方")
def shanghai_prominent_notice(ctx: RuleContext) -> Outcome:
    return _scope(ctx, "notify prominently before collecting, sharing or entrusting")


@rule("health.shanghai_separate_consent", topic="health",
      instrument="shanghai_health_guidelines", article="notice-consent",
      also_cites=[("pipl", "29")],
      title="Obtain separate consent before collecting, sharing or entrusting health data",
      title_zh="收集、共享、委托处理个人健康医疗数据前取得个人单独同意")
def shanghai_separate_consent(ctx: RuleContext) -> Outcome:
    return _scope(ctx, "obtain separate consent before collecting, sharing or entrusting")
