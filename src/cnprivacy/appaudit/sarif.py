"""SARIF 2.1.0 for the app audit: one result per finding, so code-scanning tools ingest it."""

from __future__ import annotations

from typing import Any

from cnprivacy.appaudit.audit import AuditReport
from cnprivacy.appaudit.rules import finding_types

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub code scanning reads a 0-10 "security-severity" to rank results.
_SECURITY_SEVERITY = {"high": "8.0", "medium": "5.0", "low": "3.0", "info": "1.0"}


def to_sarif(report: AuditReport, tool_version: str) -> dict[str, Any]:
    """The audit as a SARIF log with one run."""
    types = finding_types()
    used = list(dict.fromkeys(f.id for f in report.findings))
    rules = [{
        "id": kind,
        "name": "".join(part.title() for part in kind.split("_")),
        "shortDescription": {"text": types[kind].title},
        "fullDescription": {"text": f"{types[kind].title} / {types[kind].title_zh}"},
        "help": {"text": f"Basis: {types[kind].basis}"},
        "defaultConfiguration": {"level": _LEVEL[types[kind].severity]},
        "properties": {"tags": ["privacy", "china", "app-audit"],
                       "security-severity": _SECURITY_SEVERITY[types[kind].severity],
                       "mapping": types[kind].mapping},
    } for kind in used]
    results = []
    for finding in report.findings:
        uses_policy = types[finding.id].policy and report.policy_source
        location = report.policy_source if uses_policy else report.source
        results.append({
            "ruleId": finding.id,
            "ruleIndex": used.index(finding.id),
            "level": _LEVEL[finding.severity],
            "message": {"text": "; ".join(finding.evidence) or finding.title},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": location}}}],
            "properties": {"severity": finding.severity, "basis": finding.basis,
                           "needs_review": finding.needs_review,
                           "security-severity": _SECURITY_SEVERITY[finding.severity]},
        })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cnprivacy app audit", "version": tool_version,
                                "informationUri": "https://github.com/cnprivacy/cnprivacy",
                                "rules": rules}},
            "artifacts": [{"location": {"uri": uri}}
                          for uri in (report.source, report.policy_source) if uri],
            "properties": {"package": report.manifest.package,
                           "version_name": report.manifest.version_name},
            "results": results,
        }],
    }
