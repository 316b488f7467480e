"""The indented JSON the commands print and the API returns, written by orjson's C encoder.

The text is the same, byte for byte, as ``json.dumps(data, ensure_ascii=False, indent=2)``
(:func:`python_text`): two-space indent, ``": "`` and ``","`` separators, keys in insertion
order, non-ASCII kept, control characters as ``\\u00XX``. The standard library has no C encoder
once ``indent`` is set, and writing an assessment's findings took as long as deciding them.

The standard library still writes what orjson would write differently or refuses:
- keys that are not strings, integers beyond 64 bits, lone surrogates (orjson raises);
- floats of magnitude below 1e-4, which orjson writes as ``0.00001`` or ``1e-7`` where Python
  writes ``1e-05`` and ``1e-07``: a line of orjson's output ending in such a number (every
  number ends its line, with or without a comma) sends the data to the standard library; a
  larger number that merely ends alike (``10.00001``) costs the slower path, no more.
- NaN and infinities (Python writes ``NaN``, orjson ``null``): none of our outputs holds one
  (counts are integers; the few float parameters of the law data are finite, which a test
  checks), so no check is spent on them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

# Where orjson's float text differs from Python's repr (see the module docstring).
# The end of a line of the output that is such a number (a string ends in a quote, a key in a
# colon). Tried only where the text has one of the two needles: a scan with the regex alone
# costs more than orjson's whole write.
_SMALL_FLOAT = re.compile(rb"(?:0\.0000\d*|e-\d),?(?:\n|\Z)")
_NEEDLES = (b"0.0000", b"e-")


def _small_float(out: bytes) -> bool:
    for needle in _NEEDLES:
        at = out.find(needle)
        while at != -1:
            if _SMALL_FLOAT.match(out, at):
                return True
            at = out.find(needle, at + 1)
    return False


def python_text(data: Any) -> str:
    """The reference: what the standard library writes."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def indented(data: Any) -> str:
    """``data`` as two-space indented JSON, identical to :func:`python_text`'s."""
    try:
        out = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return python_text(data)
    if _small_float(out):
        return python_text(data)
    return out.decode("utf-8")
