"""The organisation profile form's labels in English and Chinese (the field ids stay visible
beside them: they are the YAML keys people import and export)."""

from __future__ import annotations

ORG_LABELS: dict[str, tuple[str, str]] = {
    "name": ("Name", "名称"),
    "country": ("Country of establishment", "设立地国家或地区"),
    "province": ("Province", "省份"),
    "city": ("City", "城市"),
    "free_trade_zone": ("Free trade zone", "自由贸易试验区"),
    "ciio": ("Critical information infrastructure operator", "关键信息基础设施运营者"),
    "important_data_processor": ("Processes important data", "重要数据处理者"),
    "registered_users": ("Registered users", "注册用户数"),
    "monthly_active_users": ("Monthly active users", "月活跃用户数"),
    "complex_business": ("Complex business types", "业务类型复杂"),
    "individuals_processed": ("Individuals whose PI it processes", "处理个人信息的人数"),
    "sensitive_individuals_processed": ("Individuals whose sensitive PI it processes",
                                        "处理敏感个人信息的人数"),
    "minors_under_14_processed": ("Children under 14 whose PI it processes",
                                  "处理不满十四周岁未成年人个人信息的人数"),
    "facial_recognition_individuals": ("Individuals whose facial data is stored",
                                       "存储人脸信息的人数"),
    "revenue_prior_year_cny": ("Revenue of the prior year (CNY)", "上一年度营业额（元）"),
    "minors_processed": ("Minors under 18 whose PI it processes", "处理未成年人个人信息的人数"),
    "state_organ": ("State organ or body managing public affairs", "国家机关或法律授权管理公共事务的组织"),
    "large_platform_designated": ("Designated large network platform", "被列为大型网络平台"),
    "pi_officer_threshold_reached_on": ("PI protection officer threshold reached on",
                                        "达到个人信息保护负责人报送标准之日"),
    "pi_officer_reported": ("PI protection officer reported", "已报送个人信息保护负责人信息"),
    "facial_threshold_reached_on": ("Facial recognition filing threshold reached on",
                                    "人脸信息存储量达到备案标准之日"),
    "facial_filed": ("Facial recognition use filed", "已办理人脸识别技术应用备案"),
    "last_compliance_audit": ("Last PI compliance audit", "最近一次个人信息保护合规审计"),
    "app_distribution_platform": ("Runs an app store", "运营应用程序分发平台"),
    "blockchain_service": ("Provides blockchain information services", "提供区块链信息服务"),
    "blockchain_service_started_on": ("Blockchain service started on", "区块链信息服务上线之日"),
    "blockchain_filed": ("Blockchain service filed", "已办理区块链信息服务备案"),
    "mlps_level": ("Highest protection level (MLPS)", "最高网络安全保护等级"),
    "mlps_filed": ("MLPS filing made", "已办理等级保护备案"),
    "last_mlps_test": ("Last MLPS test", "最近一次等级测评"),
    "pi_incident_individuals": ("Individuals affected by PI incidents", "个人信息安全事件涉及的人数"),
    "pi_incident_sensitive_individuals": ("Individuals whose sensitive PI was affected by "
                                          "incidents", "安全事件涉及敏感个人信息的人数"),
    "ordered_audit_rectified_on": ("Ordered audit: rectification done on", "责令审计的整改完成之日"),
    "audits_in_a_row_by_same_auditor": ("Audits in a row by the same auditor",
                                        "同一专业机构连续审计次数"),
    "last_important_data_risk_assessment": ("Last important-data risk assessment",
                                            "最近一次重要数据风险评估"),
    "important_data_notified_on": ("Notified of important data on", "被告知或公布为重要数据之日"),
    "public_place_image_collection": ("Collects images in public places",
                                      "在公共场所安装图像采集、个人身份识别设备"),
    "image_use_beyond_public_security": ("Uses such images beyond public security",
                                         "将公共场所采集的图像用于维护公共安全以外的目的"),
    "major_impact": ("Processing with major impact on individuals", "对个人权益有重大影响的处理"),
    "data_trading_intermediary": ("Data trading intermediary", "数据交易中介服务机构"),
}


def org_label(name: str, lang: str) -> str:
    found = ORG_LABELS.get(name)
    if found is None:
        return name
    return found[1] if lang == "zh" else found[0]
