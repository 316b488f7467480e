"""Generalisation: replace a value by a coarser one that many people share.

Each function returns ``None`` when it cannot read the value; the caller then suppresses it
rather than letting an unparsed (and so possibly identifying) value through.
"""

from __future__ import annotations

import ipaddress
import math
import re
from datetime import date, datetime

from cnprivacy.discovery.normalize import fold
from cnprivacy.discovery.pitypes import resident_id

# The 34 provincial-level divisions, longest names first so that 内蒙古自治区 wins over 内蒙古.
_PROVINCES = sorted((
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
), key=len, reverse=True)
_SHORT = {name: re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", name)
          for name in _PROVINCES}
_MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
_CITY_RE = re.compile(r"^(.{1,12}?(?:自治州|地区|盟|市))")
_DISTRICT_RE = re.compile(r"^(.{1,12}?(?:区|县|旗|市))")
_DATE_RE = re.compile(r"(\d{4})\s*(?:[-/.年])?\s*(\d{1,2})\s*(?:[-/.月])?\s*(\d{1,2})")


def parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE_RE.search(fold(str(value)))
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def birth_date_of(entity_type: str | None, value: object) -> date | None:
    if entity_type == "cn_resident_id":
        return resident_id.birth_date(resident_id.key(str(value)))
    return parse_date(value)


def generalise_date(born: date, to: str, *, as_of: date, band: int) -> str:
    if to == "year":
        return str(born.year)
    if to == "month":
        return f"{born.year:04d}-{born.month:02d}"
    age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    if age < 0:
        return "unknown"
    low = (age // band) * band
    return f"{low}-{low + band - 1}"


def split_address(value: str) -> tuple[str | None, str | None, str | None]:
    """(province, city, district) as written; parts that cannot be found are None."""
    text = "".join(value.split())
    province = next((p for p in _PROVINCES if text.startswith(p)), None)
    if province is None:
        province = next((p for p in _PROVINCES if text.startswith(_SHORT[p])), None)
        rest = text[len(_SHORT[province]):] if province else text
    else:
        rest = text[len(province):]
    if province in _MUNICIPALITIES:
        city: str | None = province
    else:
        match = _CITY_RE.match(rest)
        city = match.group(1) if match else None
        rest = rest[len(city):] if city else rest
    match = _DISTRICT_RE.match(rest)
    district = match.group(1) if match and city else None
    return province, city, district


def generalise_address(value: str, to: str) -> str | None:
    """The address cut to ``to``; when that level cannot be read, the next coarser one
    (coarser never reveals more), and None when not even the province can be read."""
    province, city, district = split_address(value)
    if to == "province" or city is None:
        return province
    prefix = "" if province is None or province == city else province
    if to == "city" or district is None:
        return prefix + city
    return prefix + city + district


_COORD_RE = re.compile(r"[-+]?\d{1,3}(?:\.\d+)?")


def generalise_gps(value: str, grid: float) -> str | None:
    """Snap every coordinate in the value to the centre of a ``grid``-degree cell."""
    text = fold(value)
    numbers = list(_COORD_RE.finditer(text))
    if len(numbers) != 2:
        return None
    places = max(0, -math.floor(math.log10(grid)) + 1)
    pieces: list[str] = []
    last = 0
    for match in numbers:
        coordinate = float(match.group(0))
        snapped = (math.floor(coordinate / grid) + 0.5) * grid
        pieces.append(text[last:match.start()] + f"{snapped:.{places}f}")
        last = match.end()
    return "".join(pieces) + text[last:]


def generalise_ip(value: str, prefix: int | None) -> str | None:
    try:
        address = ipaddress.ip_address(fold(value).strip())
    except ValueError:
        return None
    bits = prefix if prefix is not None else (24 if address.version == 4 else 48)
    bits = min(bits, address.max_prefixlen)
    return str(ipaddress.ip_network(f"{address}/{bits}", strict=False))
