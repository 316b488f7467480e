"""The ledger's tables (SQLAlchemy Core). Changes go through Alembic migrations in ``migrations/``.

Append-only: entries, their hashes and the status snapshots are only ever inserted; database
triggers (created by the first migration) refuse UPDATE and DELETE. A correction is a new entry
whose ``corrects`` points at the entry it replaces.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "ledger_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

entries = Table(
    "ledger_entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("transfer_id", String(200), nullable=False, index=True),
    Column("transfer_date", Date, nullable=False),
    Column("year", Integer, nullable=False, index=True),
    Column("recorded_at", String(40), nullable=False),
    Column("recipient_country", String(2), nullable=False),
    Column("sensitive", Boolean, nullable=False),
    Column("void", Boolean, nullable=False, default=False),
    Column("transfer_json", Text, nullable=False),
    Column("identifiers_read", Integer),
    Column("identifiers_distinct", Integer),
    Column("individuals_declared", Integer),
    Column("hll", LargeBinary),
    Column("corrects", Integer, ForeignKey("ledger_entries.id")),
    Column("reason", Text),
    Column("source", Text),
)

hashes = Table(
    "ledger_hashes", metadata,
    Column("entry_id", Integer, ForeignKey("ledger_entries.id"), primary_key=True),
    Column("h", LargeBinary(16), primary_key=True),
    sqlite_with_rowid=False,
)

snapshots = Table(
    "ledger_snapshots", metadata,
    Column("entry_id", Integer, ForeignKey("ledger_entries.id"), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("individuals", Integer, nullable=False),
    Column("sensitive_individuals", Integer, nullable=False),
    Column("mechanism", String(40), nullable=False),
    Column("declaration_covers", Text, nullable=False),
)

APPEND_ONLY_TABLES = ("ledger_entries", "ledger_hashes", "ledger_snapshots")
