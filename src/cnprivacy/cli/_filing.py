"""`cnprivacy filing`: the filings group.

MINIMAL GROUP made for the pack commands (branch wt/packs15): when the filings registry's own
``filing`` group lands, keep that one and call :func:`cnprivacy.cli._filing_packs.register`
from its ``register`` so the pack commands join it.
"""

from __future__ import annotations

import typer

filing_app = typer.Typer(no_args_is_help=True, help="Filing packs in the regulators' own formats "
                         "(standard contract, security assessment, ...), checked before writing.")


def register(app: typer.Typer) -> None:
    """Add the ``filing`` group (with the pack commands) to the main app."""
    from cnprivacy.cli import _filing_packs

    _filing_packs.register(filing_app)
    app.add_typer(filing_app, name="filing")


__all__ = ["filing_app", "register"]
