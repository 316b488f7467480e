"""Persistence: one database (SQLite file or PostgreSQL URL) migrated with Alembic; the
transfer ledger is :mod:`ledger_store`."""

__all__: list[str] = []  # the API is in the modules named above
