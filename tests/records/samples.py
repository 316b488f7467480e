"""Register entries the tests share (fictional organisations and people)."""

from __future__ import annotations

from typing import Any

from cnprivacy.records.models import Activity


def membership_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "membership",
        "purpose": "member accounts and bookings",
        "business_scenario": "online travel booking",
        "legal_basis": "contract",
        "data_categories": ["identity", "contact"],
        "individuals": 1000,
        "sources": [{"description": "sign-up form", "direct": True}],
        "systems": [{"name": "CRM", "storage_location": "cloud region cn-south", "country": "CN"}],
        "retention": {"period": "3 years after the account is closed", "months": 36},
        "recipients": [{"role": "entrusted", "name": "SMS Co", "country": "CN",
                        "contract": {"reference": "DPA-7", "signed_on": "2025-07-01"}}],
        "responsible": [{"name": "Officer A", "role": "PI protection officer"}],
    }
    data.update(changes)
    return data


def membership(**changes: Any) -> Activity:
    return Activity.model_validate(membership_data(**changes))
