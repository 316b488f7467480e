"""The multi-level protection scheme (等级保护): CSL grading duty, filing with public security and
testing by level (MPS measures, flagged for review: their official text is not on file).

Every network operator in mainland China meets it first; the profile gives the highest level of
its systems (``organization.mlps_level``), and filing and testing follow from that level.
"""

from __future__ import annotations

import calendar
from datetime import date

from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule
from cnprivacy.rules.penalties import CSL_2016_LAST_DAY, CSL_2025_FIRST_DAY


def plus_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _operator_gate(ctx: RuleContext) -> Outcome | None:
    # Reading: CSL art 2 reaches networks built or operated in mainland China; we take an
    # organization established there as operating its networks there.
    country = ctx.profile.organization.country
    if country != "CN":
        return not_applicable(f"organization.country = {country}: the scheme reaches networks "
                              "built or operated in mainland China (CSL art 2)")
    return None


def _grading(ctx: RuleContext, article: str) -> Outcome:
    gate = _operator_gate(ctx)
    if gate is not None:
        return gate
    level = ctx.profile.organization.mlps_level
    return applies(
        "every network operator meets the multi-level protection scheme (CSL art "
        f"{article}): grade each network and system, then protect it to its level (internal "
        "rules and a security lead, technical measures, logs kept six months, classification, "
        "backup and encryption)",
        f"organization.mlps_level = {level}" if level is not None
        else "organization.mlps_level not given: grade the systems (GB/T 22240) to know the "
             "filing and testing duties")


@rule("security.mlps_grading", topic="security", instrument="csl", article="21",
      valid_until=CSL_2016_LAST_DAY, also_cites=[("mlps_measures", "7")],
      title="Multi-level protection scheme: grade networks and meet the duties of their level",
      title_zh="按照网络安全等级保护制度的要求定级并履行安全保护义务")
def mlps_grading_2016(ctx: RuleContext) -> Outcome:
    return _grading(ctx, "21")


@rule("security.mlps_grading", topic="security", instrument="csl", article="23",
      valid_from=CSL_2025_FIRST_DAY, also_cites=[("mlps_measures", "7")],
      title="Multi-level protection scheme: grade networks and meet the duties of their level",
      title_zh="按照网络安全等级保护制度的要求定级并履行安全保护义务")
def mlps_grading_2025(ctx: RuleContext) -> Outcome:
    return _grading(ctx, "23")


def _level(ctx: RuleContext, name: str, below: str) -> Outcome | int:
    gate = _operator_gate(ctx)
    if gate is not None:
        return gate
    level = ctx.profile.organization.mlps_level
    hit = ctx.meets("organization.mlps_level", level, "mlps_measures", name)
    if hit is None:
        return needs_info("organization.mlps_level")
    if not hit:
        return not_applicable(below)
    assert level is not None
    return level


@rule("security.mlps_filing", topic="security", instrument="mlps_measures", article="15",
      also_cites=[("csl", "23")],
      needs_review="filing threshold and period follow secondary summaries of the 2007 Measures",
      title="File level-2-and-above systems with the public security organ within 30 days",
      title_zh="第二级以上信息系统在定级后30日内到公安机关备案")
def mlps_filing(ctx: RuleContext) -> Outcome:
    level = _level(ctx, "filing_min_level", "level 1 systems are not filed")
    if not isinstance(level, int):
        return level
    days = ctx.param("mlps_measures", "filing_days")
    filed = ctx.profile.organization.mlps_filed
    return applies(f"level {level}: file with the public security organ at city level or above "
                   f"within {days} days of setting the grade (new systems: of going live)",
                   "organization.mlps_filed = true" if filed else
                   "organization.mlps_filed = false: not filed yet" if filed is False else
                   "organization.mlps_filed not given")


@rule("security.mlps_testing", topic="security", instrument="mlps_measures", article="14",
      also_cites=[("csl", "23")],
      needs_review="testing levels and intervals follow secondary summaries of the 2007 Measures",
      title="Test level-3-and-above systems periodically (level 3 yearly, level 4 half-yearly)",
      title_zh="第三级以上信息系统定期开展等级测评（第三级每年至少一次，第四级每半年至少一次）")
def mlps_testing(ctx: RuleContext) -> Outcome:
    level = _level(ctx, "testing_min_level", "systems below level 3 have no periodic test duty")
    if not isinstance(level, int):
        return level
    if level >= 5:
        return applies("level 5: tested as specially required (the measures set no interval)")
    interval = "level4_test_interval_months" if level == 4 else "level3_test_interval_months"
    months = int(ctx.param("mlps_measures", interval))
    last = ctx.profile.organization.last_mlps_test
    if last is None:
        return applies(f"level {level}: test through a qualified body at least every {months} "
                       "months; organization.last_mlps_test not given, so no date is computed")
    due = plus_months(last, months)
    return applies(f"level {level}: last test {last} + {months} months = {due}", deadline=due)
