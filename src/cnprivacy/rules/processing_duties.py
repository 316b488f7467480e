"""The general PIPL duties every processing activity carries, outside the app rules: a lawful
basis (art 13), notice before processing (art 17) and new consent on change (art 14 ¶2), and
retention no longer than the purpose needs (art 19).

The duties apply to any organization that processes PI; the ``because`` lines go activity by
activity, and a compliance fact the profile gives as false is named as the problem it is.
"""

from __future__ import annotations

from collections.abc import Callable

from cnprivacy.profile.models import LegalBasis, ProcessingActivity
from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule
from cnprivacy.rules.pipl import CONSENT_BASES, pi_gate

# PIPL art 13 ¶1 item for each basis the profile can name (item 7, other laws, has no value).
BASIS_ITEM = {
    LegalBasis.CONSENT: "(1) consent", LegalBasis.SEPARATE_CONSENT: "(1) consent (separate)",
    LegalBasis.CONTRACT: "(2) contract necessity", LegalBasis.HR_MANAGEMENT: "(2) HR management",
    LegalBasis.LEGAL_OBLIGATION: "(3) statutory duty", LegalBasis.EMERGENCY: "(4) emergency",
    LegalBasis.NEWS_REPORTING: "(5) news reporting",
    LegalBasis.PUBLIC_INFORMATION: "(6) already-public PI",
}


def _no_activities(ctx: RuleContext) -> Outcome | None:
    """PI is processed but no activity is listed: the duty cannot be read activity by activity."""
    gate = pi_gate(ctx)
    if gate is not None:
        return gate
    if not ctx.profile.processing:
        return needs_info("processing", because=[
            "the organization processes PI but lists no processing activities"])
    return None


def _per_activity(ctx: RuleContext, describe: Callable[[ProcessingActivity], str]) -> Outcome:
    gate = _no_activities(ctx)
    return gate or applies(*(describe(act) for act in ctx.profile.processing))


def _flag(path: str, value: bool | None, problem: str) -> str:
    if value is None:
        return f"{path} not given: cannot tell whether this is in place"
    return f"{path} = {str(value).lower()}" + ("" if value else f": {problem}")


@rule("pipl.legal_basis_each_processing", topic="pipl", instrument="pipl", article="13",
      title="Every processing activity rests on one of the lawful bases of PIPL art 13",
      title_zh="每项个人信息处理活动具有个人信息保护法第十三条规定的合法性基础")
def legal_basis_each_processing(ctx: RuleContext) -> Outcome:
    gate = _no_activities(ctx)
    if gate is not None:
        return gate
    lines = []
    missing = []
    for act in ctx.profile.processing:
        if act.legal_basis is None:
            missing.append(f"processing[{act.id}].legal_basis")
        else:
            lines.append(f"processing[{act.id}]: art 13 ¶1{BASIS_ITEM[act.legal_basis]}")
    if missing:
        return needs_info(*missing, because=lines)
    return applies(*lines, "bases other than consent need no consent (art 13 ¶2)")


@rule("pipl.notice_before_processing", topic="pipl", instrument="pipl", article="17",
      also_cites=[("pipl", "18")],
      title="Tell individuals, before processing, who processes what, why, how long and how to "
            "exercise their rights",
      title_zh="处理个人信息前以显著方式、清晰易懂的语言真实、准确、完整地告知法定事项")
def notice_before_processing(ctx: RuleContext) -> Outcome:
    return _per_activity(ctx, lambda act: _flag(
        f"processing[{act.id}].notice_given", act.notice_given,
        "no notice of the art 17 items (name and contact; purpose, method, categories, "
        "retention; how to exercise rights) unless art 18 applies"))


@rule("pipl.reconsent_on_change", topic="pipl", instrument="pipl", article="14",
      title="Obtain new consent when the purpose, method or categories of processing change",
      title_zh="处理目的、处理方式和处理的个人信息种类发生变更的，重新取得个人同意")
def reconsent_on_change(ctx: RuleContext) -> Outcome:
    gate = _no_activities(ctx)
    if gate is not None:
        return gate
    on_consent = [a for a in ctx.profile.processing if a.legal_basis in CONSENT_BASES]
    unknown = [f"processing[{a.id}].legal_basis" for a in ctx.profile.processing
               if a.legal_basis is None]
    if on_consent:
        return applies(*(f"processing[{a.id}] rests on {a.legal_basis.value}: a change of its "
                         "purpose, method or categories needs new consent"
                         for a in on_consent if a.legal_basis is not None))
    if unknown:
        return needs_info(*unknown)
    return not_applicable("no activity rests on consent (art 14 ¶2 speaks of consent-based "
                          "processing)")


@rule("pipl.retention_minimum", topic="pipl", instrument="pipl", article="19",
      also_cites=[("pipl", "47")],
      title="Keep PI no longer than the shortest time the purpose needs",
      title_zh="个人信息的保存期限为实现处理目的所必要的最短时间")
def retention_minimum(ctx: RuleContext) -> Outcome:
    return _per_activity(ctx, lambda act: _flag(
        f"processing[{act.id}].retention_defined", act.retention_defined,
        "no retention period tied to the purpose (art 19; delete when it ends, art 47)"))
