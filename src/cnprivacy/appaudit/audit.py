"""Auditing one APK (and optionally its privacy policy): the core entry point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cnprivacy.appaudit import rules
from cnprivacy.appaudit.container import ApkFiles, read_apk
from cnprivacy.appaudit.dex import read_classes
from cnprivacy.appaudit.manifest import Manifest, parse_manifest
from cnprivacy.appaudit.permissions import PermissionInfo, describe_permissions
from cnprivacy.appaudit.policy import PolicyText, read_policy
from cnprivacy.appaudit.signatures import Catalogue, SdkMatch, load_catalogue, match_sdks
from cnprivacy.errors import InputError


@dataclass(frozen=True)
class SdkFinding:
    """An embedded SDK as reported: the match plus whether the policy names it."""

    match: SdkMatch
    disclosed_in_policy: bool | None


@dataclass(frozen=True)
class AuditReport:
    """Everything the audit established about one APK."""

    source: str
    manifest: Manifest
    permissions: tuple[PermissionInfo, ...]
    sdks: tuple[SdkFinding, ...]
    findings: tuple[rules.AppFinding, ...]
    policy_source: str | None
    dex_files: tuple[str, ...]
    class_count: int
    native_libs: tuple[str, ...]
    nested_apks: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of docs/spec/appaudit.md."""
        return {
            "package": self.manifest.package,
            "version_name": self.manifest.version_name,
            "target_sdk": self.manifest.target_sdk,
            "permissions": [{"name": p.name, "dangerous": p.dangerous,
                             "pi_categories": list(p.pi_categories)} for p in self.permissions],
            "sdks": [{"name": s.match.sdk.name, "company": s.match.sdk.company,
                      "category": s.match.sdk.category, "evidence": list(s.match.evidence),
                      "collects": list(s.match.sdk.collects),
                      "disclosed_in_policy": s.disclosed_in_policy} for s in self.sdks],
            "findings": [{"id": f.id, "severity": f.severity, "basis": f.basis,
                          "basis_zh": f.basis_zh,
                          "evidence": list(f.evidence), "title": f.title,
                          "title_zh": f.title_zh, "mapping": dict(f.mapping)}
                         for f in self.findings],
        }


def audit_apk(path: str, policy: str | PolicyText | None = None,
              catalogue: Catalogue | None = None) -> AuditReport:
    """Audit an APK file; a policy path (or already-read policy) adds the policy checks.

    Raises :class:`InputError` for anything that is not a readable APK or policy.
    """
    policy_text = read_policy(policy) if isinstance(policy, str) else policy
    files = read_apk(path)
    manifest = parse_manifest(files.manifest, path)
    catalogue = catalogue or load_catalogue()
    matches, class_count = _match_tree(files, manifest, catalogue)
    permissions = tuple(describe_permissions(manifest.permissions))
    found = list(rules.draft_2026_sensitive_permissions(permissions))
    found += rules.permissions_granted_at_install(manifest, permissions)
    if policy_text is not None:
        found += rules.sdks_not_disclosed(policy_text, matches)
        found += rules.excessive_permissions(policy_text, permissions)
        found += rules.pi_types_not_listed(policy_text, permissions)
        found += rules.sdk_pi_types_not_listed(policy_text, matches)
        found += rules.missing_rights(policy_text)
    sdks = tuple(SdkFinding(m, None if policy_text is None else policy_text.names(m.sdk.aliases))
                 for m in matches)
    return AuditReport(
        source=path, manifest=manifest, permissions=permissions, sdks=sdks,
        findings=tuple(rules.sort_findings(found)),
        policy_source=policy_text.source if policy_text else None,
        dex_files=tuple(name for name, _ in files.dex), class_count=class_count,
        native_libs=tuple(files.native_libs),
        nested_apks=tuple(_nested_names(files)),
    )


def _match_tree(files: ApkFiles, manifest: Manifest,
                catalogue: Catalogue) -> tuple[list[SdkMatch], int]:
    """Match the APK and its nested APKs, merging evidence per SDK; count the outer classes."""
    merged: dict[str, SdkMatch] = {}
    order: list[str] = []
    class_count = 0
    pending: list[tuple[ApkFiles, Manifest | None, str]] = [(files, manifest, "")]
    while pending:
        current, current_manifest, where = pending.pop(0)
        classes = read_classes(current.dex, current.source)
        if current is files:
            class_count = classes.class_count
        components = [c.name for c in current_manifest.components] if current_manifest else []
        for match in match_sdks(catalogue, classes, components, current.native_libs, where):
            if match.sdk.id in merged:
                old = merged[match.sdk.id]
                merged[match.sdk.id] = SdkMatch(old.sdk, old.evidence + match.evidence)
            else:
                merged[match.sdk.id] = match
                order.append(match.sdk.id)
        for inner in current.nested:
            try:
                inner_manifest: Manifest | None = parse_manifest(inner.manifest, inner.source)
            except InputError:
                inner_manifest = None
            pending.append((inner, inner_manifest, inner.source.split("!", 1)[1]))
    return [merged[sdk_id] for sdk_id in order], class_count


def _nested_names(files: ApkFiles) -> list[str]:
    out = []
    for inner in files.nested:
        out.append(inner.source.split("!", 1)[1])
        out += _nested_names(inner)
    return out
