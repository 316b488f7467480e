"""Same-person keys shared by several types."""

from __future__ import annotations

import unicodedata


def alnum_key(value: str) -> str:
    """Letters and digits only, compatibility-folded, upper-case (documents, plates, codes)."""
    if not (value.isascii() and value.isalnum()):
        value = "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isalnum())
    return value.upper()


def spaceless_key(value: str) -> str:
    """The value compatibility-folded, without white space (names, places, free text)."""
    return "".join(unicodedata.normalize("NFKC", value).split())
