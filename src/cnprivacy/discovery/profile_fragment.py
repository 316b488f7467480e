"""The profile fragment ``scan --emit-profile`` writes (field names of spec/profile.md).

Counts are the scan's organisation-level totals; the data categories of everything found go
into one processing activity. Given a base profile, the fragment's counts and activity are
merged into a copy of it (the base is never modified); without one, placeholders fill the
organisation's required name and country so that ``assess`` accepts the file as it is.
"""

from __future__ import annotations

import copy
from typing import Any

from cnprivacy.discovery.results import ScanResult

ACTIVITY_ID = "discovered-pi"


def profile_fragment(result: ScanResult, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A profile dict with the scan's counts and data categories."""
    out: dict[str, Any] = copy.deepcopy(base) if base else {
        "organization": {"name": "(organisation name: fill in)", "country": "CN"},
        "processing": [],
    }
    org = out.setdefault("organization", {})
    totals = result.totals
    for field, value in (("individuals_processed", totals.individuals),
                         ("sensitive_individuals_processed", totals.sensitive_individuals),
                         ("minors_under_14_processed", totals.minors_under_14)):
        if value is not None:
            org[field] = value
    activity: dict[str, Any] = {
        "id": ACTIVITY_ID,
        "purpose": "personal information found by cnprivacy scan on " + result.as_of,
        "data_categories": list(totals.data_categories),
    }
    if totals.individuals is not None:
        activity["individuals"] = totals.individuals
    processing = [p for p in out.get("processing") or [] if p.get("id") != ACTIVITY_ID]
    out["processing"] = [*processing, activity]
    return out
