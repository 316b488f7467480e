"""Mainland postal addresses: an administrative-division name, then address units.

An address starts at a province, prefecture or county name from the division table and goes on
with units that end in a level marker (市/区/县/镇/街道/村/路/街/号/栋/室 ...). One unit at least
must follow the anchor, so a bare place name (我在北京工作) is not an address.
"""

from __future__ import annotations

import re
from functools import cache

from cnprivacy.discovery.regions import divisions

_STOP = "的了是在住与及或说他她我你们电话手机邮箱身份姓名先生女士收件人联系"
_FILL = f"(?:(?![{_STOP}])[\u4e00-\u9fff])"
_LEVEL = (
    "特别行政区|自治区|自治州|自治县|省|市|区|县|旗|盟|镇|乡|街道|村|社区|大道|路|街|道|巷|弄|胡同|"
    "里|小区|花园|公寓|大厦|广场|中心|苑|园|城|庄|屯|组|湾|坊"
)
_NUMBERED = "号楼|号院|号|座|栋|幢|楼|单元|室|层|弄|组|户"
_UNIT = (
    f"(?:{_FILL}{{0,12}}?(?:{_LEVEL})"
    f"|[0-9A-Za-z]{{1,6}}(?:-[0-9A-Za-z]{{1,6}})?(?:{_NUMBERED}))"
)


def _trie_pattern(words: set[str]) -> str:
    """A regex alternation shaped as a trie: fast in ``re`` where a flat list is not."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@cache
def address_regex() -> re.Pattern[str]:
    """The compiled address pattern (built once from the division table)."""
    d = divisions()
    anchor = _trie_pattern(set(d.provinces) | set(d.places))
    return re.compile(f"(?P<anchor>{anchor})(?P<units>(?:{_UNIT}){{1,14}})")


_UNIT_RE = re.compile(_UNIT)
_ADMIN_SUFFIX = ("省", "市", "区", "县", "旗", "盟", "州", "自治区", "特别行政区")


_STREET = re.compile(
    "(?:街道|村|社区|大道|路|街|巷|弄|胡同|小区|花园|公寓|大厦|号楼|号院|号|座|栋|幢|单元|室|组)$")


def _enough(m: re.Match[str]) -> bool:
    # A place name written without its suffix (合作, 深圳) is an ordinary word too often: then
    # a street-level unit (路, 号, 村 ...) must follow, not just 城 or 市.
    if m.group("anchor").endswith(_ADMIN_SUFFIX):
        return True
    return any(_STREET.search(u) for u in _UNIT_RE.findall(m.group("units")))


def find_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of addresses in free text."""
    return [m.span() for m in address_regex().finditer(text) if _enough(m)]


def is_address(value: str) -> bool:
    """A whole cell that is an address (trailing postcode or spaces allowed)."""
    v = value.strip()
    m = address_regex().match(v)
    if m is None or not _enough(m):
        return False
    rest = v[m.end():].strip()
    return not rest or (rest.isdigit() and len(rest) == 6) or len(rest) <= 2
