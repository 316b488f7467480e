"""The register's operations over any storage: writing a change as a new version, reading back.

Storage is an adapter behind :class:`VersionStore` (the database one lives in
``cnprivacy.store.records``; :class:`MemoryStore` serves tests and dry runs). A change that
alters nothing writes nothing; every other change is a new version row, never an update.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel

from cnprivacy.errors import InputError
from cnprivacy.records.history import changed_fields
from cnprivacy.records.kinds import KIND_ACTIVITY
from cnprivacy.records.models import Activity, ActivityStatus, Version


class VersionStore(Protocol):
    """Append-only storage of versions. ``append`` writes all or nothing."""

    def latest(self, kind: str, record_ids: Iterable[str] | None = None) -> dict[str, Version[Any]]: ...

    def history(self, kind: str, record_id: str) -> list[Version[Any]]: ...

    def append(self, kind: str, versions: Sequence[Version[Any]]) -> None: ...


class MemoryStore:
    """In-memory :class:`VersionStore` with the same refusal of a duplicate version number."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], list[Version[Any]]] = {}

    def latest(self, kind: str, record_ids: Iterable[str] | None = None) -> dict[str, Version[Any]]:
        wanted = None if record_ids is None else set(record_ids)
        return {rid: rows[-1] for (k, rid), rows in sorted(self._rows.items())
                if k == kind and (wanted is None or rid in wanted)}

    def history(self, kind: str, record_id: str) -> list[Version[Any]]:
        return list(self._rows.get((kind, record_id), []))

    def append(self, kind: str, versions: Sequence[Version[Any]]) -> None:
        for v in versions:
            rows = self._rows.get((kind, v.record_id), [])
            expected = len(rows) + 1
            if v.version != expected or sum(1 for w in versions if w.record_id == v.record_id) > 1:
                raise InputError(v.record_id, "changed by someone else meanwhile; read it again")
        for v in versions:
            self._rows.setdefault((kind, v.record_id), []).append(v)


@dataclass(frozen=True)
class RecordedChange:
    record_id: str
    version: int | None  # None: nothing changed, nothing written
    changes: tuple[str, ...]


class Register:
    """The processing register over a :class:`VersionStore`."""

    def __init__(self, store: VersionStore) -> None:
        self.store = store

    def activities(self, include_retired: bool = False) -> list[Activity]:
        rows = self.store.latest(KIND_ACTIVITY).values()
        return [v.data for v in rows if include_retired or v.data.status is ActivityStatus.ACTIVE]

    def versions(self) -> dict[str, Version[Any]]:
        return self.store.latest(KIND_ACTIVITY)

    def get(self, record_id: str) -> Version | None:
        return self.store.latest(KIND_ACTIVITY, [record_id]).get(record_id)

    def history(self, record_id: str) -> list[Version[Any]]:
        return self.store.history(KIND_ACTIVITY, record_id)

    def retire(self, record_id: str, changed_by: str, reason: str,
               now: datetime | None = None) -> RecordedChange:
        """End an activity: a new version with status ``retired`` (its history stays)."""
        found = self.get(record_id)
        if found is None:
            raise InputError("command line", f"no activity {record_id!r} in the register",
                             field="ACTIVITY")
        retired = found.data.model_copy(update={"status": ActivityStatus.RETIRED})
        return self.save([retired], changed_by, reason, now)[0]

    def carry_evidence(self, activities: Sequence[Activity]) -> list[Activity]:
        """Activities as read from a file keep the scan receipts of their latest versions when
        the file does not state ``evidence`` (people edit the register, scans fill it)."""
        current = self.store.latest(KIND_ACTIVITY, [a.id for a in activities])
        out = []
        for act in activities:
            before = current.get(act.id)
            if before is not None and "evidence" not in act.model_fields_set:
                act = act.model_copy(update={"evidence": before.data.evidence})
            out.append(act)
        return out

    def save(self, activities: Sequence[Activity], changed_by: str, reason: str | None = None,
             now: datetime | None = None) -> list[RecordedChange]:
        """Append a version for each activity that differs from its latest one (one transaction)."""
        return save_versions(self.store, KIND_ACTIVITY, activities, changed_by, reason, now)


def record_key(record: BaseModel) -> str:
    """A record's id: every kind's model has an ``id`` field (its key in the history)."""
    key = getattr(record, "id", None)
    if not isinstance(key, str):
        raise TypeError(f"{type(record).__name__} has no string id")
    return key


def save_versions(store: VersionStore, kind: str, records: Sequence[BaseModel], changed_by: str,
                  reason: str | None = None, now: datetime | None = None) -> list[RecordedChange]:
    """Append a new version of each record (a model with an ``id``) that differs from its latest.

    Shared by every record kind: one transaction for the lot, nothing written for a record that
    did not change, and the changed field paths kept as the history's "what".
    """
    if not changed_by.strip():
        raise InputError("command line", "who makes the change must be named", field="--by")
    ids = [record_key(r) for r in records]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise InputError(twice, f"the same {kind} twice in one change")
    when = now or datetime.now(UTC)
    current = store.latest(kind, ids)
    out: list[RecordedChange] = []
    new: list[Version[Any]] = []
    for key, record in zip(ids, records, strict=True):
        before = current.get(key)
        changes = changed_fields(before.data if before else None, record)
        if before is not None and not changes:
            out.append(RecordedChange(key, None, ()))
            continue
        number = before.version + 1 if before else 1
        new.append(Version(record_id=key, version=number, changed_at=when,
                           changed_by=changed_by.strip(), reason=reason, changes=changes,
                           data=record))
        out.append(RecordedChange(key, number, tuple(changes)))
    if new:
        store.append(kind, new)
    return out
