"""Refiling triggers: a covered transfer as it stands now against its facts as filed.

While a security assessment result is valid, Decree 11 art 14 requires a new declaration when
the export's purpose, method, scope or categories, or the recipient's use, change (affecting
security), the overseas retention is extended, or the recipient's legal environment, control or
the legal documents change. Under a filed standard contract, Decree 13 art 8 requires a new
PIPIA, a supplemented or new contract and refiling when the purpose, scope, categories,
sensitivity, method, storage location or the recipient's use change, the retention is extended,
or the recipient country's PI law changes. The comparison is the cross-border decision's own
(``rules.crossborder.changes``); the triggers are dated flags in the law data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cnprivacy.law import LawBook
from cnprivacy.profile.models import PreviousTransfer, Transfer
from cnprivacy.records.filing.kinds import KINDS, cite
from cnprivacy.records.filing.models import Filing
from cnprivacy.rules.crossborder.changes import compare_facts, is_conditional, redo_text


@dataclass(frozen=True)
class RefilingTrigger:
    """A change since a filing that fires a trigger: the article, the changed fact, what to redo."""

    filing: str
    transfer: str
    trigger: str        # e.g. "purpose_change", "retention_extended"
    what: str           # "purpose: hotel booking -> marketing"
    redo: str
    instrument: str
    article: str        # e.g. "14(1)", "8(1)"
    citation: str
    conditional: bool   # the text adds "affecting security" / "may affect PI rights"

    def to_dict(self) -> dict[str, Any]:
        return {"filing": self.filing, "transfer": self.transfer, "trigger": self.trigger,
                "what": self.what, "redo": self.redo, "instrument": self.instrument,
                "article": self.article, "citation": self.citation,
                "conditional": self.conditional}


def filed_facts(filing: Filing, transfer: Transfer) -> PreviousTransfer | None:
    """The transfer's facts as the filing states them, with the events the profile records
    since (``transfers[].previous.events``); None when the filing states none for it."""
    facts = next((f for f in filing.facts if f.transfer == transfer.id), None)
    if facts is None:
        return None
    events = transfer.previous.events if transfer.previous is not None else []
    return PreviousTransfer(
        recorded_on=filing.decided_on or filing.submitted_on or filing.effective_on,
        purpose=facts.purpose, method=facts.method, scope=facts.scope,
        data_categories=facts.data_categories, sensitive=facts.sensitive,
        storage_location=facts.storage_location, recipient_use=facts.recipient_use,
        overseas_retention_months=facts.overseas_retention_months, events=events)


def refiling_triggers(filing: Filing, current: Transfer, law: LawBook,
                      as_of: dt.date) -> list[RefilingTrigger]:
    """The triggers ``current`` fires against ``filing``'s facts as of ``as_of`` (none for a
    kind without triggers or a transfer the filing states no facts for). A fact unknown now
    is not a change."""
    spec = KINDS[filing.kind]
    if spec.triggers is None or current.id not in filing.transfers:
        return []
    prev = filed_facts(filing, current)
    if prev is None:
        return []
    inst, prefix, article = spec.triggers
    params = law[inst].parameters
    named = {name[len(prefix):] for name in params if name.startswith(prefix)}
    changes, _unknown = compare_facts(current, prev, named)
    out = []
    for trigger, what in changes:
        flag = law.value(inst, prefix + trigger, as_of)
        if flag is None or not flag.value:
            continue
        part = flag.parameter.article or article
        out.append(RefilingTrigger(filing.id, current.id, trigger, what,
                                   redo_text(inst, trigger), inst, part, cite(law, inst, part),
                                   is_conditional(inst, trigger)))
    return out
