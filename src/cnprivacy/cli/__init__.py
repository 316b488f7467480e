"""Command-line adapter: builds core objects from arguments, renders results, sets exit codes.

Each command group lives in its own module with a ``register(app)`` function, so that the
groups can grow independently. Nothing here holds legal logic.

The modules are not imported here: ``COMMANDS`` names each one, and a module loads only when
its command runs or shows its own help, so ``cnprivacy --help`` and ``cnprivacy law list``
start without the heavy packages (and without the optional extras) other commands need.
"""

from __future__ import annotations

import sys

import typer

from cnprivacy.cli._common import run_guarded as _run_guarded
from cnprivacy.cli._lazy import LazyCommand
from cnprivacy.cli._lazy import LazyGroup as _LazyGroup

__all__ = ["COMMANDS", "LazyCommand", "app", "main"]

# In the order `cnprivacy --help` lists them (single commands first, then groups, as before).
COMMANDS: tuple[LazyCommand, ...] = (
    LazyCommand("assess", "cnprivacy.cli._assess",
                "Every obligation China's data-protection rules put on the profiled organization."),
    LazyCommand("diff", "cnprivacy.cli._assess",
                "Obligations whose status, deadline or parameters change between two dates "
                "(or a what-if)."),
    LazyCommand("crossborder", "cnprivacy.cli._xborder",
                "Decide the export route per transfer and for the year (2024 Provisions, CAC Q&As)."),
    LazyCommand("scan", "cnprivacy.cli._scan",
                "Find, classify and count Chinese personal information in files and databases."),
    LazyCommand("law", "cnprivacy.cli._law",
                "Instruments (laws, regulations, drafts, Q&As) and their status."),
    LazyCommand("schema", "cnprivacy.cli._schema", "JSON Schemas of the input formats."),
    LazyCommand("ledger", "cnprivacy.cli._ledger",
                "Append-only ledger of transfers abroad: exact distinct individuals per year from "
                "keyed hashes, never raw identifiers."),
    LazyCommand("deid", "cnprivacy.cli._deid",
                "De-identify files (mask, pseudonymise, SM4-encrypt, generalise, suppress). "
                "`cnprivacy deid INPUT... -o OUTDIR` runs `deid run`."),
    LazyCommand("app", "cnprivacy.cli._app_audit",
                "Audit Android apps: permissions, SDKs, privacy policy."),
    LazyCommand("record", "cnprivacy.cli._record",
                "The processing register (GB/T 35273 §11.3, NDSMR art 12, PIPL art 56): "
                "versioned, append-only, beside the ledger."),
    LazyCommand("pia", "cnprivacy.cli._pia",
                "Personal information protection impact assessments (PIPL arts 55-56, "
                "GB/T 39335-2020): drafted from the register, reviewed, approved, kept."),
    LazyCommand("filing", "cnprivacy.cli._filing",
                "Filings and reports made or owed (standard contract, security assessment, "
                "certification, PIPO, facial, algorithm, audits): dates, numbers, validity."),
    LazyCommand("calendar", "cnprivacy.cli._calendar",
                "Every deadline on record, soonest first: table, JSON or iCalendar (.ics)."),
    LazyCommand("incident", "cnprivacy.cli._incident",
                "Incidents (国家网络安全事件报告管理办法, PIPL art 57): grade, reporting clocks in "
                "China Standard Time, report items."),
    LazyCommand("serve", "cnprivacy.cli._serve",
                "Run the web workspace (FastAPI): the database is migrated on start, nothing "
                "is lost."),
    LazyCommand("users", "cnprivacy.cli._users",
                "Accounts of the web workspace (admin, dpo, legal, editor, viewer)."),
)


class _Commands(_LazyGroup):
    specs = COMMANDS


app = typer.Typer(
    name="cnprivacy",
    cls=_Commands,
    help="China's data-protection rules as executable, dated, cited checks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # typer builds a group only for an app with a callback or registered commands; the
    # commands are added lazily by _Commands, so this empty callback makes it a group.
    pass


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    _run_guarded(app, sys.argv[1:] if argv is None else argv)
