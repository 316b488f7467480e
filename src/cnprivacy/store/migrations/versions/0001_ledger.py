"""The transfer ledger: entries, keyed hashes, status snapshots; append-only triggers.

Revision ID: 0001_ledger
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

from cnprivacy.store.migrations.append_only import forbid_changes
from cnprivacy.store.schema import APPEND_ONLY_TABLES, metadata

revision = "0001_ledger"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    forbid_changes(APPEND_ONLY_TABLES, "ledger_append_only",
                   "the ledger is append-only: record a correction")


def downgrade() -> None:
    raise NotImplementedError("the ledger is append-only; it is never downgraded")
