"""The compliance record: versioned records (processing register first); append-only triggers.

Revision ID: 0002_records
Revises: 0001_ledger
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in APPEND_ONLY_TABLES:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END")
    elif bind.dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{_MESSAGE}'; END $$")
        for table in APPEND_ONLY_TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION record_append_only()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION record_append_only()")


def downgrade() -> None:
    raise NotImplementedError("the compliance record is append-only; it is never downgraded")
