"""The register as rows (CSV, XLSX) and documents (JSON): the same columns for every format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cnprivacy.law.loader import LawBook
from cnprivacy.records.keeping import keeping, keeps_provision_records
from cnprivacy.records.models import Activity, Recipient, Version

COLUMNS = (
    "id", "status", "version", "changed_at", "changed_by", "purpose", "business_scenario",
    "legal_basis", "data_categories", "sensitive_categories", "individuals",
    "sensitive_individuals", "sources", "systems", "retention", "recipients", "responsible",
    "scan_evidence", "provision_records_kept_until", "provision_records_basis",
)


def _join(items: Sequence[str] | None) -> str:
    return "" if items is None else "; ".join(items)


def _recipient(r: Recipient) -> str:
    text = f"{r.role.value}: {r.name}" + (f" ({r.country})" if r.country else "")
    if r.contract is not None:
        text += f" [contract {r.contract.reference}"
        if r.contract.expires_on:
            text += f", expires {r.contract.expires_on.isoformat()}"
        text += "]"
    return text


def row(version: Version, lawbook: LawBook) -> dict[str, Any]:
    a: Activity = version.data
    kept = keeping(lawbook, version.changed_at.date()) if keeps_provision_records(a) else None
    return {
        "id": a.id, "status": a.status.value, "version": version.version,
        "changed_at": version.changed_at.isoformat(), "changed_by": version.changed_by,
        "purpose": a.purpose or "", "business_scenario": a.business_scenario or "",
        "legal_basis": a.legal_basis.value if a.legal_basis else "",
        "data_categories": _join([c.value for c in a.data_categories]),
        "sensitive_categories": _join([c.value for c in a.sensitive_categories]),
        "individuals": a.individuals, "sensitive_individuals": a.sensitive_individuals,
        "sources": _join(None if a.sources is None else
                         [f"{s.description} ({'direct' if s.direct else 'indirect'})"
                          for s in a.sources]),
        "systems": _join(None if a.systems is None else
                         [s.name + (f" @ {s.storage_location}" if s.storage_location else "")
                          + (f" ({s.country})" if s.country else "") for s in a.systems]),
        "retention": a.retention.period if a.retention else "",
        "recipients": _join(None if a.recipients is None else [_recipient(r) for r in a.recipients]),
        "responsible": _join(None if a.responsible is None else
                             [f"{p.name} ({p.role})" for p in a.responsible]),
        "scan_evidence": _join([f"{e.report_name} {e.scanned_on} sha256:{e.report_sha256[:12]}"
                                for e in a.evidence]),
        "provision_records_kept_until": kept.keep_until.isoformat() if kept else "",
        "provision_records_basis": kept.citation if kept else "",
    }


def rows(versions: Sequence[Version], lawbook: LawBook) -> list[dict[str, Any]]:
    return [row(v, lawbook) for v in versions]


def document(versions: Sequence[Version], lawbook: LawBook) -> dict[str, Any]:
    """The JSON export: every activity whole, with its version facts and keeping period."""
    out = []
    for v in versions:
        flat = row(v, lawbook)
        out.append({"version": v.version, "changed_at": v.changed_at.isoformat(),
                    "changed_by": v.changed_by, "activity": v.data.model_dump(mode="json"),
                    "sensitive_categories": [c.value for c in v.data.sensitive_categories],
                    "provision_records_kept_until": flat["provision_records_kept_until"] or None,
                    "provision_records_basis": flat["provision_records_basis"] or None})
    return {"register": out}
