"""Drafting an assessment from the register: the data map, the triggers and the proposals.

The draft fills what facts can: the data map (the activity as the register holds it), the art
55 triggers, and proposals for the modifiers and one likelihood area where the register's counts
meet the standard's numbers (law data). Every proposal is unconfirmed and says what it came
from; every other judgement is left empty for a person.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cnprivacy.law.loader import LawBook
from cnprivacy.profile.models import DataCategory, ProcessingActivity
from cnprivacy.records.models import Activity, Version
from cnprivacy.records.pia.citation import STANDARD
from cnprivacy.records.pia.levels import LikelihoodLevel
from cnprivacy.records.pia.models import (
    DataMap,
    DataMapRecipient,
    Judgement,
    LikelihoodFactors,
    Modifiers,
    Pia,
)
from cnprivacy.records.pia.triggers import activity_triggers


def data_map(version: Version[Activity]) -> DataMap:
    """The activity's facts for the assessment; no responsible people's names (not needed)."""
    a = version.data
    return DataMap(
        activity_id=a.id, activity_version=version.version, purpose=a.purpose,
        business_scenario=a.business_scenario,
        legal_basis=a.legal_basis.value if a.legal_basis else None,
        data_categories=[c.value for c in a.data_categories],
        sensitive_categories=[c.value for c in a.sensitive_categories],
        individuals=a.individuals, sensitive_individuals=a.sensitive_individuals,
        sources=a.sources, systems=a.systems,
        recipients=None if a.recipients is None else
        [DataMapRecipient(role=r.role.value, name=r.name, country=r.country,
                          contract=r.contract.reference if r.contract else None)
         for r in a.recipients],
        retention=a.retention.period if a.retention else None,
        evidence=[f"{e.report_name} {e.scanned_on} sha256:{e.report_sha256[:12]}"
                  for e in a.evidence])


def _number(law: LawBook, name: str, day: date) -> tuple[int, bool] | None:
    resolved = law.value(STANDARD, name, day)
    if resolved is None or not isinstance(resolved.value, int):
        return None
    return resolved.value, resolved.needs_review


def propose_modifiers(a: Activity, law: LawBook, day: date) -> Modifiers:
    scale: Judgement[bool] = Judgement()
    threshold = _number(law, "impact_raise_sensitive_individuals", day)
    if not a.sensitive_categories:
        scale = Judgement(value=False, proposed_from="register: no sensitive category")
    elif a.sensitive_individuals is not None and threshold is not None:
        limit, _ = threshold
        reaches = a.sensitive_individuals >= limit  # 达到: the number itself counts
        scale = Judgement(value=reaches, proposed_from=(
            f"register: sensitive_individuals = {a.sensitive_individuals} "
            f"{'>=' if reaches else '<'} {limit} (GB/T 39335 D.1, the standard's example; "
            "gbt_39335_2020.impact_raise_sensitive_individuals)"))
    vulnerable: Judgement[bool] = Judgement()
    if DataCategory.MINOR_UNDER_14 in a.data_categories:
        vulnerable = Judgement(value=True, proposed_from="register: category minor_under_14 "
                               "(minors are a vulnerable group, GB/T 39335 D.1)")
    return Modifiers(sensitive_at_scale=scale, vulnerable_groups=vulnerable)


def propose_likelihood(a: Activity, law: LawBook, day: date) -> LikelihoodFactors:
    """The scale examples of Table D.4 for the 'security situation and business' area."""
    if a.individuals is None:
        return LikelihoodFactors()
    for name, level in (("likelihood_high_individuals", LikelihoodLevel.HIGH),
                        ("likelihood_medium_individuals", LikelihoodLevel.MEDIUM)):
        found = _number(law, name, day)
        if found is not None and a.individuals > found[0]:  # 超过: more than
            return LikelihoodFactors(situation=Judgement(value=level, proposed_from=(
                f"register: individuals = {a.individuals} > {found[0]} "
                f"(GB/T 39335 Table D.4; gbt_39335_2020.{name}); incidents not yet considered")))
    return LikelihoodFactors()


def draft(pia_id: str, version: Version[Activity], law: LawBook, as_of: date,
          profile: ProcessingActivity | None = None) -> Pia:
    """A new assessment of the activity in ``version`` as of ``as_of``."""
    a = version.data
    fields: dict[str, Any] = {
        "id": pia_id, "activity_id": a.id, "assessed_on": as_of, "data_map": data_map(version),
        "triggers": activity_triggers(a, law, None, profile),
        "modifiers": propose_modifiers(a, law, as_of),
        "likelihood": propose_likelihood(a, law, as_of),
    }
    return Pia(**fields)
