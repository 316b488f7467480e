"""Mainland mobile numbers: 11 digits in phonenumbers' current CN plan, optional +86/0086."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact, fold
from cnprivacy.discovery.numberplan import mobile_re
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.CN_MOBILE
VALIDATOR: Final = "phonenumbers CN mobile plan (11 digits, optional +86/0086)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "contact"
HINTS: Final = ("手机", "移动电话", "联系电话", "联系方式", "mobile", "cellphone", "cell", "phone")
COUNTRY_PREFIXES: Final = ("+86", "0086")
_NON_DIGITS = re.compile(r"[^0-9]")


def national(value: str) -> str:
    """A compact phone number without its country code (+86, 0086, or 86 before 11 digits)."""
    if value.startswith("+86"):
        return value[3:]
    if value.startswith("0086"):
        return value[4:]
    if value.startswith("86") and len(value) == 13:
        return value[2:]
    return value


#: Verdicts of :func:`prefix_table`.
PREFIX_NONE, PREFIX_ALL, PREFIX_PATTERN = 0, 1, 2


@cache
def prefix_table() -> bytes:
    """Per 5-digit prefix (index 0-99999): ``PREFIX_ALL`` when the CN mobile pattern accepts
    every 11-digit number with it, ``PREFIX_NONE`` when it accepts none, ``PREFIX_PATTERN``
    when only the pattern can tell (none in current metadata). The pattern constrains at most
    five digits, so testing the lowest and the highest number per prefix decides it."""
    rx = mobile_re()
    table = bytearray(100000)
    for p in range(10000, 20000):
        low = rx.fullmatch(f"{p}000000") is not None
        high = rx.fullmatch(f"{p}999999") is not None
        table[p] = PREFIX_ALL if low and high else PREFIX_PATTERN if low != high else PREFIX_NONE
    return bytes(table)


@cache
def prefixes() -> frozenset[str]:
    """The prefixes of :func:`prefix_table` under which every number is a mobile."""
    return frozenset(str(p) for p, v in enumerate(prefix_table()) if v == PREFIX_ALL)


def is_national(value: str) -> bool:
    """Whether 11 ASCII digits are a mobile number."""
    if value[:5] in prefixes():
        return value.isascii() and value.isdigit()
    return mobile_re().fullmatch(value) is not None


def is_valid(value: str) -> bool:
    """The reference check of a compact value."""
    n = national(value)
    return len(n) == 11 and is_national(n)


def key(value: str) -> str:
    """The same-person key: the 11 national digits (full-width digits, separators and a
    +86/0086/86 country code removed)."""
    if len(value) == 11 and value.isascii() and value.isdigit():
        return value
    digits = _NON_DIGITS.sub("", fold(value))
    if len(digits) == 15 and digits.startswith("0086"):
        return digits[4:]
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    return digits


def mask_phone(value: str, head: int, tail: int) -> str:
    """A phone number's country code kept, its national digits masked at both ends."""
    digits = compact(value)
    prefix = ""
    for p in COUNTRY_PREFIXES:
        if digits.startswith(p):
            prefix, digits = p, digits[len(p):]
    return prefix + keep_ends(digits, head, tail)


def mask(value: str) -> str:
    """The first 3 and the last 4 national digits."""
    return mask_phone(value, 3, 4)
