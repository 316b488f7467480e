"""Incidents the tests share (fictional)."""

from __future__ import annotations

from typing import Any

from cnprivacy.records.incident import Incident


def incident_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "INC-1",
        "discovered_at": "2026-06-10T09:00:00+08:00",
        "operator_type": "other",
        "affected_systems": ["CRM"],
        "effects": ["leak"],
        "individuals": 1000,
        "sensitive_individuals": 0,
        "people_services_affected": 0,
        "direct_economic_loss_yuan": 0,
    }
    data.update(changes)
    return data


def incident(**changes: Any) -> Incident:
    return Incident.model_validate(incident_data(**changes))
