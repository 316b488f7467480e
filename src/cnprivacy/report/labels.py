"""Status words and headings in English and Chinese, shared by every renderer."""

from __future__ import annotations

from cnprivacy.rules.base import Status

STATUS_LABEL: dict[str, dict[Status, str]] = {
    "en": {
        Status.APPLIES: "applies",
        Status.NOT_APPLICABLE: "not applicable",
        Status.NEEDS_INFO: "needs info",
        Status.UPCOMING: "upcoming",
        Status.PROPOSED: "proposed (draft)",
    },
    "zh": {
        Status.APPLIES: "适用",
        Status.NOT_APPLICABLE: "不适用",
        Status.NEEDS_INFO: "需补充信息",
        Status.UPCOMING: "即将生效",
        Status.PROPOSED: "草案（征求意见）",
    },
}

STATUS_STYLE: dict[Status, str] = {
    Status.APPLIES: "bold red",
    Status.NOT_APPLICABLE: "green",
    Status.NEEDS_INFO: "bold yellow",
    Status.UPCOMING: "cyan",
    Status.PROPOSED: "magenta",
}

STATUS_COLOUR: dict[Status, str] = {
    Status.APPLIES: "#b42318",
    Status.NOT_APPLICABLE: "#067647",
    Status.NEEDS_INFO: "#b54708",
    Status.UPCOMING: "#0e7090",
    Status.PROPOSED: "#6941c6",
}

TOPIC_LABEL: dict[str, dict[str, str]] = {
    "en": {
        "pipl": "Personal Information Protection Law",
        "platform": "Large platforms",
        "security": "Data security and important data",
        "minors": "Minors",
        "incidents": "Incidents and breaches",
        "penalties": "Penalty exposure",
        "crossborder": "Cross-border transfers",
        "facial": "Facial recognition",
        "ai": "Algorithms and AI",
        "apps": "Apps",
        "consumer": "Consumer protection",
        "health": "Health data",
    },
    "zh": {
        "pipl": "个人信息保护法",
        "platform": "大型网络平台",
        "security": "数据安全与重要数据",
        "minors": "未成年人",
        "incidents": "安全事件与泄露",
        "penalties": "处罚风险",
        "crossborder": "数据出境",
        "facial": "人脸识别",
        "ai": "算法与人工智能",
        "apps": "移动应用",
        "consumer": "消费者权益",
        "health": "健康医疗数据",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Data-protection obligations",
        "as_of": "As of",
        "obligation": "Obligation",
        "status": "Status",
        "basis": "Basis",
        "deadline": "Deadline",
        "why": "Why",
        "summary": "Summary",
        "receipt": "Receipt",
        "review": "needs review",
        "draft_note": "Draft rules are marked proposed: not law yet, shown so you can prepare.",
        "missing": "Missing facts",
        "interpretation": "interpretation",
        "deadlines": "Deadlines, soonest first",
    },
    "zh": {
        "title": "数据保护合规义务",
        "as_of": "评估日期",
        "obligation": "义务",
        "status": "状态",
        "basis": "依据",
        "deadline": "期限",
        "why": "理由",
        "summary": "概览",
        "receipt": "运行凭据",
        "review": "待复核",
        "draft_note": "标为草案的规则尚未生效，仅供提前准备。",
        "missing": "缺少的事实",
        "interpretation": "解释性结论",
        "deadlines": "期限（按时间先后）",
    },
}


def topic_label(topic: str, lang: str) -> str:
    return TOPIC_LABEL.get(lang, TOPIC_LABEL["en"]).get(topic, topic)
