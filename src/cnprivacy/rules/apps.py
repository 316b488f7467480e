"""App rules: the 2019 Methods, MIIT Notice 164, GB/T 41391-2022, the regulators' lists, the
Beijing No. 4 Court cases, and the 2026 draft app provisions (``proposed`` while a draft).

Most duties attach to each app the profile declares, so the ``because`` lines and ``missing``
paths name the app (``apps[travel-app].sdks``). A profile that declares no apps makes every
rule here not_applicable, said in so many words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from cnprivacy.law.schema import LegalStatus
from cnprivacy.law.workdays import Deadline
from cnprivacy.profile.models import App, Sector
from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    applies,
    needs_info,
    not_applicable,
    rule,
)

NO_APPS = "the profile declares no apps (apps is empty)"

T = TypeVar("T")


@dataclass
class ItemScan:
    """Which listed items (apps, AI services, activities) a duty reaches, and which are unknown.

    An item is a hit, unknown (its fact path goes to ``missing``) or out; one hit is enough for
    the duty to apply, so unknown items then only add a because line.
    """

    hits: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def hit(self, line: str) -> None:
        self.hits.append(line)
        self.lines.append(line)

    def unknown(self, path: str) -> None:
        self.missing.append(path)

    def out(self, line: str) -> None:
        self.lines.append(line)

    def outcome(self, none_because: str) -> Outcome:
        if self.hits:
            extra = [f"{m} is not given in the profile (that item is undecided)"
                     for m in self.missing]
            deadline = min(self.deadlines, key=lambda d: d.day) if self.deadlines else None
            return applies(*self.lines, *extra, deadline=deadline)
        if self.missing:
            return needs_info(*self.missing, because=self.lines)
        return not_applicable(*(self.lines or [none_because]))


def scan(items: Iterable[T], check: Callable[[T, ItemScan], None]) -> ItemScan:
    result = ItemScan()
    for item in items:
        check(item, result)
    return result


def flag_text(path: str, value: bool | None, bad: bool, problem: str) -> str | None:
    """A because line for a compliance fact: says when it shows the named violation."""
    if value is None:
        return f"{path} not given: cannot tell whether this is in place"
    if value is bad:
        return f"{path} = {str(value).lower()}: {problem}"
    return f"{path} = {str(value).lower()}"


def _every_app(ctx: RuleContext, describe: Callable[[App], list[str]]) -> Outcome:
    """Duties that reach every app the profile declares."""
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)
    lines: list[str] = []
    for app in ctx.profile.apps:
        lines.append(f"apps[{app.id}] is an app the organization operates")
        lines.extend(describe(app))
    return applies(*lines)


def _apps_with(ctx: RuleContext, attr: str, meaning: str,
               describe: Callable[[App], list[str]] = lambda _a: []) -> Outcome:
    """Duties that reach apps whose boolean ``attr`` is true."""
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)

    def check(app: App, res: ItemScan) -> None:
        value = getattr(app, attr)
        path = f"apps[{app.id}].{attr}"
        if value is None:
            res.unknown(path)
        elif value:
            res.hit(f"{path} = true: {meaning}")
            res.lines.extend(describe(app))
        else:
            res.out(f"{path} = false")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


def _apps_with_sdks(ctx: RuleContext, describe: Callable[[App], list[str]]) -> Outcome:
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)

    def check(app: App, res: ItemScan) -> None:
        path = f"apps[{app.id}].sdks"
        if app.sdks is None:
            res.unknown(path)
        elif app.sdks:
            res.hit(f"{path}: embeds {len(app.sdks)} third-party SDK(s) ({', '.join(app.sdks)})")
            res.lines.extend(describe(app))
        else:
            res.out(f"{path} is empty: no third-party SDK embedded")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


def _lines(*items: str | None) -> list[str]:
    return [i for i in items if i]


# --- 2019 Methods, regulators' lists, GB/T 41391, MIIT 164 ---------------------------------

@rule("apps.privacy_policy_published", topic="apps", instrument="app_methods_2019",
      article="1", also_cites=[("cverc_app_lists", "policy-listing")],
      title="Publish the app's privacy policy with its collection rules, prompted on first run",
      title_zh="公开App隐私政策及收集使用规则并在首次运行时提示")
def privacy_policy_published(ctx: RuleContext) -> Outcome:
    taps = ctx.param("app_methods_2019", "policy_max_taps")
    return _every_app(ctx, lambda _app: [
        f"the policy must be reachable within {taps} taps of the main screen "
        "(app_methods_2019.policy_max_taps; more than that counts as hard to reach)"])


@rule("apps.sdk_listing", topic="apps", instrument="app_methods_2019", article="2",
      also_cites=[("cverc_app_lists", "policy-listing")],
      title="List each embedded SDK's purpose, method and scope of PI collection in the privacy policy",
      title_zh="在隐私政策中逐一列明嵌入SDK收集使用个人信息的目的、方式和范围")
def sdk_listing(ctx: RuleContext) -> Outcome:
    return _apps_with_sdks(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].privacy_policy_lists_sdks", app.privacy_policy_lists_sdks, False,
        "the policy does not list the SDKs (a violation type in the CVERC/MIIT lists)")))


@rule("apps.consent_withdrawal", topic="apps", instrument="pipl", article="15",
      also_cites=[("cverc_app_lists", "withdrawal")],
      title="Give users a convenient way to withdraw consent to PI collection",
      title_zh="提供撤回收集个人信息同意的途径")
def consent_withdrawal(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].consent_withdrawal", app.consent_withdrawal, False,
        "no way to withdraw consent (a violation type in the CVERC lists)")))


@rule("apps.deletion_function", topic="apps", instrument="app_methods_2019", article="6",
      also_cites=[("pipl", "47")],
      title="Provide functions to delete and correct PI and to cancel the account",
      title_zh="提供删除、更正个人信息及注销账号的功能")
def deletion_function(ctx: RuleContext) -> Outcome:
    # Beijing No. 4 Court case 2 limits what cancellation achieves; it creates no duty, so it is
    # a line on this finding once published, not a rule of its own.
    ban = (["a lawful permanent ban survives cancellation: a banned user cannot use PIPL art 47 "
            "deletion on cancelling the account to undo it (Beijing No. 4 Intermediate Court, "
            "typical case 2, appeal dismissed)"]
           if ctx.law.status("beijing_court_cases", ctx.as_of) is LegalStatus.IN_FORCE else [])
    return _every_app(ctx, lambda app: [*_lines(flag_text(
        f"apps[{app.id}].account_deletion", app.account_deletion, False,
        "no deletion or account cancellation function (2019 Methods category 6)")), *ban])


@rule("apps.minimum_necessary_collection", topic="apps", instrument="gbt_41391_2022",
      article="Annex A", also_cites=[("app_methods_2019", "4")],
      title="Collect only the PI the app's basic functions need (GB/T 41391-2022, recommended)",
      title_zh="按App基本业务功能最小必要收集个人信息（GB/T 41391-2022，推荐性标准）")
def minimum_necessary_collection(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: [
        "GB/T 41391-2022 is a recommended (推荐性) standard: not binding by itself, but the "
        "benchmark regulators and auditors use for 'necessary' PI per app type",
        *_lines(f"apps[{app.id}].permissions: {', '.join(app.permissions)}"
                if app.permissions else None)])


@rule("apps.pi_encryption", topic="apps", instrument="pipl", article="51",
      also_cites=[("cverc_app_lists", "encryption")],
      title="Encrypt or de-identify the PI the app collects",
      title_zh="对App收集的个人信息采取加密、去标识化等安全措施")
def pi_encryption(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].pi_encrypted", app.pi_encrypted, False,
        "no encryption or de-identification (a violation type in the CVERC lists)")))


@rule("apps.no_forced_targeted_push", topic="apps", instrument="miit_notice_164",
      article="area-1",
      title="Do not force users to accept targeted push; personalised push must be refusable",
      title_zh="不得强制用户使用定向推送功能")
def no_forced_targeted_push(ctx: RuleContext) -> Outcome:
    return _apps_with(ctx, "personalised_recommendation", "the app pushes personalised content",
                      lambda app: _lines(flag_text(
                          f"apps[{app.id}].recommendation_switch_off",
                          app.recommendation_switch_off, False,
                          "users cannot switch it off: forced targeted push")))


# --- Violation types the regulators name: nagging, dark patterns, app stores -----------------

@rule("apps.no_repeated_consent_requests", topic="apps", instrument="ndsmr", article="22",
      also_cites=[("app_methods_2019", "3"), ("cverc_app_lists", "permissions")],
      title="Do not ask again and again for consent or permissions the user refused",
      title_zh="个人明确表示不同意后，不得频繁征求同意")
def no_repeated_consent_requests(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].asks_again_after_refusal", app.asks_again_after_refusal, True,
        "frequent or repeated requests after a refusal (NDSMR art 22(5); a violation type "
        "in the CVERC and MIIT lists)")))


@rule("apps.no_default_consent", topic="apps", instrument="app_methods_2019", article="3",
      also_cites=[("pipl", "14"), ("cverc_app_lists", "dark-patterns")],
      title="Take consent by an explicit act, never by pre-ticked boxes or default",
      title_zh="不得以默认勾选等非明示方式取得同意")
def no_default_consent(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].default_consent", app.default_consent, True,
        "consent by default or pre-ticked box is not consent (PIPL art 14: explicit)")))


@rule("apps.no_forced_auto_renewal", topic="apps", instrument="cverc_app_lists",
      article="dark-patterns",
      title="No forced automatic renewal: the user chooses it and is told before each renewal",
      title_zh="不得强制或者默认自动续费")
def no_forced_auto_renewal(ctx: RuleContext) -> Outcome:
    return _apps_with(ctx, "auto_renewal", "the app sells auto-renewing subscriptions",
                      lambda app: _lines(flag_text(
                          f"apps[{app.id}].auto_renewal_opt_in", app.auto_renewal_opt_in,
                          False, "auto-renewal is forced or not announced (a violation type "
                          "in the CVERC and MIIT lists)")))


@rule("apps.no_popup_redirects", topic="apps", instrument="cverc_app_lists",
      article="dark-patterns", also_cites=[("miit_notice_164", "area-2-4")],
      title="No pop-ups that jump to other pages or apps without the user's clear choice",
      title_zh="不得利用弹窗误导用户跳转第三方页面或者应用")
def no_popup_redirects(ctx: RuleContext) -> Outcome:
    return _every_app(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].popup_redirects", app.popup_redirects, True,
        "pop-up redirects (a violation type in the CVERC and MIIT lists)")))


@rule("apps.app_store_checks", topic="apps", instrument="ndsmr", article="41",
      also_cites=[("cverc_app_lists", "permissions")],
      title="App stores: check apps' data security and warn, refuse, suspend or take down",
      title_zh="应用程序分发平台建立核验规则，对不合规应用采取警示、不予分发、暂停或者终止分发")
def app_store_checks(ctx: RuleContext) -> Outcome:
    store = ctx.profile.organization.app_distribution_platform
    if store is None:
        return needs_info("organization.app_distribution_platform")
    if not store:
        return not_applicable("organization.app_distribution_platform = false")
    return applies("organization.app_distribution_platform = true: set app-checking rules, check "
                   "apps' network data security, and warn, refuse, suspend or stop distributing "
                   "apps that break laws, regulations or mandatory national standards")


# --- Draft app provisions (2026-01-10): proposed while a draft ------------------------------

@rule("apps.draft_rules_change_consultation", topic="apps", instrument="app_pi_draft_2026",
      article="rules-change",
      title="Large apps: publicly consult at least 7 working days before changing PI rules",
      title_zh="大型互联网应用变更个人信息收集使用规则前至少7个工作日公开征求意见")
def draft_rules_change_consultation(ctx: RuleContext) -> Outcome:
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)
    days = int(ctx.param("app_pi_draft_2026", "rules_change_solicitation_working_days"))

    complex_business = ctx.profile.organization.complex_business

    def check(app: App, res: ItemScan) -> None:
        reg = ctx.meets(f"apps[{app.id}].registered_users", app.registered_users,
                        "app_pi_draft_2026", "large_app_registered_threshold")
        mau = ctx.meets(f"apps[{app.id}].monthly_active_users", app.monthly_active_users,
                        "app_pi_draft_2026", "large_app_mau_threshold")
        if (reg or mau) and complex_business is None:
            res.unknown("organization.complex_business")
        elif (reg or mau) and not complex_business:
            res.out(f"apps[{app.id}] is over a user threshold but organization.complex_business "
                    "= false: the size test and complex business must both hold")
        elif reg or mau:
            res.hit(f"apps[{app.id}] reaches a user threshold (以上 includes the number) and "
                    "organization.complex_business = true: solicit public opinion at least "
                    f"{days} working days before changing its PI collection and use rules")
            planned = app.privacy_rules_change_planned
            if planned is not None:
                start = ctx.add_workdays(planned, -days)
                res.deadlines.append(start)
                res.lines.append(
                    f"apps[{app.id}].privacy_rules_change_planned = {planned}: open the "
                    f"consultation by {start.describe()} ({days} working days before, counting "
                    "the opening day; reading of 'at least 7 working days in advance')")
        elif reg is None or mau is None:
            if reg is None:
                res.unknown(f"apps[{app.id}].registered_users")
            if mau is None:
                res.unknown(f"apps[{app.id}].monthly_active_users")
        else:
            res.out(f"apps[{app.id}] is below both user thresholds")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


@rule("apps.draft_recommendation_switch_off", topic="apps", instrument="app_pi_draft_2026",
      article="recommendation", also_cites=[("algorithm_provisions", "17")],
      title="Let users switch personalised recommendation off",
      title_zh="个性化推荐功能应当提供关闭选项")
def draft_recommendation_switch_off(ctx: RuleContext) -> Outcome:
    return _apps_with(ctx, "personalised_recommendation", "the app recommends personalised content",
                      lambda app: _lines(flag_text(
                          f"apps[{app.id}].recommendation_switch_off",
                          app.recommendation_switch_off, False, "no switch-off option")))


@rule("apps.draft_sdk_review", topic="apps", instrument="app_pi_draft_2026", article="sdk-review",
      title="Review the third-party SDKs embedded in the app",
      title_zh="对嵌入的第三方SDK进行审核")
def draft_sdk_review(ctx: RuleContext) -> Outcome:
    return _apps_with_sdks(ctx, lambda app: _lines(flag_text(
        f"apps[{app.id}].sdk_review_done", app.sdk_review_done, False, "SDKs not reviewed")))


THIRD_PARTY_PERMISSIONS = frozenset({"contacts", "call_log", "sms"})
# The draft's exception: reading them is allowed where truly needed for these functions.
EXCEPTED_CONTACTS_PURPOSES = frozenset({"communication", "adding_friends", "data_backup"})


@rule("apps.draft_no_third_party_pi_from_contacts", topic="apps",
      instrument="app_pi_draft_2026", article="third-party-pi",
      title="Do not read contacts, call logs or SMS to collect third parties' PI",
      title_zh="不得通过读取通讯录、通话记录、短信收集第三方个人信息")
def draft_no_third_party_pi_from_contacts(ctx: RuleContext) -> Outcome:
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)

    def check(app: App, res: ItemScan) -> None:
        flag = app.reads_contacts_call_logs_sms_for_third_parties
        flag_path = f"apps[{app.id}].reads_contacts_call_logs_sms_for_third_parties"
        asked = sorted(THIRD_PARTY_PERMISSIONS & set(app.permissions or []))
        purposes = app.contacts_access_purposes
        purposes_path = f"apps[{app.id}].contacts_access_purposes"
        if (flag or asked) and purposes and set(purposes) <= EXCEPTED_CONTACTS_PURPOSES:
            res.out(f"{purposes_path} = {', '.join(purposes)}: within the draft's exception "
                    "(通讯联系、添加好友、数据备份), if truly needed for that function")
            return
        if (flag or asked) and purposes is None:
            res.lines.append(f"{purposes_path} not given: whether the exception for contacting, "
                             "adding friends or data backup covers the access is unknown")
        if flag:
            res.hit(f"{flag_path} = true: the app does what the draft forbids")
        elif asked:
            res.hit(f"apps[{app.id}].permissions include {', '.join(asked)}: the prohibition "
                    "governs how that access may be used"
                    + (f" ({flag_path} = false)" if flag is False else ""))
            if flag is None:
                res.lines.append(f"{flag_path} not given: use for third parties' PI unknown")
        elif app.permissions is None and flag is None:
            res.unknown(f"apps[{app.id}].permissions")
        else:
            res.out(f"apps[{app.id}] does not access contacts, call logs or SMS")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


@rule("apps.draft_separate_consent_third_parties", topic="apps",
      instrument="app_pi_draft_2026", article="third-party-provision", also_cites=[("pipl", "23")],
      title="Obtain users' separate consent before providing their PI to third parties",
      title_zh="向第三方提供个人信息的，应当取得个人单独同意")
def draft_separate_consent_third_parties(ctx: RuleContext) -> Outcome:
    return _apps_with(ctx, "provides_pi_to_third_parties",
                      "the app provides users' PI to third parties: separate consent first")


@rule("apps.draft_account_cancellation_deadline", topic="apps", instrument="app_pi_draft_2026",
      article="account-cancellation", also_cites=[("pipl", "47")],
      title="Complete account cancellation, deleting or anonymising PI, within 15 working days",
      title_zh="15个工作日内完成账号注销并删除或者匿名化处理个人信息")
def draft_account_cancellation_deadline(ctx: RuleContext) -> Outcome:
    if not ctx.profile.apps:
        return not_applicable(NO_APPS)
    days = int(ctx.param("app_pi_draft_2026", "account_cancellation_working_days"))

    def check(app: App, res: ItemScan) -> None:
        path = f"apps[{app.id}].registered_users"
        if app.registered_users is None:
            res.unknown(path)
        elif app.registered_users > 0:
            res.hit(f"{path} = {app.registered_users}: the app keeps user accounts; complete a "
                    f"cancellation within {days} working days of the request and delete or "
                    "anonymise the PI")
        else:
            res.out(f"{path} = 0: no user accounts")

    return scan(ctx.profile.apps, check).outcome(NO_APPS)


@rule("apps.draft_biometrics_necessity", topic="apps", instrument="app_pi_draft_2026",
      article="biometrics", also_cites=[("facial_measures", "4")],
      title="Process biometric information (face, fingerprint) in apps only when necessary",
      title_zh="仅在必要时处理人脸、指纹等生物识别信息")
def draft_biometrics_necessity(ctx: RuleContext) -> Outcome:
    return _apps_with(ctx, "biometrics", "the app processes biometric information")


@rule("apps.draft_terminal_permission_popups", topic="apps", instrument="app_pi_draft_2026",
      article="smart-terminals",
      title="Smart terminals: pop-up consent and granular modes for apps' calendar and call-log access",
      title_zh="智能终端支持应用调用日历、通话记录等权限时弹窗征得同意并提供时间、频次、精度等细化授权模式")
def draft_terminal_permission_popups(ctx: RuleContext) -> Outcome:
    if Sector.SMART_TERMINALS not in ctx.profile.sectors:
        return not_applicable("sectors does not include smart_terminals")
    return applies("sectors includes smart_terminals: the draft's terminal duties (pop-up "
                   "consent, granular modes, review of pre-installed apps) would reach the "
                   "organization")
