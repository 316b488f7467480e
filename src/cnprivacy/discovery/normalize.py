"""Folding of the ways people write identifiers: full-width forms and separators.

Every fold here maps one character to one character, so offsets found in the folded text are
offsets in the original text.
"""

from __future__ import annotations

from typing import Final

_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: ord("A") + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FULLWIDTH.update({
    0x3000: ord(" "),   # ideographic space
    0xFF0D: ord("-"),   # full-width hyphen-minus
    0x2010: ord("-"), 0x2011: ord("-"), 0x2012: ord("-"), 0x2013: ord("-"), 0x2014: ord("-"),
    0xFE63: ord("-"),
    0x00A0: ord(" "),
    0xFF0B: ord("+"),
    0xFF08: ord("("), 0xFF09: ord(")"),
    0xFF20: ord("@"),
    0xFF0E: ord("."),
    0xFF1A: ord(":"),
})
FOLD_TABLE: Final[dict[int, int]] = _FULLWIDTH

_SEPARATORS: Final = str.maketrans("", "", " -()")


def fold(text: str) -> str:
    """Full-width digits/letters and dash/space variants to ASCII, length preserved."""
    return text.translate(FOLD_TABLE)


def compact(value: str) -> str:
    """Folded value without separators (spaces, dashes, parentheses), upper-case."""
    return fold(value).translate(_SEPARATORS).upper()
