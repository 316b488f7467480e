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

# An entry's distinct keyed hashes, sorted, in blocks of up to BLOCK_HASHES 16-byte hashes: bulk
# writes are a few hundred rows instead of millions, and an exact distinct count over several
# entries is one sort in memory (a single entry's count is stored with the entry).
BLOCK_HASHES = 65536
hash_blocks = Table(
    "ledger_hash_blocks", metadata,
    Column("entry_id", Integer, ForeignKey("ledger_entries.id"), primary_key=True),
    Column("block", Integer, primary_key=True),
    Column("hashes", LargeBinary, nullable=False),
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

APPEND_ONLY_TABLES = ("ledger_entries", "ledger_hash_blocks", "ledger_snapshots")
