"""`cnprivacy filing ...`: the filings registry, kept in the record's database.

Every change is a new version (who, when, what changed); a withdrawal is a version with its
reason; nothing is updated or deleted. Bad input is refused whole with one line naming the file
and field, exit 2, nothing written. ``filing_app`` is a plain Typer group: the filing packs add
their commands to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from cnprivacy.cli._common import parse_date
from cnprivacy.cli._record import (
    DEFAULT_DB,
    ByOption,
    DbOption,
    FormatOption,
    ReasonOption,
    _echo_changes,
    _echo_history,
    _format,
    _guarded,
    _register,
    _who,
)
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.records.models import Version

filing_app = typer.Typer(no_args_is_help=True, help="Filings and reports made or owed (standard "
                         "contract, security assessment, certification, PIPO, facial, algorithm, "
                         "audits): dates, numbers, validity.")


def open_filings(db: str) -> Any:
    """The registry on an initialised database (never creates one)."""
    from cnprivacy.records.filing.registry import Filings

    return Filings(_register(db).store)


def _version_dict(v: Version[Any], as_of: Any = None, law: Any = None,
                  filings: Any = None) -> dict[str, Any]:
    out = {"id": v.record_id, "version": v.version, "changed_at": v.changed_at.isoformat(),
           "changed_by": v.changed_by, "reason": v.reason, "changes": v.changes,
           "filing": v.data.model_dump(mode="json")}
    if as_of is not None:
        from cnprivacy.records.filing.deadlines import last_valid_day
        from cnprivacy.records.filing.state import in_effect

        end = last_valid_day(v.data, law, {f.id: f for f in filings})
        out["valid_to"] = end.isoformat() if end else None
        out["in_effect"] = in_effect(v.data, filings, law, as_of)
    return out


def _missing(filing_id: str) -> InputError:
    return InputError("command line", f"no filing {filing_id!r} on record", field="FILING")


@filing_app.command("add")
def add(file: Annotated[Path, typer.Argument(help="YAML/JSON: one filing, a list, or "
                                             "{filings: [...]}.")],
        db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
        fmt: FormatOption = "text") -> None:
    """Add or change filings: each one that differs becomes a new version (one transaction)."""
    from cnprivacy.records.filing.registry import read_filings

    try:
        _format(fmt, ("text", "json"))
        filings = read_filings(file)
        registry = open_filings(db)
        registry.check_extends(filings, str(file))
        changes = registry.save(filings, _who(by), reason)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes(changes, fmt)


@filing_app.command("list")
def list_(db: DbOption = DEFAULT_DB,
          as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD) the "
                                                    "validity is read on; default today.")] = None,
          fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every filing's latest version, by id, with its validity on the date."""
    from cnprivacy.law.loader import load_lawbook

    day = parse_date(as_of)
    try:
        _format(fmt, ("table", "json"))
        versions = list(open_filings(db).versions().values())
        law = load_lawbook()
    except CnPrivacyError as err:
        raise _guarded(err) from None
    filings = [v.data for v in versions]
    rows = [_version_dict(v, day, law, filings) for v in versions]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "kind", "status", "number", "submitted", "decided", "valid to",
                  "in effect", "covers")
    for v, row in zip(versions, rows, strict=True):
        f = v.data
        table.add_row(f.id, f.kind.value, f.status.value, f.number or "-",
                      str(f.submitted_on or "-"), str(f.decided_on or "-"),
                      row["valid_to"] or "-", "yes" if row["in_effect"] else "no",
                      ", ".join(f.transfers or f.ai_services or f.activities) or "organization")
    Console(width=160).print(table)


@filing_app.command("show")
def show(filing_id: Annotated[str, typer.Argument(metavar="FILING")], db: DbOption = DEFAULT_DB,
         fmt: FormatOption = "text") -> None:
    """The latest version of one filing."""
    try:
        _format(fmt, ("text", "json"))
        v = open_filings(db).get(filing_id)
        if v is None:
            raise _missing(filing_id)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps(_version_dict(v), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{v.record_id} (version {v.version}, {v.changed_at.isoformat()} by {v.changed_by})")
    typer.echo(yaml.safe_dump(v.data.model_dump(mode="json", exclude_none=True),
                              allow_unicode=True, sort_keys=False).rstrip())


@filing_app.command("history")
def history(filing_id: Annotated[str, typer.Argument(metavar="FILING")],
            db: DbOption = DEFAULT_DB, fmt: FormatOption = "text") -> None:
    """Every version of one filing, oldest first: who changed what, when."""
    try:
        _format(fmt, ("text", "json"))
        versions = open_filings(db).history(filing_id)
        if not versions:
            raise _missing(filing_id)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_history(versions, fmt, _version_dict)


@filing_app.command("withdraw")
def withdraw(filing_id: Annotated[str, typer.Argument(metavar="FILING")],
             reason: Annotated[str, typer.Option("--reason", help="Why it was withdrawn.")],
             db: DbOption = DEFAULT_DB, by: ByOption = None, fmt: FormatOption = "text") -> None:
    """Mark a filing withdrawn: a new version with the reason; nothing is deleted."""
    try:
        _format(fmt, ("text", "json"))
        change = open_filings(db).withdraw(filing_id, _who(by), reason)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_changes([change], fmt)


def register(app: typer.Typer) -> None:
    """Add the ``filing`` group to the main app, with the filing packs' commands."""
    from cnprivacy.cli import _filing_packs

    _filing_packs.register(filing_app)
    app.add_typer(filing_app, name="filing")


__all__ = ["filing_app", "open_filings", "register"]
