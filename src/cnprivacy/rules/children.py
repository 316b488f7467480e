"""Children's PI online: the 2019 Provisions (CAC Decree 4), children meaning minors under 14.

They reach network operators handling children's PI online; the trigger is the same as PIPL art
31's (an activity with ``minor_under_14`` data or a positive under-14 count), so both findings
appear together and the ``because`` lines say which fact decided.
"""

from __future__ import annotations

from cnprivacy.profile.models import DataCategory
from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    Status,
    applies,
    needs_info,
    not_applicable,
    rule,
)


def _children(ctx: RuleContext, duty: str) -> Outcome:
    age = ctx.param("children_pi_provisions", "child_age_limit")
    acts = [a.id for a in ctx.profile.processing
            if DataCategory.MINOR_UNDER_14 in a.data_categories]
    count = ctx.profile.organization.minors_under_14_processed
    if acts:
        reason = f"processing {acts} handles PI of children (under {age})"
    elif count is None:
        return needs_info("organization.minors_under_14_processed")
    elif count > 0:
        reason = f"organization.minors_under_14_processed = {count} > 0 (children: under {age})"
    else:
        return not_applicable("organization.minors_under_14_processed = 0: no children's PI")
    return applies(reason, duty)


@rule("minors.children_rules_and_person", topic="minors", instrument="children_pi_provisions",
      article="8", also_cites=[("pipl", "31")],
      title="Dedicated children's PI rules and user agreement, and a named responsible person",
      title_zh="设置专门的儿童个人信息保护规则和用户协议，并指定专人负责")
def children_rules_and_person(ctx: RuleContext) -> Outcome:
    return _children(ctx, "publish dedicated rules and a user agreement for children's PI and "
                          "name a person responsible for protecting it")


@rule("minors.children_guardian_consent", topic="minors", instrument="children_pi_provisions",
      article="9", also_cites=[("children_pi_provisions", "10"), ("pipl", "31")],
      title="Tell the guardian prominently and obtain consent, with a refusal option",
      title_zh="以显著、清晰的方式告知儿童监护人并征得同意，同时提供拒绝选项")
def children_guardian_consent(ctx: RuleContext) -> Outcome:
    return _children(ctx, "before collecting, using, transferring or disclosing children's PI, "
                          "tell the guardian the art 10 items (purpose, method, scope; storage "
                          "place and period; safeguards; consequences of refusal; complaints; "
                          "correction and deletion) and obtain consent, offering refusal")


@rule("minors.children_third_party_assessment", topic="minors",
      instrument="children_pi_provisions", article="16",
      also_cites=[("children_pi_provisions", "17")],
      needs_review="arts 16-17 follow press copies of the text, not the official text",
      title="Security assessment before entrusting or transferring children's PI to a third party",
      title_zh="委托第三方处理或者向第三方转移儿童个人信息前进行安全评估")
def children_third_party_assessment(ctx: RuleContext) -> Outcome:
    gate = _children(ctx, "")
    if gate.status is not Status.APPLIES:
        return gate
    acts = ctx.profile.processing
    hits = [a.id for a in acts if a.entrusts_processing or a.provides_to_third_parties]
    if hits:
        return applies(*gate.because[:1], f"processing {hits} entrusts or provides PI to others: "
                       "assess the third party's security first")
    unknown = [f"processing[{a.id}].{flag}" for a in acts
               for flag in ("entrusts_processing", "provides_to_third_parties")
               if getattr(a, flag) is None]
    if unknown:
        return needs_info(*unknown, because=gate.because[:1])
    return not_applicable("no activity entrusts or provides PI to a third party")
