"""The web workspace's tables (SQLAlchemy Core), created by migration ``0006_web``.

Kept in their own ``MetaData`` like the record's: the ledger's first migration creates
everything in ``schema.metadata``. Which tables change and which do not:

- ``web_users``: accounts (a password change or a disabled account updates the row);
- ``web_sessions`` and ``web_api_tokens``: only hashes of the secrets, deleted at logout or
  revocation;
- ``web_audit``, ``web_profiles`` and ``web_results``: append-only, triggers refuse UPDATE and
  DELETE as for the ledger and the record. The audit log is who, when, what, before and after;
  the profile's history is every saved version; results are the counts of scans and app audits
  run on uploads (never the uploaded data).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

users = Table(
    "web_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("must_change_password", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
)

sessions = Table(
    "web_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("web_users.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

api_tokens = Table(
    "web_api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("web_users.id"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("created_at", String(40), nullable=False),
)

audit = Table(
    "web_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("target", String(200), nullable=False),
    Column("before_json", Text),
    Column("after_json", Text),
)

profiles = Table(
    "web_profiles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("saved_at", String(40), nullable=False),
    Column("saved_by", String(100), nullable=False),
    Column("profile_json", Text, nullable=False),
)

results = Table(
    "web_results", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("by", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("summary_json", Text, nullable=False),
)

APPEND_ONLY_TABLES = ("web_audit", "web_profiles", "web_results")
