"""Passwords, session and API secrets, CSRF tokens, and what each role may do.

Passwords are hashed with argon2id (argon2-cffi's defaults). Session cookies and API tokens
are random 32-byte secrets; the database keeps their SHA-256 only, so a copy of the database
opens no session. Forms carry the session's CSRF token, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_COOKIE = "cnp_session"
SESSION_HOURS = 12
MIN_PASSWORD = 12

_HASHER = PasswordHasher()
# Verifying against this when the user does not exist makes "no such user" take as long as
# "wrong password", so the login form does not tell which names exist.
_DUMMY_HASH = _HASHER.hash("not a password of anybody's")


class Permission(StrEnum):
    READ = "read"          # see pages, download reports
    EDIT = "edit"          # change the profile, the register, the ledger; run uploads
    ADMIN = "admin"        # users, the audit log
    REVIEW = "review"      # record the legal review of an impact assessment
    APPROVE = "approve"    # approve an impact assessment (the PI protection officer)


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "viewer": frozenset({Permission.READ}),
    "editor": frozenset({Permission.READ, Permission.EDIT}),
    "legal": frozenset({Permission.READ, Permission.EDIT, Permission.REVIEW}),
    "dpo": frozenset({Permission.READ, Permission.EDIT, Permission.APPROVE}),
    # the impact-assessment workflow is legal's and the PI protection officer's, not an admin's
    "admin": frozenset({Permission.READ, Permission.EDIT, Permission.ADMIN}),
}


def allowed(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD:
        return f"at least {MIN_PASSWORD} characters"
    return None


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def session_expiry(now: datetime | None = None) -> str:
    return ((now or datetime.now(UTC)) + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")


def one_time_password() -> str:
    """A first password for `make demo` and new accounts: 20 URL-safe characters."""
    return secrets.token_urlsafe(15)
