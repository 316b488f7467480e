"""Canonical forms of identifier values, so that one person's number written two ways
(full-width digits, spaces, dashes, +86, a legacy 15-digit ID) yields one pseudonym."""

from __future__ import annotations

import ipaddress
import unicodedata

from stdnum.iso7064 import mod_11_2

_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("Ｘ"): ord("X"), ord("ｘ"): ord("x")})


def ascii_digits(value: str) -> str:
    return value.translate(_FULLWIDTH)


def compact(value: str) -> str:
    """Letters and digits only, full-width folded, upper-cased."""
    return "".join(ch for ch in ascii_digits(value) if ch.isalnum()).upper()


def resident_id_18(value: str) -> str:
    """An 18-character resident ID; a legacy 15-digit one is upgraded (GB 11643-1999)."""
    core = compact(value)
    if len(core) == 15 and core.isdigit():
        body = core[:6] + "19" + core[6:]
        return body + mod_11_2.calc_check_digit(body)
    return core


def canonical(entity_type: str | None, value: str) -> str:
    """The form pseudonyms are computed over; distinct people never share one."""
    if entity_type == "cn_resident_id":
        return resident_id_18(value)
    if entity_type == "cn_mobile":
        digits = "".join(ch for ch in ascii_digits(value) if ch.isdigit())
        return digits[-11:]
    if entity_type in ("bank_card", "cn_landline"):
        return "".join(ch for ch in ascii_digits(value) if ch.isdigit())
    if entity_type == "email":
        return unicodedata.normalize("NFKC", value).strip().lower()
    if entity_type == "ip_address":
        try:
            return str(ipaddress.ip_address(ascii_digits(value).strip()))
        except ValueError:
            return value.strip()
    if entity_type in ("cn_passport", "hk_macau_permit", "license_plate", "uscc"):
        return compact(unicodedata.normalize("NFKC", value))
    return "".join(unicodedata.normalize("NFKC", value).split())
