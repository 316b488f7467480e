"""Errors the core raises; adapters (CLI, web) turn them into messages and exit codes.

The core never prints or exits. Bad input is an :class:`InputError` that names the file, the
field path and the problem, so that every adapter can show it on one line.
"""

from __future__ import annotations

import re

# Control characters (a newline in a key or a file name) would break the one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class CnPrivacyError(Exception):
    """Base class for every error cnprivacy raises on purpose."""


class InputError(CnPrivacyError):
    """Input that cannot be used: a file, the field path inside it and what is wrong.

    ``str(err)`` is the one-line message the CLI prints (never containing raw personal
    information: callers mask values before putting them into ``problem``).
    """

    def __init__(self, source: str, problem: str, field: str | None = None,
                 line: int | None = None) -> None:
        self.source = source
        self.field = field
        self.problem = " ".join(problem.split())
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = _printable(self.source)
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {_printable(self.field)}"
        return f"{where}: {self.problem}"


class LawDataError(InputError):
    """A law data file (instrument YAML) is broken."""


class RuleConflictError(CnPrivacyError):
    """Two rules gave different answers for one obligation with no declared priority."""
