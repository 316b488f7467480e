"""Penalty exposure: PIPL art 66, DSL arts 45-48, NDSMR art 57, the CSL before and after 2026.

Each finding states the caps the organization is exposed to, read from dated parameters, so an
as-of evaluation and ``diff`` show a cap changing on the day the law changes it. State organs (and
organisations authorised to manage public affairs, PIPL art 37) are not fined: PIPL art 68, DSL
art 49, CSL art 72 (2016) / 74 (2025) and NDSMR art 60 put correction and discipline in place of
fines, so every fine finding is not_applicable for them and ``penalties.state_organ_discipline``
says what they face instead.
"""

from __future__ import annotations

from datetime import date

from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule, unflagged
from cnprivacy.rules.pipl import pi_gate

CSL_2016_LAST_DAY = date(2025, 12, 31)
CSL_2025_FIRST_DAY = date(2026, 1, 1)


def cny(amount: float) -> str:
    return f"RMB {amount:,.0f}"


def csl_state_organ_article(day: date) -> str:
    """The CSL article on state organs' government networks in force on ``day``."""
    return "74" if day >= CSL_2025_FIRST_DAY else "72"


def state_organ_gate(ctx: RuleContext) -> Outcome | None:
    """not_applicable for a state organ: the laws order correction and discipline, not fines."""
    if not ctx.profile.organization.state_organ:
        return None
    return not_applicable(
        "organization.state_organ = true: state organs (and organisations authorised to manage "
        "public affairs, PIPL art 37) are not fined; their superior orders correction and the "
        "persons responsible are disciplined (PIPL art 68, DSL art 49, CSL art "
        f"{csl_state_organ_article(ctx.as_of)}, NDSMR art 60); see "
        "penalties.state_organ_discipline")


def _data_processor_gate(ctx: RuleContext) -> Outcome | None:
    organ = state_organ_gate(ctx)
    if organ is not None:
        return organ
    org = ctx.profile.organization
    if org.important_data_processor or org.ciio:
        return None
    return pi_gate(ctx)


def serious_pi_fine_cap(revenue: int, fixed_cap: float, share: float) -> tuple[float, float]:
    """PIPL art 66 ¶2: the fixed cap and the turnover-based cap; exposure is the larger."""
    turnover_cap = revenue * share
    return turnover_cap, max(fixed_cap, turnover_cap)


@rule("penalties.pipl_art66_general", topic="penalties", instrument="pipl", article="66",
      title="PIPL penalty exposure (art 66 ¶1): up to RMB 1M on refusal to correct",
      title_zh="个人信息保护法第六十六条第一款：拒不改正的处一百万元以下罚款")
def pipl_art66_general(ctx: RuleContext) -> Outcome:
    gate = state_organ_gate(ctx) or pi_gate(ctx)
    if gate is not None:
        return gate
    cap = ctx.param("pipl", "art66_1_fine_cap_cny")
    low = ctx.param("pipl", "art66_1_person_fine_min_cny")
    high = ctx.param("pipl", "art66_1_person_fine_max_cny")
    return applies(f"correction, warning, confiscation, app suspension; on refusal a fine up "
                   f"to {cny(cap)}; persons in charge {cny(low)}-{cny(high)}")


@rule("penalties.pipl_art66_serious", topic="penalties", instrument="pipl", article="66",
      interpretation=True,
      title="PIPL penalty exposure, serious cases (art 66 ¶2): RMB 50M or 5% of turnover",
      title_zh="个人信息保护法第六十六条第二款：五千万元以下或者上一年度营业额百分之五以下罚款")
def pipl_art66_serious(ctx: RuleContext) -> Outcome:
    gate = state_organ_gate(ctx) or pi_gate(ctx)
    if gate is not None:
        return gate
    fixed = ctx.param("pipl", "art66_2_fine_cap_cny")
    share = ctx.param("pipl", "art66_2_turnover_share")
    revenue = ctx.profile.organization.revenue_prior_year_cny
    if revenue is None:
        return needs_info("organization.revenue_prior_year_cny",
                          because=[f"cap is {cny(fixed)} or {share:.0%} of prior-year turnover"])
    turnover_cap, ceiling = serious_pi_fine_cap(revenue, fixed, share)
    low = ctx.param("pipl", "art66_2_person_fine_min_cny")
    high = ctx.param("pipl", "art66_2_person_fine_max_cny")
    return applies(
        f"cap {cny(fixed)} or {share:.0%} of prior-year turnover "
        f"({cny(revenue)} x {share:.0%} = {cny(turnover_cap)}); exposure ceiling {cny(ceiling)} "
        "(the text says 或者 without 'whichever is higher': the larger figure is shown)",
        f"persons in charge {cny(low)}-{cny(high)} and possible bans from director, "
        "supervisor, senior manager and PI officer posts")


@rule("penalties.dsl_art45_security_duties", topic="penalties", instrument="dsl", article="45",
      title="DSL penalty exposure for data security duties (art 45)",
      title_zh="数据安全法第四十五条：不履行数据安全保护义务的罚款")
def dsl_art45_security_duties(ctx: RuleContext) -> Outcome:
    gate = _data_processor_gate(ctx)
    if gate is not None:
        return gate
    return applies(
        f"failing arts 27/29/30: fine up to {cny(ctx.param('dsl', 'art45_fine_cap_cny'))}; "
        f"on refusal or large leaks up to {cny(ctx.param('dsl', 'art45_serious_fine_cap_cny'))}"
        f" (persons up to {cny(ctx.param('dsl', 'art45_person_fine_cap_cny'))}); core-data "
        f"breaches up to {cny(ctx.param('dsl', 'art45_core_data_fine_cap_cny'))}")


@rule("penalties.dsl_art46_important_data_export", topic="penalties", instrument="dsl",
      article="46", also_cites=[("dsl", "31")],
      title="DSL penalty exposure for exporting important data unlawfully (art 46)",
      title_zh="数据安全法第四十六条：违法向境外提供重要数据的罚款")
def dsl_art46_important_data_export(ctx: RuleContext) -> Outcome:
    organ = state_organ_gate(ctx)
    if organ is not None:
        return organ
    transfers = ctx.profile.transfers
    if not transfers:
        return not_applicable("no transfers abroad")
    hits = [t.id for t in transfers if t.important_data]
    unknown = [f"transfers[{t.id}].important_data" for t in transfers if t.important_data is None]
    if not hits and unknown:
        return needs_info(*unknown)
    if not hits:
        return not_applicable("no transfer contains important data")
    return applies(
        f"transfers {hits} contain important data: fine up to "
        f"{cny(ctx.param('dsl', 'art46_fine_cap_cny'))}, serious cases up to "
        f"{cny(ctx.param('dsl', 'art46_serious_fine_cap_cny'))}")


@rule("penalties.dsl_art47_data_intermediary", topic="penalties", instrument="dsl",
      article="47",
      title="DSL penalty exposure of data-trading intermediaries (art 47)",
      title_zh="数据安全法第四十七条：数据交易中介服务机构的罚款")
def dsl_art47_data_intermediary(ctx: RuleContext) -> Outcome:
    gate = state_organ_gate(ctx) or unflagged("organization.data_trading_intermediary",
                     ctx.profile.organization.data_trading_intermediary)
    if gate is not None:
        return gate
    return applies(
        f"up to {ctx.param('dsl', 'art47_gains_multiple_max')} times illegal gains, or up to "
        f"{cny(ctx.param('dsl', 'art47_fine_cap_no_gains_cny'))} without gains")


@rule("penalties.dsl_art48_data_requests", topic="penalties", instrument="dsl", article="48",
      title="DSL penalty exposure: refusing data requests, data to foreign justice (art 48)",
      title_zh="数据安全法第四十八条：拒不配合数据调取、未经批准向外国司法或者执法机构提供数据")
def dsl_art48_data_requests(ctx: RuleContext) -> Outcome:
    gate = _data_processor_gate(ctx)
    if gate is not None:
        return gate
    return applies(
        f"refusing lawful data requests: up to {cny(ctx.param('dsl', 'art48_1_fine_cap_cny'))};"
        " data to foreign judicial or law-enforcement bodies without approval: up to "
        f"{cny(ctx.param('dsl', 'art48_2_serious_fine_cap_cny'))} in serious cases")


@rule("penalties.ndsmr_important_data", topic="penalties", instrument="ndsmr", article="57",
      also_cites=[("ndsmr", "28")],
      title="NDSMR penalty exposure for important-data duties (art 57)",
      title_zh="网络数据安全管理条例第五十七条：违反重要数据相关规定的罚款")
def ndsmr_important_data(ctx: RuleContext) -> Outcome:
    organ = state_organ_gate(ctx)
    if organ is not None:
        return organ
    org = ctx.profile.organization
    big = ctx.meets("organization.individuals_processed", org.individuals_processed,
                    "ndsmr", "important_data_duties_individuals")
    line = (f"fine up to {cny(ctx.param('ndsmr', 'art57_fine_cap_cny'))}; on refusal or large "
            f"leaks up to {cny(ctx.param('ndsmr', 'art57_serious_fine_cap_cny'))}")
    if org.important_data_processor:
        return applies("organization.important_data_processor = true", line)
    if big:
        return applies("arts 30 and 32 apply through art 28", line)
    missing = [p for p, v in (("organization.important_data_processor",
                               org.important_data_processor),
                              ("organization.individuals_processed", big)) if v is None]
    if missing:
        return needs_info(*missing)
    return not_applicable("neither an important-data processor nor 10 million individuals")


def _csl_operator(ctx: RuleContext, article: str) -> Outcome:
    gate = _data_processor_gate(ctx)
    if gate is not None:
        return gate
    first = ctx.param("csl", "operator_fine_without_refusal_cap_cny")
    cap = ctx.param("csl", "operator_fine_cap_cny")
    person = ctx.param("csl", "operator_person_fine_cap_cny")
    start = (f"a fine up to {cny(first)} may be imposed at once" if first
             else "a warning first (no fine without refusal or harm)")
    lines = [f"network operator duties (CSL art {article}): {start}; on refusal or harm "
             f"up to {cny(cap)}, persons in charge up to {cny(person)}"]
    lines += _csl_harm_tiers(ctx, article)
    return applies(*lines)


def _csl_harm_tiers(ctx: RuleContext, article: str) -> list[str]:
    """CSL 2025 art 61 ¶3 (有前两款行为): the harm tiers reach operators and CIIOs alike."""
    leak = ctx.param("csl", "large_leak_fine_cap_cny")
    top = ctx.param("csl", "serious_harm_fine_cap_cny")
    lines = []
    if leak is not None:
        lines.append(f"large data leaks or partial loss of CII function (CSL art {article} ¶3): "
                     f"up to {cny(leak)}, persons in charge up to "
                     f"{cny(ctx.param('csl', 'large_leak_person_fine_cap_cny'))}")
    if top is not None:
        lines.append(f"especially serious harm (CII losing main functions): up to {cny(top)}, "
                     "persons in charge up to "
                     f"{cny(ctx.param('csl', 'serious_harm_person_fine_cap_cny'))}")
    return lines


@rule("penalties.csl_network_operator", topic="penalties", instrument="csl", article="59",
      valid_until=CSL_2016_LAST_DAY,
      title="CSL penalty exposure of network operators (security duties)",
      title_zh="网络安全法：网络运营者不履行网络安全保护义务的罚款")
def csl_network_operator_2016(ctx: RuleContext) -> Outcome:
    return _csl_operator(ctx, "59")


@rule("penalties.csl_network_operator", topic="penalties", instrument="csl", article="61",
      valid_from=CSL_2025_FIRST_DAY,
      title="CSL penalty exposure of network operators (security duties)",
      title_zh="网络安全法：网络运营者不履行网络安全保护义务的罚款")
def csl_network_operator_2025(ctx: RuleContext) -> Outcome:
    return _csl_operator(ctx, "61")


def _csl_ciio(ctx: RuleContext, article: str) -> Outcome:
    gate = state_organ_gate(ctx) or unflagged("organization.ciio", ctx.profile.organization.ciio)
    if gate is not None:
        return gate
    first = ctx.param("csl", "ciio_fine_without_refusal_cap_cny")
    cap = ctx.param("csl", "ciio_fine_cap_cny")
    person = ctx.param("csl", "person_fine_cap_cny")
    lines = [f"CIIO duties (CSL art {article}): "
             + (f"a fine up to {cny(first)} may be imposed at once" if first
                else "a warning first (no fine without refusal or harm)")
             + f"; on refusal or harm up to {cny(cap)}"]
    lines += _csl_harm_tiers(ctx, article)
    lines.append(f"persons in charge up to {cny(person)}")
    return applies(*lines)


@rule("penalties.csl_ciio", topic="penalties", instrument="csl", article="59",
      valid_until=CSL_2016_LAST_DAY,
      title="CSL penalty exposure of CII operators",
      title_zh="网络安全法：关键信息基础设施运营者不履行安全保护义务的罚款")
def csl_ciio_2016(ctx: RuleContext) -> Outcome:
    return _csl_ciio(ctx, "59")


@rule("penalties.csl_ciio", topic="penalties", instrument="csl", article="61",
      valid_from=CSL_2025_FIRST_DAY,
      title="CSL penalty exposure of CII operators",
      title_zh="网络安全法：关键信息基础设施运营者不履行安全保护义务的罚款")
def csl_ciio_2025(ctx: RuleContext) -> Outcome:
    return _csl_ciio(ctx, "61")


def _csl_pi(ctx: RuleContext) -> Outcome:
    gate = state_organ_gate(ctx) or pi_gate(ctx)
    if gate is not None:
        return gate
    cap = ctx.param("csl", "pi_fine_cap_no_gains_cny")
    multiple = ctx.param("csl", "pi_gains_multiple_max")
    if cap is None:
        return not_applicable("from 2026-01-01 CSL art 71 sends PI infringements to the PIPL "
                              "and other laws; CSL sets no fine of its own "
                              "(see penalties.pipl_art66_*)")
    return applies(f"PI infringements: 1-{multiple} times illegal gains, or up to {cny(cap)} "
                   "without gains")


@rule("penalties.csl_pi_infringement", topic="penalties", instrument="csl", article="64",
      valid_until=CSL_2016_LAST_DAY,
      title="CSL's own fines for PI infringements (to the PIPL from 2026-01-01)",
      title_zh="网络安全法对侵害个人信息的罚款（2026年1月1日起依照其他法律处罚）")
def csl_pi_infringement_2016(ctx: RuleContext) -> Outcome:
    return _csl_pi(ctx)


@rule("penalties.csl_pi_infringement", topic="penalties", instrument="csl", article="71",
      valid_from=CSL_2025_FIRST_DAY,
      title="CSL's own fines for PI infringements (to the PIPL from 2026-01-01)",
      title_zh="网络安全法对侵害个人信息的罚款（2026年1月1日起依照其他法律处罚）")
def csl_pi_infringement_2025(ctx: RuleContext) -> Outcome:
    return _csl_pi(ctx)


@rule("penalties.cybercrime_draft", topic="penalties", instrument="cybercrime_draft",
      article="penalties",
      title="Draft cybercrime law: fines up to RMB 5M or 10 times illegal gains",
      title_zh="网络犯罪防治法（征求意见稿）：最高五百万元或者违法所得十倍罚款")
def cybercrime_draft(ctx: RuleContext) -> Outcome:
    # Reading: the draft's text is not in our sources; like the four laws that replace fines
    # with discipline for state organs, its fines are taken not to reach them.
    gate = _data_processor_gate(ctx)
    if gate is not None:
        return gate
    cap = ctx.param("cybercrime_draft", "fine_cap_cny")
    multiple = ctx.param("cybercrime_draft", "gains_multiple_max")
    return applies(f"fines up to {cny(cap)} or {multiple} times illegal gains, licence "
                   "revocation")


_DISCIPLINE_TITLE = ("State organs: correction ordered by the superior and discipline of the "
                     "persons responsible, no fines")
_DISCIPLINE_TITLE_ZH = "国家机关不履行保护义务的，由上级机关责令改正，对直接责任人员依法给予处分"


def _state_organ_discipline(ctx: RuleContext) -> Outcome:
    organ = ctx.profile.organization.state_organ
    if organ is None:
        return needs_info("organization.state_organ")
    if not organ:
        return not_applicable("organization.state_organ = false: the fines of the penalty "
                              "findings apply instead")
    return applies(
        "organization.state_organ = true (PIPL art 37: includes organisations authorised by law "
        "to manage public affairs)",
        "failing PI, data or network security duties: the superior organ or the competent "
        "authority orders correction; the persons directly responsible are disciplined "
        f"(PIPL art 68, DSL art 49, CSL art {csl_state_organ_article(ctx.as_of)}, NDSMR art 60)",
        "no fine and no RMB exposure under these laws")


@rule("penalties.state_organ_discipline", topic="penalties", instrument="pipl", article="68",
      also_cites=[("dsl", "49"), ("csl", "72"), ("ndsmr", "60")],
      valid_until=CSL_2016_LAST_DAY, title=_DISCIPLINE_TITLE, title_zh=_DISCIPLINE_TITLE_ZH)
def state_organ_discipline_2016(ctx: RuleContext) -> Outcome:
    return _state_organ_discipline(ctx)


@rule("penalties.state_organ_discipline", topic="penalties", instrument="pipl", article="68",
      also_cites=[("dsl", "49"), ("csl", "74"), ("ndsmr", "60")],
      valid_from=CSL_2025_FIRST_DAY, title=_DISCIPLINE_TITLE, title_zh=_DISCIPLINE_TITLE_ZH)
def state_organ_discipline_2025(ctx: RuleContext) -> Outcome:
    return _state_organ_discipline(ctx)
