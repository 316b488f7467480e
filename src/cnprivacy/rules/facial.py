"""Facial recognition: the 2025 Measures (in force 2025-06-01), the CAC filing notice and the
SPC's 2021 provisions.

Whether the organization uses facial recognition at all is read from three places: the count of
people whose facial information it stores, processing activities that list ``facial``, and AI
services that use facial data. Article numbers other than 10 and 15 are flagged for review in
the law data (taken from press summaries).
"""

from __future__ import annotations

from datetime import date

from cnprivacy.profile.models import DataCategory, LegalBasis, ProcessingActivity, Sector
from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    applies,
    needs_info,
    not_applicable,
    rule,
    unmet,
)

CONSENT_BASES = frozenset({LegalBasis.CONSENT, LegalBasis.SEPARATE_CONSENT})
ARTICLE_REVIEW = "article number from press summaries; confirm against the official text"


def facial_activities(ctx: RuleContext) -> list[ProcessingActivity]:
    return [p for p in ctx.profile.processing if DataCategory.FACIAL in p.data_categories]


def facial_use(ctx: RuleContext) -> tuple[bool | None, list[str], list[str]]:
    """(uses facial recognition?, because lines, missing paths)."""
    org = ctx.profile.organization
    lines: list[str] = []
    for act in facial_activities(ctx):
        lines.append(f"processing[{act.id}] handles facial information")
    for svc in ctx.profile.ai_services:
        if svc.uses_facial_data:
            lines.append(f"ai_services[{svc.id}].uses_facial_data = true")
    count = org.facial_recognition_individuals
    if count:
        lines.append(f"organization.facial_recognition_individuals = {count}")
    if lines:
        return True, lines, []
    if count is None:
        return None, [], ["organization.facial_recognition_individuals"]
    return False, ["organization.facial_recognition_individuals = 0 and no processing activity "
                   "or AI service uses facial information"], []


def _when_facial(ctx: RuleContext, *duty: str) -> Outcome:
    used, lines, missing = facial_use(ctx)
    if used is None:
        return needs_info(*missing)
    if not used:
        return not_applicable(*lines)
    return applies(*lines, *duty)


@rule("facial.filing", topic="facial", instrument="facial_measures", article="15",
      also_cites=[("facial_filing_notice", "2(1)"), ("facial_filing_notice", "2(2)")],
      title="File with the provincial CAC once stored facial data reaches the threshold",
      title_zh="人脸信息存储数量达到10万人的，向所在地省级网信部门履行备案手续")
def filing(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    gate = unmet(ctx, "organization.facial_recognition_individuals",
                 org.facial_recognition_individuals, "facial_measures", "filing_threshold",
                 "stored facial information is below the filing threshold")
    if gate is not None:
        return gate
    lines = ["file online through the CAC personal information protection system"]
    if org.facial_filed:
        lines.append("organization.facial_filed = true: filed; file material changes within "
                     f"{ctx.param('facial_filing_notice', 'change_filing_working_days')} working days")
    reached = org.facial_threshold_reached_on
    if reached is None:
        lines.append("organization.facial_threshold_reached_on not given: the deadline "
                     "cannot be computed")
        return applies(*lines)
    start = date.fromisoformat(str(ctx.param("facial_filing_notice", "measures_start")))
    if reached < start:
        deadline = date.fromisoformat(
            str(ctx.param("facial_filing_notice", "transitional_filing_deadline")))
        lines.append(f"organization.facial_threshold_reached_on = {reached}, before {start}: "
                     f"file before {deadline} (notice 2(2))")
        return applies(*lines, deadline=deadline)
    days = int(ctx.param("facial_measures", "filing_period_working_days"))
    due = ctx.add_workdays(reached, days)
    lines.append(f"organization.facial_threshold_reached_on = {reached}: file within {days} "
                 f"working days, by {due.describe()}")
    return applies(*lines, deadline=due)


@rule("facial.purpose_necessity", topic="facial", instrument="facial_measures", article="4",
      needs_review=ARTICLE_REVIEW,
      title="Use facial recognition only for a specific purpose with sufficient necessity, least intrusively",
      title_zh="具有特定的目的和充分的必要性，采取对个人权益影响最小的方式")
def purpose_necessity(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx)


@rule("facial.notice", topic="facial", instrument="facial_measures", article="5",
      also_cites=[("spc_facial_provisions", "2")], needs_review=ARTICLE_REVIEW,
      title="Tell individuals how their facial information is processed before processing it",
      title_zh="处理人脸信息前履行告知义务")
def notice(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx)


@rule("facial.separate_consent", topic="facial", instrument="facial_measures", article="6",
      also_cites=[("spc_facial_provisions", "2"), ("pipl", "29")], needs_review=ARTICLE_REVIEW,
      title="Obtain separate consent for facial processing based on consent",
      title_zh="基于个人同意处理人脸信息的，取得个人单独同意")
def separate_consent(ctx: RuleContext) -> Outcome:
    used, lines, missing = facial_use(ctx)
    if used is None:
        return needs_info(*missing)
    if not used:
        return not_applicable(*lines)
    acts = facial_activities(ctx)
    if not acts:
        return needs_info("processing[].legal_basis", because=[
            *lines, "no processing activity lists the facial category, so its legal basis is unknown"])
    on_consent = [a for a in acts if a.legal_basis in CONSENT_BASES]
    unknown = [a for a in acts if a.legal_basis is None]
    if on_consent:
        return applies(*[f"processing[{a.id}] processes facial information on "
                         f"{a.legal_basis.value if a.legal_basis else ''}" for a in on_consent],
                       *[f"processing[{a.id}].legal_basis not given" for a in unknown])
    if unknown:
        return needs_info(*[f"processing[{a.id}].legal_basis" for a in unknown])
    return not_applicable(*[f"processing[{a.id}].legal_basis = "
                            f"{a.legal_basis.value if a.legal_basis else ''}: not based on consent"
                            for a in acts])


@rule("facial.guardian_consent_under_14", topic="facial", instrument="facial_measures",
      article="6", also_cites=[("pipl", "31")], needs_review=ARTICLE_REVIEW,
      title="Obtain a parent's or guardian's consent for facial processing of children under 14",
      title_zh="处理不满十四周岁未成年人人脸信息的，取得其父母或者其他监护人的同意")
def guardian_consent_under_14(ctx: RuleContext) -> Outcome:
    used, lines, missing = facial_use(ctx)
    if used is None:
        return needs_info(*missing)
    if not used:
        return not_applicable(*lines)
    age = ctx.param("facial_measures", "guardian_consent_age")
    acts = facial_activities(ctx)
    if acts:
        kids = [a for a in acts if DataCategory.MINOR_UNDER_14 in a.data_categories]
        if not kids:
            return not_applicable(*lines, f"no facial processing activity covers children under {age}")
        on_consent = [a for a in kids if a.legal_basis in CONSENT_BASES]
        if on_consent:
            return applies(*lines, *[f"processing[{a.id}] processes facial information of "
                                     f"children under {age} on consent" for a in on_consent])
        unknown = [a for a in kids if a.legal_basis is None]
        if unknown:
            return needs_info(*[f"processing[{a.id}].legal_basis" for a in unknown], because=lines)
        return not_applicable(*lines, "the children's facial information is not processed on consent")
    minors = ctx.profile.organization.minors_under_14_processed
    if minors is None:
        return needs_info("organization.minors_under_14_processed", because=lines)
    if minors == 0:
        return not_applicable(*lines, "organization.minors_under_14_processed = 0")
    return needs_info("processing[].data_categories", because=[
        *lines, f"organization.minors_under_14_processed = {minors}, but no processing activity "
        "declares the facial category: cannot tell whether children's faces are processed"])


@rule("facial.pipia_beforehand", topic="facial", instrument="facial_measures", article="8",
      also_cites=[("pipl", "55")], needs_review=ARTICLE_REVIEW,
      title="Carry out a PI protection impact assessment before facial processing and keep records",
      title_zh="事前进行个人信息保护影响评估并记录处理情况")
def pipia_beforehand(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx)


@rule("facial.local_storage", topic="facial", instrument="facial_measures", article="7",
      needs_review=ARTICLE_REVIEW,
      title="Keep facial data in the device; no internet transfer without legal basis or separate consent",
      title_zh="人脸信息存储于人脸识别设备内，不得通过互联网对外传输（另有规定或单独同意除外）")
def local_storage(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx, "keep it no longer than the purpose needs")


@rule("facial.not_sole_verification", topic="facial", instrument="facial_measures",
      article="10", also_cites=[("spc_facial_provisions", "10")],
      title="Do not make facial recognition the only way to verify identity where alternatives exist",
      title_zh="存在其他非人脸识别技术方式的，不得将人脸识别技术作为唯一验证方式")
def not_sole_verification(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx)


@rule("facial.private_spaces_ban", topic="facial", instrument="facial_measures", article="13",
      needs_review=ARTICLE_REVIEW,
      title="No facial recognition devices in hotel rooms, public baths, changing rooms or toilets",
      title_zh="不得在宾馆客房、公共浴室、公共更衣室、公共卫生间等私密空间内部安装人脸识别设备")
def private_spaces_ban(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx)


@rule("facial.public_place_signage", topic="facial", instrument="facial_measures",
      article="13", needs_review=ARTICLE_REVIEW,
      title="Facial recognition in public places only where public security requires, with prominent signs",
      title_zh="在公共场所安装人脸识别设备应为维护公共安全所必需并设置显著提示标识")
def public_place_signage(ctx: RuleContext) -> Outcome:
    used, lines, missing = facial_use(ctx)
    if used is None:
        return needs_info(*missing)
    if not used:
        return not_applicable(*lines)
    public = ctx.profile.organization.public_place_image_collection
    if public is None:
        return needs_info("organization.public_place_image_collection", because=lines)
    if not public:
        return not_applicable(*lines, "organization.public_place_image_collection = false")
    return applies(*lines, "organization.public_place_image_collection = true")


@rule("facial.consent_not_forced", topic="facial", instrument="spc_facial_provisions",
      article="4",
      title="Do not make service conditional on unneeded facial consent, nor bundle or force it",
      title_zh="不得以处理人脸信息为提供产品或服务的条件（必需除外），不得捆绑或强迫同意")
def consent_not_forced(ctx: RuleContext) -> Outcome:
    return _when_facial(ctx, "consent obtained that way is no defence in civil cases")


@rule("facial.smart_terminal_separate_notice", topic="facial", instrument="cverc_app_lists",
      article="smart-terminals", also_cites=[("facial_measures", "5")],
      title="Smart terminals: notify facial collection separately; no unauthorised upload to the cloud",
      title_zh="智能终端单独告知人脸信息收集，不得未经授权向云端传输个人信息")
def smart_terminal_separate_notice(ctx: RuleContext) -> Outcome:
    if Sector.SMART_TERMINALS not in ctx.profile.sectors:
        return not_applicable("sectors does not include smart_terminals")
    return _when_facial(ctx, "MIIT's smart-terminal report (2025-10-22) names both failures "
                        "as violations")
