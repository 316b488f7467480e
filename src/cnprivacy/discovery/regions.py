"""Administrative-division data: region codes for resident IDs, place names for addresses.

The table is python-stdnum's ``cn/loc.dat`` (GB/T 2260 codes with their historic names). It is
used as a *hint*: a resident ID keeps its 6-digit region code for life, and codes are retired and
reused, so an ID is rejected only when its province (first two digits) does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NAME = re.compile(r"\[[^\]]*\]")

#: Province-level codes (GB/T 2260), including Taiwan, Hong Kong and Macao as numbered there.
PROVINCE_CODES: frozenset[str] = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})

# Short forms people write without the 省/市/自治区 suffix.
_PROVINCE_SHORT = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港",
    "澳门",
)
_EXTRA_PROVINCES = ("香港特别行政区", "澳门特别行政区")
_SUFFIXES = ("自治县", "自治州", "自治旗", "地区", "新区", "市", "区", "县", "旗", "盟", "州")


@dataclass(frozen=True, slots=True)
class Divisions:
    """Read-only place tables built once from the code list."""

    codes: frozenset[str]             # every 6-digit code ever listed
    provinces: frozenset[str]         # full and short province names
    places: frozenset[str]            # prefecture and county names, with and without suffix
    prefectures: frozenset[str] = frozenset()  # prefecture-level names, with and without suffix


def _read_lines() -> list[str]:
    text = resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    return text.splitlines()


@cache
def divisions() -> Divisions:
    """Parse the division table (once per process; the result is immutable)."""
    codes: set[str] = set()
    provinces: set[str] = set(_PROVINCE_SHORT) | set(_EXTRA_PROVINCES)
    places: set[str] = set()
    prefectures: set[str] = set()
    prefix = ""
    for line in _read_lines():
        if not line or line.startswith("#"):
            continue
        key, _, attrs = line.strip().partition(" ")
        value = attrs.partition("=")[2].strip('"')
        names = [n.strip() for n in _NAME.sub("", value).split(",") if n.strip()]
        if not line.startswith(" "):
            prefix = key
            provinces.update(names)
            continue
        code = prefix + key
        codes.add(code)
        if key == "0000":
            continue
        for name in names:
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            level = prefectures if key.endswith("00") else places
            places.add(name)
            level.add(name)
            for suffix in _SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    places.add(name[: -len(suffix)])
                    level.add(name[: -len(suffix)])
                    break
    return Divisions(frozenset(codes), frozenset(provinces), frozenset(places),
                     frozenset(prefectures))


def plausible_region(code: str) -> bool:
    """A resident-ID region code whose province exists (the county is only a hint)."""
    return code[:2] in PROVINCE_CODES
