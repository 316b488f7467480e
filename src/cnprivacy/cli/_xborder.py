"""`cnprivacy crossborder`: which export route the year's transfers need, and by when."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cnprivacy.cli._common import fail, parse_date
from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.law.workdays import DEFAULT_CALENDAR, load_calendar
from cnprivacy.profile import load_profile
from cnprivacy.report.jsontext import indented
from cnprivacy.rules.base import ParameterUndefined
from cnprivacy.rules.crossborder import Decision


def _render_table(dec: Decision, console: Console) -> None:
    console.print(f"[bold]Cross-border route as of {dec.as_of}[/bold] (year {dec.year}, counts from "
                  f"the {dec.counts_source})")
    console.print(f"counted: {dec.individuals} individuals, {dec.sensitive_individuals} sensitive "
                  f"individuals")
    console.print(f"route: [bold]{dec.mechanism.value}[/bold]"
                  + (f"   options: {', '.join(dec.options)}" if dec.options else ""))
    table = Table(show_lines=True)
    for col in ("transfer", "date", "route", "exemption", "counted", "deadline", "because"):
        table.add_column(col, overflow="fold")
    for t in dec.transfers:
        table.add_row(t.id, t.date.isoformat(), t.mechanism.value, t.exemption or "",
                      "yes" if t.counted else "no", t.deadline.isoformat() if t.deadline else "",
                      "\n".join(t.because + tuple(f"cites: {c}" for c in t.citations)))
    console.print(table)
    if dec.declaration_covers:
        console.print(f"declaration must cover: {', '.join(dec.declaration_covers)}")
    if dec.missing:
        console.print(f"[yellow]needs info:[/yellow] {', '.join(dec.missing)}")
    if dec.needs_review:
        console.print(f"needs review: {', '.join(dec.needs_review)}")


def _render_deadlines(dec: Decision, fmt: str, console: Console) -> None:
    dues = dec.due()
    if fmt == "json":
        items = [d.to_dict(dec.as_of) for d in dues]
        upcoming = [i for i in items if not i["overdue"]]
        overdue = [i for i in items if i["overdue"]]
        typer.echo(json.dumps({"as_of": dec.as_of.isoformat(), "due": upcoming, "overdue": overdue},
                              ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Cross-border deadlines as of {dec.as_of} (soonest first)")
    for col in ("due", "transfer", "kind", "what", "citation"):
        table.add_column(col, overflow="fold")
    for d in dues:  # soonest first: what is overdue comes first, marked
        due = d.day.isoformat() + (" OVERDUE" if d.day < dec.as_of else "") + (
            " (estimated)" if d.estimated else "")
        table.add_row(due, d.transfer, d.kind.value, d.what, d.citation)
    console.print(table if dues else "nothing due")


def crossborder(
    profile: Annotated[Path, typer.Argument(help="Organization profile (YAML or JSON).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluation date (default today).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    deadlines: Annotated[bool, typer.Option("--deadlines", help="List what is due next, soonest first.")]
    = False,
    ledger: Annotated[str | None, typer.Option(
        "--ledger", help="Ledger database (path or SQLAlchemy URL): use its distinct counts.")] = None,
    key: Annotated[Path | None, typer.Option("--key", help="Ledger key file (default: beside the "
                                             "SQLite file, or $CNPRIVACY_LEDGER_KEY).")] = None,
    approximate: Annotated[bool, typer.Option(
        "--approximate", help="With --ledger: HyperLogLog counts instead of exact ones.")] = False,
    calendar: Annotated[Path | None, typer.Option(
        "--calendar", help="YAML holiday schedule for years chinesecalendar lacks.")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="Record database (path or SQLAlchemy URL): decide on the filings on "
        "record (assessment results, contracts, certificates, facts as filed).")] = None,
) -> None:
    """Decide the export route per transfer and for the year (2024 Provisions, CAC Q&As)."""
    if fmt not in ("table", "json"):
        raise fail(f"--format: {fmt!r} is not one of table, json")
    day = parse_date(as_of)
    try:
        prof = load_profile(profile)
        options = Options(as_of=day, calendar=load_calendar(calendar) if calendar
                          else DEFAULT_CALENDAR)
        record = None
        if db is not None:
            from cnprivacy.cli._filing import open_filings
            from cnprivacy.law.loader import load_lawbook
            from cnprivacy.records.filing.state import on_record

            record = on_record(prof, open_filings(db).all(), load_lawbook(), day)
            prof = record.profile
        if ledger is not None:
            from cnprivacy.cli._ledger import open_ledger

            dec = open_ledger(ledger, key).decide_profile(
                prof, options.as_of, approximate, options.calendar)
        else:
            dec = crossborder_decision(prof, options)
        if record is not None:
            from cnprivacy.law.loader import load_lawbook
            from cnprivacy.records.filing.state import annotate_decision

            dec = annotate_decision(dec, record, load_lawbook())
    except InputError as err:
        if err.source == "profile":
            err = InputError(str(profile), err.problem, field=err.field, line=err.line)
        raise fail(err.one_line()) from None
    except ParameterUndefined:
        raise fail(f"--as-of {day}: before the Security Assessment Measures (in force 2022-09-01) "
                   "no export thresholds exist; the decision covers dates from 2022-09-01 (Decree "
                   "11's original triggers, the 2024 Provisions from 2024-03-22)") from None
    except CnPrivacyError as err:
        raise fail(str(err)) from None
    console = Console(width=160)
    if deadlines:
        _render_deadlines(dec, fmt, console)
    elif fmt == "json":
        typer.echo(indented(dec.to_dict()))
    else:
        _render_table(dec, console)


def register(app: typer.Typer) -> None:
    """Add `crossborder` to the main app."""
    app.command("crossborder")(crossborder)
