"""Health terms in free text (PIPL art. 28 medical and health information).

A curated term list, not a diagnosis model: diseases, conditions, clinical records and
procedures that reveal a person's health when they sit next to an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import CONFIG_VERSIONS, native
from cnprivacy.discovery.pitypes._keys import spaceless_key

NAME: Final = T.HEALTH_INFO
VALIDATOR: Final = "curated term list (diseases, conditions, clinical records)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = T.MEDICAL_HEALTH
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = T.MEDICAL_HEALTH
HINTS: Final = ()

_TERMS = (
    "诊断", "确诊", "病历", "病史", "病情", "住院", "出院", "门诊", "处方", "用药", "化疗", "放疗",
    "手术", "体检报告", "检查报告", "化验", "过敏史", "既往史", "糖尿病", "高血压", "心脏病",
    "冠心病", "脑梗", "中风", "癌症", "肿瘤", "白血病", "艾滋病", "HIV", "乙肝", "丙肝", "肝炎",
    "结核", "梅毒", "性病", "抑郁症", "焦虑症", "精神分裂", "双相情感障碍", "精神疾病", "自闭症",
    "癫痫", "哮喘", "残疾", "怀孕", "妊娠", "流产", "不孕", "新冠阳性", "核酸阳性", "传染病",
    "基因检测", "血型", "透析", "肾衰竭", "帕金森", "阿尔茨海默", "老年痴呆",
)
#: The terms, longest pattern first: the order of the alternatives of :data:`HEALTH_PATTERN`
#: (the first that occurs at a position is the match), which the accelerator follows.
_ORDERED = tuple(sorted(_TERMS, key=lambda t: len(re.escape(t)), reverse=True))
#: The same alternation as a pattern string (RE2-compatible, for Arrow columns).
HEALTH_PATTERN = "|".join(map(re.escape, _ORDERED))
HEALTH_RE = re.compile(HEALTH_PATTERN)


def find_health_terms(text: str) -> list[tuple[int, int]]:
    """Spans of health terms: the C accelerator when it is built, else
    :func:`_find_health_terms_python` (the reference; tests compare the two)."""
    cjk = native("_cjk")
    if cjk is None:
        return _find_health_terms_python(text)
    found: list[tuple[int, int]] = cjk.terms(text, _native_tables())
    return found


def text_finder() -> Callable[[str], list[tuple[int, int]]]:
    """:func:`find_health_terms` with the accelerator and its tables looked up now, not once
    a line (see :func:`.name.text_finder`)."""
    cjk = native("_cjk")
    if cjk is None:
        return _find_health_terms_python
    terms, tables = cjk.terms, _native_tables()
    return lambda text: terms(text, tables)


def _find_health_terms_python(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in HEALTH_RE.finditer(text)]


@cache
def _native_tables() -> tuple[int, bytes, tuple[tuple[str, ...], ...]]:
    """The accelerator's configuration: (version, group number + 1 of every BMP character
    that starts a term, the terms grouped by first character in the pattern's order). The
    pattern must be exactly the alternation of those literal terms: the C matches it so."""
    if "|".join(map(re.escape, _ORDERED)) != HEALTH_PATTERN or "" in _ORDERED:
        raise ValueError("HEALTH_PATTERN is not the alternation of the ordered terms")
    by_first: dict[str, list[str]] = {}
    for term in _ORDERED:
        by_first.setdefault(term[0], []).append(term)
    first_of = bytearray(65536)
    groups = []
    for number, (ch, members) in enumerate(by_first.items(), start=1):
        if ord(ch) > 0xFFFF or number > 255:
            raise ValueError(f"term outside the accelerator's tables: {members[0]!r}")
        first_of[ord(ch)] = number
        groups.append(tuple(members))
    return CONFIG_VERSIONS["_cjk"], bytes(first_of), tuple(groups)


def is_valid(value: str) -> bool:
    """Whether a cell mentions a health term."""
    return HEALTH_RE.search(value) is not None


key = spaceless_key


def mask(value: str) -> str:
    """Unchanged: a health term alone names a condition, not a person."""
    return value
