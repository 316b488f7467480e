"""The incidents kept in the shared record history (kind ``incident``), over any VersionStore."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnprivacy.errors import InputError
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.model import Incident
from cnprivacy.records.kinds import KIND_INCIDENT
from cnprivacy.records.models import Version
from cnprivacy.records.register import RecordedChange, VersionStore, save_versions


class IncidentBook:
    def __init__(self, store: VersionStore) -> None:
        self.store = store

    def versions(self) -> dict[str, Version[Any]]:
        return self.store.latest(KIND_INCIDENT)

    def incidents(self) -> list[Incident]:
        return [v.data for v in self.versions().values()]

    def get(self, incident_id: str) -> Version[Any]:
        found = self.store.latest(KIND_INCIDENT, [incident_id]).get(incident_id)
        if found is None:
            raise InputError("command line", f"no incident {incident_id!r} on record", field="ID")
        return found

    def history(self, incident_id: str) -> list[Version[Any]]:
        versions = self.store.history(KIND_INCIDENT, incident_id)
        if not versions:
            raise InputError("command line", f"no incident {incident_id!r} on record", field="ID")
        return versions

    def new_id(self, discovered_at: dt.datetime) -> str:
        """``INC-YYYYMMDD-HHMM`` of the discovery time in China, with ``-2``, ``-3`` ... when taken."""
        base = "INC-" + discovered_at.astimezone(CHINA).strftime("%Y%m%d-%H%M")
        taken = set(self.versions())
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def save(self, incident: Incident, changed_by: str, reason: str | None = None,
             now: dt.datetime | None = None) -> RecordedChange:
        return save_versions(self.store, KIND_INCIDENT, [incident], changed_by, reason, now)[0]
