"""Which cases of PIPL art 55 hold for one processing activity, from the register (and profile).

The same reading as the ``pipl.pipia`` rule of ``assess`` (``rules.pipl.pipia_triggers``), made
per activity and with the register's recipients: an ``entrusted`` recipient is entrusting, a
recipient or system abroad is export. A fact the register leaves unknown makes a trigger
``holds=None`` (needs information), never "does not hold". Case (5), other processing with a
significant impact, is a judgement: it holds when a person says so in the assessment.
"""

from __future__ import annotations

from cnprivacy.law.loader import LawBook
from cnprivacy.profile.models import ProcessingActivity
from cnprivacy.records.models import Activity, RecipientRole
from cnprivacy.records.pia.citation import PIPL, cite
from cnprivacy.records.pia.models import Judgement, Trigger, TriggerKind

ARTICLE = {
    TriggerKind.SENSITIVE: "55(1)", TriggerKind.AUTOMATED_DECISION: "55(2)",
    TriggerKind.ENTRUSTING: "55(3)", TriggerKind.PROVIDING: "55(3)",
    TriggerKind.PUBLISHING: "55(3)", TriggerKind.EXPORT: "55(4)", TriggerKind.OTHER: "55(5)",
}
HOME = "CN"


def _flag(register: bool | None, profile: ProcessingActivity | None, name: str) -> bool | None:
    """The register's fact; where it is unknown, the profile's entry of the same activity."""
    if register is not None or profile is None:
        return register
    value = getattr(profile, name)
    return value if isinstance(value, bool) else None


def _by_flag_or_role(act: Activity, profile: ProcessingActivity | None, flag: str,
                     role: RecipientRole, what: str) -> tuple[bool | None, list[str]]:
    named = [r.name for r in act.recipients or [] if r.role is role]
    if named:
        return True, [f"recipients: {len(named)} with role {role.value} ({what})"]
    value = _flag(getattr(act, flag), profile, flag)
    if value:
        return True, [f"{flag} = true ({what})"]
    if value is False:
        return False, [f"{flag} = false"]
    if act.recipients is not None:
        return False, [f"no recipient with role {role.value}; {flag} not given"]
    return None, [f"{flag} not given and recipients not recorded"]


def _export(act: Activity) -> tuple[bool | None, list[str]]:
    because = []
    abroad = [r for r in act.recipients or []
              if r.role is RecipientRole.EXPORTED or (r.country and r.country != HOME
                                                      and r.role is not RecipientRole.DISCLOSED)]
    if abroad:
        because.append(f"recipients abroad: {len(abroad)} "
                       f"({', '.join(sorted({r.country or '?' for r in abroad}))})")
    systems = [s for s in act.systems or [] if s.country and s.country != HOME]
    if systems:
        because.append(f"systems stored abroad: {len(systems)} "
                       f"({', '.join(sorted({s.country or '?' for s in systems}))})")
    if because:
        return True, because
    if act.recipients is None:
        return None, ["recipients not recorded"]
    return False, ["no recipient abroad and no system abroad in the register"]


def activity_triggers(act: Activity, law: LawBook, other: Judgement[bool] | None = None,
                      profile: ProcessingActivity | None = None) -> list[Trigger]:
    """Every art 55 case for the activity, holding, not holding or unknown, with its reason."""
    found: list[tuple[TriggerKind, bool | None, list[str]]] = []
    sensitive = [c.value for c in act.sensitive_categories]
    if sensitive:
        found.append((TriggerKind.SENSITIVE, True, [f"sensitive categories {sensitive}"]))
    elif act.sensitive_individuals:
        found.append((TriggerKind.SENSITIVE, True,
                      [f"sensitive_individuals = {act.sensitive_individuals}"]))
    else:
        found.append((TriggerKind.SENSITIVE, False, ["no sensitive category in the register"]))
    automated = _flag(act.automated_decision_making, profile, "automated_decision_making")
    found.append((TriggerKind.AUTOMATED_DECISION, automated,
                  ["automated_decision_making = " + ("not given" if automated is None
                                                     else str(automated).lower())]))
    found.append((TriggerKind.ENTRUSTING, *_by_flag_or_role(
        act, profile, "entrusts_processing", RecipientRole.ENTRUSTED, "entrusted processing")))
    found.append((TriggerKind.PROVIDING, *_by_flag_or_role(
        act, profile, "provides_to_third_parties", RecipientRole.PROVIDED,
        "provision to another processor")))
    found.append((TriggerKind.PUBLISHING, *_by_flag_or_role(
        act, profile, "publicly_discloses", RecipientRole.DISCLOSED, "public disclosure")))
    found.append((TriggerKind.EXPORT, *_export(act)))
    if other is None or other.value is None:
        found.append((TriggerKind.OTHER, None, ["a judgement: other_significant_impact not given"]))
    else:
        found.append((TriggerKind.OTHER, other.value,
                      [f"other_significant_impact = {str(other.value).lower()}"
                       + ("" if other.confirmed else " (not confirmed)")]))
    base = cite(law, PIPL, "55")
    return [Trigger(kind=kind, holds=holds, article=ARTICLE[kind], citation=base,
                    because=because) for kind, holds, because in found]


def required(triggers: list[Trigger]) -> bool | None:
    """True when any case holds (an assessment is due beforehand); None when one is unknown."""
    if any(t.holds for t in triggers):
        return True
    if any(t.holds is None for t in triggers):
        return None
    return False
