"""Evaluation as of a date: findings with traces, receipts, diffs and what-ifs."""

from cnprivacy.engine.crossborder import crossborder_decision
from cnprivacy.engine.diff import Change, diff
from cnprivacy.engine.evaluate import Options, assess, engine_version, evaluate_key
from cnprivacy.engine.findings import Assessment, Finding, ParamUse, Receipt

__all__ = [
    "Assessment",
    "Change",
    "Finding",
    "Options",
    "ParamUse",
    "Receipt",
    "assess",
    "crossborder_decision",
    "diff",
    "engine_version",
    "evaluate_key",
]
