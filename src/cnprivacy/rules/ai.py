"""AI services: algorithm recommendation and its filing, deep synthesis, generative AI and the
labelling of AI-generated content.

Each duty reads the profile's ``ai_services`` list and names the service in because/missing
(``ai_services[trip-writer].public``). Filing deadlines run 10 working days from the launch
date (Algorithm Recommendation Provisions art. 24), to which the deep synthesis and generative
AI rules refer.
"""

from __future__ import annotations

from collections.abc import Callable

from cnprivacy.profile.models import AIService, AIServiceKind
from cnprivacy.rules.apps import ItemScan, flag_text, scan
from cnprivacy.rules.base import Outcome, RuleContext, not_applicable, rule

NO_AI = "the profile declares no AI services (ai_services is empty)"
ARTICLE_REVIEW = "article number from secondary sources; official text not among our official texts"
GENERATIVE = frozenset({AIServiceKind.DEEP_SYNTHESIS, AIServiceKind.GENERATIVE_AI})


def _over(ctx: RuleContext, kinds: frozenset[AIServiceKind],
          check: Callable[[AIService, ItemScan], None]) -> Outcome:
    if not ctx.profile.ai_services:
        return not_applicable(NO_AI)
    chosen = [s for s in ctx.profile.ai_services if s.kind in kinds]
    if not chosen:
        names = ", ".join(sorted(k.value for k in kinds))
        return not_applicable(f"no AI service of kind {names} is declared")
    return scan(chosen, check).outcome(NO_AI)


def _filing_deadline(ctx: RuleContext, svc: AIService, res: ItemScan) -> None:
    """The 10-working-day filing period from launch (Algorithm Provisions art. 24)."""
    if svc.filing_number:
        res.lines.append(f"ai_services[{svc.id}].filing_number = {svc.filing_number}: filed; "
                         "show the number prominently (Algorithm Provisions art. 26)")
    if svc.launch_date is None:
        res.lines.append(f"ai_services[{svc.id}].launch_date not given: the filing deadline "
                         "cannot be computed")
        return
    days = int(ctx.param("algorithm_provisions", "filing_period_working_days"))
    due = ctx.add_workdays(svc.launch_date, days)
    res.deadlines.append(due)
    res.lines.append(f"ai_services[{svc.id}].launch_date = {svc.launch_date}: file within "
                     f"{days} working days, by {due.describe()}")


def _opinion_capacity(svc: AIService, res: ItemScan, *, supporter_counts: bool = False) -> bool:
    """Whether the service has public-opinion attributes or social-mobilisation capacity."""
    path = f"ai_services[{svc.id}].public_opinion_or_mobilisation"
    if supporter_counts and svc.technical_supporter:
        res.hit(f"ai_services[{svc.id}].technical_supporter = true: technical supporters file too")
        return True
    if svc.public_opinion_or_mobilisation is None:
        res.unknown(path)
        return False
    if svc.public_opinion_or_mobilisation:
        res.hit(f"{path} = true (具有舆论属性或者社会动员能力)")
        return True
    res.out(f"{path} = false")
    return False


@rule("ai.algorithm_filing", topic="ai", instrument="algorithm_provisions", article="24",
      also_cites=[("algorithm_provisions", "25")],
      title="File opinion-shaping recommendation algorithms within 10 working days of launch",
      title_zh="具有舆论属性或者社会动员能力的算法推荐服务在提供服务之日起十个工作日内备案")
def algorithm_filing(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if _opinion_capacity(svc, res):
            _filing_deadline(ctx, svc, res)

    return _over(ctx, frozenset({AIServiceKind.RECOMMENDATION_ALGORITHM}), check)


@rule("ai.algorithm_security_assessment", topic="ai", instrument="algorithm_provisions",
      article="27",
      title="Security assessment for recommendation algorithms with public-opinion or mobilisation capacity",
      title_zh="具有舆论属性或者社会动员能力的算法推荐服务开展安全评估")
def algorithm_security_assessment(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        _opinion_capacity(svc, res)

    return _over(ctx, frozenset({AIServiceKind.RECOMMENDATION_ALGORITHM}), check)


@rule("ai.algorithm_user_controls", topic="ai", instrument="algorithm_provisions", article="17",
      also_cites=[("algorithm_provisions", "16")],
      title="Disclose recommendation and offer a non-personalised option or switch-off and tag deletion",
      title_zh="告知算法推荐情况，提供不针对个人特征的选项或便捷关闭选项及用户标签删除功能")
def algorithm_user_controls(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if svc.public is False:
            res.out(f"ai_services[{svc.id}].public = false: no recommendation to users")
        else:
            res.hit(f"ai_services[{svc.id}] recommends information to users")

    return _over(ctx, frozenset({AIServiceKind.RECOMMENDATION_ALGORITHM}), check)


@rule("ai.deep_synthesis_filing", topic="ai", instrument="deep_synthesis_provisions",
      article="19", also_cites=[("algorithm_provisions", "24")],
      title="File opinion-shaping deep synthesis services (and technical supporters) as algorithms",
      title_zh="具有舆论属性或者社会动员能力的深度合成服务提供者及技术支持者履行备案手续")
def deep_synthesis_filing(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if _opinion_capacity(svc, res, supporter_counts=True):
            _filing_deadline(ctx, svc, res)

    return _over(ctx, frozenset({AIServiceKind.DEEP_SYNTHESIS}), check)


@rule("ai.deep_synthesis_labelling", topic="ai", instrument="deep_synthesis_provisions",
      article="17", also_cites=[("deep_synthesis_provisions", "16"),
                                ("deep_synthesis_provisions", "18")],
      needs_review=ARTICLE_REVIEW,
      title="Label deep synthesis output; prominent labels where it could mislead",
      title_zh="对深度合成内容添加标识，可能导致公众混淆或误认的作显著标识")
def deep_synthesis_labelling(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        res.hit(f"ai_services[{svc.id}] is a deep synthesis service")
        line = flag_text(f"ai_services[{svc.id}].labels_content", svc.labels_content, False,
                         "output is not labelled")
        if line:
            res.lines.append(line)

    return _over(ctx, frozenset({AIServiceKind.DEEP_SYNTHESIS}), check)


@rule("ai.genai_assessment_and_filing", topic="ai", instrument="genai_measures", article="17",
      also_cites=[("genai_measures", "2"), ("algorithm_provisions", "24")],
      title="Public generative AI with public-opinion capacity: security assessment and algorithm filing",
      title_zh="具有舆论属性或者社会动员能力的生成式人工智能服务开展安全评估并履行算法备案")
def genai_assessment_and_filing(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if svc.public is None:
            res.unknown(f"ai_services[{svc.id}].public")
            return
        if not svc.public:
            res.out(f"ai_services[{svc.id}].public = false: not offered to the public, outside "
                    "the GenAI Measures (art. 2)")
            return
        if svc.calls_filed_model:
            res.out(f"ai_services[{svc.id}].calls_filed_model = true: it calls an already-filed "
                    "model without retraining it, so it is registered, not filed (see "
                    "ai.genai_registration)")
            return
        if _opinion_capacity(svc, res):
            res.lines.append(f"ai_services[{svc.id}].public = true")
            _filing_deadline(ctx, svc, res)

    return _over(ctx, frozenset({AIServiceKind.GENERATIVE_AI}), check)


def _public_genai(svc: AIService, res: ItemScan) -> bool:
    if svc.public is None:
        res.unknown(f"ai_services[{svc.id}].public")
        return False
    if not svc.public:
        res.out(f"ai_services[{svc.id}].public = false: not offered to the public")
        return False
    return True


@rule("ai.genai_registration", topic="ai", instrument="genai_filing_announcements",
      article="registration", also_cites=[("genai_measures", "17")],
      title="Apps calling an already-filed model: register with the local CAC",
      title_zh="通过API接口等直接调用已备案模型能力的生成式人工智能应用或功能，向属地网信部门登记")
def genai_registration(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if not _public_genai(svc, res):
            return
        path = f"ai_services[{svc.id}].calls_filed_model"
        if svc.calls_filed_model is None:
            res.unknown(path)
        elif not svc.calls_filed_model:
            res.out(f"{path} = false: its own or adapted model goes through filing (备案), see "
                    "ai.genai_assessment_and_filing")
        elif _opinion_capacity(svc, res):
            res.lines.append(f"{path} = true: register with the local CAC (登记), citing the "
                             "filed model it calls")

    return _over(ctx, frozenset({AIServiceKind.GENERATIVE_AI}), check)


@rule("ai.genai_show_model_filing", topic="ai", instrument="genai_filing_announcements",
      article="display",
      title="Show the filed or registered model's name and number prominently",
      title_zh="在显著位置或者产品详情页面公示所使用的已备案或者已登记生成式人工智能服务情况")
def genai_show_model_filing(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if not _public_genai(svc, res) or not _opinion_capacity(svc, res):
            return
        line = flag_text(f"ai_services[{svc.id}].shows_model_filing", svc.shows_model_filing,
                         False, "the model name and filing or launch number are not shown")
        if line:
            res.lines.append(line)

    return _over(ctx, frozenset({AIServiceKind.GENERATIVE_AI}), check)


@rule("ai.genai_limits_warning", topic="ai", instrument="hangzhou_ai_hallucination_case",
      article="holding", also_cites=[("genai_measures", "2")],
      title="Remind users prominently that AI-generated content may be inaccurate",
      title_zh="以显著方式提示用户生成内容可能不准确的固有局限")
def genai_limits_warning(ctx: RuleContext) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if not _public_genai(svc, res):
            return
        res.hit(f"ai_services[{svc.id}] offers generated content to the public: part of the "
                "provider's duty of care (fault-based liability for inaccurate output)")
        line = flag_text(f"ai_services[{svc.id}].warns_of_limits", svc.warns_of_limits, False,
                         "no prominent warning of the limits of generated content")
        if line:
            res.lines.append(line)

    return _over(ctx, frozenset({AIServiceKind.GENERATIVE_AI}), check)


def _generates(svc: AIService, res: ItemScan) -> bool:
    """Services whose output is AI-generated or synthesised content offered to the public."""
    if svc.kind not in GENERATIVE and not svc.generates_content:
        # A recommendation service generates nothing unless the profile says so.
        res.out(f"ai_services[{svc.id}] does not generate content")
        return False
    if svc.public is None:
        res.unknown(f"ai_services[{svc.id}].public")
        return False
    if not svc.public:
        res.out(f"ai_services[{svc.id}].public = false: no content offered to the public")
        return False
    res.hit(f"ai_services[{svc.id}] ({svc.kind.value}) generates or synthesises content "
            "for the public")
    return True


ALL_KINDS = frozenset(AIServiceKind)


def _labelling(ctx: RuleContext, extra: Callable[[AIService], str | None]) -> Outcome:
    def check(svc: AIService, res: ItemScan) -> None:
        if _generates(svc, res):
            line = extra(svc)
            if line:
                res.lines.append(line)

    return _over(ctx, ALL_KINDS, check)


@rule("ai.content_labelling_explicit", topic="ai", instrument="ai_labelling_measures",
      article="4", also_cites=[("genai_measures", "12"), ("deep_synthesis_provisions", "17")],
      needs_review=ARTICLE_REVIEW,
      title="Add explicit labels to AI-generated text, audio, images, video and virtual scenes",
      title_zh="对人工智能生成合成的文本、音频、图片、视频、虚拟场景添加显式标识")
def content_labelling_explicit(ctx: RuleContext) -> Outcome:
    return _labelling(ctx, lambda svc: flag_text(
        f"ai_services[{svc.id}].labels_content", svc.labels_content, False,
        "content is not labelled"))


@rule("ai.content_labelling_implicit", topic="ai", instrument="ai_labelling_measures",
      article="5",
      needs_review=ARTICLE_REVIEW,
      title="Embed implicit labels (content attribute, provider name or code, content ID) in file metadata",
      title_zh="在文件元数据中添加隐式标识（生成合成内容属性、服务提供者名称或编码、内容编号）")
def content_labelling_implicit(ctx: RuleContext) -> Outcome:
    return _labelling(ctx, lambda svc: flag_text(
        f"ai_services[{svc.id}].labels_content", svc.labels_content, False,
        "content is not labelled"))


@rule("ai.unlabelled_output_logs", topic="ai", instrument="ai_labelling_measures", article="9",
      needs_review=ARTICLE_REVIEW,
      title="Unlabelled output on request only under a user agreement, with logs kept at least 6 months",
      title_zh="应用户申请提供无显式标识内容的，通过用户协议明确责任并留存日志不少于六个月")
def unlabelled_output_logs(ctx: RuleContext) -> Outcome:
    months = ctx.param("ai_labelling_measures", "log_retention_months")

    def check(svc: AIService, res: ItemScan) -> None:
        path = f"ai_services[{svc.id}].unlabelled_output_on_request"
        if svc.kind not in GENERATIVE and not svc.generates_content:
            res.out(f"ai_services[{svc.id}] does not generate content")
        elif svc.unlabelled_output_on_request is None:
            res.unknown(path)
        elif svc.unlabelled_output_on_request:
            res.hit(f"{path} = true: keep logs of recipients for at least {months} months "
                    "(ai_labelling_measures.log_retention_months, UNCONFIRMED)")
        else:
            res.out(f"{path} = false")

    return _over(ctx, ALL_KINDS, check)


@rule("ai.labelling_technical_standard", topic="ai", instrument="gb_45438_2025", article="",
      also_cites=[("ai_labelling_measures", "4")],
      needs_review="GB 45438-2025: title, dates and mandatory status not yet confirmed against "
                   "its official publication",
      title="Make AI content labels to the mandatory standard GB 45438-2025",
      title_zh="按GB 45438-2025强制性国家标准添加人工智能生成合成内容标识")
def labelling_technical_standard(ctx: RuleContext) -> Outcome:
    return _labelling(ctx, lambda _svc: None)
