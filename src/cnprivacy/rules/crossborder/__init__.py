"""Cross-border transfers: the decision and the ``crossborder.*`` obligations.

Importing the package registers the obligations. :func:`decide_crossborder` is the pure
decision; outside the rules, ask the engine for it (``cnprivacy.engine.crossborder_decision``).

Modules, each importing only those above it: ``instruments`` (ids), ``places`` (GBA cities,
FTZ lists), ``deadlines`` (kinds, periods), ``model`` (what the decision returns), ``work`` (a
decision in progress), ``original`` (the routes before 2024-03-22), ``exemptions`` / ``routes`` /
``dues`` / ``changes`` (its stages), ``decision`` (the whole), ``obligations`` (what ``assess``
reports from it).
"""

from cnprivacy.rules.crossborder import obligations  # noqa: F401  (registers the rules)
from cnprivacy.rules.crossborder.deadlines import DeadlineKind, Due, add_months, add_years
from cnprivacy.rules.crossborder.decision import decide_crossborder
from cnprivacy.rules.crossborder.model import Decision, DistinctCounts, Mechanism, TransferResult

__all__ = ["DeadlineKind", "Decision", "DistinctCounts", "Due", "Mechanism", "TransferResult",
           "add_months", "add_years", "decide_crossborder"]
