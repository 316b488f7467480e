"""The plain reason of every obligation, in English and Chinese (a catalogue keyed by rule key).

Each entry says *when* the duty falls on an organisation, in the words of the instrument it
enforces, so a report can say "applies: ...", "not your case; it applies when ..." or "the profile
does not say whether ..." in either language without showing the engine's trace. The trace (the
exact facts and thresholds a rule compared) stays in the finding's ``because`` for the expert.

Numbers that come from the law data are written as ``{instrument.parameter}`` and filled in from
the values the finding used, so the catalogue never restates a legal number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One sentence in both report languages."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


Reason = Text

REASONS: dict[str, Text] = {
    # Apps
    "apps.privacy_policy_published": Text(
        "you operate an app that collects personal information",
        "运营收集个人信息的App"),
    "apps.sdk_listing": Text(
        "your app embeds third-party SDKs that collect personal information",
        "App嵌入了收集个人信息的第三方SDK"),
    "apps.consent_withdrawal": Text(
        "your app collects personal information on the basis of consent",
        "App基于个人同意收集个人信息"),
    "apps.deletion_function": Text(
        "your app holds user accounts and personal information",
        "App设有用户账号并处理个人信息"),
    "apps.minimum_necessary_collection": Text(
        "your app requests permissions or collects personal information (recommended national "
        "standard)",
        "App申请权限或者收集个人信息（推荐性国家标准）"),
    "apps.pi_encryption": Text(
        "your app collects and stores personal information",
        "App收集并存储个人信息"),
    "apps.no_forced_targeted_push": Text(
        "your app offers targeted push or personalised recommendation",
        "App提供定向推送或者个性化推荐"),
    "apps.no_repeated_consent_requests": Text(
        "your app asks users for consent or device permissions",
        "App向用户征求同意或者申请设备权限"),
    "apps.no_default_consent": Text(
        "your app obtains users' consent",
        "App需要取得用户同意"),
    "apps.no_forced_auto_renewal": Text(
        "your app sells subscriptions or other services that can renew automatically",
        "App提供可自动续费的订阅等服务"),
    "apps.no_popup_redirects": Text(
        "your app shows pop-up windows",
        "App展示弹窗"),
    "apps.app_store_checks": Text(
        "you run an app distribution platform (app store)",
        "运营应用程序分发平台"),
    "apps.draft_rules_change_consultation": Text(
        "you run a large internet application and plan to change its rules on collecting and "
        "using personal information",
        "运营大型互联网应用并计划变更个人信息收集使用规则"),
    "apps.draft_recommendation_switch_off": Text(
        "your app offers personalised recommendation",
        "App提供个性化推荐功能"),
    "apps.draft_sdk_review": Text(
        "your app embeds third-party SDKs",
        "App嵌入第三方SDK"),
    "apps.draft_no_third_party_pi_from_contacts": Text(
        "your app can read contacts, call logs or text messages",
        "App可以读取通讯录、通话记录或者短信"),
    "apps.draft_separate_consent_third_parties": Text(
        "your app provides users' personal information to third parties",
        "App向第三方提供用户个人信息"),
    "apps.draft_account_cancellation_deadline": Text(
        "your app has registered user accounts",
        "App设有注册用户账号"),
    "apps.draft_biometrics_necessity": Text(
        "your app processes biometric information such as faces or fingerprints",
        "App处理人脸、指纹等生物识别信息"),
    "apps.draft_terminal_permission_popups": Text(
        "you make smart terminals on which apps request permissions",
        "生产供应用调用权限的智能终端"),
    # Algorithms and AI
    "ai.algorithm_filing": Text(
        "you provide a recommendation-algorithm service with public-opinion attributes or social "
        "mobilisation capacity",
        "提供具有舆论属性或者社会动员能力的算法推荐服务"),
    "ai.algorithm_security_assessment": Text(
        "you provide a recommendation-algorithm service with public-opinion attributes or social "
        "mobilisation capacity",
        "提供具有舆论属性或者社会动员能力的算法推荐服务"),
    "ai.algorithm_user_controls": Text(
        "you provide recommendation-algorithm services to the public",
        "向公众提供算法推荐服务"),
    "ai.deep_synthesis_filing": Text(
        "you provide, or technically support, a deep synthesis service with public-opinion "
        "attributes or social mobilisation capacity",
        "提供具有舆论属性或者社会动员能力的深度合成服务，或者为其提供技术支持"),
    "ai.deep_synthesis_labelling": Text(
        "you provide a deep synthesis service that generates or edits content",
        "提供生成或者编辑信息内容的深度合成服务"),
    "ai.genai_assessment_and_filing": Text(
        "you provide a generative AI service to the public in China with public-opinion "
        "attributes or social mobilisation capacity",
        "向境内公众提供具有舆论属性或者社会动员能力的生成式人工智能服务"),
    "ai.genai_registration": Text(
        "your public application or feature calls an already-filed generative AI model "
        "(for example through its API)",
        "面向公众的应用或者功能通过API接口等直接调用已备案的生成式人工智能模型能力"),
    "ai.genai_show_model_filing": Text(
        "you offer a generative AI service or feature to the public",
        "向公众提供生成式人工智能服务或者功能"),
    "ai.genai_limits_warning": Text(
        "you offer a generative AI service to the public (court guidance, not a statute)",
        "向公众提供生成式人工智能服务（法院裁判指引，非法律条文）"),
    "ai.content_labelling_explicit": Text(
        "your service generates or synthesises text, audio, images, video or virtual scenes",
        "服务生成合成文本、音频、图片、视频或者虚拟场景"),
    "ai.content_labelling_implicit": Text(
        "your service generates or synthesises content",
        "服务生成合成内容"),
    "ai.unlabelled_output_logs": Text(
        "your generative service gives users content without explicit labels at their request",
        "应用户申请提供没有添加显式标识的生成合成内容"),
    "ai.labelling_technical_standard": Text(
        "your service generates or synthesises content that must carry labels",
        "服务生成合成的内容需要添加标识"),
    # PIPL
    "pipl.pi_protection_officer": Text(
        "you process the personal information of at least {pi_audit_measures.pipo_threshold} "
        "individuals",
        "处理{pi_audit_measures.pipo_threshold}人以上个人信息"),
    "pipl.pi_officer_reporting": Text(
        "you process the personal information of at least {pi_audit_measures.pipo_threshold} "
        "individuals and must report your PI protection officer",
        "处理{pi_audit_measures.pipo_threshold}人以上个人信息，须报送个人信息保护负责人信息"),
    "pipl.compliance_audit_regular": Text(
        "you process personal information",
        "处理个人信息"),
    "pipl.compliance_audit_biennial": Text(
        "you process the personal information of more than "
        "{pi_audit_measures.biennial_audit_threshold} individuals",
        "处理超过{pi_audit_measures.biennial_audit_threshold}人个人信息"),
    "pipl.separate_consent_provision": Text(
        "you give personal information to another processor on the basis of consent",
        "基于个人同意向其他个人信息处理者提供个人信息"),
    "pipl.separate_consent_public_disclosure": Text(
        "you publish personal information",
        "公开所处理的个人信息"),
    "pipl.separate_consent_public_cameras": Text(
        "you use images or identity signals collected in public places for purposes other than "
        "public security",
        "将在公共场所收集的个人图像、身份识别信息用于维护公共安全以外的目的"),
    "pipl.separate_consent_sensitive": Text(
        "you process sensitive personal information on the basis of consent",
        "基于个人同意处理敏感个人信息"),
    "pipl.separate_consent_export": Text(
        "you provide personal information abroad on the basis of consent",
        "基于个人同意向境外提供个人信息"),
    "pipl.pipia": Text(
        "you process sensitive personal information, make automated decisions, entrust, provide "
        "or publish personal information, or provide it abroad",
        "处理敏感个人信息，利用个人信息进行自动化决策，委托处理、向其他个人信息处理者提供、"
        "公开个人信息，或者向境外提供个人信息"),
    "pipl.pipia_records": Text(
        "a PI protection impact assessment is required",
        "须进行个人信息保护影响评估"),
    "pipl.minors_under_14": Text(
        "you process the personal information of minors under 14",
        "处理不满十四周岁未成年人的个人信息"),
    "pipl.state_organ_storage_in_china": Text(
        "you are a state organ, or an organisation authorised by law to manage public affairs",
        "属于国家机关或者法律、法规授权的具有管理公共事务职能的组织"),
    "pipl.foreign_representative": Text(
        "you are established outside mainland China and process personal information of people "
        "in China",
        "在境外处理境内自然人个人信息"),
    "pipl.automated_decision_making": Text(
        "you make decisions by automated means using personal information",
        "利用个人信息进行自动化决策"),
    "pipl.entrusted_processing": Text(
        "you entrust the processing of personal information to another party",
        "委托他人处理个人信息"),
    "pipl.data_localisation": Text(
        "you are a critical information infrastructure operator",
        "属于关键信息基础设施运营者"),
    "pipl.ordered_audit_after_incident": Text(
        "a security incident has affected the personal information of at least "
        "{pi_audit_measures.ordered_audit_incident_individuals} individuals or the sensitive "
        "personal information of at least "
        "{pi_audit_measures.ordered_audit_incident_sensitive_individuals} individuals",
        "发生安全事件，导致{pi_audit_measures.ordered_audit_incident_individuals}人以上个人信息"
        "或者{pi_audit_measures.ordered_audit_incident_sensitive_individuals}人以上敏感个人信息"
        "泄露、篡改、丢失、毁损"),
    "pipl.ordered_audit_rectification_report": Text(
        "the authority ordered a compliance audit and you have finished the rectification",
        "按照主管部门要求开展合规审计并已完成整改"),
    "pipl.audit_auditor_rotation": Text(
        "the same audit body or audit lead has audited you in consecutive audits",
        "同一专业机构或者同一合规审计负责人连续对本组织开展合规审计"),
    "pipl.legal_basis_each_processing": Text(
        "you process personal information",
        "处理个人信息"),
    "pipl.notice_before_processing": Text(
        "you process personal information",
        "处理个人信息"),
    "pipl.reconsent_on_change": Text(
        "you process personal information on the basis of consent",
        "基于个人同意处理个人信息"),
    "pipl.retention_minimum": Text(
        "you keep personal information",
        "保存个人信息"),
    # Blockchain
    "blockchain.service_filing": Text(
        "you provide a blockchain information service",
        "提供区块链信息服务"),
    "blockchain.real_identity": Text(
        "you provide a blockchain information service",
        "提供区块链信息服务"),
    "blockchain.new_function_assessment": Text(
        "you provide a blockchain information service and launch new products, applications or "
        "functions",
        "提供区块链信息服务并开发上线新产品、新应用、新功能"),
    # Minors
    "minors.children_rules_and_person": Text(
        "you process the personal information of children online",
        "通过网络处理儿童个人信息"),
    "minors.children_guardian_consent": Text(
        "you collect, use, transfer or disclose children's personal information",
        "收集、使用、转移、披露儿童个人信息"),
    "minors.children_third_party_assessment": Text(
        "you entrust children's personal information to a third party or transfer it to one",
        "委托第三方处理儿童个人信息或者向第三方转移儿童个人信息"),
    "minors.yearly_compliance_audit": Text(
        "you process the personal information of minors",
        "处理未成年人个人信息"),
    "minors.breach_reporting": Text(
        "you process the personal information of minors",
        "处理未成年人个人信息"),
    "minors.access_control": Text(
        "your staff access the personal information of minors",
        "工作人员访问未成年人个人信息"),
    "minors.no_forced_consent": Text(
        "you process the personal information of minors",
        "处理未成年人个人信息"),
    "minors.audit_report_by_january": Text(
        "you process the personal information of minors",
        "处理未成年人个人信息"),
    # Consumers
    "consumer.mobile_number_not_mandatory": Text(
        "you ask consumers for a mobile number when they order",
        "在消费者下单等环节要求提供手机号码"),
    "consumer.access_copy_in_full": Text(
        "individuals may ask you to access or copy their personal information",
        "个人可以向本组织查阅、复制其个人信息"),
    # Cross-border
    "crossborder.security_assessment": Text(
        "your transfers abroad reach a case that needs a CAC security assessment",
        "数据出境达到应当申报数据出境安全评估的情形"),
    "crossborder.standard_contract_or_certification": Text(
        "your transfers of personal information abroad reach the volume for a standard contract "
        "or certification",
        "向境外提供个人信息达到应当订立标准合同或者通过个人信息保护认证的数量"),
    "crossborder.standard_contract_filing": Text(
        "you export personal information under the standard contract",
        "通过订立标准合同向境外提供个人信息"),
    "crossborder.gba_contract_filing": Text(
        "you transfer personal information within the Greater Bay Area under its standard contract",
        "依据粤港澳大湾区标准合同在大湾区内跨境流动个人信息"),
    "crossborder.assessment_extension": Text(
        "a security assessment result you rely on is nearing the end of its validity",
        "所依据的数据出境安全评估结果有效期即将届满"),
    "crossborder.certification_renewal": Text(
        "a PI export certification you rely on is nearing the end of its validity",
        "所依据的个人信息出境认证证书有效期即将届满"),
    "crossborder.important_data_declaration": Text(
        "you provide important data abroad",
        "向境外提供重要数据"),
    "crossborder.ftz_negative_list": Text(
        "you are in a pilot free trade zone that has issued a data-export list",
        "位于已发布数据出境清单的自由贸易试验区"),
    "crossborder.declaration_covers_year": Text(
        "your exports of personal information this year reach the threshold for a security "
        "assessment",
        "当年累计向境外提供个人信息达到申报数据出境安全评估的标准"),
    "crossborder.voluntary_assessment_binding": Text(
        "you declared a security assessment voluntarily",
        "自愿申报了数据出境安全评估"),
    "crossborder.resubmission_on_change": Text(
        "an export already assessed or filed has changed in a way that requires a new "
        "declaration or filing",
        "已通过评估或者已备案的数据出境发生需要重新申报或者重新备案的变化"),
    # Facial recognition
    "facial.filing": Text(
        "you store the facial information of at least {facial_measures.filing_threshold} "
        "individuals",
        "存储的人脸信息达到{facial_measures.filing_threshold}人"),
    "facial.purpose_necessity": Text(
        "you use facial recognition technology to process facial information",
        "应用人脸识别技术处理人脸信息"),
    "facial.notice": Text(
        "you process facial information",
        "处理人脸信息"),
    "facial.separate_consent": Text(
        "you process facial information on the basis of consent",
        "基于个人同意处理人脸信息"),
    "facial.guardian_consent_under_14": Text(
        "you process the facial information of minors under 14",
        "处理不满十四周岁未成年人的人脸信息"),
    "facial.pipia_beforehand": Text(
        "you process facial information",
        "处理人脸信息"),
    "facial.local_storage": Text(
        "you store facial information",
        "存储人脸信息"),
    "facial.not_sole_verification": Text(
        "you verify identity with facial recognition",
        "使用人脸识别技术验证个人身份"),
    "facial.private_spaces_ban": Text(
        "you install facial recognition devices",
        "安装人脸识别设备"),
    "facial.public_place_signage": Text(
        "you install facial recognition devices in public places",
        "在公共场所安装人脸识别设备"),
    "facial.consent_not_forced": Text(
        "you process facial information in your products or services",
        "在产品或者服务中处理人脸信息"),
    "facial.smart_terminal_separate_notice": Text(
        "you make smart terminals that collect facial information",
        "生产收集人脸信息的智能终端"),
    # Health
    "health.shanghai_prominent_notice": Text(
        "you process personal health and medical data in Shanghai",
        "在上海市处理个人健康医疗数据"),
    "health.shanghai_separate_consent": Text(
        "you collect, share or entrust personal health and medical data in Shanghai",
        "在上海市收集、共享、委托处理个人健康医疗数据"),
    # Incidents
    "incidents.pi_breach_notification": Text(
        "you process personal information (the duty arises when it leaks, is altered or lost)",
        "处理个人信息（发生或者可能发生泄露、篡改、丢失时履行）"),
    "incidents.data_incident_response_plan": Text(
        "you process network data",
        "开展网络数据处理活动"),
    "incidents.vulnerability_report_24h": Text(
        "your products or services may have security flaws or vulnerabilities",
        "提供的产品、服务可能存在安全缺陷、漏洞"),
    "incidents.cyber_incident_reporting": Text(
        "you operate networks in China (the duty arises on a relatively major incident or worse)",
        "在境内建设、运营网络（发生较大及以上网络安全事件时报告）"),
    "incidents.report_content_and_summary": Text(
        "you operate networks or process data in China (the duty arises on a relatively major "
        "incident or worse: the listed items, the first ones at once, and a summary report)",
        "在境内建设、运营网络或者开展数据处理活动（发生较大及以上网络安全事件时按规定事项报告，"
        "处置结束后提交总结报告）"),
    "incidents.cii_incident_reporting": Text(
        "you are a critical information infrastructure operator",
        "属于关键信息基础设施运营者"),
    "incidents.pi_leak_grade": Text(
        "a leak of personal information has affected enough people to be graded relatively major "
        "or worse",
        "个人信息泄露涉及人数达到较大及以上网络安全事件的标准"),
    # Penalties
    "penalties.pipl_art66_general": Text(
        "you process personal information (exposure if the PIPL is breached)",
        "处理个人信息（违反个人信息保护法时面临的处罚）"),
    "penalties.pipl_art66_serious": Text(
        "you process personal information (exposure in serious cases)",
        "处理个人信息（情节严重时面临的处罚）"),
    "penalties.dsl_art45_security_duties": Text(
        "you carry out data processing activities",
        "开展数据处理活动"),
    "penalties.dsl_art46_important_data_export": Text(
        "you provide important data abroad",
        "向境外提供重要数据"),
    "penalties.dsl_art47_data_intermediary": Text(
        "you provide data-trading intermediary services",
        "从事数据交易中介服务"),
    "penalties.dsl_art48_data_requests": Text(
        "you carry out data processing activities",
        "开展数据处理活动"),
    "penalties.ndsmr_important_data": Text(
        "you process important data, or the personal information of at least "
        "{ndsmr.important_data_duties_individuals} individuals",
        "处理重要数据，或者处理{ndsmr.important_data_duties_individuals}人以上个人信息"),
    "penalties.csl_network_operator": Text(
        "you are a network operator",
        "属于网络运营者"),
    "penalties.csl_ciio": Text(
        "you are a critical information infrastructure operator",
        "属于关键信息基础设施运营者"),
    "penalties.csl_pi_infringement": Text(
        "you are a network operator that processes personal information",
        "属于处理个人信息的网络运营者"),
    "penalties.cybercrime_draft": Text(
        "you provide network services (exposure under the draft law)",
        "提供网络服务（征求意见稿规定的处罚）"),
    "penalties.state_organ_discipline": Text(
        "you are a state organ",
        "属于国家机关"),
    # Security
    "security.mlps_grading": Text(
        "you are a network operator",
        "属于网络运营者"),
    "security.mlps_filing": Text(
        "you operate an information system graded at level 2 or above",
        "运营定为第二级以上的信息系统"),
    "security.mlps_testing": Text(
        "you operate an information system graded at level 3 or above",
        "运营定为第三级以上的信息系统"),
    "security.important_data_officer_body": Text(
        "you process important data",
        "处理重要数据"),
    "security.important_data_risk_assessment_yearly": Text(
        "you process important data",
        "处理重要数据"),
    "security.important_data_provision_risk_assessment": Text(
        "you provide important data to others, entrust its processing or process it jointly",
        "提供、委托处理、共同处理重要数据"),
    "security.ten_million_individuals": Text(
        "you process the personal information of at least "
        "{ndsmr.important_data_duties_individuals} individuals",
        "处理{ndsmr.important_data_duties_individuals}人以上个人信息"),
    "security.important_data_merger_report": Text(
        "you process important data, or the personal information of at least "
        "{ndsmr.important_data_duties_individuals} individuals, and merge, split, dissolve or go "
        "bankrupt",
        "处理重要数据或者{ndsmr.important_data_duties_individuals}人以上个人信息，并因合并、分立、"
        "解散、破产等原因可能影响数据安全"),
    "security.provision_records_3y": Text(
        "you provide personal information or important data to other processors, or entrust "
        "its processing",
        "向其他网络数据处理者提供、委托处理个人信息和重要数据"),
    "security.cii_security_body": Text(
        "you are a critical information infrastructure operator",
        "属于关键信息基础设施运营者"),
    "security.cii_annual_testing": Text(
        "you are a critical information infrastructure operator",
        "属于关键信息基础设施运营者"),
    "security.data_risk_assessment_draft": Text(
        "you process important data",
        "处理重要数据"),
    "security.important_data_labelling_draft": Text(
        "you process important data",
        "处理重要数据"),
    "security.automotive_important_data_identification": Text(
        "you process automotive data and provide it abroad",
        "处理汽车数据并向境外提供"),
    # Platforms
    "platform.large_network_platform": Text(
        "you run a network platform with at least {ndsmr.large_platform_registered_users} "
        "registered users or {ndsmr.large_platform_monthly_active_users} monthly active users, "
        "complex business and major impact",
        "网络平台注册用户{ndsmr.large_platform_registered_users}以上或者月活跃用户"
        "{ndsmr.large_platform_monthly_active_users}以上，业务类型复杂，具有重要影响"),
    "platform.independent_oversight_body": Text(
        "you provide an important internet platform service with a very large number of users "
        "and complex business",
        "提供重要互联网平台服务、用户数量巨大、业务类型复杂"),
    "platform.platform_rules": Text(
        "you provide an important internet platform service with a very large number of users "
        "and complex business",
        "提供重要互联网平台服务、用户数量巨大、业务类型复杂"),
    "platform.pi_social_responsibility_report": Text(
        "you are a large network platform service provider",
        "属于大型网络平台服务提供者"),
    "platform.large_platform_pi_rules": Text(
        "your platform is designated in the list of large network platforms",
        "列入大型网络平台名录"),
    "platform.large_platform_officer_and_body": Text(
        "your platform is designated in the list of large network platforms",
        "列入大型网络平台名录"),
    "platform.large_platform_domestic_storage": Text(
        "your platform is designated in the list of large network platforms",
        "列入大型网络平台名录"),
}

# Plain statements of what a rule's reviewer has still to confirm (the rule's ``needs_review``).
REVIEW: dict[str, Text] = {
    "ai.deep_synthesis_labelling": Text(
        "The article number is taken from secondary sources, not yet from the official text.",
        "条文序号来自二手资料，尚未与官方文本核对。"),
    "ai.content_labelling_explicit": Text(
        "The article number is taken from secondary sources, not yet from the official text.",
        "条文序号来自二手资料，尚未与官方文本核对。"),
    "ai.content_labelling_implicit": Text(
        "The article number is taken from secondary sources, not yet from the official text.",
        "条文序号来自二手资料，尚未与官方文本核对。"),
    "ai.unlabelled_output_logs": Text(
        "The article number is taken from secondary sources, not yet from the official text.",
        "条文序号来自二手资料，尚未与官方文本核对。"),
    "ai.labelling_technical_standard": Text(
        "The standard's title, dates and mandatory status are not yet confirmed against its "
        "official publication.",
        "该标准的名称、发布和实施日期及强制性尚未与官方发布文本核对。"),
    "consumer.mobile_number_not_mandatory": Text(
        "The article number is not yet confirmed against the official text; the duty is known "
        "from the Shanghai typical case of 28 November 2025.",
        "条文序号尚未与官方文本核对；该义务见于2025年11月28日上海市公布的典型案例。"),
    "pipl.data_localisation": Text(
        "PIPL art. 40 also binds processors that reach a quantity set by the CAC; no such "
        "quantity has been published, so only CIIO status is decided.",
        "个人信息保护法第四十条还适用于处理个人信息达到国家网信部门规定数量的处理者；"
        "该数量尚未公布，因此本项只按是否属于关键信息基础设施运营者判断。"),
    "platform.pi_social_responsibility_report": Text(
        "NDSMR art. 44 requires a yearly report but sets no calendar date, so no deadline is "
        "computed.",
        "网络数据安全管理条例第四十四条要求每年度发布报告，但未规定具体日期，因此未计算期限。"),
    "minors.children_third_party_assessment": Text(
        "Arts. 16 and 17 follow press copies of the text, not yet the official text.",
        "第十六条、第十七条依据媒体转载的文本，尚未与官方文本核对。"),
    "security.mlps_filing": Text(
        "The filing threshold and period follow secondary summaries of the 2007 Measures, not yet "
        "the official text.",
        "备案范围和期限依据对2007年《信息安全等级保护管理办法》的二手概述，尚未与官方文本核对。"),
    "security.mlps_testing": Text(
        "The testing levels and intervals follow secondary summaries of the 2007 Measures, not "
        "yet the official text.",
        "测评级别和周期依据对2007年《信息安全等级保护管理办法》的二手概述，尚未与官方文本核对。"),
    "facial.purpose_necessity": Text(
        "The article number is taken from press summaries, not yet from the official text.",
        "条文序号来自媒体概述，尚未与官方文本核对。"),
}
for _key in ("facial.notice", "facial.separate_consent", "facial.guardian_consent_under_14",
             "facial.pipia_beforehand", "facial.local_storage", "facial.private_spaces_ban",
             "facial.public_place_signage"):
    REVIEW[_key] = REVIEW["facial.purpose_necessity"]


# Chinese for the legal bases a trace line names by their profile value.
BASIS_ZH: dict[str, str] = {
    "consent": "个人同意", "separate_consent": "单独同意", "contract": "订立、履行合同所必需",
    "contract_necessity": "订立、履行合同所必需", "hr_management": "人力资源管理所必需",
    "legal_obligation": "履行法定职责或者法定义务所必需",
    "statutory_duty": "履行法定职责或者法定义务所必需", "emergency": "应对突发事件所必需",
    "news_reporting": "新闻报道、舆论监督", "public_information": "已公开的个人信息",
    "other": "其他依据",
}
_P = r"(?P<p>[\w.\[\]' -]+?)"  # a profile path such as processing[face-checkin]
_ART = r"\(art (?P<n>\d+)\((?P<i>\d+)\)\)"
_ART_ZH = "（第{n}条第（{i}）项）"

# Countries and regions a recipient may be in, by the profile's ISO code, as Chinese texts name
# them (境外 covers Hong Kong, Macao and Taiwan, named here as regions of China). A code not listed
# keeps the general entry, with the code in the Chinese.
COUNTRY_ZH: dict[str, str] = {
    "HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾", "US": "美国", "JP": "日本", "KR": "韩国",
    "SG": "新加坡", "DE": "德国", "FR": "法国", "GB": "英国", "NL": "荷兰", "IE": "爱尔兰",
    "IT": "意大利", "ES": "西班牙", "BE": "比利时", "LU": "卢森堡", "CH": "瑞士", "SE": "瑞典",
    "DK": "丹麦", "FI": "芬兰", "NO": "挪威", "AT": "奥地利", "PL": "波兰", "CA": "加拿大",
    "AU": "澳大利亚", "NZ": "新西兰", "MY": "马来西亚", "TH": "泰国", "VN": "越南",
    "ID": "印度尼西亚", "PH": "菲律宾", "IN": "印度", "AE": "阿拉伯联合酋长国", "SA": "沙特阿拉伯",
    "RU": "俄罗斯", "BR": "巴西", "MX": "墨西哥", "IL": "以色列", "TR": "土耳其", "ZA": "南非",
}
# Sensitive categories whose profile code is a plain English word, as PIPL art 28 names them,
# when a line names that one category (the other codes are compound identifiers, shown as they
# are, and a list of several keeps its codes).
_CATEGORY_ZH: dict[str, str] = {"['facial']": "人脸信息", "['biometric']": "生物识别信息"}


def _each(names: dict[str, str], group: str, entries: tuple[tuple[str, str], ...]
          ) -> tuple[tuple[str, str], ...]:
    """One entry per known value of the named ``group`` (its regex as written in the patterns):
    the value in the pattern, its Chinese name in the translation. They come before the general
    entries, which match any value and keep its code."""
    name = "{" + group[4:group.index(">")] + "}"
    assert all(group in pattern and name in zh for pattern, zh in entries)
    return tuple((pattern.replace(group, re.escape(value)), zh.replace(name, zh_name))
                 for pattern, zh in entries for value, zh_name in names.items())


_CATEGORY_LINES: tuple[tuple[str, str], ...] = (
    (rf"^{_P} handles sensitive categories (?P<c>\[.*\]) {_ART}$", "{p} 处理敏感个人信息 {c}" + _ART_ZH),
    (rf"^{_P} handles sensitive categories (?P<c>\[.*\]) on (?P<b>\w+)$",
     "{p} 基于{b}处理敏感个人信息 {c}"),
)
_COUNTRY_LINES: tuple[tuple[str, str], ...] = (
    (rf"^{_P}: PI provided abroad to (?P<c>\w+) {_ART}$", "{p}：向境外（{c}）提供个人信息" + _ART_ZH),
    (rf"^{_P}: data provided to a recipient in (?P<c>\w+)$", "{p}：向位于{c}的境外接收方提供数据"),
    (rf"^{_P} to (?P<c>\w+) on basis (?P<b>\w+): tell people about the foreign recipient and "
     r"obtain separate consent$",
     "{p} 向{c}提供个人信息（依据：{b}）：应当告知境外接收方情况并取得个人的单独同意"),
)

# The trace lines the rules write most often, and their Chinese (group ``b`` is a legal basis,
# put in Chinese by BASIS_ZH; group ``o`` marks an overdue date). A line that matches none keeps
# the rule's English (and is marked as English where it is shown): a safe fallback when a rule's
# wording changes.
_LINES: tuple[tuple[str, str], ...] = (
    *_CATEGORY_LINES,
    (rf"^{_P} handles (?P<c>\[.*\]) on (?P<b>\w+): no consent needed \(PIPL art (?P<n>\d+) ¶(?P<k>\d+)\)$",
     "{p} 基于{b}处理 {c}：无需取得个人同意（个人信息保护法第{n}条第{k}款）"),
    (rf"^{_P}\.entrusts_processing = true: entrusted processing {_ART}$",
     "{p}：委托处理个人信息" + _ART_ZH),
    (rf"^{_P}\.entrusts_processing = true: agree purpose, period, method, categories and "
     r"safeguards; supervise$",
     "{p}：委托处理个人信息，应当约定委托处理的目的、期限、处理方式、个人信息的种类、保护措施，"
     "并对受托人的处理活动进行监督"),
    (rf"^{_P}\.provides_to_third_parties = true: provision to another processor {_ART}$",
     "{p}：向其他个人信息处理者提供个人信息" + _ART_ZH),
    (rf"^{_P}\.provides_to_third_parties = true on (?P<b>\w+): no consent needed "
     r"\(PIPL art (?P<n>\d+) ¶(?P<k>\d+)\)$",
     "{p}：基于{b}向其他个人信息处理者提供个人信息，无需取得个人同意（个人信息保护法第{n}条第{k}款）"),
    (rf"^{_P}\.provides_to_third_parties = true on (?P<b>\w+): tell people who receives their PI "
     r"and obtain separate consent$",
     "{p}：基于{b}向其他个人信息处理者提供个人信息，应当告知接收方情况并取得个人的单独同意"),
    (rf"^{_P}\.automated_decision_making = true: automated decisions {_ART}$",
     "{p}：利用个人信息进行自动化决策" + _ART_ZH),
    (rf"^{_P} = (?P<v>\d+): sensitive PI {_ART}$", "{p} = {v}：敏感个人信息" + _ART_ZH),
    *_COUNTRY_LINES,
    (rf"^{_P}\.basis = (?P<b>\w+): a non-consent basis \(PIPL art (?P<n>\d+) ¶(?P<k>\d+)\), so no "
     r"separate consent$",
     "{p}：出境依据为{b}，不以个人同意为基础（个人信息保护法第{n}条第{k}款），无需单独同意"),
    (rf"^{_P}: art (?P<n>\d+) ¶(?P<k>\d+)\((?P<i>\d+)\) consent \(separate\)$",
     "{p}：第{n}条第{k}款第（{i}）项，单独同意"),
    (rf"^{_P}: art (?P<n>\d+) ¶(?P<k>\d+)\((?P<i>\d+)\) consent$",
     "{p}：第{n}条第{k}款第（{i}）项，个人同意"),
    (rf"^{_P}: art (?P<n>\d+) ¶(?P<k>\d+)\((?P<i>\d+)\) contract necessity$",
     "{p}：第{n}条第{k}款第（{i}）项，订立、履行合同所必需"),
    (rf"^{_P}: art (?P<n>\d+) ¶(?P<k>\d+)\((?P<i>\d+)\) HR management$",
     "{p}：第{n}条第{k}款第（{i}）项，人力资源管理所必需"),
    (rf"^{_P} rests on (?P<b>\w+): a change of its purpose, method or categories needs new consent$",
     "{p} 基于{b}：处理目的、处理方式或者个人信息种类变更的，应当重新取得个人同意"),
    (rf"^{_P} is an app the organization operates$", "{p} 是本组织运营的App"),
    (rf"^{_P} handles facial information$", "{p} 处理人脸信息"),
    (rf"^{_P} processes facial information on (?P<b>\w+)$", "{p} 基于{b}处理人脸信息"),
    (rf"^{_P} not given: cannot tell whether this is in place$", "未填写 {p}：无法判断是否已落实"),
    (rf"^{_P} does not generate content$", "{p} 不生成内容"),
    (rf"^{_P} \(generative_ai\) generates or synthesises content for the public$",
     "{p}（生成式人工智能）面向公众生成合成内容"),
    (r"^processing (?P<p>\[.*\]) handles PI of children \(under (?P<n>\d+)\)$",
     "处理活动 {p} 处理儿童（不满{n}周岁）个人信息"),
    (r"^processing (?P<p>\[.*\]) handles PI of minors under (?P<n>\d+)$",
     "处理活动 {p} 处理不满{n}周岁未成年人个人信息"),
    (rf"^{_P} = false: not on the CAC/MPS list \(no self-assessment\)$",
     "{p}：否，未列入大型网络平台名录（不由企业自行认定）"),
    (rf"^{_P}\.labels_content = false: content is not labelled$", "{p}.labels_content：否，内容未添加标识"),
    (rf"^{_P} = true \(具有舆论属性或者社会动员能力\)$", "{p}：具有舆论属性或者社会动员能力"),
    (r"^sectors does not include automotive$", "sectors 未包含汽车行业"),
    (r"^sectors does not include (?P<p>\w+)$", "sectors 未包含 {p}"),
    # Fixed or nearly fixed lines (the commonest not-applicable reasons and duty summaries).
    (r"^the profile declares no apps \(apps is empty\)$", "组织档案未列出任何App（apps 为空）"),
    (r"^the profile declares no AI services \(ai_services is empty\)$",
     "组织档案未列出任何人工智能服务（ai_services 为空）"),
    (rf"^{_P} = 0 and no processing activity or AI service uses facial information$",
     "{p} = 0，且没有处理活动或者人工智能服务使用人脸信息"),
    (rf"^{_P} = 0 and no processing activities or transfers: no personal information is processed$",
     "{p} = 0，且没有处理活动或者数据出境：不处理个人信息"),
    (rf"^{_P} = 0: no PI of minors \(under (?P<n>\d+)\)$", "{p} = 0：不处理未成年人（不满{n}周岁）个人信息"),
    (rf"^{_P} = 0: no children's PI$", "{p} = 0：不处理儿童个人信息"),
    (rf"^{_P} = false \(important impact on national security, the economy or people's livelihood\)$",
     "{p}：否（对国家安全、经济运行、国计民生等具有重要影响）"),
    (r"^not a large network platform \(NDSMR art (?P<n>\d+)\((?P<i>\d+)\)\)$",
     "不属于大型网络平台（网络数据安全管理条例第{n}条第（{i}）项）"),
    (rf"^{_P} = false \(only data notified or published as important counts, NDSMR arts "
     r"(?P<a>\d+), (?P<b>\d+)\)$",
     "{p}：否（只有经告知或者公开发布为重要数据的才计入，网络数据安全管理条例第{a}条、第{b}条）"),
    (r"^the organization processes PI but lists no processing activities$",
     "本组织处理个人信息，但未列出处理活动"),
    (r"^no transfer under this contract route$", "没有依据该合同路径的数据出境"),
    (r"^no transfer with this approval on record$", "没有记录依据该项批准的数据出境"),
    (r"^neither an important-data processor nor (?P<n>\d+) million individuals$",
     "既不是重要数据处理者，处理个人信息也不满{n}00万人"),
    (r"^no processing activity lists (?P<c>\w+) data$", "没有处理活动列出 {c} 类数据"),
    (r"^year (?P<y>\d+): (?P<n>\d+) individuals, (?P<s>\d+) sensitive individuals counted "
     r"\(profile\); route (?P<r>\w+)$",
     "{y}年：累计个人信息{n}人，敏感个人信息{s}人（按组织档案填报的数量）；路径 {r}"),
    (r"^year (?P<y>\d+): (?P<n>\d+) individuals, (?P<s>\d+) sensitive individuals counted "
     r"\(ledger\); route (?P<r>\w+)$",
     "{y}年：累计个人信息{n}人，敏感个人信息{s}人（按出境台账去重计数）；路径 {r}"),
    (r"^year (?P<y>\d+): (?P<n>\d+) individuals, (?P<s>\d+) sensitive individuals counted "
     r"\((?P<src>\w+)\); route (?P<r>\w+)$",
     "{y}年：累计个人信息{n}人，敏感个人信息{s}人（来源：{src}）；路径 {r}"),
    (rf"^{_P} not given: grade the systems \(GB/T (?P<n>\d+)\) to know the filing and testing duties$",
     "未填写 {p}：应当按照GB/T {n}对系统定级，才能确定备案和测评义务"),
    (rf"^{_P} = false \(the CAC quantity for other processors is not set in the law data\)$",
     "{p}：否（国家网信部门对其他处理者规定的数量尚未纳入法规数据）"),
    (rf"^{_P} = CN: established in mainland China$", "{p}：在中国境内设立"),
    (rf"^{_P} = false: the fines of the penalty findings apply instead$",
     "{p}：否，适用各处罚结论中的罚款"),
    (r"^no transfer records its facts as assessed or filed \(previous\)$",
     "没有数据出境记录了评估或者备案时的情况"),
    (r"^no activity publishes PI$", "没有处理活动公开个人信息"),
    (r"^no consent-based activity does this \((?P<f>\w+)\)$", "没有基于同意的处理活动属于此情形（{f}）"),
    (r"^no activity handles sensitive categories on consent$", "没有处理活动基于同意处理敏感个人信息"),
    (rf"^{_P} is null: not in a free trade zone$", "{p} 为空：不在自由贸易试验区内"),
    (r"^no processing activity is entrusted to another party$", "没有处理活动委托他人处理"),
    (r"^no activity makes automated decisions$", "没有处理活动进行自动化决策"),
    (r"^no consent-based transfer of PI abroad$", "没有基于同意向境外提供个人信息"),
    (rf"^{_P} is not given: no rectification after an ordered audit is on record$",
     "未填写 {p}：没有按要求审计后完成整改的记录"),
    (r"^no transfers abroad$", "没有数据出境"),
    (r"^stored facial information is below the filing threshold$", "存储的人脸信息未达到备案标准"),
    (r"^no important data in this year's transfers$", "本年度数据出境不含重要数据"),
    (r"^every PI processor audits its compliance regularly, in-house or through a professional body$",
     "个人信息处理者应当定期自行或者委托专业机构对其处理个人信息遵守法律、行政法规的情况进行合规审计"),
    (r"^no PI or important data is provided or entrusted to another processor$",
     "没有向其他处理者提供或者委托处理个人信息、重要数据"),
    (rf"^{_P} = false; other processors are only encouraged to assess every (?P<n>\d+) years$",
     "{p}：否；其他处理者仅被鼓励每{n}年开展一次评估"),
    (r"^for a relatively major \(较大\) or worse incident: items 1-(?P<n>\d+) may go first \(unit and "
     r"system; time, place, type, impact, harm and measures\) and the rest are supplemented; "
     r"within (?P<d>\d+) days after handling ends a summary report \(cause, response, harm, "
     r"accountability, rectification, lessons\)$",
     "发生较大及以上网络安全事件的：可先报告第1至{n}项（报告单位和受影响的设施、系统或者平台；"
     "发现或者发生的时间、地点、类型、影响和危害、已采取的措施），其他情况及时补报；"
     "事件处置结束后{d}日内提交总结报告（原因、处置情况、危害、责任处理、整改、教训）"),
    (r"^keep an incident response plan; on an incident launch it, contain the harm and report as "
     r"required$",
     "制定网络数据安全事件应急预案；发生事件时立即启动预案，采取措施防止危害扩大，并按照规定报告"),
    (r"^remedy flaws in products or services at once and tell users; report within (?P<n>\d+) hours "
     r"where national security or the public interest is endangered$",
     "产品、服务存在安全缺陷、漏洞的，立即采取补救措施并告知用户；涉及危害国家安全、公共利益的，"
     "{n}小时内报告"),
    (r"^no voluntary security assessment declared$", "未自愿申报数据出境安全评估"),
    (r"^none of the cases of art 55 \(1\)-\(4\) is present$",
     "不存在第五十五条第（一）项至第（四）项规定的情形"),
    (r"^the year has not reached the assessment threshold$", "本年度未达到申报安全评估的标准"),
    (r"^no PIPIA is due, so no report to keep$", "无需进行个人信息保护影响评估，因此没有需要保存的报告"),
    (r"^no AI service of kind (?P<k>\w+) is declared$", "未列出类型为 {k} 的人工智能服务"),
    (rf"^{_P} = 0: no PI to access$", "{p} = 0：没有可供查阅的个人信息"),
    (r"^keep the PIPIA report and records for at least (?P<n>\d+) years \((?P<r>[\w.]+)\)$",
     "个人信息保护影响评估报告和处理情况记录至少保存{n}年（{r}）"),
    (r"^other network operator: report to the provincial CAC within (?P<n>\d+) hours$",
     "其他网络运营者：{n}小时内向省级网信部门报告"),
    # Duty summaries and dated steps the rules write for an obligation that applies.
    (rf"^{_P} recommends information to users$", "{p} 向用户推荐信息"),
    (rf"^{_P} is below both user thresholds$", "{p} 未达到两项用户数量标准"),
    (rf"^{_P}\.biometrics = true: the app processes biometric information$",
     "{p}.biometrics：是，App处理生物识别信息"),
    (rf"^{_P}\.consent_withdrawal = false: no way to withdraw consent \(a violation type in the "
     r"CVERC lists\)$", "{p}.consent_withdrawal：否，未提供撤回同意的途径（属于通报清单所列违规类型）"),
    (rf"^{_P}\.privacy_policy_lists_sdks = false: the policy does not list the SDKs \(a violation "
     r"type in the CVERC/MIIT lists\)$",
     "{p}.privacy_policy_lists_sdks：否，隐私政策未列明SDK（属于通报清单所列违规类型）"),
    (rf"^{_P}\.sdk_review_done = false: SDKs not reviewed$", "{p}.sdk_review_done：否，未审核SDK"),
    (rf"^{_P}\.personalised_recommendation = true: the app (pushes|recommends) personalised content$",
     "{p}.personalised_recommendation：是，App推送或者推荐个性化内容"),
    (rf"^{_P}\.permissions: (?P<l>[\w, ]+)$", "{p} 申请的权限：{l}"),
    (rf"^{_P}\.sdks: embeds (?P<n>\d+) third-party SDK\(s\) \((?P<l>.+)\)$",
     "{p}.sdks：嵌入{n}个第三方SDK（{l}）"),
    (rf"^{_P}\.registered_users = (?P<n>\d+): the app keeps user accounts; complete a cancellation "
     r"within (?P<d>\d+) working days of the request and delete or anonymise the PI$",
     "{p}.registered_users = {n}：App设有用户账号；应当在用户申请后{d}个工作日内完成注销，"
     "并删除个人信息或者进行匿名化处理"),
    (rf"^{_P}\.launch_date = (?P<d>[\d-]+): file within (?P<n>\d+) working days, by (?P<due>[\d-]+)$",
     "{p}.launch_date = {d}：应当在{n}个工作日内备案，即{due}前"),
    (rf"^{_P} = (?P<d>[\d-]+): file within (?P<n>\d+) working days, by (?P<due>[\d-]+)$",
     "{p} = {d}：应当在{n}个工作日内备案，即{due}前"),
    (rf"^{_P} = true: report material changes within (?P<n>\d+) working days$",
     "{p}：是；重要信息发生变更的，应当在{n}个工作日内报送"),
    (r"^threshold reached on (?P<d>[\d-]+), before the notice of (?P<n>[\d-]+): report by (?P<due>[\d-]+)$",
     "{d}达到标准，早于{n}公告：应当在{due}前报送"),
    (r"^threshold reached on (?P<d>[\d-]+): report within (?P<n>\d+) working days \(day of reaching "
     r"not counted\) = (?P<due>[\d-]+)$",
     "{d}达到标准：应当在{n}个工作日内报送（达到当日不计入），即{due}"),
    (r"^(?P<t>[\w-]+): file the standard contract and PIPIA report with the provincial CAC within "
     r"(?P<n>\d+) working days of (?P<d>[\d-]+): due (?P<due>[\d-]+)(?P<o> \(OVERDUE\))?$",
     "{t}：应当自{d}起{n}个工作日内向省级网信部门备案标准合同和个人信息保护影响评估报告，"
     "期限{due}{o}"),
    (r"^report the (?P<y>\d+) audit to the city-level CAC by (?P<d>[\d-]+)$",
     "应当在{d}前向设区的市级网信部门报送{y}年度合规审计情况"),
    (r"^the report counts children and minors separately \(children under (?P<a>\d+): (?P<c>\d+); "
     r"minors under (?P<b>\d+): (?P<m>\d+)\)$",
     "报告分别统计儿童和未成年人（不满{a}周岁的儿童：{c}人；不满{b}周岁的未成年人：{m}人）"),
    (r"^the policy must be reachable within (?P<n>\d+) taps of the main screen \((?P<r>[\w.]+); more "
     r"than that counts as hard to reach\)$",
     "隐私政策应当能够从主界面经{n}次以内点击访问（{r}；超过即属于难以访问）"),
    (r"^keep it no longer than the purpose needs$", "保存期限不超过实现处理目的所必要的最短时间"),
    (r"^keep the records at least (?P<n>\d+) years$", "处理情况记录至少保存{n}年"),
    (r"^file online through the CAC personal information protection system$",
     "通过国家网信部门的个人信息保护业务系统在线报送"),
    (r"^bases other than consent need no consent \(art (?P<n>\d+) ¶(?P<k>\d+)\)$",
     "基于同意以外的合法性基础处理个人信息，无需取得个人同意（第{n}条第{k}款）"),
    (r"^consent obtained that way is no defence in civil cases$",
     "以此种方式取得的同意在民事案件中不能作为抗辩理由"),
    (r"^options: standard_contract, certification, gba_standard_contract$",
     "可选路径：个人信息出境标准合同、个人信息保护认证、粤港澳大湾区标准合同"),
    (r"^options: standard_contract, certification$", "可选路径：个人信息出境标准合同、个人信息保护认证"),
    (r"^options: certification$", "可选路径：个人信息保护认证"),
    (r"^options: (?P<l>[\w, ]+)$", "可选路径：{l}"),
    (r"^publish dedicated rules and a user agreement for children's PI and name a person responsible "
     r"for protecting it$",
     "制定专门的儿童个人信息保护规则和用户协议，并指定专人负责儿童个人信息保护"),
    (r"^processing (?P<p>\[.*\]) entrusts or provides PI to others: assess the third party's "
     r"security first$",
     "处理活动 {p} 委托他人处理或者向他人提供个人信息：应当先对第三方进行安全评估"),
    (r"^processing (?P<p>\[.*\]) handles PI of minors under (?P<a>\d+): audit compliance every "
     r"(?P<n>\d+) year\(s\), in-house or by a professional body, and report the results to the CAC$",
     "处理活动 {p} 处理不满{a}周岁未成年人个人信息：应当每{n}年自行或者委托专业机构开展合规审计，"
     "并将审计情况报告网信部门"),
    (r"^processing (?P<p>\[.*\]) handles PI of minors under (?P<a>\d+): collect only necessary PI and "
     r"keep basic functions available when consent to unnecessary processing is refused or withdrawn$",
     "处理活动 {p} 处理不满{a}周岁未成年人个人信息：只收集必要的个人信息；拒绝或者撤回对非必要处理的"
     "同意时，不得拒绝提供基本功能服务"),
    (r"^processing (?P<p>\[.*\]) handles PI of minors under (?P<a>\d+): least-privilege access, "
     r"approval by the responsible person, access logs and technical safeguards$",
     "处理活动 {p} 处理不满{a}周岁未成年人个人信息：最小授权访问，经负责人审批，记录访问情况，"
     "并采取技术措施"),
    (r"^processing (?P<p>\[.*\]) handles PI of minors under (?P<a>\d+): on a leak, alteration or loss, "
     r"launch the plan, report promptly and tell affected minors and guardians by mail, letter, "
     r"phone or push$",
     "处理活动 {p} 处理不满{a}周岁未成年人个人信息：发生泄露、篡改、丢失的，立即启动应急预案，"
     "及时报告，并以邮件、信函、电话、推送等方式告知受影响的未成年人及其监护人"),
    (rf"^{_P}\.automated_decision_making = true: no unreasonable differential treatment; "
     r"non-personalised option or easy refusal for push and marketing$",
     "{p}：利用个人信息进行自动化决策，不得在交易条件上实行不合理的差别待遇；"
     "进行信息推送、商业营销的，应当提供不针对个人特征的选项或者便捷的拒绝方式"),
    (r"^before collecting, using, transferring or disclosing children's PI, tell the guardian the "
     r"art (?P<n>\d+) items .*and obtain consent, offering refusal$",
     "收集、使用、转移、披露儿童个人信息前，应当以显著、清晰的方式告知儿童监护人第{n}条所列事项，"
     "并征得其同意，同时提供拒绝选项"),
    (r"^on an actual or possible leak, alteration or loss: remedy at once and notify the authority "
     r"and individuals .*$",
     "发生或者可能发生个人信息泄露、篡改、丢失的，应当立即采取补救措施，并通知履行个人信息保护职责的"
     "部门和个人（个人信息保护法未规定小时时限，要求“立即”）"),
    (r"^every network operator meets the multi-level protection scheme \(CSL art (?P<n>\d+)\): .*$",
     "网络运营者应当按照网络安全等级保护制度的要求履行安全保护义务（网络安全法第{n}条）："
     "对网络和系统定级，并按等级采取保护措施"),
    (r"^cost or retrieval difficulty is no defence; derivative demands such as statistical analysis "
     r"need not be met \(case (?P<n>\d+)\)$",
     "成本或者检索难度不构成抗辩理由；统计分析等衍生要求无需满足（案例{n}）"),
    (r"^a lawful permanent ban survives cancellation: .*$",
     "合法的永久封禁在注销后仍然有效：被封禁用户不能通过注销账号时依据个人信息保护法"
     "第四十七条删除个人信息来解除封禁（北京市第四中级人民法院典型案例）"),
    (r"^GB/T 41391-2022 is a recommended \(推荐性\) standard: .*$",
     "GB/T 41391-2022为推荐性标准：本身不具有强制约束力，但监管部门和审计人员据此判断各类App的必要个人信息"),
    (rf"^{_P} offers generated content to the public: part of the provider's duty of care "
     r"\(fault-based liability for inaccurate output\)$",
     "{p} 向公众提供生成内容：属于服务提供者注意义务的一部分（对不准确的输出承担过错责任）"),
    (rf"^{_P}\.contacts_access_purposes not given: whether the exception for contacting, adding "
     r"friends or data backup covers the access is unknown$",
     "未填写 {p}.contacts_access_purposes：无法判断该访问是否属于联系、添加好友或者数据备份的例外情形"),
    (rf"^{_P}\.permissions include contacts: the prohibition governs how that access may be used "
     r"\((?P<f>[\w.\[\]-]+) = false\)$",
     "{p}.permissions 包含通讯录：禁止性规定约束该访问的使用方式（{f}：否）"),
    (rf"^{_P}\.permissions include contacts: the prohibition governs how that access may be used "
     r"\((?P<f>[\w.\[\]-]+) = true\)$",
     "{p}.permissions 包含通讯录：禁止性规定约束该访问的使用方式（{f}：是）"),
    (rf"^{_P}\.permissions include contacts: the prohibition governs how that access may be used "
     r"\((?P<f>[\w.\[\]-]+) = (?P<v>\w+)\)$",
     "{p}.permissions 包含通讯录：禁止性规定约束该访问的使用方式（{f} = {v}）"),


    # Further lines the rules write themselves (health, facial, consumer, penalties).
    (rf"^{_P} handles (?P<c>\w+) data$", "{p} 处理 {c} 类数据"),
    (r"^organization is not in Shanghai: the guidelines are local \(Shanghai CAC, AMR and Health "
     r"Commission\); PIPL arts 28-29 cover sensitive health data everywhere$",
     "本组织不在上海：该指引是地方性文件（上海市网信办、市场监管局和卫生健康委）；个人信息保护法"
     "第28条、第29条对敏感的医疗健康信息在各地均适用"),
    (r"^no facial processing activity covers children under (?P<n>\d+)$",
     "没有处理不满{n}周岁儿童人脸信息的处理活动"),
    (r"^no transfer contains important data$", "没有数据出境包含重要数据"),
    (r"^from (?P<d>[\d-]+) CSL art (?P<n>\d+) sends PI infringements to the PIPL and other laws; "
     r"CSL sets no fine of its own \(see (?P<k>\S+)\)$",
     "自{d}起，网络安全法第{n}条规定侵害个人信息权益的依照个人信息保护法等法律处理；网络安全法本身"
     "不规定罚款（见 {k}）"),
    (rf"^{_P}\.requires_mobile_number = true and (?P=p)\.mobile_number_necessary = true: the number "
     r"is needed for the business$",
     "{p}.requires_mobile_number：是；{p}.mobile_number_necessary：是，业务功能确需手机号码"),
    # Penalty exposure lines (amounts from the law data, as the rule computed them).
    (r"^correction, warning, confiscation, app suspension; on refusal a fine up to RMB (?P<n>[\d,]+); "
     r"persons in charge RMB (?P<a>[\d,]+)-RMB (?P<b>[\d,]+)$",
     "责令改正，给予警告，没收违法所得，对违法处理个人信息的应用程序责令暂停或者终止提供服务；"
     "拒不改正的，并处{n}元以下罚款；对直接负责的主管人员和其他直接责任人员处{a}元以上{b}元以下罚款"),
    (r"^persons in charge RMB (?P<a>[\d,]+)-RMB (?P<b>[\d,]+) and possible bans from director, "
     r"supervisor, senior manager and PI officer posts$",
     "对直接负责的主管人员和其他直接责任人员处{a}元以上{b}元以下罚款，并可以决定禁止其在一定期限内"
     "担任相关企业的董事、监事、高级管理人员和个人信息保护负责人"),
    (r"^cap RMB (?P<x>[\d,]+) or (?P<p>[\d.]+)% of prior-year turnover \(RMB (?P<t>[\d,]+) x "
     r"(?P<q>[\d.]+)% = RMB (?P<r>[\d,]+)\); exposure ceiling RMB (?P<c>[\d,]+) .*$",
     "{x}元以下或者上一年度营业额{p}%以下罚款（{t}元 × {q}% = {r}元）；风险上限{c}元"
     "（条文用“或者”，未规定以较高者为准，此处列出较大者）"),
    (r"^fines up to RMB (?P<x>[\d,]+) or (?P<n>\d+) times illegal gains, licence revocation$",
     "最高{x}元罚款或者违法所得{n}倍罚款，吊销许可证"),
    (r"^refusing lawful data requests: up to RMB (?P<a>[\d,]+); data to foreign judicial or "
     r"law-enforcement bodies without approval: up to RMB (?P<b>[\d,]+) in serious cases$",
     "拒不配合依法调取数据的：最高{a}元罚款；未经批准向外国司法或者执法机构提供数据，情节严重的："
     "最高{b}元罚款"),
    (r"^failing arts (?P<arts>[\d/]+): fine up to RMB (?P<a>[\d,]+); on refusal or large leaks up to "
     r"RMB (?P<b>[\d,]+) \(persons up to RMB (?P<c>[\d,]+)\); core-data breaches up to RMB "
     r"(?P<d>[\d,]+)$",
     "不履行第{arts}条规定的数据安全保护义务：最高{a}元罚款；拒不改正或者造成大量数据泄露等严重后果的："
     "最高{b}元（直接负责的主管人员最高{c}元）；违反国家核心数据管理制度的：最高{d}元"),
    (r"^network operator duties \(CSL art (?P<n>\d+)\): a fine up to RMB (?P<a>[\d,]+) may be imposed "
     r"at once; on refusal or harm up to RMB (?P<b>[\d,]+), persons in charge up to RMB (?P<c>[\d,]+)$",
     "网络运营者不履行安全保护义务（网络安全法第{n}条）：可以直接处{a}元以下罚款；拒不改正或者导致"
     "危害后果的，处{b}元以下罚款，对直接负责的主管人员处{c}元以下罚款"),
    (r"^large data leaks or partial loss of CII function \(CSL art (?P<n>\d+) ¶(?P<k>\d+)\): up to RMB "
     r"(?P<a>[\d,]+), persons in charge up to RMB (?P<b>[\d,]+)$",
     "造成大量数据泄露、关键信息基础设施丧失局部功能等严重危害后果的（网络安全法第{n}条第{k}款）："
     "最高{a}元，直接负责的主管人员最高{b}元"),
    (r"^especially serious harm \(CII losing main functions\): up to RMB (?P<a>[\d,]+), persons in "
     r"charge up to RMB (?P<b>[\d,]+)$",
     "造成关键信息基础设施丧失主要功能等特别严重危害后果的：最高{a}元，直接负责的主管人员最高{b}元"),

    # The cross-border decision's lines (rules.crossborder): exemptions, routes, counting.
    (r"^contract necessity \((?P<s>\w+), a statutory example\): exempt \(art 5\(1\)\)$",
     "为订立、履行个人作为一方当事人的合同确需向境外提供个人信息（{s}，属于条文列举的情形）："
     "豁免（第5条第（1）项）"),
    (r"^contract necessity \(scenario not named; the examples are non-exhaustive but need real "
     r"relevance and necessity\): exempt \(art 5\(1\)\)$",
     "为订立、履行个人作为一方当事人的合同确需向境外提供个人信息（未指明场景；条文列举并非穷尽，"
     "但须确有关联且确需提供）：豁免（第5条第（1）项）"),
    (r"^contract necessity \(scenario (?P<s>\w+); the examples are non-exhaustive but need real "
     r"relevance and necessity\): exempt \(art 5\(1\)\)$",
     "为订立、履行个人作为一方当事人的合同确需向境外提供个人信息（场景 {s}；条文列举并非穷尽，"
     "但须确有关联且确需提供）：豁免（第5条第（1）项）"),
    (r"^employees' PI for cross-border HR management under lawful labour rules: exempt "
     r"\(art 5\(2\)\)$",
     "按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理，确需向境外提供员工"
     "个人信息：豁免（第5条第（2）项）"),
    (r"^emergency to protect life, health or property: exempt \(art 5\(3\)\)$",
     "紧急情况下为保护自然人的生命健康和财产安全，确需向境外提供个人信息：豁免（第5条第（3）项）"),
    (r"^truly needed to perform a statutory duty or obligation: exempt \(NDSMR art 35\(6\)\)$",
     "为履行法定职责或者法定义务确需向境外提供个人信息：豁免（网络数据安全管理条例第35条第（6）项）"),
    (r"^no personal information and no important data: exempt \(art 3\)$",
     "不含个人信息和重要数据：豁免（第3条）"),
    (r"^collected abroad, processed here and sent back with nothing domestic added: exempt "
     r"\(art 4\)$",
     "在境外收集和产生的个人信息传输至境内处理后向境外提供，处理过程中没有引入境内个人信息或者"
     "重要数据：豁免（第4条）"),
    (r"^no personal information and no important data: outside the Security Assessment Measures "
     r"\(art 2\) and PIPL art 38$",
     "不含个人信息和重要数据：不属于数据出境安全评估办法（第2条）和个人信息保护法第38条的调整范围"),
    (r"^overseas staff only access the data while inside mainland China: not an export "
     r"\(CAC Q&A 2025-10\)$",
     "境外人员仅在中国境内访问数据：不属于数据出境（国家网信办问答 2025-10）"),
    (r"^access inside China: the CAC Q&A saying this is not an export dates from 2025-10-31; "
     r"treated as an export before then$",
     "在境内访问：国家网信办关于此情形不属于数据出境的问答发布于2025-10-31，此前按数据出境处理"),
    (r"^a state organ \(or a body authorised to manage public affairs, PIPL art 37\): no exemption "
     r"of the 2024 Provisions applies \(PIPL art 36\)$",
     "国家机关（或者法律、法规授权的具有管理公共事务职能的组织，个人信息保护法第37条）："
     "不适用《促进和规范数据跨境流动规定》的豁免（个人信息保护法第36条）"),
    (r"^a state organ \(or a body authorised to manage public affairs, PIPL art 37\) exporting "
     r"personal information: security assessment whatever the volume \(PIPL art 36\)$",
     "国家机关（或者法律、法规授权的具有管理公共事务职能的组织，个人信息保护法第37条）向境外提供"
     "个人信息：无论数量多少，均应当申报安全评估（个人信息保护法第36条）"),
    (r"^contains important data: the art 5 exemptions do not cover important data "
     r"\(art 5, last paragraph\)$",
     "含有重要数据：第5条的豁免不适用于重要数据（第5条末款）"),
    (r"^(?P<d>[\d-]+) is before the 2024 Provisions \(2024-03-22\): none of their exemptions "
     r"exists; a PI export needs a route \(PIPL art 38\)$",
     "{d}早于《促进和规范数据跨境流动规定》施行（2024-03-22）：其豁免尚不存在，向境外提供个人信息"
     "须具备出境路径（个人信息保护法第38条）"),
    (r"^domestic hotel booking by an individual in China is not contract necessity "
     r"\(CAC Q&A 2025-10\): no art 5\(1\) exemption$",
     "境内个人预订境内酒店不属于订立、履行合同所必需（国家网信办问答 2025-10）：不适用第5条第（1）项"
     "豁免"),
    (r"^a statutory duty is a basis for export only from NDSMR art 35\(6\), in force 2025-01-01: "
     r"a route is needed before then$",
     "履行法定职责或者法定义务自网络数据安全管理条例第35条第（6）项施行（2025-01-01）起才成为"
     "出境依据：此前须具备出境路径"),
    (r"^dated (?P<d>[\d-]+): counts toward (?P<y>\d+), not (?P<n>\d+)$",
     "日期{d}：计入{y}年，而非{n}年"),
    (r"^dated (?P<d>[\d-]+): counted since 1 January of the previous year "
     r"\(Decree 11 art 4\(3\)\)$",
     "日期{d}：自上年1月1日起累计计算（数据出境安全评估办法第4条第（3）项）"),
    (r"^dated (?P<d>[\d-]+), after (?P<a>[\d-]+): not counted; route projected with the transfers "
     r"of (?P<y>\d+) up to that day$",
     "日期{d}，晚于{a}：不计入；路径按{y}年截至该日的数据出境推算"),
    (r"^organization\.ciio is not given: treated as not a CIIO$",
     "未填写 organization.ciio：按非关键信息基础设施运营者处理"),
    (r"^the GBA standard contract covers only flows between the nine Guangdong cities and Hong "
     r"Kong/Macao, without important data or CIIOs; this transfer needs the ordinary routes$",
     "粤港澳大湾区标准合同只适用于广东省九市与香港、澳门之间、不含重要数据且不涉及关键信息基础设施"
     "运营者的流动；本次出境须采用一般路径"),
    (r"^a GBA flow: the GBA standard contract has no volume cap \(HKSAR Government, 2023-12-13\) "
     r"and may be used instead of the security assessment$",
     "粤港澳大湾区内的流动：大湾区标准合同没有数量上限（香港特别行政区政府，2023-12-13），"
     "可以代替安全评估"),
    (rf"^important data: security assessment {_ART}$", "重要数据：申报安全评估" + _ART_ZH),
    (r"^a CIIO exporting personal information: security assessment whatever the volume "
     r"\(art 7\(1\); PIPL art 40\); the below-100,000 exemption is not open to CIIOs "
     r"\(art 5\(4\)\)$",
     "关键信息基础设施运营者向境外提供个人信息：无论数量多少，均应当申报安全评估（第7条第（1）项；"
     "个人信息保护法第40条）；不满10万人的豁免不适用于关键信息基础设施运营者（第5条第（4）项）"),
    (r"^the year's exports reached the assessment threshold: the declaration covers all PI "
     r"exported this year, including under a contract or certification \(CAC Q&A 2026-01\)$",
     "本年度数据出境达到申报安全评估的标准：申报范围涵盖本年度向境外提供的全部个人信息，包括已依据"
     "标准合同或者认证出境的部分（国家网信办问答 2026-01）"),
    (r"^a processor other than a CIIO below 100,000 people's non-sensitive PI this year, no "
     r"sensitive PI: exempt \(art 5\(4\)\)$",
     "关键信息基础设施运营者以外的处理者本年度累计向境外提供不满10万人的非敏感个人信息，"
     "且不含敏感个人信息：豁免（第5条第（4）项）"),
    (r"^the year's volume reaches the security-assessment threshold \(art 7\(2\)\)$",
     "本年度数量达到申报安全评估的标准（第7条第（2）项）"),
    (r"^standard contract or certification \(art 8\)$", "订立标准合同或者通过个人信息保护认证（第8条）"),
    (r"^a voluntarily declared security assessment binds \(CAC Q&A 2026-01\)$",
     "自愿申报的安全评估具有约束力（国家网信办问答 2026-01）"),
    (r"^voluntary security assessment declared; the CAC's statement that it binds dates from "
     r"2026-01-30$",
     "已自愿申报安全评估；国家网信办关于其具有约束力的说明发布于2026-01-30"),
    (r"^important data: security assessment \(Decree 11 art 4\(1\)\)$",
     "重要数据：申报安全评估（数据出境安全评估办法第4条第（1）项）"),
    (r"^a CIIO exporting personal information: security assessment \(Decree 11 art 4\(2\); "
     r"PIPL art 40\)$",
     "关键信息基础设施运营者向境外提供个人信息：申报安全评估（数据出境安全评估办法第4条第（2）项；"
     "个人信息保护法第40条）"),
    (r"^a processor of PI of 1,000,000 people or more exporting personal information: security "
     r"assessment \(Decree 11 art 4\(2\)\)$",
     "处理100万人以上个人信息的处理者向境外提供个人信息：申报安全评估（数据出境安全评估办法"
     "第4条第（2）项）"),
    (r"^exports since 1 January of the previous year reached Decree 11 art 4\(3\)'s threshold: "
     r"security assessment for any PI export$",
     "自上年1月1日起累计向境外提供个人信息达到数据出境安全评估办法第4条第（3）项规定的标准："
     "任何个人信息出境均应当申报安全评估"),
    (r"^below Decree 11 art 4's triggers: a PIPL art 38 route \(standard contract or "
     r"certification\)$",
     "未达到数据出境安全评估办法第4条规定的情形：采用个人信息保护法第38条规定的路径"
     "（标准合同或者认证）"),
    (r"^the standard contract is in force only from 2023-06-01 \(Standard Contract Measures\): "
     r"before then the contract route is certification \(PIPL art 38\(2\)\); which certification "
     r"rules applied is not in our sources \(needs_review\)$",
     "标准合同自2023-06-01起施行（个人信息出境标准合同办法）：此前的路径为认证（个人信息保护法"
     "第38条第（2）项）；当时适用的认证规则本项目资料未载明（needs_review）"),
    (r"^ledger: (?P<i>\d+) distinct individuals, (?P<s>\d+) distinct sensitive individuals across "
     r"(?P<n>\d+) recorded transfer\(s\) of (?P<y>\d+) \(the same transfers' own counts add up to "
     r"(?P<t>\d+)\)$",
     "台账：{y}年已记录的{n}次数据出境去重后共涉及个人{i}人、敏感个人信息主体{s}人"
     "（这些出境各自填报的数量合计{t}人）"),
    (r"^ledger: (?P<i>\d+) distinct individuals, (?P<s>\d+) distinct sensitive individuals across "
     r"(?P<n>\d+) recorded transfer\(s\) of (?P<y>\d+)$",
     "台账：{y}年已记录的{n}次数据出境去重后共涉及个人{i}人、敏感个人信息主体{s}人"),
    (r"^(?P<t>[\w-]+): not recorded in the ledger; its own counts \((?P<i>\d+) individuals, "
     r"(?P<s>\d+) sensitive\) are added as given$",
     "{t}：未记入台账；按其填报的数量（个人{i}人，敏感个人信息主体{s}人）计入"),
    (r"^(?P<d>[\d-]+) is before the 2024 Provisions \(2024-03-22\): Decree 11 art 4's original "
     r"triggers, exports counted since 1 January of the previous year \((?P<s>[\d-]+)\)$",
     "{d}早于《促进和规范数据跨境流动规定》施行（2024-03-22）：适用数据出境安全评估办法第4条原有的"
     "申报情形，出境数量自上年1月1日（{s}）起累计计算"),
    (r"^Security Assessment Measures art (?P<n>\d+): exports begun before (?P<a>[\d-]+) that do not "
     r"comply have until (?P<b>[\d-]+) to be brought into line$",
     "数据出境安全评估办法第{n}条：{a}前已经开展、不符合规定的数据出境活动，应当在{b}前完成整改"),
    (r"^Standard Contract Measures art (?P<n>\d+): exports begun before (?P<a>[\d-]+) that do not "
     r"comply have until (?P<b>[\d-]+) to be brought into line$",
     "个人信息出境标准合同办法第{n}条：{a}前已经开展、不符合规定的个人信息出境活动，应当在{b}前"
     "完成整改"),
    (r"^a previous version is on record but no assessment in its validity or standard contract: "
     r"no re-declaration or refiling trigger applies$",
     "已有以前版本的记录，但没有处于有效期内的安全评估或者标准合同：不触发重新申报或者重新备案"),
)

# The cross-border decision's threshold lines whose fact is a past or projected year, or a sum
# (the engine's own translation takes only a single profile path): one entry per fact, verdict
# and boundary wording, from these parts.
_COUNTED = {"individuals": "个人信息主体人数", "sensitive_individuals": "敏感个人信息主体人数",
            "individuals + sensitive_individuals": "个人信息主体人数与敏感个人信息主体人数之和"}
_YEARS = {"year": "本年度", r"year (?P<y>\d+)": "{y}年度", r"projected (?P<y>\d+)": "{y}年度（推算）"}
_BOUNDARY_ZH = {"以上 includes the number": "以上，含本数", "不满 excludes the number": "不满，不含本数",
                "超过 excludes the number": "超过，不含本数", "以下 includes the number": "以下，含本数",
                "reading: the text names no boundary word": "解读：条文未使用界限用语"}


def _threshold_lines() -> tuple[tuple[str, str], ...]:
    return tuple(
        (rf"^{year}\.{re.escape(fact)} = (?P<v>\d+) {neg}(?P<op>>=|>|<|<=|==) (?P<t>\d+) "
         rf"\((?P<r>[\w.]+); {re.escape(wording)}\)$",
         f"{year_zh}{fact_zh} = {{v}}，{verdict} {{op}} {{t}}（{{r}}；{wording_zh}）")
        for year, year_zh in _YEARS.items() for fact, fact_zh in _COUNTED.items()
        for neg, verdict in (("", "满足"), ("not ", "未满足"))
        for wording, wording_zh in _BOUNDARY_ZH.items())


# Known values first (a country's or a category's Chinese name), then the general entries.
TRACE_ZH: tuple[tuple[str, str], ...] = (
    *_each(COUNTRY_ZH, r"(?P<c>\w+)", _COUNTRY_LINES),
    *_each(_CATEGORY_ZH, r"(?P<c>\[.*\])", _CATEGORY_LINES),
    *_LINES,
    *_threshold_lines(),
)
