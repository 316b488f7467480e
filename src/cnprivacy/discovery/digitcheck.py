"""The type of an ASCII digit run found in text: the validators' rules, without their overhead.

:mod:`validators` is the reference (it accepts any compact cell value, Unicode digits
included). Candidates found in text are folded ASCII digit strings, and on PI-dense text they
are checked by the ten thousand: here the same rules run on plain ``str`` operations and small
lookup tables (no regular expression per check, no ``date`` objects, no generic checksum
routine). Tests check that :func:`classify_digits` agrees with the validators-based
classification on every candidate of the evaluation corpus and on generated digit strings.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from operator import mul

from cnprivacy.discovery import types as T
from cnprivacy.discovery import validators as V
from cnprivacy.discovery.numberplan import mobile_re
from cnprivacy.discovery.regions import PROVINCE_CODES

_DIGITS = frozenset("0123456789")
# GB 11643 / ISO 7064 MOD 11-2: weight of position i is 2**(17-i) mod 11. Digits are read as
# their ASCII codes (bytes iterate as ints, no int() per character): 48 per weight comes off.
_RID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RID_ASCII_BIAS = 48 * sum(_RID_WEIGHTS)
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Luhn: a doubled digit d counts as the digit sum of 2d; the table maps ASCII digit codes to
# the ASCII code of that sum so that the doubled positions stay one bytes.translate.
_LUHN_DOUBLE = bytes.maketrans(b"0123456789", b"0246813579")


def _ymd_ok(y: int, m: int, d: int) -> bool:
    """A real calendar date (the checks ``datetime.date`` makes)."""
    if not 1 <= m <= 12 or d < 1:
        return False
    if m == 2 and d == 29:
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return d <= _DAYS[m]


def _birth_ymd(value: str) -> int:
    """YYYYMMDD of the birth date in an 18- or 15-digit ID, 0 when it is not a date."""
    ymd = int(value[6:14]) if len(value) == 18 else 19000000 + int(value[6:12])
    y, md = divmod(ymd, 10000)
    m, d = divmod(md, 100)
    return ymd if y >= 1 and _ymd_ok(y, m, d) else 0


def today_ymd() -> int:
    """Today as YYYYMMDD (the validators' upper bound for birth dates)."""
    t = date.today()
    return t.year * 10000 + t.month * 100 + t.day


def is_resident_id(value: str, today: int | None = None) -> bool:
    """:func:`validators.is_resident_id` for an ASCII string of digits (and a final X);
    ``today`` (YYYYMMDD) saves a clock read per call."""
    n = len(value)
    if n == 18:
        if not (value[:17].isdigit() and (value[17] == "X" or value[17] in _DIGITS)):
            return False
    elif n != 15 or not value.isdigit():
        return False
    if value[:2] not in PROVINCE_CODES:
        return False
    born = _birth_ymd(value)
    if not 19000101 <= born <= (today or today_ymd()):
        return False
    if n == 15:
        return True
    total = sum(map(mul, value[:17].encode("ascii"), _RID_WEIGHTS)) - _RID_ASCII_BIAS
    check = 10 if value[17] == "X" else ord(value[17]) - 48
    return (total + check) % 11 == 1


def _looks_like_resident_id(value: str) -> bool:
    return (len(value) == 18 and value[:17].isdigit() and value[:2] in PROVINCE_CODES
            and _birth_ymd(value) >= 19000101)


def _luhn(value: str) -> bool:
    b = value.encode("ascii")
    return (sum(b[-1::-2]) + sum(b[-2::-2].translate(_LUHN_DOUBLE)) - 48 * len(b)) % 10 == 0


def _card_length_ok(value: str) -> bool:
    """The scheme prefix and length rules of :func:`validators.is_bank_card`."""
    n = len(value)
    p1, p2, p3 = value[0], value[:2], value[:3]
    # The same order of alternatives as validators._CARD_PREFIX (first match decides).
    if p2 == "62" or p1 == "6":
        return 16 <= n <= 19
    if p1 == "4":
        return n in (13, 16, 19)
    if "51" <= p2 <= "55":
        return n == 16
    if p1 == "2":
        if "222" <= p3 <= "269" or p3 in ("270", "271") or value[:4] == "2720":
            return n == 16
        return False
    if p2 in ("34", "37"):
        return n == 15
    if p2 == "35":
        return 16 <= n <= 19
    if "300" <= p3 <= "305" or p2 in ("36", "38", "39"):
        return n in (14, 16)
    if p1 == "9":
        return 16 <= n <= 19
    return False


def is_bank_card(value: str) -> bool:
    """:func:`validators.is_bank_card` for an ASCII string."""
    return (13 <= len(value) <= 19 and value.isdigit() and not _looks_like_resident_id(value)
            and _card_length_ok(value) and _luhn(value))


@cache
def mobile_prefixes() -> frozenset[str]:
    """5-digit prefixes for which phonenumbers' CN mobile pattern accepts every 11-digit
    number (the pattern constrains at most five digits; the rest go through the pattern)."""
    rx = mobile_re()
    return frozenset(str(p) for p in range(10000, 20000)
                     if rx.fullmatch(f"{p}000000") and rx.fullmatch(f"{p}999999"))


def _is_mobile11(value: str) -> bool:
    if value[:5] in mobile_prefixes():
        return value.isdigit()
    return mobile_re().fullmatch(value) is not None


def classify_digits(value: str, today: int | None = None) -> str | None:
    """Type of a compact ASCII digit string (optional +86/0086 prefix, final X), or None.

    The decision order is the detector's: country-code numbers are phones; 18 digits are a
    resident ID, then a USCC, then a card; 15 a legacy ID; 11 starting with 1 a mobile;
    10-12 starting with 0 a landline; 13-19 a card.
    """
    if value.startswith(("+86", "0086")):
        if V.is_mobile(value):
            return T.CN_MOBILE
        return T.CN_LANDLINE if V.is_landline(value) else None
    if value[:1] == "+":
        return None
    return _classify_plain(value, len(value), today or today_ymd())


def _classify_plain(value: str, n: int, today: int) -> str | None:
    if n == 18:
        if is_resident_id(value, today):
            return T.CN_RESIDENT_ID
        if V.is_uscc(value):
            return T.USCC
        return T.BANK_CARD if is_bank_card(value) else None
    if n == 15 and is_resident_id(value, today):
        return T.CN_RESIDENT_ID
    if n == 11 and value[0] == "1":
        return T.CN_MOBILE if _is_mobile11(value) else None
    if value[0] == "0" and 10 <= n <= 12:
        return T.CN_LANDLINE if V.is_landline(value) else None
    if 13 <= n <= 19 and is_bank_card(value):
        return T.BANK_CARD
    return None
