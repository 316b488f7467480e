"""A command group that imports a command's module only when that command is used.

``cnprivacy --help`` lists every command from the names and help lines held here, without
importing any command module: those pull in pydantic, the rules, Arrow, SQLAlchemy and more,
which used to cost seconds before the first line of help appeared. A module loads when its
command is invoked or that command's own ``--help`` is asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import typer
import typer.main
from typer.core import MarkupMode, TyperCommand, TyperGroup
from typer.exceptions import TyperException

from cnprivacy.cli._common import fail, usage_line
from cnprivacy.cli._extras import missing_extra_message

# Where the group keeps the command line it is resolving, for the missing-extra message.
_ARGS_KEY = "cnprivacy.args"

# Contexts, formatters and commands are typed Any below: typer 0.29 ships its own copy of click
# as a private module (typer._click), which this code should not name.


@dataclass(frozen=True)
class LazyCommand:
    """A top-level command: its name, the module whose ``register(app)`` adds it, its help line.

    ``help`` is what the top-level ``--help`` shows; a test keeps it equal to the first
    paragraph of the loaded command's own help.
    """

    name: str
    module: str
    help: str


class LazyCommands(MutableMapping[str, Any]):
    """The group's name-to-command mapping; looking a command up imports its module.

    Iterating yields names only, so listing names or suggesting a near miss loads nothing.
    A module registering several commands (``assess`` and ``diff``) is imported once.
    """

    def __init__(self, specs: Sequence[LazyCommand], rich_markup_mode: MarkupMode) -> None:
        self._specs = {spec.name: spec for spec in specs}
        self._order = [spec.name for spec in specs]
        self._loaded: dict[str, Any] = {}
        self._rich_markup_mode = rich_markup_mode

    def spec(self, name: str) -> LazyCommand | None:
        return self._specs.get(name)

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        holder = typer.Typer(rich_markup_mode=self._rich_markup_mode)
        module.register(holder)
        # get_group always builds a group, even for a module that adds a single command.
        built = typer.main.get_group(holder)
        for name, command in built.commands.items():
            self._loaded.setdefault(name, command)

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            spec = self._specs[name]
            self._load(spec.module)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._order:
            self._order.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._specs.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


class LazyGroup(TyperGroup):
    """The top-level group: lists commands from :class:`LazyCommand` entries, loads on use.

    Subclasses set ``specs``; typer builds the group from the app and passes no commands.
    """

    specs: Sequence[LazyCommand] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.specs, self.rich_markup_mode)
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        # typer's version walks items(), which would import every module.
        return list(self.commands)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # While help is written, commands are stand-ins carrying only name and help line.
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        if self._listing and isinstance(commands, LazyCommands):
            spec = commands.spec(cmd_name)
            if spec is not None:
                return TyperCommand(name=spec.name, help=spec.help)
        return commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        ctx.meta[_ARGS_KEY] = list(args)
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the command line; a usage error (unknown option, missing argument, bad value) is
        one ``error:`` line on stderr with exit 2, like every other bad input."""
        def run(standalone: bool) -> Any:
            return super(LazyGroup, self).main(
                args=args, prog_name=prog_name, complete_var=complete_var,
                standalone_mode=standalone, windows_expand_args=windows_expand_args, **extra)

        if not standalone_mode:
            return run(False)
        try:
            code = run(False)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        except TyperException as err:
            # A group called without a subcommand shows its help: that is not an input error.
            if type(err).__name__ == "NoArgsIsHelpError":
                cast(Any, err).show()
            else:
                typer.echo(f"error: {usage_line(err)}", err=True)
            sys.exit(getattr(err, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ImportError as err:
            message = missing_extra_message(ctx.meta.get(_ARGS_KEY, []), err)
            if message is None:
                raise
            raise fail(message) from None
