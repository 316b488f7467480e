"""E-mail addresses."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.EMAIL
VALIDATOR: Final = "local part, dotted domain, alphabetic top-level domain"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "contact"
HINTS: Final = ("邮箱", "邮件", "email", "e_mail", "mail")
#: The shape the detector's candidate pattern and the column check use too.
PATTERN: Final = (r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
                  r"\.[A-Za-z]{2,24}")
_EMAIL = re.compile(PATTERN)


def is_valid(value: str) -> bool:
    """The reference check of a folded, trimmed value."""
    return _EMAIL.fullmatch(value) is not None


def key(value: str) -> str:
    """The same-person key: folded (full-width forms and dash variants to ASCII, as the
    detector reads them), compatibility-normalised, trimmed and lower-case."""
    if value.isascii():
        return value.strip().lower()
    return unicodedata.normalize("NFKC", fold(value)).strip().lower()


def mask(value: str) -> str:
    """The first character of the local part and the domain."""
    local, _, domain = fold(value).strip().partition("@")
    if not domain:
        return keep_ends(local, 1, 0)
    return (local[:1] + "***@" + domain) if local else "***@" + domain
