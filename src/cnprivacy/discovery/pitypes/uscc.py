"""Unified social credit codes (GB 32100): organisations, reported but not personal."""

from __future__ import annotations

from typing import Final

from stdnum.cn import uscc as stdnum_uscc

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes import resident_id
from cnprivacy.discovery.pitypes._keys import alnum_key
from cnprivacy.discovery.pitypes._masking import keep_ends
from cnprivacy.discovery.regions import plausible_region

NAME: Final = T.USCC
VALIDATOR: Final = "GB 32100 registering authority, division code and both check characters"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes (none: not personal).
DATA_CATEGORY: Final[str | None] = None
HINTS: Final = ("信用代码", "uscc", "credit_code")
#: The code's character set (GB 32100; no I, O, S, V, Z) and the check character's weights,
#: 3**i mod 31 (python-stdnum checks the code; the accelerator's copy is checked against these).
ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: Final[tuple[int, ...]] = tuple(pow(3, i, 31) for i in range(17))
#: Registration-authority characters a code may start with.
AUTHORITIES: Final = "123456789ANY"


def is_valid(value: str) -> bool:
    """The reference check of a compact value."""
    # Characters 3-8 are the registering authority's division code: a real province keeps
    # 18-digit order numbers (one in 31 passes the check character) out.
    return (len(value) == 18 and plausible_region(value[2:8]) and value[0] in AUTHORITIES
            and not resident_id.looks_like(value) and check_character_ok(value)
            and stdnum_uscc.is_valid(value))


def check_character_ok(value: str) -> bool:
    """Whether the 18th character is the GB 32100 check character of the first 17: a
    necessary condition python-stdnum also checks, about thirty times cheaper than its call
    (a line of digit runs tries thousands of 18-digit windows)."""
    try:
        total = sum(ALPHABET.index(ch) * w for ch, w in zip(value, WEIGHTS, strict=False))
    except ValueError:
        return False
    return ALPHABET[(31 - total % 31) % 31] == value[17]


key = alnum_key


def mask(value: str) -> str:
    """The first 8 characters (authority, type and division: the organisation's locality)."""
    return keep_ends(compact(value), 8, 0)
