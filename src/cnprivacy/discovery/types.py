"""Entity type names (the scan contract's vocabulary) and what PIPL says about each.

Names are normative (../shared/spec/scan.md): add types, never rename. ``SENSITIVE_CATEGORY``
gives the PIPL art. 28 category a type falls under by itself; ``DATA_CATEGORY`` maps each type
to the profile vocabulary (spec/profile.md ``data_categories``).
"""

from __future__ import annotations

from typing import Final

CN_RESIDENT_ID: Final = "cn_resident_id"
CN_MOBILE: Final = "cn_mobile"
CN_LANDLINE: Final = "cn_landline"
EMAIL: Final = "email"
BANK_CARD: Final = "bank_card"
PERSON_NAME: Final = "person_name"
ADDRESS: Final = "address"
CN_PASSPORT: Final = "cn_passport"
HK_MACAU_PERMIT: Final = "hk_macau_permit"
LICENSE_PLATE: Final = "license_plate"
IP_ADDRESS: Final = "ip_address"
GPS_COORDINATE: Final = "gps_coordinate"
USCC: Final = "uscc"
# Added by this project (the spec allows new types): health terms in free text.
HEALTH_INFO: Final = "health_info"

ALL_TYPES: Final[tuple[str, ...]] = (
    CN_RESIDENT_ID, CN_MOBILE, CN_LANDLINE, EMAIL, BANK_CARD, PERSON_NAME, ADDRESS,
    CN_PASSPORT, HK_MACAU_PERMIT, LICENSE_PLATE, IP_ADDRESS, GPS_COORDINATE, USCC, HEALTH_INFO,
)

#: Types found by patterns plus checksums/tables alone (the fast path).
STRUCTURED_TYPES: Final[frozenset[str]] = frozenset(ALL_TYPES) - {PERSON_NAME, ADDRESS, HEALTH_INFO}

#: Organisation identifiers: reported, never counted as personal information.
NOT_PERSONAL: Final[frozenset[str]] = frozenset({USCC})

# PIPL art. 28 categories (profile vocabulary names).
FINANCIAL_ACCOUNT: Final = "financial_account"
LOCATION_TRACKING: Final = "location_tracking"
MEDICAL_HEALTH: Final = "medical_health"
MINOR_UNDER_14: Final = "minor_under_14"

# The under-14 age of PIPL arts. 28/31 is law data (pipl.minor_sensitive_age), read as of
# the scan date by cnprivacy.discovery.minors.

#: Types that are sensitive PI by themselves. GPS is sensitive only as a track of one person
#: (several points tied to one individual); the scanner decides that per source.
SENSITIVE_CATEGORY: Final[dict[str, str]] = {
    BANK_CARD: FINANCIAL_ACCOUNT,
    HEALTH_INFO: MEDICAL_HEALTH,
}
CONDITIONALLY_SENSITIVE: Final[dict[str, str]] = {GPS_COORDINATE: LOCATION_TRACKING}

#: Profile ``data_categories`` each type contributes (general categories; sensitive ones above).
DATA_CATEGORY: Final[dict[str, str]] = {
    CN_RESIDENT_ID: "identity",
    CN_PASSPORT: "identity",
    HK_MACAU_PERMIT: "identity",
    PERSON_NAME: "identity",
    CN_MOBILE: "contact",
    CN_LANDLINE: "contact",
    EMAIL: "contact",
    ADDRESS: "contact",
    LICENSE_PLATE: "property",
    IP_ADDRESS: "network_activity",
    BANK_CARD: FINANCIAL_ACCOUNT,
    GPS_COORDINATE: LOCATION_TRACKING,
    HEALTH_INFO: MEDICAL_HEALTH,
}

#: Identifier strength for counting individuals (spec: resident ID, then mobile, then e-mail).
IDENTIFIER_PRIORITY: Final[tuple[str, ...]] = (
    CN_RESIDENT_ID, CN_PASSPORT, HK_MACAU_PERMIT, CN_MOBILE, EMAIL,
)


def is_sensitive(entity_type: str) -> bool:
    """True when a type is sensitive PI by itself (PIPL art. 28)."""
    return entity_type in SENSITIVE_CATEGORY


def sensitive_category(entity_type: str) -> str | None:
    """The PIPL art. 28 category of a type that is sensitive by itself, else None."""
    return SENSITIVE_CATEGORY.get(entity_type)
