"""Mainland licence plates, ordinary and new-energy."""

from __future__ import annotations

import re
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes._keys import alnum_key
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.LICENSE_PLATE
VALIDATOR: Final = "province character, issuing-office letter, ordinary or new-energy serial"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "property"
HINTS: Final = ("车牌", "plate")
#: The provinces' one-character abbreviations (a plate's first character).
PROVINCES: Final = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PATTERN: Final = (f"[{PROVINCES}][A-Z]·?"
                  r"(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])")
_PLATE = re.compile(PATTERN)


def is_valid(value: str) -> bool:
    """The reference check of a folded, upper-case value (spaces and dashes ignored)."""
    return _PLATE.fullmatch(value.replace(" ", "").replace("-", "").replace("•", "·")) is not None


key = alnum_key


def mask(value: str) -> str:
    """The first 2 characters and the last 2."""
    return keep_ends(compact(value), 2, 2)
