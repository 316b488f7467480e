"""``cnprivacy scan``: find, classify and count Chinese personal information.

An adapter only: builds a :class:`~cnprivacy.discovery.scanner.Scanner`, renders its result
and sets the exit code (2 when any input could not be read; the others are still reported).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cnprivacy.cli._common import EXIT_BAD_INPUT, fail, parse_date
from cnprivacy.discovery.types import ALL_TYPES

if TYPE_CHECKING:
    from rich.console import Console

    from cnprivacy.discovery.results import ScanResult

# The scanner (Arrow, numpy, the law data) and rich's tables load inside the command: the
# rest of the CLI, and `--help`, start without them.


def _render_table(result: ScanResult, console: Console) -> None:
    from rich.table import Table

    for src in result.sources:
        head = f"[bold]{src.source}[/bold]  {src.kind}"
        if src.encoding:
            head += f" ({src.encoding})"
        people = "unknown" if src.individuals is None else str(src.individuals)
        if src.individuals is not None and not src.individuals_exact:
            people = f"~{people} (HyperLogLog)"
        console.print(f"{head}  rows={src.rows}  individuals={people}"
                      + (f" by {src.identifier}" if src.identifier else ""))
        if src.sensitive_categories:
            console.print(f"  sensitive: {', '.join(src.sensitive_categories)}"
                          f"  sensitive individuals={src.sensitive_individuals}"
                          f"  minors under 14={src.minors_under_14}")
        if src.minors_under_18:
            # Minors of 14 to 17 are no sensitive category, yet the yearly minors' audit
            # counts them: shown whenever there are any.
            console.print(f"  minors under 18={src.minors_under_18}")
        if src.columns:
            table = Table(show_edge=False, pad_edge=False)
            for col in ("column", "type", "sensitive", "matched/checked", "examples"):
                table.add_column(col)
            for c in src.columns:
                table.add_row(c.name, c.type + (" (text)" if c.free_text else ""),
                              ", ".join(c.sensitive_categories) or "-",
                              f"{c.matched}/{c.checked}", "  ".join(c.examples))
            console.print(table)
        if src.span_counts:
            console.print("  spans: " + ", ".join(f"{t}={n}" for t, n in src.span_counts.items()))
        if not src.columns and not src.span_counts:
            console.print("  no personal information found")
    t = result.totals
    console.print(f"[bold]total[/bold] individuals={t.individuals} "
                  f"sensitive={t.sensitive_individuals} minors_under_14={t.minors_under_14} "
                  f"minors_under_18={t.minors_under_18} "
                  f"categories={','.join(t.data_categories) or '-'}")
    for path in result.skipped:
        console.print(f"skipped (binary): {path}")


def _inputs(paths: list[str], outputs: list[Path]) -> list[Path]:
    """The files an output of this scan must not be: the files and SQLite databases named,
    and an existing output file inside a folder being scanned (it would be read, then
    replaced)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from cnprivacy.discovery.databases import is_database_url
    from cnprivacy.fileio.kinds import sqlite_database_path

    found: list[Path] = []
    for given in paths:
        if is_database_url(given):
            try:
                url = make_url(given)
            except ArgumentError:
                continue  # the scan itself reports the bad URL
            db = sqlite_database_path(url.database) if url.get_backend_name() == "sqlite" else None
            found += [db] if db else []
        elif Path(given).is_dir():
            folder = Path(given).resolve()
            found += [o for o in outputs if o.is_file() and o.resolve().is_relative_to(folder)]
        else:
            found.append(Path(given))
    return found


def _list_types(value: bool) -> None:
    """``--list-types``: every PI type with its sensitivity and validator, then exit."""
    if not value:
        return
    from cnprivacy.discovery.pitypes import REGISTRY

    for t in REGISTRY.values():
        sensitivity = t.sensitivity or (f"{t.conditional_sensitivity} (as a track)"
                                        if t.conditional_sensitivity else "-")
        typer.echo(f"{t.name}\tsensitive: {sensitivity}\tvalidator: {t.validator}")
    raise typer.Exit()


def _spark_scan(paths: list[str], options: Any, master: str | None, conf: list[str],
                ledger_key: Path | None) -> tuple[ScanResult, Any, Any]:
    """The same scan on Spark (the ``spark`` extra); the report is the embedded one's.
    Returns the result, the scanner (for the outputs beside the report) and the ledger key."""
    from cnprivacy.errors import InputError
    from cnprivacy.spark.session import parse_conf, require_pyspark

    try:
        settings = parse_conf(conf)
        require_pyspark()
        from cnprivacy.ledger.hashing import LedgerKey
        from cnprivacy.spark.scan import run_scan

        key = LedgerKey.load(ledger_key) if ledger_key is not None else None
        result, scanner = run_scan(paths, options, master, settings,
                                   key.secret if key is not None else None)
    except InputError as err:
        raise fail(err.one_line()) from None
    return result, scanner, key


def _check_names(names: str, engine: str) -> None:
    """``--names``: a known finder that can run here (accurate needs its extra), embedded only."""
    from cnprivacy.discovery.pitypes.name import NAMES_FAST, NAMES_MODES
    from cnprivacy.discovery.pitypes.name_accurate import check_names_mode

    if names not in NAMES_MODES:
        raise fail(f"--names: {names!r} is not one of {', '.join(NAMES_MODES)}")
    if names != NAMES_FAST and engine != "embedded":
        raise fail(f"--names {names} runs with --engine embedded only")
    try:
        check_names_mode(names)
    except ImportError as err:
        raise fail(str(err)) from None


def register(app: typer.Typer) -> None:
    """Add ``scan`` to the main app."""

    @app.command("scan")
    def scan(
        paths: list[str] = typer.Argument(..., help="Files, folders or database URLs "
                                          "(sqlite:///file.db, postgresql://...)."),
        format: str = typer.Option("table", "--format", help="table or json"),
        sample_rows: int = typer.Option(10_000, "--sample-rows", min=1,
                                        help="Rows per table used to classify columns."),
        as_of: str | None = typer.Option(None, "--as-of",
                                         help="Date for ages (minors under 14 and 18); default today."),
        emit_profile: Path | None = typer.Option(
            None, "--emit-profile", help="Write a profile fragment (YAML) with the counts."),
        profile_base: Path | None = typer.Option(
            None, "--profile-base", help="Merge --emit-profile into a copy of this profile."),
        output: Path | None = typer.Option(None, "--output", "-o",
                                           help="Write the report here instead of stdout."),
        progress: bool = typer.Option(True, "--progress/--no-progress",
                                      help="Progress on stderr (only on a terminal)."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1,
                                 help="Scan files in this many processes (one per core)."),
        types: str | None = typer.Option(
            None, "--types", help="Comma-separated types to look for in text (default: all)."),
        names: str = typer.Option(
            "fast", "--names", help="Person-name finder for text: fast (default) or accurate "
            "(a packaged model, needs the extra 'names'; slower)."),
        list_types: bool = typer.Option(
            False, "--list-types", is_eager=True, callback=_list_types,
            help="List the PI types with their sensitivity and validator, then exit."),
        engine: str = typer.Option("embedded", "--engine", help="embedded (this machine) or "
                                   "spark (PATHS are Parquet, ORC or CSV paths or catalog tables)."),
        master: str | None = typer.Option(None, "--master", help="Spark master (--engine spark); "
                                          "default local[*], or what spark-submit set."),
        spark_conf: list[str] = typer.Option([], "--spark-conf", help="KEY=VALUE Spark setting "
                                             "(--engine spark; repeatable)."),
        tag_tables: bool = typer.Option(False, "--tag-tables", help="Write the classification "
                                        "into the scanned catalog tables (--engine spark)."),
        dbt_schema: Path | None = typer.Option(None, "--dbt-schema", help="Patch this dbt "
                                               "schema.yml with meta per column (--engine spark)."),
        ledger_key: Path | None = typer.Option(None, "--ledger-key", help="Hash people with "
                                               "this ledger key (--engine spark)."),
        ledger_hashes: Path | None = typer.Option(None, "--ledger-hashes", help="Write the "
                                                  "people's ledger hashes here, for `ledger "
                                                  "record --hashes` (needs --ledger-key)."),
    ) -> None:
        """Find, classify and count Chinese personal information in files and databases."""
        del list_types  # handled by its eager callback
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from cnprivacy._yaml import load_text
        from cnprivacy.discovery.profile_fragment import load_base, profile_fragment, profile_text
        from cnprivacy.discovery.scanner import Scanner, ScanOptions
        from cnprivacy.engine.parameters import adult_age_limit, minor_age_limit
        from cnprivacy.errors import InputError
        from cnprivacy.fileio.atomic import atomic_open, check_target, write_atomically

        if format not in ("table", "json"):
            raise fail(f"--format: {format!r} is not one of table, json")
        if engine not in ("embedded", "spark"):
            raise fail(f"--engine: {engine!r} is not one of embedded, spark")
        spark_only = [o for o, v in (("--tag-tables", tag_tables), ("--dbt-schema", dbt_schema),
                                     ("--ledger-key", ledger_key),
                                     ("--ledger-hashes", ledger_hashes)) if v]
        if spark_only and engine != "spark":
            raise fail(f"{spark_only[0]} needs --engine spark")
        if (ledger_hashes is None) != (ledger_key is None):
            raise fail("--ledger-key and --ledger-hashes go together")
        outputs = [o for o in (output, emit_profile) if o is not None]
        protect = _inputs(paths, outputs) + ([profile_base] if profile_base else [])
        try:  # before the scan: a bad -o or --emit-profile fails at once, nothing written
            if output is not None:
                check_target(output, protect)
            if ledger_hashes is not None:
                check_target(ledger_hashes, protect)
            if emit_profile is not None:
                if output is not None and check_target(emit_profile) == output:
                    raise InputError(str(emit_profile), "is also the -o report; give "
                                     "--emit-profile another file")
                check_target(emit_profile, [*protect, *([output] if output else [])])
        except InputError as err:
            raise fail(err.one_line()) from None
        _check_names(names, engine)
        day = parse_date(as_of)
        wanted: frozenset[str] | None = None
        if types:
            wanted = frozenset(t.strip() for t in types.split(",") if t.strip())
            unknown = sorted(wanted - set(ALL_TYPES))
            if unknown:
                raise fail(f"--types: unknown type {unknown[0]!r}; known: {', '.join(ALL_TYPES)}")
        base: Any = None
        if profile_base is not None:
            try:
                text = profile_base.read_text(encoding="utf-8")
                loaded = load_text(text, str(profile_base))  # strict: duplicate keys...
            except (OSError, UnicodeDecodeError) as err:
                raise fail(f"{profile_base}: cannot read profile: "
                           f"{type(err).__name__}") from None
            except InputError as err:
                raise fail(err.one_line()) from None
            if not isinstance(loaded, dict):
                raise fail(f"{profile_base}: a profile must be a mapping")
            base = load_base(text)  # the same document, comments kept for the copy
        show = progress and sys.stderr.isatty()
        options = ScanOptions(as_of=day, minor_age=minor_age_limit(day),
                              adult_age=adult_age_limit(day), sample_rows=sample_rows,
                              types=wanted, jobs=jobs, names=names)
        with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                      TextColumn("{task.completed:,} {task.fields[unit]}"),
                      TimeElapsedColumn(), console=Console(stderr=True),
                      disable=not show, transient=True) as bar:
            tasks: dict[str, Any] = {}

            def tick(source: str, done: int, total: int | None, unit: str) -> None:
                if source not in tasks:
                    tasks[source] = bar.add_task(source, total=total, unit=unit)
                bar.update(tasks[source], completed=done)

            if engine == "spark":
                result, spark_scanner, key_of_ledger = _spark_scan(
                    paths, options, master, spark_conf, ledger_key)
            else:
                result = Scanner(options, progress=tick if show else None).scan(paths)
        for problem in result.errors:
            typer.echo(f"error: {problem.message}", err=True)
        try:
            if format == "json":
                text = result.to_json()
                if output:
                    write_atomically(output, text + "\n", protect=protect)
                else:
                    typer.echo(text)
            elif output:
                with atomic_open(output, protect=protect) as fh:
                    _render_table(result, Console(file=fh, width=160))
            else:
                _render_table(result, Console(width=160))
            if emit_profile is not None:
                write_atomically(
                    emit_profile, profile_text(profile_fragment(result, base)),
                    protect=[*protect, *([output] if output else [])])
            if engine == "spark":
                from cnprivacy.spark.outputs import write_outputs

                for line in write_outputs(spark_scanner, result, result.to_json() + "\n",
                                          tag_tables=tag_tables, dbt_schema=dbt_schema,
                                          ledger_hashes=ledger_hashes, ledger_key=key_of_ledger):
                    typer.echo(line, err=True)
        except InputError as err:
            raise fail(err.one_line()) from None
        if result.errors:
            raise typer.Exit(EXIT_BAD_INPUT)
