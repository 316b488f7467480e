"""App audit: an APK's permissions, embedded SDKs and privacy policy, checked against the
regulators' violation types.

Use :func:`audit_apk`; bad input raises :class:`cnprivacy.errors.InputError`.
"""

from cnprivacy.appaudit.audit import AuditReport, SdkFinding, audit_apk
from cnprivacy.appaudit.policy import PolicyText, read_policy
from cnprivacy.appaudit.rules import AppFinding
from cnprivacy.appaudit.signatures import Catalogue, SdkMatch, SdkSignature, load_catalogue

__all__ = [
    "AppFinding",
    "AuditReport",
    "Catalogue",
    "PolicyText",
    "SdkFinding",
    "SdkMatch",
    "SdkSignature",
    "audit_apk",
    "load_catalogue",
    "read_policy",
]
