"""A command group that imports a command's module only when that command is used.

``cnprivacy --help`` lists every command from the names and help lines held here, without
importing any command module: those pull in pydantic, the rules, Arrow, SQLAlchemy and more,
which used to cost seconds before the first line of help appeared. A module loads when its
command is invoked or that command's own ``--help`` is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

import typer
import typer.main
from typer.core import MarkupMode, TyperCommand, TyperGroup

from cnprivacy.cli._common import fail
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

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ImportError as err:
            message = missing_extra_message(ctx.meta.get(_ARGS_KEY, []), err)
            if message is None:
                raise
            raise fail(message) from None
