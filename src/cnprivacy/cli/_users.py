"""`cnprivacy users add|list|passwd`: accounts of the web workspace (password from stdin)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cnprivacy.cli._common import fail
from cnprivacy.errors import CnPrivacyError, InputError

users_app = typer.Typer(no_args_is_help=True, help="Accounts of the web workspace "
                        "(admin, dpo, legal, editor, viewer).")
DbOption = Annotated[str, typer.Option("--db", envvar="CNPRIVACY_LEDGER",
                                       help="SQLite path or SQLAlchemy URL (postgresql://...).")]
DEFAULT_DB = "cnprivacy-ledger.db"
OneTime = Annotated[bool, typer.Option(
    "--one-time", help="Make up a one-time password and print it (changed at first login) "
    "instead of reading one from stdin.")]


def _store(db: str, upgrade: bool) -> object:
    """The accounts of an existing database (``cnprivacy ledger init`` creates one); ``upgrade``
    brings an older schema to the newest first, as ``serve`` does."""
    from cnprivacy.cli._serve import require_database
    from cnprivacy.store.database import migrate, open_engine
    from cnprivacy.store.records import open_store
    from cnprivacy.store.web_store import WebStore

    require_database(db)
    if upgrade:
        engine = open_engine(db)
        migrate(engine)
        return WebStore(engine)
    return WebStore(open_store(db).engine)


def _password(one_time: bool) -> tuple[str, bool]:
    from cnprivacy.web.security import one_time_password, password_problem

    if one_time:
        return one_time_password(), True
    text = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(text)
    if problem:
        raise InputError("stdin", f"password: {problem}")
    return text, False


@users_app.command("add")
def add(name: Annotated[str, typer.Argument(help="Login name.")],
        role: Annotated[str, typer.Option("--role", help="admin, dpo, legal, editor or viewer.")],
        db: DbOption = DEFAULT_DB, one_time: OneTime = False,
        reset: Annotated[bool, typer.Option(
            "--reset", help="If the user exists, give it this new password instead of failing.")]
        = False) -> None:
    """Add a user; the password is read from stdin (one line, at least 12 characters)."""
    import re

    from sqlalchemy.exc import SQLAlchemyError

    from cnprivacy.store.web_store import ROLES, WebStore
    from cnprivacy.web.security import hash_password

    try:
        if role not in ROLES:
            raise InputError("command line", f"unknown role {role!r} ({', '.join(ROLES)})",
                             field="--role")
        if not re.fullmatch(r"[\w.@-]{1,100}", name):
            raise InputError("command line", "letters, digits, '.', '@', '-' and '_' only",
                             field="NAME")
        password, temporary = _password(one_time)
        store = _store(db, upgrade=True)
        assert isinstance(store, WebStore)
        existing = store.user_by_name(name)
        if existing is not None and reset:
            store.set_password(existing.id, hash_password(password), must_change=temporary)
            store.log("cnprivacy users", "reset password", f"user {name}")
            what = "password reset"
        else:
            store.add_user(name, role, hash_password(password), must_change_password=temporary)
            store.log("cnprivacy users", "add user", f"user {name}", after={"role": role})
            what = "added"
    except InputError as err:
        raise fail(err.one_line()) from None
    except CnPrivacyError as err:
        raise fail(str(err)) from None
    except SQLAlchemyError as err:
        raise fail(f"{db}: database error: {str(err).splitlines()[0]}") from None
    typer.echo(f"user {name} ({role}) {what}")
    if temporary:
        typer.echo(f"one-time password: {password}")


@users_app.command("list")
def list_(db: DbOption = DEFAULT_DB) -> None:
    """Accounts and their roles (never a password or hash)."""
    from sqlalchemy.exc import SQLAlchemyError

    from cnprivacy.store.web_store import WebStore

    try:
        store = _store(db, upgrade=False)
    except InputError as err:
        raise fail(err.one_line()) from None
    except SQLAlchemyError as err:
        raise fail(f"{db}: database error: {str(err).splitlines()[0]}") from None
    assert isinstance(store, WebStore)
    for u in store.users():
        typer.echo(f"{u.name}\t{u.role}" + ("\tdisabled" if u.disabled else ""))


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
