"""The cross-border decision as the engine gives it: one entry point for every caller.

The ``crossborder`` command, the ledger and ``assess`` (whose ``crossborder.*`` obligations
share one decision per run) all reach :func:`~cnprivacy.rules.crossborder.decide_crossborder`
through a context built by :func:`~cnprivacy.engine.evaluate.rule_context`, so the three always
see the same law, calendar and date.
"""

from __future__ import annotations

from cnprivacy._collector import collector_paused
from cnprivacy.engine.evaluate import Options, rule_context
from cnprivacy.law import LawBook, load_lawbook
from cnprivacy.profile import Profile
from cnprivacy.rules.crossborder import Decision, DistinctCounts, decide_crossborder


def crossborder_decision(profile: Profile, options: Options, *, law: LawBook | None = None,
                         counts: DistinctCounts | None = None) -> Decision:
    """Every transfer's route and the year's, as of ``options.as_of`` on ``options.calendar``.

    ``counts`` gives distinct people per year (the ledger) in place of the profile's per-transfer
    sums. Dates from 2022-09-01 to 2024-03-21 are decided under Decree 11's original triggers.
    Raises ``ParameterUndefined`` before the Security Assessment Measures (2022-09-01) and
    ``InputError`` for a free-trade-zone id the law data does not know.
    """
    ctx = rule_context(profile, law or load_lawbook(), options)
    with collector_paused():  # one small result per transfer, no cycles (cnprivacy._collector)
        return decide_crossborder(profile, ctx, counts)
