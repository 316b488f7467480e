"""`cnprivacy record ...`: the processing register, kept beside the ledger in the same database.

Every change is a new version (who, when, what changed); nothing is updated or deleted. Bad
input is refused whole with one line naming the file and field, exit 2, nothing written.
"""

from __future__ import annotations

import csv
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from cnprivacy.cli._common import fail
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.records.models import ActivityStatus, Version
from cnprivacy.records.register import RecordedChange, Register

record_app = typer.Typer(no_args_is_help=True, help="The processing register (GB/T 35273 §11.3, "
                         "NDSMR art 12, PIPL art 56): versioned, append-only, beside the ledger.")

DbOption = Annotated[str, typer.Option("--db", envvar="CNPRIVACY_LEDGER",
                                       help="SQLite path or SQLAlchemy URL (postgresql://...).")]
ByOption = Annotated[str | None, typer.Option(
    "--by", envvar="CNPRIVACY_USER", help="Who makes the change (default: the login name).")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why, kept in the history.")]
FormatOption = Annotated[str, typer.Option("--format", help="text or json")]
DEFAULT_DB = "cnprivacy-ledger.db"


def _register(db: str) -> Register:
    from cnprivacy.fileio.kinds import is_sqlite_file
    from cnprivacy.store.database import sqlite_file
    from cnprivacy.store.records import open_store  # database libraries only when needed

    # SQLite takes an empty or foreign file for a new database and leaves its journal files
    # beside it: refuse it before opening, so a read-only command writes nothing.
    path = sqlite_file(db)
    if path is not None and path.is_file() and not is_sqlite_file(path):
        raise InputError(db, "is not a SQLite database" + (
            " (the file is empty)" if path.stat().st_size == 0 else ""))
    return Register(open_store(db))


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise InputError("command line", "cannot tell who you are: pass --by NAME",
                         field="--by") from None


def _format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise InputError("command line", f"must be one of {', '.join(allowed)}", field="--format")
    return fmt


def _guarded(err: CnPrivacyError) -> typer.Exit:
    return fail(err.one_line() if isinstance(err, InputError) else str(err))


def _echo_history(versions: list[Version[Any]], fmt: str,
                  as_dict: Callable[[Version[Any]], dict[str, Any]],
                  tag: Callable[[Version[Any]], str] | None = None) -> None:
    """Every version of one record, oldest first, as JSON or one line each (the `history`
    command of every record kind); ``tag`` adds a bracketed word such as the workflow state."""
    if fmt == "json":
        typer.echo(json.dumps([as_dict(v) for v in versions], ensure_ascii=False, indent=2))
        return
    for v in versions:
        why = f" — {v.reason}" if v.reason else ""
        state = f" [{tag(v)}]" if tag else ""
        typer.echo(f"v{v.version} {v.changed_at.isoformat()} {v.changed_by}{state}: "
                   f"{', '.join(v.changes) or '(no fields)'}{why}")


def _echo_changes(changes: list[RecordedChange], fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([{"id": c.record_id, "version": c.version, "changes": list(c.changes)}
                               for c in changes], ensure_ascii=False, indent=2))
        return
    for c in changes:
        if c.version is None:
            typer.echo(f"{c.record_id}: unchanged")
        else:
            typer.echo(f"{c.record_id}: version {c.version} ({', '.join(c.changes) or 'created'})")


def _version_dict(v: Version) -> dict[str, Any]:
    return {"id": v.record_id, "version": v.version, "changed_at": v.changed_at.isoformat(),
            "changed_by": v.changed_by, "reason": v.reason, "changes": v.changes,
            "activity": v.data.model_dump(mode="json")}


@record_app.command("init")
def init(db: DbOption = DEFAULT_DB) -> None:
    """Create or upgrade the database (shared with the ledger) to the newest schema."""
    from cnprivacy.store.records import init_store

    try:
        init_store(db)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    typer.echo(f"record ready at {db}")


@record_app.command("add")
def add(file: Annotated[Path, typer.Argument(help="YAML/JSON: one activity, a list, or "
                                             "{activities: [...]}.")],
        db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
        fmt: FormatOption = "text") -> None:
    """Add or change activities: each one that differs becomes a new version (one transaction)."""
    from cnprivacy.records.validate import read_activities

    try:
        _format(fmt, ("text", "json"))
        activities = read_activities(file)
        register = _register(db)
        changes = register.save(register.carry_evidence(activities), _who(by), reason)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes(changes, fmt)


def _latest(register: Register, record_id: str) -> Version:
    found = register.get(record_id)
    if found is None:
        raise InputError("command line", f"no activity {record_id!r} in the register",
                         field="ACTIVITY")
    return found


@record_app.command("retire")
def retire(record_id: Annotated[str, typer.Argument(metavar="ACTIVITY")],
           reason: Annotated[str, typer.Option("--reason", help="Why the activity ended.")],
           db: DbOption = DEFAULT_DB, by: ByOption = None, fmt: FormatOption = "text") -> None:
    """End an activity: a new version marked retired; nothing is deleted."""
    try:
        _format(fmt, ("text", "json"))
        change = _register(db).retire(record_id, _who(by), reason)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes([change], fmt)


@record_app.command("show")
def show(record_id: Annotated[str, typer.Argument(metavar="ACTIVITY")], db: DbOption = DEFAULT_DB,
         fmt: FormatOption = "text") -> None:
    """The latest version of one activity."""
    try:
        _format(fmt, ("text", "json"))
        v = _latest(_register(db), record_id)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps(_version_dict(v), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{v.record_id} (version {v.version}, {v.changed_at.isoformat()} by {v.changed_by})")
    typer.echo(yaml.safe_dump(v.data.model_dump(mode="json", exclude_none=True),
                              allow_unicode=True, sort_keys=False).rstrip())


@record_app.command("list")
def list_(db: DbOption = DEFAULT_DB, include_retired: Annotated[bool, typer.Option(
              "--all", help="Include retired activities.")] = False,
          fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every activity's latest version, by id."""
    try:
        _format(fmt, ("table", "json"))
        versions = [v for v in _register(db).versions().values()
                    if include_retired or v.data.status is ActivityStatus.ACTIVE]
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps([_version_dict(v) for v in versions], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "version", "purpose", "categories", "individuals", "recipients", "status")
    for v in versions:
        a = v.data
        table.add_row(a.id, str(v.version), a.purpose or "?",
                      ", ".join(c.value for c in a.data_categories) or "?",
                      "?" if a.individuals is None else str(a.individuals),
                      "?" if a.recipients is None else str(len(a.recipients)), a.status.value)
    Console(width=160).print(table)


@record_app.command("history")
def history(record_id: Annotated[str, typer.Argument(metavar="ACTIVITY")],
            db: DbOption = DEFAULT_DB, fmt: FormatOption = "text") -> None:
    """Every version of one activity, oldest first: who changed what, when."""
    try:
        _format(fmt, ("text", "json"))
        versions = _register(db).history(record_id)
        if not versions:
            raise InputError("command line", f"no activity {record_id!r} in the register",
                             field="ACTIVITY")
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_history(versions, fmt, _version_dict)


@record_app.command("import-scan")
def import_scan(report: Annotated[Path, typer.Argument(help="A `cnprivacy scan --format json` "
                                                       "report.")],
                activity: Annotated[str, typer.Option("--activity", help="Activity id to fill.")],
                db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
                fmt: FormatOption = "text") -> None:
    """Add the report's categories, take its distinct counts and keep its receipt."""
    from cnprivacy.records.scan_import import apply_scan, read_scan_report

    try:
        _format(fmt, ("text", "json"))
        try:
            raw = report.read_bytes()
        except OSError as err:
            raise InputError(str(report), f"cannot read: {err.strerror or err}") from None
        evidence = read_scan_report(raw, str(report), report.name)
        register = _register(db)
        current = _latest(register, activity).data
        changes = register.save([apply_scan(current, evidence, str(report))], _who(by),
                                reason or f"import of scan report {report.name}")
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes(changes, fmt)


@record_app.command("import-profile")
def import_profile(profile: Annotated[Path, typer.Argument(help="Organisation profile.")],
                   db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
                   fmt: FormatOption = "text") -> None:
    """Fold the profile's `processing` activities into the register (one transaction)."""
    from cnprivacy.profile import load_profile
    from cnprivacy.records.profile_map import from_profile

    try:
        _format(fmt, ("text", "json"))
        prof = load_profile(profile)
        register = _register(db)
        current = register.versions()
        activities = []
        for i, item in enumerate(prof.processing):
            before = current.get(item.id)
            activities.append(from_profile(item, before.data if before else None,
                                           str(profile), f"processing[{i}]"))
        changes = register.save(activities, _who(by), reason or f"import of profile {profile.name}")
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes(changes, fmt)


@record_app.command("export-profile")
def export_profile(
    profile: Annotated[Path, typer.Argument(help="Profile whose `processing` section is replaced.")],
    output: Annotated[Path | None, typer.Option("--out", help="Write here (may be PROFILE "
                                                "itself); default: print.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The profile with `processing` taken from the register, so `assess` runs on the register."""
    from cnprivacy.fileio import write_atomically
    from cnprivacy.profile import read_raw, validate
    from cnprivacy.records.profile_map import profile_processing

    try:
        data, _ = read_raw(profile)
        register = _register(db)
        known = {a.id for a in register.activities(include_retired=True)}
        order = []
        for i, item in enumerate(data.get("processing") or []):
            ident = item.get("id") if isinstance(item, dict) else None
            if ident not in known:
                raise InputError(str(profile), f"activity {ident!r} is not in the register: run "
                                 "`cnprivacy record import-profile` first", field=f"processing[{i}]")
            order.append(str(ident))
        data["processing"] = profile_processing(register.activities(), order)
        validate(data, str(profile))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if output is not None:
            write_atomically(output, text)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if output is None:
        sys.stdout.write(text)
    else:
        typer.echo(f"wrote {output}: {len(data['processing'])} activities from the register")


@record_app.command("export")
def export(fmt: Annotated[str, typer.Option("--format", help="xlsx, csv or json")] = "json",
           output: Annotated[Path | None, typer.Option("--out", help="File to write (required "
                                                       "for xlsx); default: print.")] = None,
           db: DbOption = DEFAULT_DB,
           include_retired: Annotated[bool, typer.Option("--all")] = False) -> None:
    """The register, one row per activity, with the NDSMR art 12 keeping date where it applies."""
    from cnprivacy.fileio import atomic_open, atomic_path
    from cnprivacy.law.loader import load_lawbook
    from cnprivacy.records import export as exporting

    try:
        _format(fmt, ("xlsx", "csv", "json"))
        if fmt == "xlsx" and output is None:
            raise InputError("command line", "an XLSX export needs --out FILE", field="--out")
        versions = [v for v in _register(db).versions().values()
                    if include_retired or v.data.status is ActivityStatus.ACTIVE]
        lawbook = load_lawbook()
        if fmt == "json":
            text = json.dumps(exporting.document(versions, lawbook), ensure_ascii=False, indent=2)
            if output is None:
                typer.echo(text)
                return
            with atomic_open(output) as fh:
                fh.write(text + "\n")
        elif fmt == "csv":
            rows = exporting.rows(versions, lawbook)
            if output is None:
                _write_csv(sys.stdout, rows)
                return
            with atomic_open(output, newline="", encoding="utf-8-sig") as fh:
                _write_csv(fh, rows)
        else:
            assert output is not None
            with atomic_path(output) as temp:
                _write_xlsx(temp, exporting.rows(versions, lawbook))
    except CnPrivacyError as err:
        raise _guarded(err) from None
    typer.echo(f"wrote {output}: {len(versions)} activities", err=True)


def _write_csv(handle: Any, rows: list[dict[str, Any]]) -> None:
    from cnprivacy.records.export import COLUMNS

    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator=os.linesep)
    writer.writeheader()
    writer.writerows(rows)


def _write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    from cnprivacy.records.export import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("register")
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([r[c] for c in COLUMNS])
    book.save(path)


def register(app: typer.Typer) -> None:
    """Add the ``record`` group to the main app."""
    app.add_typer(record_app, name="record")


__all__ = ["record_app", "register"]
