"""`cnprivacy ledger init|record|status|export`: the append-only transfer ledger."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from cnprivacy.cli._common import fail, parse_date
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.ledger import (
    IdentifierKind,
    LedgerKey,
    hash_groups,
    read_identifiers,
    require_valid,
)
from cnprivacy.ledger.hashing import HASH_BYTES
from cnprivacy.ledger.sketch import HLL_ERROR
from cnprivacy.profile import load_profile
from cnprivacy.profile.models import Organization, Recipient, Transfer
from cnprivacy.store.database import default_key_path, sqlite_file
from cnprivacy.store.ledger_store import EntryInput, Ledger

ledger_app = typer.Typer(no_args_is_help=True, help="Append-only ledger of transfers abroad: "
                         "exact distinct individuals per year from keyed hashes, never raw identifiers.")

DbOption = Annotated[str, typer.Option("--db", envvar="CNPRIVACY_LEDGER",
                                       help="SQLite path or SQLAlchemy URL (postgresql://...).")]
KeyOption = Annotated[Path | None, typer.Option(
    "--key", help="Key file (default $CNPRIVACY_LEDGER_KEY, or <sqlite file>.key).")]


TEXT_FORMATS = ("text", "json")
EXPORT_FORMATS = ("csv", "json")


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise fail(f"--format: {fmt!r} is not one of {', '.join(allowed)}")


def _key_path(db: str, key: Path | None) -> Path | None:
    return key or default_key_path(db)


def _ledger_files(db: str, key: Path | None) -> list[Path]:
    """The files of a ledger, which no output may replace: a SQLite database with its
    write-ahead log and shared memory, and the key."""
    files = [p for p in (_key_path(db, key),) if p is not None]
    database = sqlite_file(db)
    if database is not None:
        files += [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    return files


def open_ledger(db: str, key: Path | None) -> Ledger:
    return Ledger.open(db, _key_path(db, key))


def _org(profile: Path | None) -> Organization | None:
    return load_profile(profile).organization if profile else None


@ledger_app.command("init")
def init(db: DbOption = "cnprivacy-ledger.db", key: KeyOption = None,
         profile: Annotated[Path | None, typer.Option(
             "--profile", help="Store this profile's organization facts for `status`.")] = None) -> None:
    """Create (or upgrade) the ledger schema and its secret key."""
    try:
        path = _key_path(db, key)
        _, created = Ledger.init(db, path, _org(profile))
    except CnPrivacyError as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    typer.echo(f"ledger ready at {db}; key {'created' if created else 'kept'} at {path} "
               "(keep it outside the database and back it up: without it no new record can be "
               "matched with the old ones)")


def _transfer_from(profile: Path | None, transfer_id: str, day: str | None, recipient: str | None,
                   country: str | None, basis: str, important_data: bool) -> Transfer:
    if profile is not None:
        prof = load_profile(profile)
        for t in prof.transfers:
            if t.id == transfer_id:
                return t
        raise InputError(str(profile), f"no transfer with id {transfer_id!r}", field="transfers")
    if day is None or country is None:
        raise InputError("command line", "--date and --country are required without --profile")
    transfer_day = parse_date(day, "--date")
    try:
        return Transfer(id=transfer_id, date=transfer_day,
                        recipient=Recipient(name=recipient or "(not given)", country=country),
                        basis=basis, important_data=important_data,
                        no_personal_information=False, collected_abroad=False,
                        access_inside_china=False)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError("command line", str(first["msg"]).removeprefix("Value error, "),
                         field=f"--{where}" if where in ("date", "country", "basis") else where) \
            from None


@ledger_app.command("record")
def record(
    transfer_id: Annotated[str, typer.Option("--transfer", help="Transfer id (as in the profile).")],
    db: DbOption = "cnprivacy-ledger.db", key: KeyOption = None,
    profile: Annotated[Path | None, typer.Option("--profile", help="Take the transfer's metadata "
                                                 "from this profile.")] = None,
    day: Annotated[str | None, typer.Option("--date", help="Transfer date (without --profile).")] = None,
    recipient: Annotated[str | None, typer.Option("--recipient")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Recipient ISO code.")] = None,
    basis: Annotated[str, typer.Option("--basis", help="contract_necessity | hr_management | "
                                       "emergency | other")] = "other",
    important_data: Annotated[bool, typer.Option("--important-data")] = False,
    sensitive: Annotated[bool, typer.Option("--sensitive", help="The file's people had sensitive PI "
                                            "exported (they count in both totals).")] = False,
    file: Annotated[Path | None, typer.Option("--file", help="CSV or Parquet file of identifiers.")]
    = None,
    column: Annotated[str | None, typer.Option("--column", help="Column holding the identifiers.")]
    = None,
    kind: Annotated[IdentifierKind, typer.Option("--id-kind")] = IdentifierKind.AUTO,
    hashes: Annotated[Path | None, typer.Option(
        "--hashes", help="Parquet file of the people's keyed hashes, as `scan --engine spark "
        "--ledger-hashes` writes it with this ledger's key (instead of --file).")] = None,
    individuals: Annotated[int | None, typer.Option("--individuals", min=0, help="Declared count "
                                                    "when no file is given.")] = None,
    corrects: Annotated[int | None, typer.Option("--corrects", help="Entry this one corrects.")] = None,
    void: Annotated[bool, typer.Option("--void", help="With --corrects: withdraw that entry.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (required with --corrects).")]
    = None,
    allow_invalid: Annotated[bool, typer.Option(
        "--allow-invalid", help="Record the valid identifiers even when more than 1% of the "
        "values are not identifiers of the kind read (they are always left out).")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Append one transfer (one transaction): metadata plus keyed hashes of its people."""
    _check_format(fmt, TEXT_FORMATS)
    try:
        if (file is None) != (column is None):
            raise InputError("command line", "--file and --column go together")
        if hashes is not None and file is not None:
            raise InputError("command line", "give --file or --hashes, not both")
        if void and corrects is None:
            raise InputError("command line", "--void needs --corrects ENTRY")
        ledger = open_ledger(db, key)
        transfer = _transfer_from(profile, transfer_id, day, recipient, country, basis, important_data)
        digests = read = None
        identifiers = None
        if file is not None and column is not None:
            identifiers = read_identifiers(file, column, kind)
            require_valid(identifiers, str(file), column, allow_invalid)
            read = identifiers.read
            digests = hash_groups(ledger.key, identifiers.groups)
        elif hashes is not None:
            from cnprivacy.ledger.hashfile import read_hash_file

            digests = read_hash_file(hashes, ledger.key)
            read = len(digests) // HASH_BYTES
        result = ledger.record(EntryInput(
            transfer=transfer, sensitive=sensitive, digests=digests, identifiers_read=read,
            individuals=individuals, corrects=corrects, reason=reason, void=void,
            source=file.name if file else (hashes.name if hashes else None)), _org(profile))
    except CnPrivacyError as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    rejected = identifiers.rejected if identifiers else None
    out = {"entry": result.entry_id, "identifiers_read": result.identifiers_read,
           "identifiers_rejected": rejected,
           "rejected_examples": list(identifiers.examples) if identifiers else [],
           "identifiers_distinct": result.identifiers_distinct,
           "before": result.before.to_dict() if result.before else None,
           "after": result.after.to_dict(), "warnings": list(result.warnings)}
    if fmt == "json":
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        a = result.after
        people = result.identifiers_distinct
        if void:
            what = f"withdraws entry {corrects}"
        elif people is not None:
            what = f"{people} people ({result.identifiers_read} identifiers read"
            what += f", {rejected} rejected)" if rejected else ")"
        else:
            what = f"{individuals if individuals is not None else 'an unknown number of'} people declared"
        if corrects is not None and not void:
            what += f", correcting entry {corrects}"
        typer.echo(f"entry {result.entry_id}: {what}; {a.year} now {a.individuals} individuals, "
                   f"{a.sensitive_individuals} sensitive: {a.mechanism}")
    if identifiers is not None and identifiers.rejected:
        typer.echo(f"warning: {file}: {column}: {identifiers.rejected_note()}", err=True)
    for line in result.warnings:
        typer.echo(f"warning: {line}", err=True)


@ledger_app.command("status")
def status(
    db: DbOption = "cnprivacy-ledger.db", key: KeyOption = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help="Organization and transfer facts "
                                                 "for the route (as `crossborder PROFILE --ledger`)."
                                                 )] = None,
    approximate: Annotated[bool, typer.Option("--approximate", help="Merge HyperLogLog sketches "
                                              "instead of counting hashes.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """The year's distinct individuals, the route now required, and what the last record changed."""
    _check_format(fmt, TEXT_FORMATS)
    day = parse_date(as_of)
    try:
        prof = load_profile(profile) if profile else None
        st = open_ledger(db, key).status(day, None, approximate, profile=prof)
    except CnPrivacyError as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    data = st.to_dict()
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console(width=140)
    approx = f" (approximate, ±{HLL_ERROR:.2%} standard error)" if approximate else " (exact)"
    console.print(f"[bold]{st.year}[/bold] as of {day}: {data['individuals']} distinct individuals, "
                  f"{data['sensitive_individuals']} distinct sensitive individuals{approx}; "
                  f"{st.active_entries} active entries")
    console.print(f"route now required: [bold]{data['mechanism']}[/bold]"
                  + (f"  options: {', '.join(data['options'])}" if data["options"] else ""))
    changed = data["since_last_record"]
    if changed:
        mech = changed["mechanism"]
        # no "from" route: the last record is the year's first
        route = (f"route {mech['from']} -> {mech['to']}" if mech["from"] is not None
                 else f"route {mech['to']} (first record of the year)")
        console.print(f"since the last record (entry {changed['last_entry']}): "
                      f"+{changed['individuals']} individuals, +{changed['sensitive_individuals']} "
                      f"sensitive; {route}")
    if data["declaration_covers"]:
        console.print("the declaration must cover: " + ", ".join(data["declaration_covers"]))
    for w in st.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")
    if data["needs_info"]:
        console.print("needs info: " + ", ".join(data["needs_info"]))


@ledger_app.command("export")
def export(
    db: DbOption = "cnprivacy-ledger.db", key: KeyOption = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """The full history, corrections included (no hashes, no identifiers)."""
    _check_format(fmt, EXPORT_FORMATS)
    from contextlib import nullcontext

    from cnprivacy.fileio.atomic import atomic_open, check_target

    protect = _ledger_files(db, key)
    try:
        if output is not None:
            check_target(output, protect)  # never the ledger itself, nor its key
        rows = open_ledger(db, key).export_rows()
    except CnPrivacyError as err:
        raise fail(err.one_line() if isinstance(err, InputError) else str(err)) from None
    try:
        with (atomic_open(output, newline="", protect=protect) if output
              else nullcontext(sys.stdout)) as handle:
            if fmt == "json":
                json.dump(rows, handle, ensure_ascii=False, indent=2)
                handle.write("\n")
            else:
                fields = [k for k in (rows[0] if rows else {"entry": None}) if k != "transfer"] + ["transfer"]
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                for row in rows:
                    writer.writerow({**row, "transfer": json.dumps(row["transfer"], ensure_ascii=False)})
    except InputError as err:
        raise fail(err.one_line()) from None


def register(app: typer.Typer) -> None:
    """Add `ledger` to the main app."""
    app.add_typer(ledger_app, name="ledger")


__all__ = ["LedgerKey", "open_ledger", "register"]
