"""Which optional extra each command needs, and the one line shown when it is not installed.

The core install (pydantic, PyYAML, typer, rich, chinesecalendar) runs ``law``, ``schema``,
``assess``, ``diff`` and ``crossborder``; the other commands need the packages of an extra
declared in pyproject.toml. A command module, or the code it runs, imports those packages
itself: a missing one surfaces as an ImportError, turned here into an install hint.
"""

from __future__ import annotations

from collections.abc import Sequence

# Top-level command -> the extra its module and body import from.
COMMAND_EXTRAS: dict[str, str] = {
    "scan": "scan",
    "deid": "deid",
    "ledger": "ledger",
    "record": "ledger",  # the register lives in the ledger's database (SQLAlchemy, Alembic)
    "pia": "ledger",  # assessments too; their reports render with Jinja2 (in the same extra)
    "calendar": "ledger",  # the same database; icalendar for .ics
    "incident": "ledger",  # incidents live in the same database as the register
    "app": "apps",
    # the registry (the ledger's database) and the packs (python-docx, openpyxl): filings ⊇ ledger
    "filing": "filings",
    "serve": "web",
    "users": "web",  # argon2 hashes the password; the accounts live in the ledger's database
}

# Core commands with an option that reaches into an extra: (command, option) -> extra.
OPTION_EXTRAS: dict[tuple[str, str], str] = {
    ("crossborder", "--ledger"): "ledger",
    ("crossborder", "--db"): "ledger",
    ("assess", "--db"): "ledger",
}


# Core commands with an option value that reaches into an extra: (command, option, value) -> extra.
OPTION_VALUE_EXTRAS: dict[tuple[str, str, str], str] = {
    ("assess", "--format", "pdf"): "report",
    ("assess", "--format", "xlsx"): "report",
}


def _option_value(args: Sequence[str], option: str) -> str | None:
    for n, arg in enumerate(args):
        if arg == option and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith(option + "="):
            return arg.partition("=")[2]
    return None


def _has_option(args: Sequence[str], option: str) -> bool:
    return any(arg == option or arg.startswith(option + "=") for arg in args)


def needed_extra(args: Sequence[str]) -> tuple[str, str] | None:
    """(words naming the command, extra) for a command line, or None when the core suffices."""
    if not args:
        return None
    command = args[0]
    if command in COMMAND_EXTRAS:
        return command, COMMAND_EXTRAS[command]
    for (name, option), extra in OPTION_EXTRAS.items():
        if name == command and _has_option(args[1:], option):
            return f"{command} {option}", extra
    for (name, option, value), extra in OPTION_VALUE_EXTRAS.items():
        if name == command and _option_value(args[1:], option) == value:
            return f"{command} {option} {value}", extra
    return None


def missing_extra_message(args: Sequence[str], err: ImportError) -> str | None:
    """The install hint for an ImportError of a third-party package, or None to re-raise.

    An import failing inside cnprivacy itself, or in a command the core install runs, is a
    bug or a broken install, not a missing extra: the caller lets it through.
    """
    package = (err.name or "").partition(".")[0]
    if not package or package == "cnprivacy":
        return None
    needed = needed_extra(args)
    if needed is None:
        return None
    words, extra = needed
    return f"cnprivacy {words} needs the '{extra}' extra: pip install 'cnprivacy[{extra}]'"
