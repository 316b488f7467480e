"""The compliance record: versioned records (processing register first); append-only triggers.

Revision ID: 0002_records
Revises: 0001_ledger
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cnprivacy.store.migrations.append_only import forbid_changes

revision = "0002_records"
down_revision = "0001_ledger"
branch_labels = None
depends_on = None

_MESSAGE = "the compliance record is append-only: save a new version"
APPEND_ONLY_TABLES = ("record_versions",)


def upgrade() -> None:
    # Spelled out rather than taken from records_schema: this revision must create the table as
    # it was at this revision, whatever later revisions add to the schema module.
    op.create_table(
        "record_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_at", sa.String(40), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("changes_json", sa.Text, nullable=False),
        sa.Column("data_json", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "record_id", "version", name="record_versions_one_per_number"),
    )
    forbid_changes(APPEND_ONLY_TABLES, "record_append_only", _MESSAGE)


def downgrade() -> None:
    raise NotImplementedError("the compliance record is append-only; it is never downgraded")
