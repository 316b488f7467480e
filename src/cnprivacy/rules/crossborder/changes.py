"""Re-declaration and refiling: a transfer compared with its facts as assessed or filed.

During an assessment's validity, Decree 11 art 14 requires a new declaration when the purpose,
method, scope or categories of the export or the recipient's use change in a way affecting
security, the overseas retention is extended, the recipient country's law or network
environment changes, force majeure occurs, control of either party or the legal documents between
them change (affecting security), or anything else affects security. Under a filed standard
contract, Decree 13 art 8 requires a new PIPIA, a supplemented or new contract and refiling when
the purpose, scope, categories, sensitivity, method or storage location of the PI or the
recipient's use change, the retention is extended, the recipient country's PI law changes in a
way that may affect PI rights, or anything else may affect them. Each trigger is a dated flag in
the instrument files (``redeclare_on_*``, ``refile_on_*``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from cnprivacy.profile.models import PreviousTransfer, Transfer, TransferEvent
from cnprivacy.rules.crossborder.deadlines import add_years
from cnprivacy.rules.crossborder.instruments import SAM, SCM
from cnprivacy.rules.crossborder.model import Resubmission
from cnprivacy.rules.crossborder.work import Decider, TransferWork

_REDECLARE = "declare the security assessment again through the provincial CAC"
_REFILE = ("carry out a new PI protection impact assessment, supplement or re-conclude the "
           "standard contract and file it again")

# Comparable facts: (trigger, name in the instrument files, current value, previous value).
_Facts = Callable[[Transfer, PreviousTransfer], tuple[object, object]]
_COMPARED: tuple[tuple[str, str, _Facts], ...] = (
    ("purpose_change", "purpose", lambda t, p: (t.purpose, p.purpose)),
    ("method_change", "method", lambda t, p: (t.method, p.method)),
    ("scope_change", "scope", lambda t, p: (t.scope, p.scope)),
    ("categories_change", "data_categories",
     lambda t, p: (frozenset(t.data_categories) if t.data_categories else None,
                   frozenset(p.data_categories) if p.data_categories is not None else None)),
    ("sensitivity_change", "sensitive_individuals",
     lambda t, p: (None if t.sensitive_individuals is None else t.sensitive_individuals > 0,
                   p.sensitive)),
    ("storage_location_change", "storage_location",
     lambda t, p: (t.storage_location, p.storage_location)),
    ("recipient_use_change", "recipient_use", lambda t, p: (t.recipient_use, p.recipient_use)),
)
# Events since the filing, by the trigger each fires (an event a text does not name is not used).
_EVENTS = {TransferEvent.RECIPIENT_LAW_CHANGED: "recipient_law_change",
           TransferEvent.FORCE_MAJEURE: "force_majeure",
           TransferEvent.CONTROL_CHANGED: "control_change",
           TransferEvent.LEGAL_DOCUMENTS_CHANGED: "legal_documents_change",
           TransferEvent.OTHER: "other"}
# Triggers whose text adds a condition the profile cannot decide.
_SAM_UNCONDITIONAL = frozenset({"retention_extended"})
_SCM_CONDITIONAL = frozenset({"recipient_law_change", "other"})
#: What must be done again under each regime.
REDO = {SAM: _REDECLARE, SCM: _REFILE}


def is_conditional(inst: str, trigger: str) -> bool:
    """Whether the text adds a condition to the trigger the facts cannot decide ("affecting
    security" in Decree 11 art 14, "may affect PI rights" in Decree 13 art 8 (2)-(3))."""
    return trigger not in _SAM_UNCONDITIONAL if inst == SAM else trigger in _SCM_CONDITIONAL


def redo_text(inst: str, trigger: str) -> str:
    """What a fired trigger requires, with the text's condition when it has one."""
    if not is_conditional(inst, trigger):
        return REDO[inst]
    return REDO[inst] + (" if the change affects the export's security" if inst == SAM else
                         " if it may affect PI rights")


def resubmissions(d: Decider, w: TransferWork) -> tuple[Resubmission, ...]:
    """The triggers a transfer's changes fire, under the assessment and/or the standard contract
    it holds; its unknown current facts go to ``w.missing``."""
    t, prev = w.t, w.t.previous
    if prev is None:
        return ()
    regimes = []
    if _assessment_valid(d, t):
        regimes.append((SAM, "redeclare_on_", "14", _REDECLARE))
    if t.mechanism_in_place == "standard_contract" or (
            t.mechanism_in_place is None and t.contract_effective is not None):
        regimes.append((SCM, "refile_on_", "8", _REFILE))
    if not regimes:
        w.because.append("a previous version is on record but no assessment in its validity or "
                         "standard contract: no re-declaration or refiling trigger applies")
        return ()
    named = {trigger for inst, prefix, _, _ in regimes
             for trigger in (*(c[0] for c in _COMPARED), "retention_extended")
             if prefix + trigger in d.ctx.law[inst].parameters}
    changes, unknown = compare_facts(t, prev, named)
    w.missing.extend(w.path(name) for name in unknown)
    out: list[Resubmission] = []
    for inst, prefix, article, _redo in regimes:
        for trigger, what in changes:
            name = prefix + trigger
            if name not in d.ctx.law[inst].parameters or not d.flag(inst, name):
                continue
            part = d.ctx.value(inst, name).parameter.article or article
            out.append(Resubmission(trigger, what, redo_text(inst, trigger),
                                    d.cite(inst, part), is_conditional(inst, trigger)))
    for r in out:
        w.because.append(f"{r.what}: {r.redo} ({r.citation.split(' — ')[0]})")
        w.cite(r.citation)
    return tuple(out)


def compare_facts(t: Transfer, prev: PreviousTransfer,
                  named: Collection[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The changes of ``t`` since ``prev`` that fire one of the ``named`` triggers, as
    (trigger, what changed), and the transfer's unknown facts that were stated then (field
    names). Shared with the record's filings (``records.filing.triggers``)."""
    changes: list[tuple[str, str]] = []
    unknown: list[str] = []
    for trigger, name, facts in _COMPARED:
        now, then = facts(t, prev)
        if then is None or trigger not in named:  # a fact no text in play names is not asked
            continue
        if now is None:
            unknown.append(name)
        elif now != then:
            changes.append((trigger, f"{name}: {_show(then)} -> {_show(now)}"))
    if prev.overseas_retention_months is not None:
        if t.overseas_retention_months is None:
            unknown.append("overseas_retention_months")
        elif t.overseas_retention_months > prev.overseas_retention_months:
            changes.append(("retention_extended", f"overseas retention extended from "
                            f"{prev.overseas_retention_months} to {t.overseas_retention_months} "
                            "months"))
    changes.extend((_EVENTS[e], f"since {prev.recorded_on or 'the filing'}: {e.value}")
                   for e in prev.events)
    return changes, unknown


def _assessment_valid(d: Decider, t: Transfer) -> bool:
    """An assessment result in its validity on the date (or one in place without a date)."""
    approved = t.assessment_approved_on
    if approved is None:
        return t.mechanism_in_place == "security_assessment"
    valid = d.ctx.law.value(SAM, "validity_years", approved)
    if valid is None:
        return False
    return approved <= d.as_of < add_years(approved, int(str(valid.value)))


def _show(value: object) -> str:
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(str(v) for v in value)) + "]"
    return str(value)
