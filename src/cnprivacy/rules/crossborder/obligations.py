"""The ``crossborder.*`` obligations of ``assess``: each reads the one decision, so they agree.

They act on the decision's fields (routes, exemptions, deadline kinds, the FTZ), never on the
wording of its ``because`` lines, which they only pass on.

PIPL art. 39 separate consent (``pipl.separate_consent_export``) and the export PIPIA
(``pipl.pipia``) belong to the PIPL rules and are not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule
from cnprivacy.rules.crossborder.deadlines import DeadlineKind, Due
from cnprivacy.rules.crossborder.decision import decide_crossborder
from cnprivacy.rules.crossborder.instruments import P24, SAM
from cnprivacy.rules.crossborder.model import SA, SC, Decision, TransferResult
from cnprivacy.rules.crossborder.places import NEGATIVE

# Where the run's one decision is kept in the context's per-run, per-date memo.
DECISION_MEMO_KEY = "crossborder.decision"
_THRESHOLDS = ("exemption_individuals", "contract_individuals", "assessment_individuals",
               "assessment_sensitive_individuals", "exempt_volume_not_counted")
# Before 2024-03-22: Decree 11 art 4's original triggers.
_ORIGINAL_THRESHOLDS = ("original_processed_individuals", "original_assessment_individuals",
                        "original_assessment_sensitive_individuals")


def _decision(ctx: RuleContext, counts_matter: bool = True) -> Decision:
    """The one decision per assessment run; rules whose answer rests on the year's counts re-read
    the thresholds (so their findings carry the values and the interpretation flag)."""
    dec = ctx.memo(DECISION_MEMO_KEY, lambda: decide_crossborder(ctx.profile, ctx))
    if counts_matter:
        current = ctx.defined(P24, "assessment_individuals")
        for name in _THRESHOLDS if current else _ORIGINAL_THRESHOLDS:
            ctx.value(P24 if current else SAM, name)
    return dec


def _soonest(dues: Iterable[Due], as_of: date) -> date | None:
    """The earliest deadline, overdue ones included: a missed filing is the first thing to show."""
    del as_of
    return min((d.day for d in dues), default=None)


def _lines(dues: Iterable[Due], as_of: date) -> list[str]:
    return [f"{d.transfer}: {d.what}: due {d.day}" + (" (OVERDUE)" if d.day < as_of else "")
            for d in sorted(dues, key=lambda d: d.day)]


def _under_gba_contract(t: TransferResult) -> bool:
    """A GBA flow whose GBA contract is in place and open to its route (no volume cap)."""
    return t.mechanism_in_place == "gba_standard_contract" and "gba_standard_contract" in t.options


def _summary(dec: Decision) -> list[str]:
    lines = [f"year {dec.year}: {dec.individuals} individuals, {dec.sensitive_individuals} sensitive "
             f"individuals counted ({dec.counts_source}); route {dec.mechanism.value}"]
    return lines + list(dec.because)


@rule("crossborder.security_assessment", topic="crossborder", instrument="xborder_provisions_2024",
      article="7", also_cites=[("security_assessment_measures", "4"), ("cac_xborder_qa_2026_01", "")],
      title="Declare a data-export security assessment through the provincial CAC",
      title_zh="通过所在地省级网信部门申报数据出境安全评估")
def security_assessment(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx)
    if dec.mechanism is SA:
        ids = [t.id for t in dec.transfers if t.mechanism is SA and t.date.year == dec.year
               and t.date <= ctx.as_of and not _under_gba_contract(t)]
        if not ids:
            return not_applicable(*_summary(dec), "every transfer at the assessment route is a GBA "
                                  "flow under the GBA standard contract, which has no volume cap")
        dues = dec.dues_of(DeadlineKind.IMPORTANT_DATA_DECLARATION)
        return applies(*_summary(dec), f"transfers needing the assessment: {', '.join(ids)}",
                       deadline=_soonest(dues, ctx.as_of))
    if dec.missing:
        return needs_info(*dec.missing, because=_summary(dec))
    return not_applicable(*_summary(dec))


@rule("crossborder.standard_contract_or_certification", topic="crossborder",
      instrument="xborder_provisions_2024", article="8",
      also_cites=[("standard_contract_measures", "7"), ("certification_measures", "5")],
      title="Conclude the standard contract (and file it) or obtain PI export certification",
      title_zh="订立个人信息出境标准合同或者通过个人信息保护认证")
def standard_contract_or_certification(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx)
    if dec.mechanism is SA:
        return not_applicable(*_summary(dec), "the year requires a security assessment instead")
    if dec.missing:
        return needs_info(*dec.missing, because=_summary(dec))
    if dec.mechanism is SC:
        dues = dec.dues_of(DeadlineKind.SC_FILING, DeadlineKind.GBA_FILING)
        return applies(*_summary(dec), f"options: {', '.join(dec.options)}",
                       deadline=_soonest(dues, ctx.as_of))
    return not_applicable(*_summary(dec))


def _filing(ctx: RuleContext, kind: DeadlineKind, in_place: tuple[str | None, ...]) -> Outcome:
    dec = _decision(ctx)
    dues = dec.dues_of(kind)
    if dues:
        return applies(*_lines(dues, ctx.as_of), deadline=_soonest(dues, ctx.as_of))
    if kind is DeadlineKind.GBA_FILING:
        waiting = [t for t in dec.transfers if t.counted and _under_gba_contract(t)]
    else:
        waiting = [t for t in dec.transfers if t.mechanism is SC and t.counted
                   and t.mechanism_in_place in in_place]
    if waiting:
        return needs_info(*(f"transfers[{t.id}].contract_effective" for t in waiting),
                          because=["a contract route applies; the filing deadline runs from the day "
                                   "the contract takes effect"])
    return not_applicable("no transfer under this contract route")


@rule("crossborder.standard_contract_filing", topic="crossborder",
      instrument="standard_contract_measures", article="7",
      title="File the standard contract and the PIPIA report within 10 working days",
      title_zh="标准合同生效之日起10个工作日内向省级网信部门备案")
def standard_contract_filing(ctx: RuleContext) -> Outcome:
    return _filing(ctx, DeadlineKind.SC_FILING, (None, "standard_contract"))


@rule("crossborder.gba_contract_filing", topic="crossborder", instrument="gba_standard_contract",
      article="filing", also_cites=[("cac_xborder_qa_2026_01", "gba_scope")],
      title="File the GBA standard contract within 10 working days",
      title_zh="大湾区标准合同生效之日起10个工作日内备案")
def gba_contract_filing(ctx: RuleContext) -> Outcome:
    return _filing(ctx, DeadlineKind.GBA_FILING, ("gba_standard_contract",))


def _renewal(ctx: RuleContext, kind: DeadlineKind) -> Outcome:
    dec = _decision(ctx, counts_matter=False)
    dues = dec.dues_of(kind)
    if not dues:
        return not_applicable("no transfer with this approval on record")
    return applies(*_lines(dues, ctx.as_of), deadline=_soonest(dues, ctx.as_of))


@rule("crossborder.assessment_extension", topic="crossborder", instrument="xborder_provisions_2024",
      article="9", title="Apply to extend a security assessment within 60 working days before expiry",
      title_zh="评估结果有效期届满前60个工作日内申请延长")
def assessment_extension(ctx: RuleContext) -> Outcome:
    return _renewal(ctx, DeadlineKind.ASSESSMENT_EXTENSION)


@rule("crossborder.certification_renewal", topic="crossborder", instrument="certification_measures",
      article="8", title="Apply for a new PI export certification 6 months before the certificate expires",
      title_zh="认证证书有效期届满前6个月提出认证申请")
def certification_renewal(ctx: RuleContext) -> Outcome:
    return _renewal(ctx, DeadlineKind.CERTIFICATION_RENEWAL)


@rule("crossborder.important_data_declaration", topic="crossborder",
      instrument="cac_xborder_qa_2025_10", article="declaration_period",
      also_cites=[("xborder_provisions_2024", "7")],
      title="Declare the assessment for important data within the two-month period",
      title_zh="重要数据出境在两个月内申报安全评估（不可延长）")
def important_data_declaration(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx)
    hits = [t for t in dec.transfers if t.mechanism is SA and t.date.year == dec.year
            and t.important_data]
    if not hits:
        return not_applicable("no important data in this year's transfers")
    dues = [d for t in hits for d in t.due if d.kind is DeadlineKind.IMPORTANT_DATA_DECLARATION]
    line = f"important data in: {', '.join(t.id for t in hits)}"
    if not dues:
        return applies(line, "organization.important_data_notified_on not given: no deadline computed")
    return applies(line, *_lines(dues, ctx.as_of), deadline=_soonest(dues, ctx.as_of))


@rule("crossborder.ftz_negative_list", topic="crossborder", instrument="xborder_provisions_2024",
      article="6", title="Check exports against the free trade zone's list (negative or general-data)",
      title_zh="对照自由贸易试验区数据出境负面清单或者一般数据清单")
def ftz_negative_list(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx, counts_matter=False)
    zone = dec.free_trade_zone
    if zone is None:
        return not_applicable("organization.free_trade_zone is null: not in a free trade zone")
    if zone.in_force:
        exempt = [t.id for t in dec.transfers
                  if t.exemption in ("ftz_negative_list", "ftz_general_data_list")]
        where = "off the list" if zone.kind == NEGATIVE else "on the list"
        return applies(zone.summary(dec.as_of), f"exempt as {where}: {', '.join(exempt) or 'none'}")
    return not_applicable(zone.summary(dec.as_of))


@rule("crossborder.declaration_covers_year", topic="crossborder", instrument="cac_xborder_qa_2026_01",
      article="declaration_scope", also_cites=[("xborder_provisions_2024", "7")],
      title="Cover all PI exported this year in the assessment declaration",
      title_zh="累计达到申报标准的，申报范围覆盖当年全部出境个人信息")
def declaration_covers_year(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx)
    if not dec.declaration_covers:
        return not_applicable("the year has not reached the assessment threshold")
    return applies(f"the declaration must cover: {', '.join(dec.declaration_covers)}")


@rule("crossborder.voluntary_assessment_binding", topic="crossborder",
      instrument="cac_xborder_qa_2026_01", article="voluntary_assessment",
      title="Follow the result of a voluntarily declared security assessment",
      title_zh="自愿申报安全评估的，按评估结果开展数据出境")
def voluntary_assessment_binding(ctx: RuleContext) -> Outcome:
    hits = [t.id for t in ctx.profile.transfers if t.voluntary_security_assessment]
    if not hits:
        return not_applicable("no voluntary security assessment declared")
    return applies(f"voluntary assessment declared for: {', '.join(hits)}")


@rule("crossborder.resubmission_on_change", topic="crossborder",
      instrument="security_assessment_measures", article="14",
      also_cites=[("standard_contract_measures", "8")],
      title="Declare the assessment again or refile the standard contract when the export changes",
      title_zh="出境情形变化的，重新申报评估或者重新订立标准合同并备案")
def resubmission_on_change(ctx: RuleContext) -> Outcome:
    dec = _decision(ctx, counts_matter=False)
    hits = [(t.id, r) for t in dec.transfers for r in t.resubmissions]
    if hits:
        return applies(*(f"{tid}: {r.what}: {r.redo} ({r.citation.split(' — ')[0]})"
                         for tid, r in hits))
    if not any(t.previous is not None for t in ctx.profile.transfers):
        return not_applicable("no transfer records its facts as assessed or filed (previous)")
    return not_applicable("no change since the assessment or filing fires a trigger")
