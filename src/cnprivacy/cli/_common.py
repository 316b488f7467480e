"""What every command shares: turning core errors into one-line messages and exit codes."""

from __future__ import annotations

import sys
from datetime import date

import typer

from cnprivacy.daterange import EARLIEST_DAY, LATEST_DAY
from cnprivacy.errors import CnPrivacyError, InputError

EXIT_BAD_INPUT = 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print a one-line error on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def usage_line(err: Exception) -> str:
    """A command-line usage error as one line: the command, then what is wrong."""
    ctx = getattr(err, "ctx", None)
    message = err.format_message() if hasattr(err, "format_message") else str(err)
    where = f"{ctx.command_path}: " if ctx is not None else ""
    return where + " ".join(str(message).split())


def run_guarded(app: typer.Typer, argv: list[str]) -> None:
    """Run the typer app, mapping cnprivacy's own errors to exit 2 without a traceback."""
    try:
        app(args=argv, prog_name="cnprivacy", standalone_mode=True)
    except InputError as err:  # pragma: no cover - commands normally catch these themselves
        print(f"error: {err.one_line()}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    except CnPrivacyError as err:  # pragma: no cover
        print(f"error: {err}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def parse_date(value: str | None, option: str = "--as-of") -> date:
    """Parse an ISO date option; default today. Bad dates are an exit-2 error."""
    if value is None:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise fail(f"{option}: {value} is outside {EARLIEST_DAY} to {LATEST_DAY}")
    return day
