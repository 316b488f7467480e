"""The web workspace's storage: accounts, sessions, API tokens, the audit log, the profile's
versions and upload results, on the same database as the ledger and the record.

Only hashes of secrets are stored (a session cookie or an API token is useless to whoever reads
the database); the audit log, the profile versions and the results are only ever inserted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from cnprivacy.errors import InputError
from cnprivacy.store.web_schema import api_tokens, audit, profiles, results, sessions, users

ROLES = ("admin", "dpo", "legal", "editor", "viewer")


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    password_hash: str
    must_change_password: bool
    disabled: bool


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    before: Any
    after: Any


@dataclass(frozen=True)
class SavedProfile:
    id: int
    saved_at: str
    saved_by: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Result:
    id: int
    at: str
    by: str
    kind: str
    name: str
    summary: dict[str, Any]


def _user(row: Any) -> User:
    return User(row.id, row.name, row.role, row.password_hash, bool(row.must_change_password),
                bool(row.disabled))


class WebStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- accounts ------------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password_hash: str, *,
                 must_change_password: bool = False) -> User:
        if role not in ROLES:
            raise InputError("command line", f"unknown role {role!r} ({', '.join(ROLES)})",
                             field="--role")
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(users), [{
                    "name": name, "role": role, "password_hash": password_hash,
                    "must_change_password": must_change_password, "disabled": False,
                    "created_at": now_text()}])
        except IntegrityError:
            raise InputError("command line", f"a user {name!r} exists already", field="NAME") \
                from None
        found = self.user_by_name(name)
        assert found is not None
        return found

    def user_by_name(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        return None if row is None else _user(row)

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]

    def set_password(self, user_id: int, password_hash: str, must_change: bool = False) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                password_hash=password_hash, must_change_password=must_change))

    def count_users(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    # -- sessions ------------------------------------------------------------------------------
    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(sessions), [{"token_hash": token_hash, "user_id": user_id,
                                             "csrf": csrf, "created_at": now_text(),
                                             "expires_at": expires_at}])

    def session(self, token_hash: str) -> tuple[User, str, str] | None:
        """(user, CSRF token, expiry) of a live session's token hash."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users, sessions.c.csrf, sessions.c.expires_at)
                .join(sessions, sessions.c.user_id == users.c.id)
                .where(sessions.c.token_hash == token_hash)).first()
        return None if row is None else (_user(row), row.csrf, row.expires_at)

    def drop_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))

    def drop_expired_sessions(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.expires_at < now_text()))

    # -- API tokens ----------------------------------------------------------------------------
    def add_token(self, token_hash: str, user_id: int, label: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(api_tokens), [{"token_hash": token_hash, "user_id": user_id,
                                               "label": label, "created_at": now_text()}])

    def user_for_token(self, token_hash: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
                               .where(api_tokens.c.token_hash == token_hash)).first()
        return None if row is None else _user(row)

    def tokens(self, user_id: int) -> list[tuple[int, str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(api_tokens.c.id, api_tokens.c.label, api_tokens.c.created_at)
                                .where(api_tokens.c.user_id == user_id)
                                .order_by(api_tokens.c.id)).all()
        return [(r.id, r.label, r.created_at) for r in rows]

    def revoke_token(self, token_id: int, user_id: int) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(delete(api_tokens).where(api_tokens.c.id == token_id,
                                                         api_tokens.c.user_id == user_id))
        return bool(done.rowcount)

    # -- the audit log -------------------------------------------------------------------------
    def log(self, actor: str, action: str, target: str, before: Any = None,
            after: Any = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(audit), [{
                "at": now_text(), "actor": actor, "action": action, "target": target,
                "before_json": None if before is None else json.dumps(before, ensure_ascii=False,
                                                                      default=str),
                "after_json": None if after is None else json.dumps(after, ensure_ascii=False,
                                                                    default=str)}])

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit).order_by(audit.c.id.desc()).limit(limit)).all()
        return [AuditEntry(r.id, r.at, r.actor, r.action, r.target,
                           None if r.before_json is None else json.loads(r.before_json),
                           None if r.after_json is None else json.loads(r.after_json))
                for r in rows]

    # -- the organisation profile --------------------------------------------------------------
    def save_profile(self, data: dict[str, Any], by: str) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(insert(profiles).returning(profiles.c.id), [{
                "saved_at": now_text(), "saved_by": by,
                "profile_json": json.dumps(data, ensure_ascii=False, default=str)}]).scalar_one())

    def latest_profile(self) -> SavedProfile | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(profiles).order_by(profiles.c.id.desc()).limit(1)).first()
        return None if row is None else SavedProfile(row.id, row.saved_at, row.saved_by,
                                                     json.loads(row.profile_json))

    def profile_versions(self, limit: int = 50) -> list[tuple[int, str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(profiles.c.id, profiles.c.saved_at, profiles.c.saved_by)
                                .order_by(profiles.c.id.desc()).limit(limit)).all()
        return [(r.id, r.saved_at, r.saved_by) for r in rows]

    # -- results of scans and app audits on uploads --------------------------------------------
    def add_result(self, by: str, kind: str, name: str, summary: dict[str, Any]) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(insert(results).returning(results.c.id), [{
                "at": now_text(), "by": by, "kind": kind, "name": name,
                "summary_json": json.dumps(summary, ensure_ascii=False)}]).scalar_one())

    def results(self, limit: int = 100) -> list[Result]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(results).order_by(results.c.id.desc()).limit(limit)).all()
        return [Result(r.id, r.at, r.by, r.kind, r.name, json.loads(r.summary_json)) for r in rows]
