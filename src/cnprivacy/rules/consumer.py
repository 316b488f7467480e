"""Consumer-facing duties: no mandatory mobile numbers (Consumer Rights Regulations, from
2024-07-01) and serving the access/copy right in full (Beijing No. 4 Court typical cases)."""

from __future__ import annotations

from cnprivacy.profile.models import App
from cnprivacy.rules.apps import NO_APPS, ItemScan, scan
from cnprivacy.rules.base import Outcome, RuleContext, applies, needs_info, not_applicable, rule


@rule("consumer.mobile_number_not_mandatory", topic="consumer",
      instrument="consumer_rights_regs", article="23",
      also_cites=[("app_methods_2019", "3")],
      needs_review="article 23 not yet confirmed against the official text (the duty is known from "
                   "the Shanghai typical case of 2025-11-28)",
      title="Do not make a mobile number a condition of ordering where the business does not need it",
      title_zh="不得强制或者变相强制消费者提供与经营活动无直接关系的手机号码")
def mobile_number_not_mandatory(ctx: RuleContext) -> Outcome:
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)

    def check(app: App, res: ItemScan) -> None:
        base = f"apps[{app.id}]"
        if app.requires_mobile_number is None:
            res.unknown(f"{base}.requires_mobile_number")
        elif not app.requires_mobile_number:
            res.out(f"{base}.requires_mobile_number = false")
        elif app.mobile_number_necessary is None:
            res.unknown(f"{base}.mobile_number_necessary")
        elif app.mobile_number_necessary:
            res.out(f"{base}.requires_mobile_number = true and {base}.mobile_number_necessary = "
                    "true: the number is needed for the business")
        else:
            res.hit(f"{base}.requires_mobile_number = true and {base}.mobile_number_necessary = "
                    "false: disguised mandatory collection unrelated to the business (Shanghai "
                    "typical case, 2025-11-28): make the number optional")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


@rule("consumer.access_copy_in_full", topic="consumer", instrument="beijing_court_cases",
      article="case-4", also_cites=[("beijing_court_cases", "case-3"), ("pipl", "45")],
      title="Serve access and copy requests in full, including PI the user did not actively provide",
      title_zh="完整响应查阅、复制请求，包括非主动提供的个人信息，成本不构成抗辩理由")
def access_copy_in_full(ctx: RuleContext) -> Outcome:
    count = ctx.profile.organization.individuals_processed
    if count is None:
        return needs_info("organization.individuals_processed")
    if count == 0:
        return not_applicable("organization.individuals_processed = 0: no PI to access")
    return applies(f"organization.individuals_processed = {count}",
                   "cost or retrieval difficulty is no defence; derivative demands such as "
                   "statistical analysis need not be met (case 3)")
