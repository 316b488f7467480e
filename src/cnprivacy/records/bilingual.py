"""The record core's sentences in both report languages: citations, parameter traces, and the
reasons written into a record's history.

The English forms are the ones the command line has always printed (kept word for word, so JSON
and text output do not change); the Chinese forms are written here beside them, never derived
from the English by a renderer. A history reason is stored as its English sentence; the reasons
the core writes are catalogued below with their Chinese, so any reader can show either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnprivacy.law.asof import ResolvedValue
from cnprivacy.law.loader import LawBook
from cnprivacy.rules.reasons import Text

__all__ = ["Text", "article_zh", "cite_zh", "describe_zh", "history_reason", "problem_text",
           "reason_zh"]

NOT_ON_FILE_ZH = "官方网址未收录"


_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1..999 in Chinese numerals as article numbers are written (十二, 二十, 一百零五)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")


def article_zh(law: LawBook, instrument_id: str, article: str) -> str:
    """``第五十七条`` (the law data's label, else the number in Chinese numerals); ``5(3)`` as
    ``第五条第（三）项``; a clause of a standard (``D.1``) as ``附录D.1``."""
    inst = law[instrument_id]
    found = inst.article(article)
    if found is not None and found.zh:
        return found.zh
    item = re.match(r"^([0-9]+)\(([0-9]+)\)$", article)
    if item:
        return f"{article_zh(law, instrument_id, item.group(1))}第（{numeral(int(item.group(2)))}）项"
    if re.match(r"^[A-Z]\.[0-9]", article):
        return f"附录{article}"
    return f"第{numeral(int(article))}条" if article.isdigit() else article


def cite_zh(law: LawBook, instrument_id: str, where_zh: str) -> str:
    """《中华人民共和国个人信息保护法》第五十七条（official address): a citation for a Chinese
    reader, naming the same official source as the English one."""
    inst = law[instrument_id]
    source = inst.cited_source
    number = (f"（{inst.document_number}）" if inst.document_number
              and not _latin(inst.document_number) else "")
    return f"《{inst.name_zh}》{number}{where_zh}（{source.url or NOT_ON_FILE_ZH}）"


def _latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", text)) and not re.match(r"^GB", text)


def describe_zh(resolved: ResolvedValue) -> str:
    """``incident_reporting_measures.major_pi_leak_individuals = 1000000（2025-11-01 起，待复核）``."""
    notes = [f"{resolved.start.isoformat()} 起"]
    if resolved.needs_review:
        notes.append("待复核")
    if resolved.interpretation:
        notes.append("属于解释")
    return f"{resolved.ref} = {resolved.value}（{'，'.join(notes)}）"


@dataclass(frozen=True)
class _Reason:
    pattern: re.Pattern[str]
    zh: str


# Every reason the record core and the workspace write into a version's history, as stored
# (English) and as a Chinese reader reads it; {name} parts are carried over as they are.
_HISTORY: tuple[tuple[str, str], ...] = (
    (r"drafted from activity (?P<a>\S+) version (?P<v>\d+)", "依据处理活动 {a} 第 {v} 版起草"),
    (r"judgements edited; back to draft, the review was of the earlier content",
     "修改判断；已退回草稿（原审核针对修改前的内容）"),
    (r"judgements edited", "修改判断"),
    (r"reviewed \(legal\)", "法务审核"),
    (r"approved \(PI protection officer\)", "个人信息保护负责人批准"),
    (r"open incident", "登记事件"),
    (r"initial report", "登记初次报告"),
    (r"supplement report", "登记补充报告"),
    (r"summary report", "登记总结报告"),
    (r"close incident", "结束事件处置"),
    (r"import of profile version (?P<v>\d+)", "从组织概况第 {v} 版导入"),
    (r"import of scan report (?P<f>.+)", "导入扫描报告 {f}"),
    (r"upload of (?P<f>.+)", "上传 {f}"),
)
_REASONS = tuple(_Reason(re.compile(f"^{en}$"), zh) for en, zh in _HISTORY)


def reason_zh(reason: str) -> str | None:
    """The Chinese of a history reason the core wrote, or None for one a person typed."""
    for known in _REASONS:
        found = known.pattern.match(reason.strip())
        if found:
            return known.zh.format(**found.groupdict())
    return None


def history_reason(reason: str | None, lang: str) -> str | None:
    """A history reason in ``lang``: the catalogued Chinese, else the reason as written."""
    if not reason or lang != "zh":
        return reason
    return reason_zh(reason) or reason


# The problems the judgement format reports (records.pia.edit and the pydantic models under it),
# for a Chinese reader of a form; a problem not listed is shown in a general form.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"confirmed without a value", "已勾选确认，但未选择取值"),
    (r"confirmed without a reason", "已勾选确认，但未填写理由"),
    (r"String should have at least 1 character", "不能为空"),
    (r"String should have at most (?P<n>\d+) characters", "不能超过 {n} 个字符"),
    (r"Input should be a valid date.*", "不是有效日期（YYYY-MM-DD）"),
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be greater than or equal to 0", "不能为负数"),
    (r"Input should be greater than or equal to (?P<n>\S+)", "不能小于 {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "不能大于 {n}"),
    (r"Input should be .*", "取值不在可选范围内"),
    (r"required field is missing", "必填"),
    (r"unknown field", "未知字段"),
    (r"expected a mapping of judgement fields", "没有填写任何判断"),
)
_PROBLEMS_RE = tuple((re.compile(f"^{en}$"), zh) for en, zh in _PROBLEMS)


def problem_text(problem: str, lang: str) -> str:
    """A validation problem of the judgement format in ``lang``."""
    if lang != "zh":
        return problem
    for pattern, zh in _PROBLEMS_RE:
        found = pattern.match(problem.strip())
        if found:
            return zh.format(**found.groupdict())
    return "取值无效"
