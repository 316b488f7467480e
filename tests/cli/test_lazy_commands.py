"""Top-level commands load lazily: help and light commands import only what they use."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import typer
import typer.main
from typer.testing import CliRunner

from cnprivacy.cli import COMMANDS, app

COMMAND_MODULES = sorted({spec.module for spec in COMMANDS})
HEAVY = ("pydantic", "sqlalchemy", "pyarrow", "numpy", "datasketch", "cryptography", "jieba",
         "cnprivacy.law", "cnprivacy.profile", "cnprivacy.rules", "cnprivacy.engine")


def _loaded_after(args: list[str]) -> set[str]:
    """Modules in sys.modules after `cnprivacy ARGS` ran in a fresh interpreter."""
    code = ("import contextlib, io, sys\n"
            "from cnprivacy.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main({args!r})\n"
            "    except SystemExit as done:\n"
            "        assert not done.code, done.code\n"
            "print('\\n'.join(sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def _first_paragraph(text: str) -> str:
    return " ".join(inspect.cleandoc(text).split("\n\n")[0].split())


def test_help_lists_every_command_in_order_with_its_help_line() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    listed = [line.split()[1] for line in result.stdout.splitlines()
              if line.startswith("│ ") and line.split()[1] in {s.name for s in COMMANDS}]
    assert listed == [spec.name for spec in COMMANDS]
    for spec in COMMANDS:
        assert spec.help in " ".join(result.stdout.split()), spec.name


def test_help_lines_match_the_commands_own_help() -> None:
    group = typer.main.get_command(app)
    for spec in COMMANDS:
        command = group.commands[spec.name]
        assert _first_paragraph(command.help or "") == spec.help, spec.name


def test_every_registered_command_is_listed() -> None:
    for name in COMMAND_MODULES:
        holder = typer.Typer()
        importlib.import_module(name).register(holder)
        registered = set(typer.main.get_group(holder).commands)
        assert registered == {s.name for s in COMMANDS if s.module == name}, name


def test_top_level_help_imports_no_command_module() -> None:
    loaded = _loaded_after(["--help"])
    assert not loaded & set(COMMAND_MODULES)
    assert not {m for m in loaded for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}


def test_law_list_imports_only_the_law_command_and_the_law_data() -> None:
    loaded = _loaded_after(["law", "list", "--format", "json"])
    assert loaded & set(COMMAND_MODULES) == {"cnprivacy.cli._law"}
    assert "cnprivacy.law" in loaded
    for other in ("cnprivacy.rules", "cnprivacy.engine", "cnprivacy.profile", "sqlalchemy",
                  "pyarrow", "numpy", "rich.table"):
        assert other not in loaded, other


def test_a_mistyped_command_still_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["lwa"])
    assert result.exit_code == 2
    assert "Did you mean 'law'?" in result.output
