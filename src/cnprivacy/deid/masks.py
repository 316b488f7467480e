"""Type-aware masking: irreversible, keeps what an operator needs to recognise a record.

Only the significant characters (digits, letters, CJK) are candidates for masking; separators
and a +86 prefix stay, so ``+86 138-1234-5678`` masks to ``+86 138-****-5678`` and a text
keeps its layout. The defaults follow common Chinese practice (and the issue): a resident ID
keeps its 6-digit region code and last 4 characters, a mobile its first 3 and last 4, a bank
card its BIN and last 4 (as PCI DSS allows).
"""

from __future__ import annotations

from dataclasses import dataclass

from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.pitypes import landline, name

MASK_CHAR = "*"


@dataclass(frozen=True)
class MaskShape:
    keep_first: int
    keep_last: int
    core_digits: int | None = None  # mask only the last N digits (skips a country code)


DEFAULT_SHAPES: dict[str, MaskShape] = {
    "cn_resident_id": MaskShape(6, 4),
    "cn_mobile": MaskShape(3, 4, core_digits=11),
    "cn_landline": MaskShape(4, 2),
    "bank_card": MaskShape(6, 4),
    "person_name": MaskShape(1, 0),
    "address": MaskShape(6, 0),
    "cn_passport": MaskShape(1, 2),
    "hk_macau_permit": MaskShape(1, 2),
    "license_plate": MaskShape(2, 1),
    "gps_coordinate": MaskShape(0, 0),
    "uscc": MaskShape(8, 2),
}
_FALLBACK = MaskShape(1, 1)


def _significant(ch: str) -> bool:
    return ch.isalnum()


def mask_value(entity_type: str | None, value: str, *, keep_first: int | None = None,
               keep_last: int | None = None, char: str = MASK_CHAR) -> str:
    """Mask ``value``; explicit ``keep_first``/``keep_last`` override the type's shape."""
    if entity_type == "email" and keep_first is None and keep_last is None:
        return _mask_email(value, char)
    if entity_type == "ip_address" and keep_first is None and keep_last is None:
        return _mask_ip(value, char)
    if entity_type == "gps_coordinate" and keep_first is None and keep_last is None:
        return _mask_gps(value, char)
    if entity_type == "cn_landline" and keep_first is None:
        # Keep exactly the area code: 010 and 02x are three digits, the rest four.
        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        keep_first = landline.area_code_digits(digits)
    if entity_type == "person_name" and keep_first is None:
        keep_first = name.surname_length(value.strip())  # 欧阳娜娜 -> 欧阳**
    shape = DEFAULT_SHAPES.get(entity_type or "", _FALLBACK)
    first = shape.keep_first if keep_first is None else keep_first
    last = shape.keep_last if keep_last is None else keep_last
    positions = [i for i, ch in enumerate(value) if _significant(ch)]
    if shape.core_digits is not None and keep_first is None:
        digit_positions = [i for i in positions if fold(value[i]).isdigit()]
        if len(digit_positions) > shape.core_digits:
            positions = digit_positions[-shape.core_digits:]
    if first + last >= len(positions):
        # Too short to keep anything and still hide something: hide all but the first.
        first, last = min(first, max(len(positions) - 1, 0)), 0
    hidden = set(positions[first:len(positions) - last])
    return "".join(char if i in hidden else ch for i, ch in enumerate(value))


def _mask_email(value: str, char: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at:
        return mask_value(None, value, char=char)
    return (local[:1] + char * 3) + "@" + domain


def _mask_ip(value: str, char: str) -> str:
    if ":" in value:
        groups = value.split(":")
        return ":".join(g if i < 2 else (char if g else g) for i, g in enumerate(groups))
    parts = value.split(".")
    return ".".join(p if i < 2 else char for i, p in enumerate(parts))


def _mask_gps(value: str, char: str) -> str:
    """Keep degrees and the first decimal (about 11 km), hide the rest."""
    out: list[str] = []
    decimals = -1
    for ch in value:
        if ch == ".":
            decimals = 0
            out.append(ch)
        elif fold(ch).isdigit() and decimals >= 0:
            decimals += 1
            out.append(ch if decimals <= 1 else char)
        else:
            if not fold(ch).isdigit():
                decimals = -1
            out.append(ch)
    return "".join(out)
