"""Opening a ledger database (a SQLite path or any SQLAlchemy URL) and migrating it with Alembic."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from cnprivacy.errors import InputError
from cnprivacy.fileio.kinds import require_sqlite_file, sqlite_database_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
KEY_ENV = "CNPRIVACY_LEDGER_KEY"


def normalise_url(target: str) -> str:
    """A plain path means a SQLite file; URLs pass through (postgresql:// gets psycopg 3)."""
    if "://" not in target:
        path = Path(target)
        # "~name" of no such user stays a literal name, as a shell leaves it
        with contextlib.suppress(RuntimeError):
            path = path.expanduser()
        return f"sqlite:///{path.resolve()}"
    if target.startswith("postgresql://") or target.startswith("postgres://"):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def default_key_path(target: str) -> Path | None:
    """Where the key lives unless --key says: $CNPRIVACY_LEDGER_KEY, else beside a SQLite file."""
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    try:
        url = make_url(normalise_url(target))
    except (ArgumentError, ValueError) as err:  # ValueError: a port that is not a number
        raise InputError(target, f"not a usable database URL: {err}") from None
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database + ".key")
    return None


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    # WAL + NORMAL survives a killed process (not a power cut) and keeps bulk inserts fast.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA cache_size=-262144")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def sqlite_file(target: str) -> Path | None:
    """The file of a SQLite ledger (None for other databases and in-memory SQLite)."""
    try:
        url = make_url(normalise_url(target))
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return None
    return sqlite_database_path(url.database) if url.get_backend_name() == "sqlite" else None


def open_engine(target: str, *, must_exist: bool = False) -> Engine:
    """An engine on ``target``; ``must_exist``: a SQLite file that is not there is an error
    (every command but ``init`` reads an existing ledger and must not create one)."""
    try:
        engine = create_engine(normalise_url(target), future=True)
    # ValueError: a port that is not a number ("host:abc", "[::1" without its bracket), a path
    # with a NUL character
    except (ArgumentError, SQLAlchemyError, ModuleNotFoundError, ValueError) as err:
        raise InputError(target, f"not a usable database URL: {err}") from None
    if must_exist:
        try:
            require_sqlite_file(engine.url.database if engine.dialect.name == "sqlite" else None,
                                target)
        except InputError:
            raise InputError(target, "no ledger database there (check --db, or run "
                             "`cnprivacy ledger init` to create one)") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _config() -> Config:
    from alembic.config import Config  # loaded only by commands that touch a database

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
