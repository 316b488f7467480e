"""Assessments over any :class:`~cnprivacy.records.register.VersionStore`: draft, edit, review, approve.

Each step is a new version of the record (kind ``pia``) with who and when; nothing is changed in
place. The workflow is draft -> reviewed (legal) -> approved (the PI protection officer):

* an edit of a reviewed assessment sends it back to draft (the review was of other content);
  an approved assessment is not edited: a new one is drafted instead;
* review needs a draft; approval needs a review by someone else and every judgement confirmed;
* approval fixes the keep-until date: PIPL art 56 keeps report and records at least three years
  (``pipl.pipia_record_retention_years`` in the law data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from cnprivacy.errors import InputError
from cnprivacy.law.loader import LawBook
from cnprivacy.law.schema import Event, LegalStatus
from cnprivacy.profile.models import ProcessingActivity
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.keeping import Keeping
from cnprivacy.records.kinds import KIND_PIA
from cnprivacy.records.models import Activity, ActivityStatus, Version
from cnprivacy.records.pia.citation import PIPL, cite
from cnprivacy.records.pia.draft import draft
from cnprivacy.records.pia.edit import PiaEdit, apply_edit
from cnprivacy.records.pia.grading import grade
from cnprivacy.records.pia.models import Pia, PiaStatus, unconfirmed
from cnprivacy.records.register import VersionStore, save_versions
from cnprivacy.rules.crossborder.deadlines import add_years

RETENTION = "pipia_record_retention_years"
_NUMBER = re.compile(r"^PIA-([0-9]+)$")


@dataclass(frozen=True)
class Step:
    pia: Pia
    version: int | None  # None: nothing changed, nothing written


def keeping(law: LawBook, approved_on: date) -> Keeping | None:
    """Keep-until of a report approved on ``approved_on`` (PIPL art 56: 至少保存三年)."""
    resolved = law.value(PIPL, RETENTION, approved_on)
    if resolved is None or not isinstance(resolved.value, int):
        return None
    return Keeping(add_years(approved_on, resolved.value), resolved.value,
                   cite(law, PIPL, "56"), resolved.needs_review)


def _missing(pia_id: str) -> InputError:
    return InputError("command line", f"no impact assessment {pia_id!r}", field="ID")


class Assessments:
    """The impact assessments kept in a :class:`VersionStore`."""

    def __init__(self, store: VersionStore) -> None:
        self.store = store

    def latest(self) -> dict[str, Version[Any]]:
        return self.store.latest(KIND_PIA)

    def get(self, pia_id: str) -> Version[Any]:
        found = self.store.latest(KIND_PIA, [pia_id]).get(pia_id)
        if found is None:
            raise _missing(pia_id)
        return found

    def history(self, pia_id: str) -> list[Version[Any]]:
        versions = self.store.history(KIND_PIA, pia_id)
        if not versions:
            raise _missing(pia_id)
        return versions

    def next_id(self) -> str:
        numbers = [int(m.group(1)) for key in self.latest() if (m := _NUMBER.match(key))]
        return f"PIA-{max(numbers, default=0) + 1:04d}"

    def _save(self, pia: Pia, by: str, reason: str, now: datetime | None) -> Step:
        change = save_versions(self.store, KIND_PIA, [pia], by, reason, now)[0]
        return Step(pia, change.version)

    def new(self, activity: Version[Activity], law: LawBook, as_of: date, by: str,
            now: datetime | None = None, profile: ProcessingActivity | None = None) -> Step:
        """Draft an assessment of the activity's current version (a new record).

        Refused for a retired activity, and for a day before PIPL art 55 applied."""
        if activity.data.status is ActivityStatus.RETIRED:
            raise InputError("command line", f"activity {activity.record_id!r} is retired",
                             field="--activity")
        if law.status(PIPL, as_of) is not LegalStatus.IN_FORCE:
            start = next((e.date.isoformat() for e in law[PIPL].timeline
                          if e.event is Event.IN_FORCE), "?")
            raise InputError("command line", f"PIPL art 55 does not apply on {as_of.isoformat()} "
                             f"(in force from {start})", field="--as-of")
        pia = draft(self.next_id(), activity, law, as_of, profile)
        return self._save(pia, by, f"drafted from activity {activity.record_id} "
                          f"version {activity.version}", now)

    def edit(self, pia_id: str, edit: PiaEdit, by: str, now: datetime | None = None) -> Step:
        pia: Pia = self.get(pia_id).data
        if pia.status is PiaStatus.APPROVED:
            raise InputError("command line", f"{pia_id} is approved and kept as approved: draft "
                             "a new assessment with `cnprivacy pia new`", field="ID")
        updated = apply_edit(pia, edit)
        reason = "judgements edited"
        if pia.status is PiaStatus.REVIEWED and updated != pia:
            updated = updated.model_copy(update={"status": PiaStatus.DRAFT, "reviewed_by": None,
                                                 "reviewed_at": None})
            reason += "; back to draft, the review was of the earlier content"
        return self._save(updated, by, reason, now)

    def review(self, pia_id: str, by: str, now: datetime | None = None) -> Step:
        pia: Pia = self.get(pia_id).data
        if pia.status is not PiaStatus.DRAFT:
            raise InputError("command line", f"{pia_id} is {pia.status.value}; only a draft is "
                             "reviewed", field="ID")
        when = now or datetime.now(UTC)
        reviewed = pia.model_copy(update={"status": PiaStatus.REVIEWED,
                                          "reviewed_by": by.strip(), "reviewed_at": when})
        return self._save(reviewed, by, "reviewed (legal)", when)

    def approve(self, pia_id: str, by: str, law: LawBook, now: datetime | None = None) -> Step:
        pia: Pia = self.get(pia_id).data
        if pia.status is PiaStatus.APPROVED:
            raise InputError("command line", f"{pia_id} is already approved", field="ID")
        if pia.status is not PiaStatus.REVIEWED:
            raise InputError("command line", f"{pia_id} has not been reviewed: run `cnprivacy "
                             "pia review` first", field="ID")
        if pia.reviewed_by == by.strip():
            raise InputError("command line", f"{pia_id} was reviewed by the same person: the PI "
                             "protection officer approves someone else's review", field="--by")
        open_fields = unconfirmed(pia)
        if open_fields:
            more = f" and {len(open_fields) - 3} more" if len(open_fields) > 3 else ""
            raise InputError("command line", f"{pia_id} has unconfirmed judgements: "
                             f"{', '.join(open_fields[:3])}{more}", field="ID")
        when = now or datetime.now(UTC)
        grading = grade(pia, law)
        kept = keeping(law, when.astimezone(CHINA).date())
        approved = pia.model_copy(update={"status": PiaStatus.APPROVED, "approved_by": by.strip(),
                                          "approved_at": when, "risk_at_approval": grading.risk,
                                          "keeping": kept})
        return self._save(approved, by, "approved (PI protection officer)", when)

