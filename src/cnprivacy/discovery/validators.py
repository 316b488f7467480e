"""Validation of one candidate value per type: checksums, dates, number plans, tables.

Each validator takes a *compact* value (folded, separators removed, upper-case; see
:func:`cnprivacy.discovery.normalize.compact`) and answers True only when the value is what it
claims to be, not merely shaped like it. Pure functions; caches hold only derived metadata.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import date

from stdnum import luhn
from stdnum.cn import uscc as stdnum_uscc
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery import types as T
from cnprivacy.discovery.numberplan import fixed_line_re, mobile_re
from cnprivacy.discovery.regions import plausible_region

_RID18 = re.compile(r"\d{17}[\dX]")
_RID15 = re.compile(r"\d{15}")
_PASSPORT = re.compile(r"[EG]\d{8}|E[A-HJ-NP-Z]\d{7}")
_PERMIT = re.compile(r"[HM]\d{8}(?:\d{2})?|C[0-9A-HJ-NP-Z]\d{7}")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"[A-Z]·?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])"
)
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
_GPS = re.compile(r"(-?\d{1,3}\.\d{4,})\s*[,，]\s*(-?\d{1,3}\.\d{4,})")
_CARD_PREFIX = re.compile(r"62|6[0-9]|4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|35|30[0-5]|3[689]|9")


def birth_date(resident_id: str) -> date | None:
    """Birth date encoded in a compact resident ID (18 or legacy 15 digits), if it is a date."""
    try:
        if len(resident_id) == 18:
            return date(int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14]))
        if len(resident_id) == 15:
            return date(1900 + int(resident_id[6:8]), int(resident_id[8:10]),
                        int(resident_id[10:12]))
    except ValueError:
        return None
    return None


def is_resident_id(value: str) -> bool:
    """GB 11643: ISO 7064 MOD 11-2 check digit, a real birth date, a plausible province.

    python-stdnum's ``cn.ric`` also requires the county code to be in its table, which rejects
    real IDs issued under retired or newer codes; we use its check-digit routine only.
    """
    n = len(value)
    if not ((n == 18 and _RID18.fullmatch(value)) or (n == 15 and _RID15.fullmatch(value))):
        return False
    if not plausible_region(value[:6]):
        return False
    born = birth_date(value)
    if born is None or not date(1900, 1, 1) <= born <= date.today():
        return False
    return n == 15 or mod_11_2.is_valid(value)


def _national(value: str) -> str:
    if value.startswith("+86"):
        return value[3:]
    if value.startswith("0086"):
        return value[4:]
    if value.startswith("86") and len(value) == 13:
        return value[2:]
    return value


def is_mobile(value: str) -> bool:
    """Mainland mobile (11 digits, optional +86/0086) in phonenumbers' current CN plan."""
    national = _national(value)
    return len(national) == 11 and mobile_re().fullmatch(national) is not None


def is_landline(value: str) -> bool:
    """Mainland fixed line with area code, valid in phonenumbers' CN plan."""
    national = _national(value)
    if national.startswith("0"):
        national = national[1:]
    elif not value.startswith(("+86", "0086")):
        return False  # without a country code, the trunk 0 is how people write an area code
    return 9 <= len(national) <= 11 and fixed_line_re().fullmatch(national) is not None


def looks_like_resident_id(value: str) -> bool:
    """18 digits with a resident ID's region and birth date, whatever its check digit says."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    born = birth_date(value)
    return born is not None and born.year >= 1900 and plausible_region(value[:6])


def is_bank_card(value: str) -> bool:
    """Payment card: an issuer prefix, a length the schemes use, and the Luhn check digit.

    An 18-digit number shaped like a resident ID (region, birth date) with a wrong check digit
    is a mistyped ID, not a card: one in ten of them would pass Luhn by chance.
    """
    n = len(value)
    if not (value.isdigit() and 13 <= n <= 19) or looks_like_resident_id(value):
        return False
    prefix = _CARD_PREFIX.match(value)
    if prefix is None:
        return False
    head = prefix.group()
    if head == "4":
        ok = n in (13, 16, 19)
    elif head in ("34", "37"):
        ok = n == 15
    elif head.startswith("30") or head in ("36", "38", "39"):
        ok = n in (14, 16)
    elif head.startswith("5") or head.startswith("2"):
        ok = n == 16
    else:
        ok = 16 <= n <= 19
    return ok and luhn.is_valid(value)


def is_uscc(value: str) -> bool:
    """Unified social credit code (GB 32100), both check characters."""
    # Characters 3-8 are the registering authority's division code: a real province keeps
    # 18-digit order numbers (one in 31 passes the check character) out.
    return (len(value) == 18 and plausible_region(value[2:8]) and value[0] in "123456789ANY"
            and not looks_like_resident_id(value) and stdnum_uscc.is_valid(value))


def is_passport(value: str) -> bool:
    """PRC ordinary passport: E/G + 8 digits, or E + letter + 7 digits (no check digit exists)."""
    return _PASSPORT.fullmatch(value) is not None


def is_permit(value: str) -> bool:
    """Home-return permit (H/M + 8 or 10 digits) or exit-entry permit to HK/Macau (C + 8)."""
    return _PERMIT.fullmatch(value) is not None


def is_plate(value: str) -> bool:
    """Mainland licence plate, ordinary or new-energy."""
    return _PLATE.fullmatch(value.replace(" ", "").replace("-", "").replace("•", "·")) is not None


def is_email(value: str) -> bool:
    """E-mail address (RFC-ish local part, dotted domain with an alphabetic TLD)."""
    return _EMAIL.fullmatch(value) is not None


def is_ip(value: str) -> bool:
    """IPv4 (dotted quad) or IPv6 address."""
    if "." not in value and ":" not in value:
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def gps_pair(value: str) -> tuple[float, float] | None:
    """(lat, lon) when the value is a latitude/longitude pair in either order, else None."""
    m = _GPS.fullmatch(value.strip())
    if m is None:
        return None
    a, b = float(m.group(1)), float(m.group(2))
    if abs(a) <= 90 and abs(b) <= 180:
        return (a, b)
    if abs(b) <= 90 and abs(a) <= 180:
        return (b, a)
    return None


def is_gps(value: str) -> bool:
    """Latitude/longitude pair with at least 4 decimals (about 10 m)."""
    return gps_pair(value) is not None


#: Validators over compact values (identifiers) — see module docstring.
COMPACT_VALIDATORS: dict[str, Callable[[str], bool]] = {
    T.CN_RESIDENT_ID: is_resident_id,
    T.CN_MOBILE: is_mobile,
    T.CN_LANDLINE: is_landline,
    T.BANK_CARD: is_bank_card,
    T.USCC: is_uscc,
    T.CN_PASSPORT: is_passport,
    T.HK_MACAU_PERMIT: is_permit,
}
