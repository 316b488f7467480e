"""Mainland fixed-line numbers with an area code, in phonenumbers' current CN plan."""

from __future__ import annotations

import re
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.numberplan import fixed_line_re
from cnprivacy.discovery.pitypes.mobile import COUNTRY_PREFIXES, mask_phone, national

NAME: Final = T.CN_LANDLINE
VALIDATOR: Final = "phonenumbers CN fixed-line plan (area code required)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "contact"
HINTS: Final = ("座机", "固话", "固定电话", "办公电话", "landline", "tel", "phone")
_NON_DIGITS = re.compile(r"[^0-9]")


def is_valid(value: str) -> bool:
    """The reference check of a compact value: trunk 0 or a country code, then 9-11 digits
    of the fixed-line plan."""
    rest = national(value)
    if rest.startswith("0"):
        rest = rest[1:]
    elif not value.startswith(COUNTRY_PREFIXES):
        return False  # without a country code, the trunk 0 is how people write an area code
    return 9 <= len(rest) <= 11 and fixed_line_re().fullmatch(rest) is not None


def key(value: str) -> str:
    """The same-person key: the national number with its trunk 0 (``010 1234 5678`` and
    ``+86 10 1234 5678`` are one line)."""
    digits = _NON_DIGITS.sub("", fold(value))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and not fold(value).lstrip().startswith("0"):
        digits = digits[2:]
    return digits if digits.startswith("0") else "0" + digits


def area_code_digits(digits: str) -> int:
    """Length of the area code with its trunk 0: 010 and 02x are three digits, the rest four."""
    return 3 if digits[:2] in ("01", "02") else 4


def mask(value: str) -> str:
    """The first 4 and the last 2 national digits."""
    return mask_phone(value, 4, 2)
