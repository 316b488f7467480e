"""Persistence: the transfer ledger on SQLite or any SQLAlchemy database, migrated with Alembic."""
