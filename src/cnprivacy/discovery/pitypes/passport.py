"""PRC ordinary passports."""

from __future__ import annotations

import re
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes._keys import alnum_key
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.CN_PASSPORT
VALIDATOR: Final = "E/G and 8 digits, or E, a letter and 7 digits (no check digit exists)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "identity"
HINTS: Final = ("护照", "passport")
PATTERN: Final = r"[EG]\d{8}|E[A-HJ-NP-Z]\d{7}"
_PASSPORT = re.compile(PATTERN)


def is_valid(value: str) -> bool:
    """The reference check of a compact value."""
    return _PASSPORT.fullmatch(value) is not None


key = alnum_key


def mask(value: str) -> str:
    """The first character and the last 2."""
    return keep_ends(compact(value), 1, 2)
