"""The compliance record's tables (SQLAlchemy Core) as the code reads and writes them.

Created by migration ``0002_records``, which spells the table out itself; a change here needs a
new migration. Kept in their own ``MetaData``: the ledger's first migration creates everything
in ``schema.metadata``, and these tables must appear only when their own migration runs.
One table holds the versions of every record type (``kind``): a change is a new row with the
next version number, and triggers refuse UPDATE, DELETE and TRUNCATE as for the ledger.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

record_versions = Table(
    "record_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("changed_at", String(40), nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("reason", Text),
    Column("changes_json", Text, nullable=False),
    Column("data_json", Text, nullable=False),
    # Two writers racing for the same next version: one of them fails instead of both landing.
    UniqueConstraint("kind", "record_id", "version", name="record_versions_one_per_number"),
)
