"""The workspace's own words in English and Chinese (statuses and topics come from
``report.labels``, shared with the reports)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from markupsafe import Markup, escape

from cnprivacy.report.labels import STATUS_LABEL, topic_label
from cnprivacy.web.i18n_records import CODE_WORDS, RECORD_WORDS

LANGS = ("en", "zh")
LANG_COOKIE = "cnp_lang"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "app": "cnprivacy workspace", "dashboard": "Obligations", "profile": "Organisation profile",
        "crossborder": "Cross-border", "register": "Processing register", "law": "Law library",
        "uploads": "Scans and app audits", "audit": "Audit log", "users": "Users",
        "account": "Account", "logout": "Log out", "login": "Log in", "name": "Name",
        "password": "Password", "bad_login": "Wrong name or password.",
        "as_of": "As of", "show": "Show", "counts": "Counts", "overdue": "Overdue",
        "due_soon": "Due in the next 30 days", "nothing_due": "Nothing overdue or due soon.",
        "obligation": "Obligation", "status": "Status", "basis": "Basis", "deadline": "Deadline",
        "citation": "Citation", "because": "Why (engine trace)", "law_text": "Law text",
        "needs_review": "Needs review", "missing": "Facts needed", "no_profile":
        "No organisation profile yet: import one (YAML) or fill in the form.",
        "save": "Save", "import_yaml": "Import YAML", "export_yaml": "Export YAML",
        "saved": "Saved.", "fix_fields": "Nothing saved: fix the fields marked below.",
        "yaml_text": "Whole profile (YAML)", "organisation": "Organisation facts",
        "versions": "Saved versions", "route": "Route for the year", "individuals":
        "Individuals", "sensitive_individuals": "Sensitive individuals", "transfers": "Transfers",
        "deadlines": "Deadlines", "ledger": "Ledger", "record_transfer": "Record a transfer",
        "transfer": "Transfer", "date": "Date", "country": "Recipient country (ISO code)",
        "recipient": "Recipient", "declared": "Individuals (declared)", "sensitive": "Sensitive PI",
        "recorded": "Recorded.", "entry": "Entry", "exemption": "Exemption", "counted": "Counted",
        "activity": "Activity", "purpose": "Purpose", "categories": "Categories",
        "version": "Version", "import_scan": "Import a scan report (JSON)",
        "add_activities": "Add or change activities (YAML)", "file": "File", "upload": "Upload",
        "instrument": "Instrument", "kind": "Kind", "next_change": "Next change",
        "diff": "Changes between two dates", "from": "From", "to": "To", "no_changes":
        "No status changes.", "scan_upload": "Scan a file for personal information",
        "app_upload": "Audit an Android app (APK)", "results": "Results (counts only)",
        "names_finder": "Person names in text", "names_fast": "default finder (fast)",
        "names_accurate": "accurate names (CRF model)",
        "names_needs_extra": "needs the optional extra 'names'",
        "when": "When", "who": "Who", "what": "What", "target": "Target", "before": "Before",
        "after": "After", "role": "Role", "add_user": "Add a user", "one_time":
        "One-time password (shown once)", "tokens": "API tokens", "new_token": "New token",
        "label": "Label", "token_once": "Your new token (shown once, stored hashed)",
        "revoke": "Revoke", "change_password": "Change password", "new_password": "New password",
        "current_password": "Current password", "download": "Download report",
        "forbidden": "Your role may not do this.", "not_found": "Not found.",
        "articles": "Articles", "parameters": "Parameters on this date",
        "parameters_changed": "Parameters that change", "sources":
        "Official source", "timeline": "Timeline", "read_only": "Read-only role: nothing here can "
        "be changed by you.", "none": "none", "error": "Error", "yes": "yes", "no": "no",
        "summary": "Summary", "estimated": "estimated", "options": "options",
        "needs_info": "Needs information", "must_change": "Set a password of your own first.",
        "ledger_route": "Year's route after this entry (recorded transfers only)",
        "import_profile": "Take the activities of the organisation profile (processing)",
        "do_import": "Import", "list_sep": ", ", "scan_result": "scan", "app_result": "app audit",
        "findings_n": "{} findings", "sdks_n": "{} SDKs, {} dangerous permissions",
        "engine_version": "engine", "law_data": "law data", "profile_hash": "profile",
        "not_set": "not set", "cst": "CST", "disabled": "disabled",
        "wrong_current_password": "The current password is wrong.",
        "password_too_short": "At least {} characters.",
        "no_results": "No uploads yet.", "why": "Why",
        "no_official_address": "official page address not on file",
        "summaries_en_only": "",
    },
    "zh": {
        "app": "cnprivacy 合规工作台", "dashboard": "合规义务", "profile": "组织概况",
        "crossborder": "数据出境", "register": "处理活动记录", "law": "法规库",
        "uploads": "扫描与应用审计", "audit": "审计日志", "users": "用户",
        "account": "账户", "logout": "退出", "login": "登录", "name": "用户名",
        "password": "密码", "bad_login": "用户名或密码错误。",
        "as_of": "评估日期", "show": "显示", "counts": "统计", "overdue": "已逾期",
        "due_soon": "30 日内到期", "nothing_due": "没有逾期或即将到期的事项。",
        "obligation": "义务", "status": "状态", "basis": "依据", "deadline": "期限",
        "citation": "出处", "because": "判断依据（引擎轨迹）", "law_text": "法律条文",
        "needs_review": "待复核", "missing": "需补充的事实", "no_profile":
        "尚无组织概况：请导入 YAML 文件或填写表单。",
        "save": "保存", "import_yaml": "导入 YAML", "export_yaml": "导出 YAML",
        "saved": "已保存。", "fix_fields": "未保存：请修改下方标出的字段。",
        "yaml_text": "完整概况（YAML）", "organisation": "组织事实",
        "versions": "已保存的版本", "route": "本年度出境路径", "individuals": "个人数量",
        "sensitive_individuals": "敏感个人信息涉及人数", "transfers": "出境活动",
        "deadlines": "期限", "ledger": "出境台账", "record_transfer": "登记一次出境",
        "transfer": "出境活动", "date": "日期", "country": "接收方所在国家（ISO 代码）",
        "recipient": "境外接收方", "declared": "个人数量（申报）", "sensitive": "含敏感个人信息",
        "recorded": "已登记。", "entry": "条目", "exemption": "豁免", "counted": "计入",
        "activity": "处理活动", "purpose": "目的", "categories": "类别",
        "version": "版本", "import_scan": "导入扫描报告（JSON）",
        "add_activities": "新增或修改处理活动（YAML）", "file": "文件", "upload": "上传",
        "instrument": "法规", "kind": "类型", "next_change": "下一次变化",
        "diff": "两个日期之间的变化", "from": "自", "to": "至", "no_changes": "状态无变化。",
        "scan_upload": "扫描文件中的个人信息", "app_upload": "审计安卓应用（APK）",
        "names_finder": "文本中的人名", "names_fast": "默认识别（快速）",
        "names_accurate": "精确人名识别（条件随机场模型）",
        "names_needs_extra": "需另行安装人名模型扩展",
        "results": "结果（仅统计数字）", "when": "时间", "who": "操作人", "what": "操作",
        "target": "对象", "before": "修改前", "after": "修改后", "role": "角色",
        "add_user": "新增用户", "one_time": "一次性密码（仅显示一次）", "tokens": "API 令牌",
        "new_token": "新建令牌", "label": "名称", "token_once": "新令牌（仅显示一次，以哈希保存）",
        "revoke": "撤销", "change_password": "修改密码", "new_password": "新密码",
        "current_password": "当前密码", "download": "下载报告",
        "forbidden": "您的角色无权执行此操作。", "not_found": "未找到。",
        "articles": "条文", "parameters": "该日期的参数", "parameters_changed": "变化的参数",
        "sources": "官方来源",
        "timeline": "时间线", "read_only": "只读角色：您不能修改此处内容。", "none": "无",
        "error": "错误", "yes": "是", "no": "否", "summary": "概要", "estimated": "估算",
        "options": "可选", "needs_info": "需补充信息", "must_change": "请先设置您自己的密码。",
        "ledger_route": "登记后本年度路径（仅计已登记的出境）",
        "import_profile": "从组织概况导入处理活动",
        "do_import": "导入", "list_sep": "、", "scan_result": "扫描", "app_result": "应用审计",
        "findings_n": "{} 项发现", "sdks_n": "{} 个 SDK，{} 项危险权限",
        "engine_version": "引擎版本", "law_data": "法规数据", "profile_hash": "组织概况",
        "not_set": "未设定", "cst": "北京时间",
        "disabled": "已停用", "wrong_current_password": "当前密码不正确。",
        "password_too_short": "至少 {} 个字符。",
        "no_results": "尚无上传结果。", "why": "判断理由", "no_official_address": "官方网址未收录",
        "summaries_en_only": "本页的条文摘要、参数说明和时间线备注目前只有英文版本；"
        "请以官方文本为准，或查看英文页面：",
    },
}


# The audit log's actions (the workspace's own words, written by the routers) as a reader says
# them; an action not listed is shown as it is.
_ACTIONS = (
    ("save activity", "保存处理活动"), ("import profile activity", "从组织概况导入处理活动"),
    ("import scan report", "导入扫描报告"), ("scan upload", "上传文件扫描"),
    ("app audit upload", "上传应用审计"), ("build filing pack", "生成申报材料包"),
    ("change password", "修改密码"), ("create API token", "新建 API 令牌"),
    ("revoke API token", "撤销 API 令牌"), ("add user", "新增用户"), ("login", "登录"),
    ("logout", "退出"), ("login failed", "登录失败"), ("record transfer", "登记出境"),
    ("save filing", "保存备案"), ("save profile (form)", "保存组织概况（表单）"),
    ("save profile (YAML)", "保存组织概况（YAML）"),
    ("open incident", "登记事件"), ("initial report", "登记初次报告"),
    ("supplement report", "登记补充报告"), ("summary report", "登记总结报告"),
    ("close incident", "结束事件处置"), ("draft impact assessment", "起草影响评估"),
    ("edit impact assessment", "修改影响评估（YAML）"),
    ("edit impact assessment (form)", "修改影响评估（表单）"),
    ("review impact assessment (legal)", "法务审核影响评估"),
    ("approve impact assessment (PI protection officer)", "个人信息保护负责人批准影响评估"),
)
AUDIT_ACTIONS: dict[str, dict[str, str]] = {"en": {en: en for en, _ in _ACTIONS},
                                            "zh": dict(_ACTIONS)}


# Cross-border routes and options (the decision's codes) as a reader says them.
ROUTES: dict[str, dict[str, str]] = {
    "en": {"not_an_export": "not an export", "exempt": "exempt",
           "standard_contract_or_certification": "standard contract or certification",
           "security_assessment": "security assessment", "standard_contract": "standard contract",
           "certification": "certification",
           "gba_standard_contract": "Greater Bay Area standard contract"},
    "zh": {"not_an_export": "不构成数据出境", "exempt": "免予申报",
           "standard_contract_or_certification": "标准合同或个人信息保护认证",
           "security_assessment": "数据出境安全评估", "standard_contract": "个人信息出境标准合同",
           "certification": "个人信息保护认证", "gba_standard_contract": "粤港澳大湾区标准合同"},
}


# What each cross-border deadline asks, by its kind (``rules.crossborder.deadlines.DeadlineKind``)
# for a Chinese reader; the page shows its due date beside it and the English page the engine's
# own sentence (which also names the counted days).
XB_DEADLINES_ZH: dict[str, str] = {
    "sc_filing": "向省级网信部门备案个人信息出境标准合同和个人信息保护影响评估报告",
    "gba_filing": "备案粤港澳大湾区个人信息跨境流动标准合同",
    "important_data_declaration": "申报数据出境安全评估（被告知或公布为重要数据后，不可延长）",
    "assessment_extension": "安全评估结果有效期届满前申请延长有效期",
    "certification_renewal": "个人信息保护认证证书有效期届满前重新申请认证",
    "assessment_redeclaration": "安全评估结果有效期届满前重新申报",
}
# The exemption a transfer relies on (the decision's codes), as a Chinese reader says it.
EXEMPTIONS_ZH: dict[str, str] = {
    "contract_necessity": "订立、履行合同所必需", "hr_management": "实施跨境人力资源管理所必需",
    "emergency": "紧急情况下保护自然人的生命健康和财产安全所必需",
    "statutory_duty": "履行法定职责或者法定义务所必需", "collected_abroad": "在境外收集和产生",
    "no_personal_information": "不含个人信息和重要数据",
    "ftz_negative_list": "自由贸易试验区负面清单外的数据",
    "ftz_general_data_list": "自由贸易试验区一般数据清单内的数据",
}


# The law data's units of a parameter (``law.schema``), as a Chinese reader writes them; a unit
# that only names the kind of value (flag, text, id, list, date) is not written.
UNITS_ZH: dict[str, str] = {
    "count": "", "yuan": "元", "CNY": "元", "months": "个月", "days": "日", "audits": "次",
    "percent": "%", "fraction": "", "minutes": "分钟", "years": "年", "times": "倍",
    "individuals": "人", "items": "项", "users": "名用户", "taps": "次操作", "level": "级",
    "hours": "小时", "working_days": "个工作日", "period": "", "month-day": "",
}
_KIND_ONLY = {"flag", "text", "id", "list", "date"}


# The law data's codes for an instrument's kind, status and timeline events.
LAW_WORDS: dict[str, dict[str, str]] = {
    "en": {"law": "law", "administrative_regulation": "administrative regulation",
           "departmental_rule": "departmental rule", "normative_document": "normative document",
           "national_standard": "national standard", "regulator_qa": "regulator's Q&A",
           "court_precedent": "court case", "judicial_interpretation": "judicial interpretation",
           "local_guidance": "local guidance", "enforcement_list": "enforcement list",
           "not_yet_published": "not yet published", "draft": "draft",
           "adopted": "adopted, not yet in force", "in_force": "in force",
           "superseded": "superseded", "repealed": "repealed",
           "draft_published": "draft published", "published": "published",
           "amended": "amended", "amendment_in_force": "amendment in force"},
    "zh": {"law": "法律", "administrative_regulation": "行政法规", "departmental_rule": "部门规章",
           "normative_document": "规范性文件", "national_standard": "国家标准",
           "regulator_qa": "监管问答", "court_precedent": "典型案例",
           "judicial_interpretation": "司法解释", "local_guidance": "地方性规定与指引",
           "enforcement_list": "执法通报", "not_yet_published": "尚未公布",
           "draft": "征求意见稿", "adopted": "已公布、尚未施行", "in_force": "现行有效",
           "superseded": "已被取代", "repealed": "已废止", "draft_published": "公布征求意见稿",
           "published": "公布", "amended": "修正", "amendment_in_force": "修正施行"},
}


def lang_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGS else "en"


def words(lang: str) -> dict[str, Any]:
    return {**WORDS[lang], **RECORD_WORDS[lang], "_status": STATUS_LABEL[lang],
            "_topic": lambda t: topic_label(t, lang),
            "_route": lambda code: ROUTES[lang].get(str(code), str(code)),
            "_law": lambda code: LAW_WORDS[lang].get(str(code), str(code)),
            "_code": lambda code: CODE_WORDS[lang].get(str(code), str(code)),
            "_category": lambda code: _category(str(code), lang),
            "_action": lambda action: _action(str(action), lang),
            "_unit": lambda unit: "" if unit in _KIND_ONLY else (
                UNITS_ZH.get(str(unit), str(unit)) if lang == "zh" else str(unit)),
            "_exemption": lambda code: EXEMPTIONS_ZH.get(str(code), str(code)) if lang == "zh"
            else str(code),
            "_xb_due": lambda due: XB_DEADLINES_ZH.get(due.kind.value, due.what) if lang == "zh"
            else due.what}


def _action(action: str, lang: str) -> str:
    imported = re.match(r"^save profile \(import of (.+)\)$", action)
    if imported and lang == "zh":
        return f"导入组织概况（{imported.group(1)}）"
    return AUDIT_ACTIONS[lang].get(action, action)


def _category(code: str, lang: str) -> str:
    """A data category as GB/T 35273 names it on a Chinese page; the profile's code in English."""
    from cnprivacy.filings.evidence import GBT_35273_CATEGORY
    from cnprivacy.profile.models import DataCategory

    if lang != "zh" or code not in DataCategory.__members__.values():
        return code
    return GBT_35273_CATEGORY.get(DataCategory(code), code)


# A run of Chinese (Han characters and CJK punctuation, with the digits and spaces inside it).
_HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
                      r"(?:[\s0-9\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*"
                      r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])?")
_LINK = re.compile(r"https?://[^\s;\])）]+")


def marked(text: str, lang: str) -> Markup:
    """Text for the page: addresses become links, and on an English page the Chinese it quotes
    (an instrument's title) is marked ``lang="zh"``. Markup only: nothing is translated here."""
    out: list[str] = []
    last = 0
    for link in _LINK.finditer(text):
        out.append(_zh_spans(text[last:link.start()], lang))
        url = escape(link.group(0))
        out.append(f'<a href="{url}" rel="noopener noreferrer">{url}</a>')
        last = link.end()
    out.append(_zh_spans(text[last:], lang))
    return Markup("".join(out))


def _zh_spans(text: str, lang: str) -> str:
    if lang == "zh":
        return str(escape(text))
    return _HAN_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', str(escape(text)))


def cite(en: str, zh: str | None, lang: str) -> Markup:
    """A citation the core wrote in both languages, in the reader's (the English one quotes
    the Chinese title, marked as such)."""
    return marked(zh if lang == "zh" and zh else en, lang)
