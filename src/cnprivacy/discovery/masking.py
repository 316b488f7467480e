"""Type-aware masking: what every example in output, log and error shows instead of PI.

Rules keep just enough to recognise the kind of value and tell examples apart: a resident ID
keeps at most its first 4 and last 4 characters, a mobile its first 3 and last 4, an e-mail its
first character and domain, a name its surname. Masking never fails: unknown types are masked
to their first character.
"""

from __future__ import annotations

import re

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact, fold

_LEVEL_END = re.compile(r"(?:省|自治区|特别行政区|市|区|县|旗|盟)")


def _keep(value: str, head: int, tail: int) -> str:
    n = len(value)
    if n <= head + tail:
        # Too short to keep both ends: keep at most a quarter of it.
        keep = n // 4
        return value[:keep] + "*" * (n - keep)
    return value[:head] + "*" * (n - head - tail) + (value[n - tail:] if tail else "")


def _mask_phone(value: str, head: int, tail: int) -> str:
    digits = compact(value)
    prefix = ""
    for p in ("+86", "0086"):
        if digits.startswith(p):
            prefix, digits = p, digits[len(p):]
    return prefix + _keep(digits, head, tail)


def _mask_email(value: str) -> str:
    local, _, domain = fold(value).strip().partition("@")
    if not domain:
        return _keep(local, 1, 0)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def _mask_ip(value: str) -> str:
    v = fold(value).strip()
    if ":" in v:
        parts = v.split(":")
        return ":".join(parts[:2]) + ":*"
    parts = v.split(".")
    return ".".join(parts[:2] + ["*"] * (len(parts) - 2))


def _mask_gps(value: str) -> str:
    nums = re.findall(r"(-?\d{1,3})\.(\d)\d*", fold(value))
    return ",".join(f"{a}.{b}*" for a, b in nums[:2]) if nums else "*"


def _mask_address(value: str) -> str:
    v = value.strip()
    m = _LEVEL_END.search(v, 0, 10)
    keep = m.end() if m else min(3, len(v) // 3)
    return v[:keep] + "*" * max(3, min(len(v) - keep, 12))


def _mask_name(value: str) -> str:
    v = value.strip()
    if not v:
        return ""
    from cnprivacy.discovery.surnames import COMPOUND_SURNAMES

    keep = 2 if v[:2] in COMPOUND_SURNAMES and len(v) > 2 else 1
    return v[:keep] + "*" * (len(v) - keep)


def mask(type: str, value: str) -> str:
    """Masked form of ``value`` as a ``type``; safe to print, log or put into a report."""
    if type == T.CN_RESIDENT_ID:
        return _keep(compact(value), 4, 4)
    if type == T.CN_MOBILE:
        return _mask_phone(value, 3, 4)
    if type == T.CN_LANDLINE:
        return _mask_phone(value, 4, 2)
    if type == T.EMAIL:
        return _mask_email(value)
    if type == T.BANK_CARD:
        return _keep(compact(value), 4, 4)
    if type == T.PERSON_NAME:
        return _mask_name(value)
    if type == T.ADDRESS:
        return _mask_address(value)
    if type in (T.CN_PASSPORT, T.HK_MACAU_PERMIT):
        return _keep(compact(value), 1, 2)
    if type == T.LICENSE_PLATE:
        return _keep(compact(value), 2, 2)
    if type == T.IP_ADDRESS:
        return _mask_ip(value)
    if type == T.GPS_COORDINATE:
        return _mask_gps(value)
    if type == T.USCC:
        return _keep(compact(value), 8, 0)
    if type == T.HEALTH_INFO:
        return value  # a health term alone names a condition, not a person
    return _keep(value.strip(), 1, 0)
