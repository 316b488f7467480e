"""Entity type names (the scan contract's vocabulary) and what PIPL says about each.

Names are normative (docs/spec/scan.md): add types, never rename. The PIPL art. 28
categories are named in the profile vocabulary (spec/profile.md ``data_categories``).
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

# What each type is (its validator, same-person key, masking, sensitivity and profile
# category) lives in its module under cnprivacy.discovery.pitypes; the registry there lists
# them. The under-14 age is law data the caller hands to the scanner (ScanOptions.minor_age).
