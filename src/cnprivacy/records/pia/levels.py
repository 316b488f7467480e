"""The grades of GB/T 39335-2020: impact on rights and risk (严重/高/中/低), likelihood (很高/高/中/低).

The values are the standard's own words, as the risk matrix in the law data holds them; files may
also give the English names (``severe``, ``very_high``, ...). Each scale is ordered from lowest
to highest, so that a modifier moves a grade one step and the highest of several is their max.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar


class ImpactLevel(StrEnum):
    """Impact on an individual's rights and interests (Tables D.1, D.2); also the risk level."""

    LOW = "低"
    MEDIUM = "中"
    HIGH = "高"
    SEVERE = "严重"


class LikelihoodLevel(StrEnum):
    """Likelihood of a security event (Tables D.3, D.4)."""

    LOW = "低"
    MEDIUM = "中"
    HIGH = "高"
    VERY_HIGH = "很高"


#: The risk matrix gives the same four words as the impact scale (Table D.5).
RiskLevel = ImpactLevel

EN = {ImpactLevel.LOW: "low", ImpactLevel.MEDIUM: "medium", ImpactLevel.HIGH: "high",
      ImpactLevel.SEVERE: "severe"}
EN_LIKELIHOOD = {LikelihoodLevel.LOW: "low", LikelihoodLevel.MEDIUM: "medium",
                 LikelihoodLevel.HIGH: "high", LikelihoodLevel.VERY_HIGH: "very high"}

# The English names files may use; the parameter names in the law data use them too.
_KEYS = {"low": "低", "medium": "中", "high": "高", "severe": "严重", "very_high": "很高"}
KEY = {"低": "low", "中": "medium", "高": "high", "严重": "severe", "很高": "very_high"}

L = TypeVar("L", ImpactLevel, LikelihoodLevel)


def from_input(value: Any) -> Any:
    """An English name as the standard's word; anything else unchanged (the enum then checks)."""
    if isinstance(value, str):
        return _KEYS.get(value.strip().lower().replace(" ", "_"), value)
    return value


def shift(level: L, steps: int) -> L:
    """``level`` moved ``steps`` up (or down), kept within the scale."""
    scale = list(type(level))
    return scale[max(0, min(len(scale) - 1, scale.index(level) + steps))]


def highest(levels: list[L]) -> L:
    scale = list(type(levels[0]))
    return max(levels, key=scale.index)


def english(level: ImpactLevel | LikelihoodLevel) -> str:
    return EN_LIKELIHOOD[level] if isinstance(level, LikelihoodLevel) else EN[level]
