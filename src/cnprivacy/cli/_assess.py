"""`cnprivacy assess` and `cnprivacy diff`: obligations as of a date, and what changes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cnprivacy.cli._common import fail, parse_date
from cnprivacy.engine import Assessment, Options, assess, diff
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.law import LawBook, load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR, WorkCalendar, load_calendar
from cnprivacy.profile import Profile, load_profile
from cnprivacy.report import assessment as render
from cnprivacy.rules.base import Status

FORMATS = ("table", "json", "markdown", "md", "html", "pdf", "xlsx")
BINARY_FORMATS = ("pdf", "xlsx")

ProfileArg = Annotated[Path, typer.Argument(metavar="PROFILE", help="Profile file (YAML or JSON).")]
SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", metavar="PATH=VALUE",
    help="What-if on a copy of the profile, e.g. organization.individuals_processed=1000000 or "
         "transfers.t1.individuals=5000 (repeatable).")]
CalendarOpt = Annotated[Path | None, typer.Option(
    "--calendar", metavar="FILE", envvar="CNPRIVACY_CALENDAR",
    help="YAML holiday schedule for years chinesecalendar does not know yet.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Report language: en or zh.")]


def load_inputs(profile_path: Path, overrides: list[str] | None,
                calendar_path: Path | None) -> tuple[Profile, LawBook, WorkCalendar]:
    """Profile, law data and calendar, or an exit-2 one-line error."""
    try:
        profile = load_profile(profile_path, overrides or [])
        law = load_lawbook()
        calendar = load_calendar(calendar_path) if calendar_path else DEFAULT_CALENDAR
    except InputError as err:
        raise fail(err.one_line()) from None
    return profile, law, calendar


def check_output(output: Path | None, inputs: list[Path | None]) -> list[Path]:
    """The inputs an ``-o`` file must not be; an exit-2 error at once when it is one of them,
    or a folder."""
    from cnprivacy.fileio.atomic import check_target

    protect = [p for p in inputs if p is not None]
    if output is not None:
        try:
            check_target(output, protect)
        except InputError as err:
            raise fail(err.one_line()) from None
    return protect


def _document(result: Assessment, law: LawBook, fmt: str, lang: str) -> str | bytes:
    """The report in a document format, laid out from the core's report model."""
    from cnprivacy.engine.summary import report_model

    model = report_model(result, law)
    if fmt in ("markdown", "md"):
        return render.to_markdown(model, lang)
    if fmt == "html":
        return render.to_html(model, lang)
    try:
        if fmt == "pdf":
            from cnprivacy.report.pdf import to_pdf

            return to_pdf(model, lang)
        from cnprivacy.report.xlsx import to_xlsx

        return to_xlsx(model, lang)
    except CnPrivacyError as err:
        raise fail(str(err)) from None


def write_output(text: str | bytes, output: Path | None, protect: list[Path] | None = None) -> None:
    """Print, or write to a file atomically (never a half-written report, never an input)."""
    if output is None:
        typer.echo(text)  # text only: binary formats are refused without -o before this
        return
    from cnprivacy.fileio.atomic import write_atomically

    try:
        write_atomically(output, text, protect=protect or ())
    except InputError as err:
        raise fail(err.one_line()) from None


def _run(profile: Profile, law: LawBook, options: Options) -> Assessment:
    try:
        return assess(profile, options, law=law)
    except CnPrivacyError as err:
        raise fail(str(err)) from None


def _run_on_record(profile: Profile, law: LawBook, options: Options, db: str) -> Assessment:
    """``assess`` on the state the filings in ``db`` leave (records.filing.state)."""
    from cnprivacy.cli._filing import open_filings
    from cnprivacy.records.filing.state import assess_on_record

    try:
        return assess_on_record(profile, open_filings(db).all(), options, law=law)
    except InputError as err:
        raise fail(err.one_line()) from None
    except CnPrivacyError as err:
        raise fail(str(err)) from None


def _statuses(only: list[str] | None) -> frozenset[Status]:
    if not only:
        return frozenset(Status)
    try:
        return frozenset(Status(s.strip()) for item in only for s in item.split(","))
    except ValueError:
        raise fail(f"--only: statuses are {', '.join(s.value for s in Status)}") from None


def assess_cmd(
    profile_path: ProfileArg,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="table, json, md (markdown), html, pdf or xlsx; pdf and xlsx need -o.")] = "table",
    lang: LangOpt = "en",
    what_if: SetOpt = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Show only these statuses (comma-separated, repeatable).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    calendar_path: CalendarOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Full because trace in tables.")] = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="Record database (path or SQLAlchemy URL): answer from the filings on "
        "record (met obligations, renewals, refiling triggers).")] = None,
) -> None:
    """Every obligation China's data-protection rules put on the profiled organization."""
    if fmt not in FORMATS:
        raise fail(f"--format: unknown format {fmt!r} ({', '.join(FORMATS)})")
    if lang not in ("en", "zh"):
        raise fail(f"--lang: unknown language {lang!r} (en, zh)")
    if fmt in BINARY_FORMATS and output is None:
        raise fail(f"--format {fmt} writes a binary file: give -o FILE")
    day = parse_date(as_of)
    database = Path(db) if db is not None and "://" not in db else None
    protect = check_output(output, [profile_path, calendar_path, database])
    profile, law, calendar = load_inputs(profile_path, what_if, calendar_path)
    options = Options(as_of=day, calendar=calendar, what_if=tuple(what_if or ()),
                      statuses=_statuses(only))
    result = _run(profile, law, options) if db is None else _run_on_record(profile, law, options, db)
    if fmt == "json":
        write_output(render.to_json(result), output, protect)
    elif fmt in ("markdown", "md", "html", "pdf", "xlsx"):
        write_output(_document(result, law, fmt, lang), output, protect)
    elif output is not None:
        console = Console(record=True, width=140, file=open(os.devnull, "w"))  # noqa: SIM115
        render.print_table(result, console, lang, verbose)
        write_output(console.export_text(), output, protect)
    else:
        render.print_table(result, Console(), lang, verbose)


def diff_cmd(
    profile_path: ProfileArg,
    date_from: Annotated[str | None, typer.Option("--from", help="First date; default today.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Second date; default --from.")] = None,
    what_if: SetOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    calendar_path: CalendarOpt = None,
) -> None:
    """Obligations whose status, deadline or parameters change between two dates (or a what-if).

    With --set, the second evaluation uses the modified copy of the profile, so
    `diff P --from D --set organization.individuals_processed=1000000` shows what that fact changes.
    """
    if fmt not in ("table", "json"):
        raise fail(f"--format: unknown format {fmt!r} (table, json)")
    d1 = parse_date(date_from, "--from")
    d2 = parse_date(date_to, "--to") if date_to else d1
    base, law, calendar = load_inputs(profile_path, None, calendar_path)
    changed = base
    if what_if:
        changed, _, _ = load_inputs(profile_path, what_if, calendar_path)
    before = _run(base, law, Options(as_of=d1, calendar=calendar))
    after = _run(changed, law, Options(as_of=d2, calendar=calendar, what_if=tuple(what_if or ())))
    changes = diff(law, before, after)
    if fmt == "json":
        typer.echo(json.dumps({"from": d1.isoformat(), "to": d2.isoformat(),
                               "what_if": list(what_if or ()),
                               "changes": [c.to_dict() for c in changes],
                               "receipts": [before.receipt.to_dict(), after.receipt.to_dict()]},
                              ensure_ascii=False, indent=2))
        return
    title = f"Changes {d1} → {d2}" + (f" with {', '.join(what_if)}" if what_if else "")
    table = Table(title=f"{title} ({len(changes)})", title_justify="left", show_lines=True)
    for col in ("obligation", "before", "after", "what changed", "caused by"):
        table.add_column(col)
    for c in changes:
        # Text(), not str: paths like transfers[0].x must not be read as rich markup.
        table.add_row(Text(c.title).append(f"\n{c.obligation}", style="dim"),
                      Text(c.before.status.value + (f"\n{c.before.deadline}" if c.before.deadline else "")),
                      Text(c.after.status.value + (f"\n{c.after.deadline}" if c.after.deadline else "")),
                      Text("\n".join(c.what_changed)), Text("\n".join(c.causes)))
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_cmd)
    app.command("diff")(diff_cmd)
