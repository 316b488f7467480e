"""`cnprivacy serve`: the web workspace on the ledger's database, migrated on start."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cnprivacy.cli._common import fail
from cnprivacy.errors import CnPrivacyError, InputError

DEFAULT_DB = "cnprivacy-ledger.db"


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (keep 127.0.0.1 "
                                      "behind a reverse proxy).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    db: Annotated[str, typer.Option("--db", envvar="CNPRIVACY_LEDGER",
                                    help="SQLite path or SQLAlchemy URL (postgresql://...).")]
    = DEFAULT_DB,
    key: Annotated[Path | None, typer.Option("--key", help="Ledger key file (default "
                                             "$CNPRIVACY_LEDGER_KEY, or <sqlite file>.key).")]
    = None,
    profile: Annotated[Path | None, typer.Option(
        "--profile", help="Store this profile as the first version when the database has none.")]
    = None,
    secure_cookies: Annotated[bool, typer.Option(
        "--https", help="Reached over https (behind a reverse proxy): cookies are Secure and "
        "responses ask for HSTS.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64,
                                         help="Server processes.")] = 1,
    check: Annotated[bool, typer.Option(
        "--check", help="Open and migrate the database, load the profile, then exit without "
        "serving (for deployment scripts).")] = False,
) -> None:
    """Run the web workspace (FastAPI): the database is migrated on start, nothing is lost."""
    import os

    from cnprivacy.web import WebConfig, Workspace

    try:
        require_database(db)
        config = WebConfig(db=db, key_path=key, secure_cookies=secure_cookies)
        data = None
        if profile is not None:  # checked before the database is touched
            from cnprivacy.profile import load_profile, read_raw

            load_profile(profile)  # the whole validation, with the file's line numbers
            data, _ = read_raw(profile)
        ws = Workspace.open(config)
        if profile is not None and data is not None and ws.saved_profile() is None:
            import json

            ws.store.save_profile(json.loads(json.dumps(data, default=str)), "cnprivacy serve")
            ws.store.log("cnprivacy serve", "save profile (import)", "profile version 1",
                         after={"file": profile.name})
        admins = [u for u in ws.store.users() if u.role == "admin"]
    except InputError as err:
        raise fail(err.one_line()) from None
    except CnPrivacyError as err:
        raise fail(str(err)) from None
    if not admins:
        typer.echo("note: no admin yet: `cnprivacy users add NAME --role admin` adds one", err=True)
    if check:
        typer.echo(f"database {db} ready: {len(ws.store.users())} users, profile "
                   f"{'stored' if ws.saved_profile() else 'not stored yet'}")
        return
    import uvicorn

    # Each worker process builds its app from these (uvicorn imports the factory by name).
    os.environ["CNPRIVACY_WEB_DB"] = db
    os.environ["CNPRIVACY_WEB_KEY"] = str(key) if key else ""
    os.environ["CNPRIVACY_WEB_HTTPS"] = "1" if secure_cookies else ""
    typer.echo(f"cnprivacy workspace on http://{host}:{port}/ (database {db})", err=True)
    uvicorn.run("cnprivacy.web.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, proxy_headers=True, log_level="warning", access_log=False)


def require_database(db: str) -> None:
    """An existing database, never one made up on the spot: ``cnprivacy ledger init`` creates
    it (with the ledger's key), and a server without accounts would let nobody in."""
    from cnprivacy.fileio.kinds import is_sqlite_file
    from cnprivacy.store.database import open_engine, sqlite_file

    path = sqlite_file(db)
    if path is not None:
        if not path.exists():
            raise InputError(db, "no database there: run `cnprivacy ledger init --db DB`, then "
                             "`cnprivacy users add NAME --role admin --db DB`")
        if not path.is_file() or not is_sqlite_file(path):
            raise InputError(db, "is not a SQLite database")
    else:
        open_engine(db).dispose()  # a bad URL is an error now, not at the first request


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
