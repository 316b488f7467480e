"""The audit's rules: small pure functions from what was found to cited findings.

Finding types (ids, severity, basis, mapping to the regulators' categories) are data in
``data/findings.yaml``; the functions here only decide when a finding applies and with what
evidence. Evidence names permissions, SDKs and PI types, never personal information itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from cnprivacy._yaml import load_text
from cnprivacy.appaudit.manifest import Manifest
from cnprivacy.appaudit.permissions import PermissionInfo, pi_types
from cnprivacy.appaudit.policy import PolicyText
from cnprivacy.appaudit.signatures import SdkMatch

SEVERITIES = ("high", "medium", "low", "info")
# PIPL art 28 names whereabouts (行踪轨迹), biometrics and financial accounts as sensitive PI.
SENSITIVE_PI = frozenset({"location", "biometrics", "financial"})
_LEGACY_RUNTIME_PERMISSIONS_BELOW = 23  # Android 6.0 (API 23) introduced runtime permissions


@dataclass(frozen=True)
class FindingType:
    """A stable finding id with its default severity, citation and regulator mapping."""

    id: str
    title: str
    title_zh: str
    severity: str
    policy: bool
    basis: str
    basis_zh: str
    mapping: dict[str, Any]


@dataclass(frozen=True)
class AppFinding:
    """One finding about the audited app."""

    id: str
    severity: str
    title: str
    title_zh: str
    basis: str
    evidence: tuple[str, ...]
    mapping: dict[str, Any] = field(default_factory=dict)
    basis_zh: str = ""

    @property
    def needs_review(self) -> bool:
        """True when the legal mapping rests on an UNCONFIRMED item or on a reading."""
        return bool(self.mapping.get("needs_review"))


@lru_cache(maxsize=1)
def finding_types() -> dict[str, FindingType]:
    """The shipped finding types, keyed by id."""
    text = resources.files("cnprivacy.appaudit").joinpath("data", "findings.yaml").read_text(
        "utf-8")
    raw = load_text(text, "appaudit/data/findings.yaml")
    instruments: dict[str, str] = raw.pop("_instruments")
    instruments_zh: dict[str, str] = raw.pop("_instruments_zh")
    pattern = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in instruments))
    # Chinese has no word boundaries: an abbreviation ends where the Latin letters and digits do
    pattern_zh = re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(k)}(?![A-Za-z0-9])"
                                     for k in instruments_zh))

    def expand(basis: str) -> str:
        return pattern.sub(lambda m: instruments[m.group(0)], " ".join(basis.split()))

    def expand_zh(basis: str) -> str:
        return pattern_zh.sub(lambda m: instruments_zh[m.group(0)], basis.strip())

    return {key: FindingType(id=key, title=item["title"], title_zh=item["title_zh"],
                             severity=item["severity"], policy=bool(item["policy"]),
                             basis=expand(item["basis"]),
                             basis_zh=expand_zh(item["basis_zh"]), mapping=item["mapping"])
            for key, item in raw.items()}


def _finding(kind: str, evidence: Sequence[str], severity: str | None = None) -> AppFinding:
    spec = finding_types()[kind]
    return AppFinding(id=kind, severity=severity or spec.severity, title=spec.title,
                   title_zh=spec.title_zh, basis=spec.basis, basis_zh=spec.basis_zh,
                   evidence=tuple(evidence),
                   mapping=dict(spec.mapping))


# --- findings from the APK alone -------------------------------------------------------------

def draft_2026_sensitive_permissions(permissions: Sequence[PermissionInfo]) -> list[AppFinding]:
    """One finding listing, per family, the contacts/call-log/SMS/camera-album/location/calendar
    permissions the app declares."""
    families: dict[str, list[str]] = {}
    for permission in permissions:
        if permission.draft_2026:
            families.setdefault(permission.draft_2026, []).append(permission.name)
    if not families:
        return []
    return [_finding("draft_2026_sensitive_permission",
                     [f"{family}: {', '.join(names)}" for family, names in families.items()])]


def permissions_granted_at_install(manifest: Manifest,
                                   permissions: Sequence[PermissionInfo]) -> list[AppFinding]:
    """An app targeting API < 23 gets its dangerous permissions without a runtime prompt.

    Without ``targetSdkVersion`` Android uses ``minSdkVersion`` (itself 1 when absent).
    """
    dangerous = [p.name for p in permissions if p.dangerous]
    if manifest.target_sdk is not None:
        effective, why = manifest.target_sdk, f"targetSdkVersion {manifest.target_sdk}"
    else:
        effective = manifest.min_sdk or 1
        why = f"no targetSdkVersion, so minSdkVersion {effective} applies"
    if not dangerous or effective >= _LEGACY_RUNTIME_PERMISSIONS_BELOW:
        return []
    return [_finding("permissions_granted_at_install",
                     [f"{why} (< {_LEGACY_RUNTIME_PERMISSIONS_BELOW}); granted at install: "
                      f"{', '.join(dangerous)}"])]


# --- findings that compare the APK with its privacy policy -----------------------------------

def sdks_not_disclosed(policy: PolicyText, sdks: Sequence[SdkMatch]) -> list[AppFinding]:
    """Each embedded SDK that collects PI and that the policy does not name.

    SDKs known to collect nothing (open-source hot-fix or plug-in frameworks) are still
    reported with ``disclosed_in_policy`` false, but the duty to list third parties concerns
    those that process PI.
    """
    return [_finding("sdk_not_disclosed",
                     [f"{match.sdk.name} ({match.sdk.company or 'unknown company'}) is embedded "
                      f"({match.evidence[0]}) but the policy does not name it"])
            for match in sdks if match.sdk.collects and not policy.names(match.sdk.aliases)]


def excessive_permissions(policy: PolicyText,
                          permissions: Sequence[PermissionInfo]) -> list[AppFinding]:
    """Each dangerous permission for whose PI the policy states no purpose."""
    types = pi_types()
    out = []
    for permission in permissions:
        if not permission.dangerous or not permission.pi_categories:
            continue
        terms = [t for key in permission.pi_categories for t in types[key].terms]
        if not policy.states_purpose_for(terms):
            labels = ", ".join(f"{types[k].en} ({types[k].zh})" for k in permission.pi_categories)
            out.append(_finding("excessive_permission",
                                [f"{permission.name} is declared; the policy states no purpose "
                                 f"for {labels}"]))
    return out


def pi_types_not_listed(policy: PolicyText,
                        permissions: Sequence[PermissionInfo]) -> list[AppFinding]:
    """Each PI type a declared permission reaches that the policy never names."""
    types = pi_types()
    implied: dict[str, list[str]] = {}
    for permission in permissions:
        for key in permission.pi_categories:
            implied.setdefault(key, []).append(permission.name)
    out = []
    for key, names in implied.items():
        if policy.find(types[key].terms) is None:
            out.append(_finding(
                "pi_types_not_listed",
                [f"{types[key].en} ({types[key].zh}) is reachable through {', '.join(names)} "
                 "but the policy does not list it"],
                severity="high" if key in SENSITIVE_PI else None))
    return out


def sdk_pi_types_not_listed(policy: PolicyText, sdks: Sequence[SdkMatch]) -> list[AppFinding]:
    """PI types the embedded SDKs typically collect that the policy never names."""
    types = pi_types()
    implied: dict[str, list[str]] = {}
    for match in sdks:
        for key in match.sdk.collects:
            implied.setdefault(key, []).append(match.sdk.name)
    return [_finding("sdk_pi_types_not_listed",
                     [f"{types[key].en} ({types[key].zh}) is typically collected by "
                      f"{', '.join(names)} but the policy does not list it"],
                     severity="high" if key in SENSITIVE_PI else None)
            for key, names in implied.items() if policy.find(types[key].terms) is None]


_RIGHT_FINDINGS = (
    ("withdrawal", "no_consent_withdrawal", "the policy gives no way to withdraw consent"),
    ("deletion", "no_account_deletion", "the policy gives no way to delete (cancel) the account"),
    ("correction", "no_correction_right", "the policy gives no way to correct or supplement PI"),
    ("copy", "no_copy_right", "the policy gives no way to obtain a copy of one's PI"),
    ("minors", "no_minors_statement", "the policy says nothing about minors or children"),
)


def missing_rights(policy: PolicyText) -> list[AppFinding]:
    """Rights and statements the policy must contain but does not mention."""
    out = [_finding(kind, [message]) for right, kind, message in _RIGHT_FINDINGS
           if not policy.offers(right)]
    if not policy.has_complaint_channel():
        out.append(_finding("no_complaint_channel",
                            ["the policy names no complaint/report channel with a contact"]))
    if not policy.has_change_notice():
        out.append(_finding("no_change_notice",
                            ["the policy does not say how users are told of changes to it"]))
    return out


def sort_findings(findings: Sequence[AppFinding]) -> list[AppFinding]:
    """Most severe first; stable within a severity."""
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))
