"""Filling an activity from a ``cnprivacy scan --format json`` report (docs/spec/scan.md).

The report is read as data, not through the scanner: any tool writing the documented format
can feed the register. Categories are added to those recorded (a scan of one system does not
prove the others hold nothing); the distinct counts replace the recorded ones, and the report's
receipt (its SHA-256, date and totals, no PI) is kept with the activity.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cnprivacy.errors import InputError
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.models import Activity, ScanEvidence
from cnprivacy.records.validate import parse_activity

_CATEGORIES = {c.value for c in DataCategory}


def _count(value: Any, source: str, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(source, "must be a whole number of people, 0 or more", field=field)
    return value


def read_scan_report(raw: bytes, source: str, name: str) -> ScanEvidence:
    """The receipt of a scan report's bytes; every field used is checked, naming it."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(source, f"not a JSON scan report: {getattr(err, 'msg', err)}") from None
    if not isinstance(doc, dict):
        raise InputError(source, "not a scan report: the top level must be an object")
    as_of = doc.get("as_of")
    if not isinstance(as_of, str) or not as_of:
        raise InputError(source, "missing or not text", field="as_of")
    sources = doc.get("sources")
    if not isinstance(sources, list):
        raise InputError(source, "missing or not a list", field="sources")
    totals = doc.get("totals")
    if not isinstance(totals, dict):
        raise InputError(source, "missing or not an object", field="totals")
    categories = totals.get("data_categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise InputError(source, "must be a list of category names", field="totals.data_categories")
    for i, category in enumerate(categories):
        if category not in _CATEGORIES:
            raise InputError(source, f"unknown data category {category!r}",
                             field=f"totals.data_categories[{i}]")
    individuals = _count(totals.get("individuals"), source, "totals.individuals")
    sensitive = _count(totals.get("sensitive_individuals"), source, "totals.sensitive_individuals")
    if individuals is not None and sensitive is not None and sensitive > individuals:
        raise InputError(source, "more than totals.individuals", field="totals.sensitive_individuals")
    return ScanEvidence(report_sha256=hashlib.sha256(raw).hexdigest(), report_name=name,
                        scanned_on=as_of, sources=len(sources), individuals=individuals,
                        sensitive_individuals=sensitive, data_categories=sorted(set(categories)))


def apply_scan(activity: Activity, evidence: ScanEvidence, source: str = "scan report") -> Activity:
    """The activity with the scan's categories added, its counts and its receipt.

    A count the report leaves unknown (``null``) keeps the recorded one. Importing the same
    report twice changes nothing."""
    found = [DataCategory(c) for c in evidence.data_categories]
    categories = list(activity.data_categories) + [c for c in found
                                                   if c not in activity.data_categories]
    kept = [e for e in activity.evidence if e.report_sha256 != evidence.report_sha256]
    update: dict[str, Any] = {"data_categories": categories, "evidence": [*kept, evidence]}
    if evidence.individuals is not None:
        update["individuals"] = evidence.individuals
    if evidence.sensitive_individuals is not None:
        update["sensitive_individuals"] = evidence.sensitive_individuals
    # Validate the result as a whole (model_copy would skip the cross-field checks).
    return parse_activity({**activity.model_dump(), **update}, source)
