"""Evaluation as of a date: findings with traces, receipts, diffs and what-ifs, and the report
model every report format lays out."""

from cnprivacy.engine.crossborder import crossborder_decision
from cnprivacy.engine.diff import Change, diff
from cnprivacy.engine.evaluate import Options, assess, engine_version, evaluate_key
from cnprivacy.engine.findings import Assessment, Finding, ParamUse, Receipt
from cnprivacy.engine.summary import ReportModel, report_model

__all__ = [
    "Assessment",
    "Change",
    "Finding",
    "Options",
    "ParamUse",
    "Receipt",
    "ReportModel",
    "assess",
    "crossborder_decision",
    "diff",
    "engine_version",
    "evaluate_key",
    "report_model",
]
