"""Cross-border transfers: the decision engine and the ``crossborder.*`` obligations.

Importing the package registers the obligations; :func:`decide` is the pure decision the
``crossborder`` command renders.
"""

from cnprivacy.rules.crossborder import obligations  # noqa: F401  (registers the rules)
from cnprivacy.rules.crossborder.deadlines import Due, add_months, add_years
from cnprivacy.rules.crossborder.decision import (
    Decision,
    DistinctCounts,
    Mechanism,
    TransferResult,
    decide,
)

__all__ = ["Decision", "DistinctCounts", "Due", "Mechanism", "TransferResult", "add_months",
           "add_years", "decide"]
