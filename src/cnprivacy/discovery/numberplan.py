"""Mainland number plans taken from phonenumbers' metadata, as plain regular expressions.

Calling ``phonenumbers.parse`` per value costs tens of microseconds; the metadata's national
number patterns decide the same question and run in ``re`` (strings) or RE2 (Arrow arrays).
"""

from __future__ import annotations

import re
from functools import cache

import phonenumbers


@cache
def _metadata() -> phonenumbers.PhoneMetadata:
    md = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    if md is None:  # pragma: no cover - phonenumbers always ships CN
        raise RuntimeError("phonenumbers has no CN metadata")
    return md


def mobile_pattern() -> str:
    """National mobile number pattern (11 digits, no trunk prefix)."""
    desc = _metadata().mobile
    assert desc is not None
    return str(desc.national_number_pattern)


def fixed_line_pattern() -> str:
    """National fixed-line pattern (area code without the trunk 0, then the local number)."""
    desc = _metadata().fixed_line
    assert desc is not None
    return str(desc.national_number_pattern)


@cache
def mobile_re() -> re.Pattern[str]:
    return re.compile(f"(?:{mobile_pattern()})")


@cache
def fixed_line_re() -> re.Pattern[str]:
    return re.compile(f"(?:{fixed_line_pattern()})")
