"""`cnprivacy calendar`: every deadline on record, soonest first; table, JSON or iCalendar.

The deadlines come from the core (``records.filing.deadlines``; impact assessments and
incidents add theirs to the same merge); this module only reads the database and renders.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from cnprivacy.cli._common import fail, parse_date
from cnprivacy.cli._record import DEFAULT_DB, DbOption, _format, _guarded
from cnprivacy.errors import CnPrivacyError
from cnprivacy.records.deadline import Deadline


def calendar_cmd(
    db: DbOption = DEFAULT_DB,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD) the deadlines "
                                              "are computed on; default today.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last due date shown "
                                              "(YYYY-MM-DD); default: all.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or ics")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "(atomically); default: print.")] = None,
) -> None:
    """Every deadline on record, soonest first: table, JSON or iCalendar (.ics).

    Filings give their due dates, expiries, renewal windows and next reports; overdue ones are
    listed first and marked."""
    from cnprivacy.cli._filing import open_filings
    from cnprivacy.law.loader import load_lawbook
    from cnprivacy.records import calendar
    from cnprivacy.records.filing.deadlines import filing_deadlines

    day = parse_date(as_of)
    last = parse_date(until, "--until") if until is not None else None
    if last is not None and last < day:
        raise fail(f"--until: {last} is before --as-of {day}")
    try:
        _format(fmt, ("table", "json", "ics"))
        protect: list[Path] = []
        if output is not None:
            from cnprivacy.fileio.atomic import check_target
            from cnprivacy.store.database import sqlite_file

            database = sqlite_file(db)
            protect = [database] if database is not None else []
            check_target(output, protect)
        filings = open_filings(db).all()
        law = load_lawbook()
        deadlines = calendar.merge(filing_deadlines(filings, law, day), until=last)
        if fmt == "ics":
            data: str | bytes = calendar.to_ics(deadlines, datetime.now(UTC))
        elif fmt == "json":
            data = json.dumps({"as_of": day.isoformat(),
                               "until": last.isoformat() if last else None,
                               "deadlines": [calendar.to_dict(d, day) for d in deadlines]},
                              ensure_ascii=False, indent=2) + "\n"
        else:
            data = _table(deadlines, day)
        if output is not None:
            from cnprivacy.fileio.atomic import write_atomically

            write_atomically(output, data, protect=protect)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if output is not None:
        typer.echo(f"wrote {output}: {len(deadlines)} deadlines", err=True)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def _table(deadlines: list[Deadline], day: date) -> str:
    from rich.console import Console
    from rich.table import Table

    from cnprivacy.records.calendar import overdue
    from cnprivacy.records.deadline import CHINA

    table = Table("due (CST)", "opens", "kind", "record", "what", "citation")
    for d in deadlines:
        due = d.due.astimezone(CHINA)
        shown = due.date().isoformat() if due.time().hour == 23 and due.minute == 59 \
            else due.strftime("%Y-%m-%d %H:%M")
        if overdue(d, day):
            shown += " OVERDUE"
        table.add_row(shown, d.opens.astimezone(CHINA).date().isoformat() if d.opens else "",
                      d.kind, f"{d.record_kind} {d.record_id}", d.title,
                      d.citation.split(" — ")[0])
    with open(os.devnull, "w") as sink:  # recorded, not printed: the caller writes it
        console = Console(width=160, record=True, file=sink)
        console.print(table)
    return console.export_text()


def register(app: typer.Typer) -> None:
    app.command("calendar")(calendar_cmd)


__all__ = ["calendar_cmd", "register"]
