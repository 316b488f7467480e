"""Keeping the register and the profile's ``processing`` section consistent.

``to_profile`` gives the profile activity ``assess`` reads; ``from_profile`` folds a profile
activity into the register, keeping the register-only facts (sources, systems, recipients, ...)
of the activity's latest version. Round trip: ``to_profile(from_profile(p, None)) == p``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from cnprivacy._collector import collector_paused
from cnprivacy.profile.models import ProcessingActivity
from cnprivacy.records.models import Activity, ActivityStatus, RecipientRole
from cnprivacy.records.validate import parse_activity

# Fields with the same name and meaning in both models.
_SHARED = ("purpose", "data_categories", "legal_basis", "automated_decision_making",
           "personalised_push_or_marketing", "health_data_shanghai", "individuals",
           "notice_given", "provides_to_third_parties", "entrusts_processing",
           "publicly_discloses", "retention_defined")
# Profile flags the register can also derive from its recipients.
_DERIVED = {"provides_to_third_parties": RecipientRole.PROVIDED,
            "entrusts_processing": RecipientRole.ENTRUSTED,
            "publicly_discloses": RecipientRole.DISCLOSED}


def to_profile(activity: Activity) -> ProcessingActivity:
    data: dict[str, Any] = {"id": activity.id}
    for name in _SHARED:
        data[name] = getattr(activity, name)
    if activity.recipients is not None:
        roles = {r.role for r in activity.recipients}
        for name, role in _DERIVED.items():
            if data[name] is None:
                data[name] = role in roles
    data["retention_defined"] = True if activity.retention is not None else activity.retention_defined
    return ProcessingActivity.model_validate(data)


def to_profiles(activities: Iterable[Activity]) -> list[ProcessingActivity]:
    """:func:`to_profile` of each activity, a register at a time (no cyclic GC mid-way:
    ``cnprivacy._collector``)."""
    with collector_paused():
        return [to_profile(a) for a in activities]


def from_profile(item: ProcessingActivity, current: Activity | None, source: str = "profile",
                 where: str = "") -> Activity:
    """The register entry for a profile activity; a contradiction is an InputError at ``where``."""
    data: dict[str, Any] = current.model_dump() if current else {"id": item.id}
    for name in _SHARED:
        data[name] = getattr(item, name)
    if current is not None and current.status is ActivityStatus.RETIRED:
        data["status"] = ActivityStatus.ACTIVE  # back in the profile: in use again
    return parse_activity(data, source, where)


def profile_processing(activities: Sequence[Activity],
                       order: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The ``processing`` section for the active activities, as plain data for YAML.

    Activities named in ``order`` (the profile's own ids) come first in that order, so that an
    exported profile differs from the one it came from only where the register differs."""
    rank = {ident: i for i, ident in enumerate(order)}
    active = [a for a in activities if a.status is ActivityStatus.ACTIVE]
    active.sort(key=lambda a: (rank.get(a.id, len(rank)), a.id))
    return [p.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"id": a.id}
            for a, p in zip(active, to_profiles(active), strict=True)]
