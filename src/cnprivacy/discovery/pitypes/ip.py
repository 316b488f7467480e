"""IP addresses (IPv4 dotted quads, IPv6)."""

from __future__ import annotations

import ipaddress
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import fold

NAME: Final = T.IP_ADDRESS
VALIDATOR: Final = "Python ipaddress (IPv4 or IPv6); the bare unspecified IPv6 '::' excluded"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "network_activity"
HINTS: Final = ("ip",)
OCTET: Final = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4_PATTERN: Final = f"{OCTET}(?:\\.{OCTET}){{3}}"


def is_valid(value: str) -> bool:
    """The reference check of a folded, trimmed value. A bare ``::`` (the unspecified IPv6
    address, also what ``a::b`` style text holds between two names) is nobody's address."""
    if "." not in value and ":" not in value:
        return False
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return not (address.version == 6 and address.is_unspecified)


def key(value: str) -> str:
    """The same-person key: the address in its canonical text form."""
    text = fold(value).strip()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text


def mask(value: str) -> str:
    """The first two groups (network), the rest hidden."""
    v = fold(value).strip()
    if ":" in v:
        return ":".join(v.split(":")[:2]) + ":*"
    parts = v.split(".")
    return ".".join(parts[:2] + ["*"] * (len(parts) - 2))
