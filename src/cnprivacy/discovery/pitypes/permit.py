"""Permits for travel between the mainland and Hong Kong/Macau."""

from __future__ import annotations

import re
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes._keys import alnum_key
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.HK_MACAU_PERMIT
VALIDATOR: Final = "home-return permit (H/M and 8 or 10 digits) or exit-entry permit (C and 8)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "identity"
HINTS: Final = ("通行证", "回乡证", "permit")
PATTERN: Final = r"[HM]\d{8}(?:\d{2})?|C[0-9A-HJ-NP-Z]\d{7}"
_PERMIT = re.compile(PATTERN)


def is_valid(value: str) -> bool:
    """The reference check of a compact value."""
    return _PERMIT.fullmatch(value) is not None


key = alnum_key


def mask(value: str) -> str:
    """The first character and the last 2."""
    return keep_ends(compact(value), 1, 2)
