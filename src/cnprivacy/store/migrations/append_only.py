"""The triggers that make a table append-only, as every migration that creates one installs them.

SQLite: a BEFORE UPDATE and a BEFORE DELETE trigger per table that abort with ``message``.
PostgreSQL: one trigger function ``function`` raising ``message``, called before UPDATE or DELETE
of each row and before TRUNCATE. The statements are the ones the first migrations ran, so a
database made by any revision has the same triggers.
"""

from __future__ import annotations

from collections.abc import Iterable

from alembic import op


def forbid_changes(tables: Iterable[str], function: str, message: str) -> None:
    """Refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) on ``tables`` from now on."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in tables:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
    elif dialect == "postgresql":
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{message}'; END $$")
        for table in tables:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION {function}()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
