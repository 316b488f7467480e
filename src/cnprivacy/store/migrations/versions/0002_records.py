"""The compliance record: versioned records (processing register first); append-only triggers.

Revision ID: 0002_records
Revises: 0001_ledger
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from cnprivacy.store.records_schema import APPEND_ONLY_TABLES, metadata

revision = "0002_records"
down_revision = "0001_ledger"
branch_labels = None
depends_on = None

_MESSAGE = "the compliance record is append-only: save a new version"


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
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
