"""Filings and a profile the filing tests share (fictional organisation)."""

from __future__ import annotations

from typing import Any

from cnprivacy.profile import Profile
from cnprivacy.records.filing.models import Filing


def filing(**fields: Any) -> Filing:
    data: dict[str, Any] = {"id": "F-1", "kind": "standard_contract", "status": "planned"}
    data.update(fields)
    return Filing.model_validate(data)


def transfer(tid: str, day: str, individuals: int, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": tid, "date": day, "recipient": {"name": "Recipient Pte", "country": "SG"},
        "basis": "other", "individuals": individuals, "sensitive_individuals": 0,
        "important_data": False, "no_personal_information": False, "collected_abroad": False,
        "access_inside_china": False}
    data.update(more)
    return data


def profile(*transfers: dict[str, Any], **org: Any) -> Profile:
    organization: dict[str, Any] = {"name": "Example Co", "country": "CN", "ciio": False,
                                    "important_data_processor": False}
    organization.update(org)
    return Profile.model_validate({"organization": organization, "transfers": list(transfers)})
