"""Docs keep up with the code: every command and every obligation key is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from cnprivacy.cli import app
from cnprivacy.cli._law import obligations_markdown
from cnprivacy.law import load_lawbook

ROOT = Path(__file__).parents[2]


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names: list[str] = []

    def walk(cmd: object, path: str) -> None:
        subcommands = getattr(cmd, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, f"{path} {name}".strip())
        else:
            names.append(path)

    walk(click_group, prefix)
    return names


def test_obligations_doc_is_current() -> None:
    doc = (ROOT / "docs" / "obligations.md").read_text(encoding="utf-8")
    assert doc == obligations_markdown(load_lawbook()), (
        "run: cnprivacy law obligations > docs/obligations.md")


def test_every_command_is_in_the_docs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in (ROOT / "docs").glob("*.md"):
        text += doc.read_text(encoding="utf-8")
    missing = [c for c in _commands(app) if f"cnprivacy {c}" not in text]
    assert not missing, f"undocumented commands: {missing}"
