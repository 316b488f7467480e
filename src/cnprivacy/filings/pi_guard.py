"""No raw personal information in a pack: every text that goes into a document is searched for
identifiers and personal names before anything is built.

The pack input is free text a person writes, and the profile's transfer fields are too. A pack
is filed and kept for years, so a mobile number pasted into a conclusion would be filed with
it. Counts are counts and examples are masked; a text that holds what looks like PI stops the
pack with the field named and the value never shown.

Server addresses of the export link are the link's, not a person's: IP addresses there are
expected (the template asks for them); addresses in free text, and the place names that
match the address type, are not searched for the same reason (a recipient's office address is
an organisation's). Organisation codes (USCC) are not personal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from cnprivacy.discovery import types as T
from cnprivacy.discovery.detect import find_spans
from cnprivacy.filings.evidence import Problem

#: Types searched in every text of a pack.
SEARCHED = frozenset(T.ALL_TYPES) - {T.ADDRESS, T.IP_ADDRESS, T.USCC, T.HEALTH_INFO}


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def pi_problems(value: Any, where: str, path: str = "") -> list[Problem]:
    """Problems for each text field of ``value`` (a model, list or text) holding PI."""
    out: list[Problem] = []
    for field, text in _texts(value, path):
        kinds = sorted({span.type for span in find_spans(text, SEARCHED)})
        if kinds:
            out.append(Problem(f"{field} holds what looks like personal information "
                               f"({', '.join(kinds)}); a pack carries counts and masked "
                               "examples only", f"{where}: {field}"))
    return out
