"""Command-line adapter: builds core objects from arguments, renders results, sets exit codes.

Each command group lives in its own module with a ``register(app)`` function, so that the
groups can grow independently. Nothing here holds legal logic.
"""

from __future__ import annotations

import sys

import typer

from cnprivacy.cli import _app_audit, _assess, _deid, _law, _ledger, _record, _scan, _schema, _xborder
from cnprivacy.cli._common import run_guarded

app = typer.Typer(
    name="cnprivacy",
    help="China's data-protection rules as executable, dated, cited checks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (_law, _schema, _assess, _xborder, _ledger, _scan, _deid, _app_audit):
    _module.register(app)
_record.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    run_guarded(app, sys.argv[1:] if argv is None else argv)
