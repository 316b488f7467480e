"""Recipient countries of a transfer abroad: ISO 3166-1 alpha-2 codes, never China itself.

The code list is pycountry's copy of the ISO 3166-1 table. CN is refused: a transfer to it is
no transfer abroad. HK, MO and TW have codes of their own and are accepted, so that the
transfers the profile records there can be counted too.
"""

from __future__ import annotations

from cnprivacy.errors import InputError


def check_recipient_country(code: str, source: str, field: str = "recipient.country") -> str:
    """``code`` upper-cased if it is an ISO 3166-1 alpha-2 code other than CN; InputError
    naming ``source`` and ``field`` otherwise."""
    import pycountry  # loaded with the ledger only

    upper = code.strip().upper()
    if upper == "CN":
        raise InputError(source, "CN is China: a transfer abroad needs a recipient country "
                         "outside the mainland (HK, MO and TW have codes of their own)", field=field)
    if len(upper) != 2 or pycountry.countries.get(alpha_2=upper) is None:
        raise InputError(source, f"{code!r} is not an ISO 3166-1 alpha-2 country code "
                         "(two letters, e.g. SG, DE, US)", field=field)
    return upper
