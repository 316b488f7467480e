"""`cnprivacy schema profile`: the profile's JSON Schema."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cnprivacy.cli._common import fail
from cnprivacy.profile import json_schema

schema_app = typer.Typer(help="JSON Schemas of the input formats.", no_args_is_help=True)


@schema_app.command("profile")
def profile_schema() -> None:
    """Print the organization profile's JSON Schema."""
    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@schema_app.command("law")
def law_schema(
    kind: Annotated[str, typer.Argument(help="instrument")] = "instrument",
) -> None:
    """Print the JSON Schema of an instrument file."""
    from cnprivacy.law import Instrument

    if kind != "instrument":
        raise fail(f"schema law: unknown kind {kind!r}")
    typer.echo(json.dumps(Instrument.model_json_schema(), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(schema_app, name="schema")
