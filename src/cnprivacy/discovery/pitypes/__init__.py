"""The personal-information types, one module each, and the registry that lists them.

Each type module holds everything that type is: its reference validator (``is_valid``), the
patterns and tables the detector and the accelerators use, the column-header cues
(``HINTS``), the same-person key (``key``: the form two records of one person share in scan,
de-identification and the ledger), masking (``mask``), and its sensitivity (``SENSITIVITY``,
the PIPL art. 28 category the type falls under by itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.pitypes import (
    address,
    bank_card,
    email,
    gps,
    health,
    ip,
    landline,
    mobile,
    name,
    passport,
    permit,
    plate,
    resident_id,
    uscc,
)
from cnprivacy.discovery.pitypes._keys import spaceless_key as _spaceless_key

__all__ = [
    "CONDITIONALLY_SENSITIVE", "DATA_CATEGORY", "REGISTRY", "SENSITIVE_CATEGORY", "PIType",
    "address", "bank_card", "email", "get", "gps", "health", "ip", "landline", "mask", "mobile",
    "name", "passport", "permit", "plate", "resident_id", "same_person_key", "uscc",
]


@dataclass(frozen=True, slots=True)
class PIType:
    """One registered type: its name, its module, what makes a value one."""

    name: str
    module: ModuleType

    @property
    def validator(self) -> str:
        return str(self.module.VALIDATOR)

    @property
    def sensitivity(self) -> str | None:
        return self.module.SENSITIVITY

    @property
    def conditional_sensitivity(self) -> str | None:
        return getattr(self.module, "CONDITIONAL_SENSITIVITY", None)

    @property
    def hints(self) -> tuple[str, ...]:
        return tuple(self.module.HINTS)


_MODULES: Final = (resident_id, mobile, landline, email, bank_card, name, address, passport,
                   permit, plate, ip, gps, uscc, health)

#: Every type, in the scan contract's order (``types.ALL_TYPES``).
REGISTRY: Final[dict[str, PIType]] = {m.NAME: PIType(m.NAME, m) for m in _MODULES}
if tuple(REGISTRY) != T.ALL_TYPES:  # pragma: no cover - a new type needs both
    raise RuntimeError("pitypes registry and types.ALL_TYPES list different types")

#: Types that are sensitive PI by themselves, with their PIPL art. 28 category.
SENSITIVE_CATEGORY: Final[dict[str, str]] = {
    t.name: t.sensitivity for t in REGISTRY.values() if t.sensitivity is not None}
#: Types sensitive only in context (GPS: as the track of one person).
CONDITIONALLY_SENSITIVE: Final[dict[str, str]] = {
    t.name: t.conditional_sensitivity for t in REGISTRY.values()
    if t.conditional_sensitivity is not None}
#: Profile ``data_categories`` each type contributes.
DATA_CATEGORY: Final[dict[str, str]] = {
    m.NAME: m.DATA_CATEGORY for m in _MODULES if m.DATA_CATEGORY is not None}


def get(type_name: str) -> PIType:
    """The registered type called ``type_name`` (ValueError for an unknown one)."""
    found = REGISTRY.get(type_name)
    if found is None:
        raise ValueError(f"unknown PI type {type_name!r}")
    return found


def same_person_key(type_name: str, value: str) -> str:
    """The identity function: the form every record of one person shares, whoever reads it
    (scan counts, de-identification pseudonyms, ledger hashes). Unknown types: the value
    without spaces, compatibility-folded."""
    found = REGISTRY.get(type_name)
    if found is None:
        return _spaceless_key(value)
    return found.module.key(value)


def mask(type_name: str, value: str) -> str:
    """Masked form of ``value`` as a ``type_name``; safe to print, log or put into a report.
    Masking never fails: unknown types keep their first character."""
    found = REGISTRY.get(type_name)
    if found is None:
        from cnprivacy.discovery.pitypes._masking import keep_ends

        return keep_ends(value.strip(), 1, 0)
    return found.module.mask(value)
