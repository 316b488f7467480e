"""GPS coordinates: a latitude/longitude pair precise enough to place a person."""

from __future__ import annotations

import re
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.pitypes._keys import spaceless_key

NAME: Final = T.GPS_COORDINATE
VALIDATOR: Final = "latitude/longitude pair in range, at least 4 decimals (about 10 m)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = T.LOCATION_TRACKING
#: Sensitive only as a track of one person (several points tied to one individual);
#: the scanner decides that per source.
CONDITIONAL_SENSITIVITY: Final = T.LOCATION_TRACKING
HINTS: Final = ("经纬度", "坐标", "定位", "gps", "latlng", "lat_lng", "coordinate", "location")
#: Headers of a column that holds latitudes or longitudes alone.
LATITUDE_HEADERS: Final = ("纬度", "lat", "latitude")
LONGITUDE_HEADERS: Final = ("经度", "lng", "lon", "long", "longitude")
_GPS = re.compile(r"(-?\d{1,3}\.\d{4,})\s*[,，]\s*(-?\d{1,3}\.\d{4,})")


def pair(value: str) -> tuple[float, float] | None:
    """(lat, lon) when the value is a latitude/longitude pair in either order, else None."""
    m = _GPS.fullmatch(value.strip())
    if m is None:
        return None
    a, b = float(m.group(1)), float(m.group(2))
    if abs(a) <= 90 and abs(b) <= 180:
        return (a, b)
    if abs(b) <= 90 and abs(a) <= 180:
        return (b, a)
    return None


def is_valid(value: str) -> bool:
    """The reference check of a folded value."""
    return pair(value) is not None


key = spaceless_key


def mask(value: str) -> str:
    """Degrees and the first decimal (about 11 km)."""
    nums = re.findall(r"(-?\d{1,3})\.(\d)\d*", fold(value))
    return ",".join(f"{a}.{b}*" for a, b in nums[:2]) if nums else "*"
