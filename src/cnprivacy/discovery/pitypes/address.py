"""Mainland postal addresses: an administrative-division name, then address units.

An address starts at a province, prefecture or county name from the division table and goes on
with units that end in a level marker (市/区/县/镇/街道/村/路/街/号/栋/室 ...). One unit at least
must follow the anchor, so a bare place name (我在北京工作) is not an address.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import CONFIG_VERSIONS, native
from cnprivacy.discovery.pitypes._keys import spaceless_key
from cnprivacy.discovery.regions import divisions

NAME: Final = T.ADDRESS
VALIDATOR: Final = "administrative-division anchor followed by address units"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "contact"
HINTS: Final = ("地址", "住址", "住所", "居住地", "户籍", "address", "addr")

# 局/委/厅/党 inside a unit make it an organisation (福州市国税局, 萍乡市委), not an address.
_STOP = "的了是在住与及或说他她我你们电话手机邮箱身份姓名先生女士收件人联系要把以对被就也还再很这局委厅党"
_FILL = f"(?:(?![{_STOP}])[\u4e00-\u9fff])"
# Level and numbered words in the pattern's alternation order (the first that matches wins:
# 街道 before 街, 号楼 before 号); the accelerator tries them in the same order.
_LEVELS = (
    "特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "旗", "盟", "镇", "乡", "街道",
    "村", "社区", "大道", "路", "街", "道", "巷", "弄", "胡同", "里", "小区", "花园", "公寓", "大厦",
    "广场", "中心", "苑", "园", "城", "庄", "屯", "组", "湾", "坊",
)
_NUMBERED_WORDS = ("号楼", "号院", "号", "座", "栋", "幢", "楼", "单元", "室", "层", "弄", "组", "户")
_LEVEL = "|".join(_LEVELS)
_NUMBERED = "|".join(_NUMBERED_WORDS)
#: The characters of a numbered unit's number, and what may join its two parts.
_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
_DASHES = "-－"
# A unit's own name is at most 8 characters before its level word (高新技术产业开发区 has 7):
# longer runs were running text that happened to reach 县 or 市 (萍乡市委多年来坚持…副县).
_FILL_MAX: Final = 8
_RUN_MAX: Final = 6
_UNIT = (
    f"(?:{_FILL}{{0,{_FILL_MAX}}}?(?:{_LEVEL})"
    f"|[{_ALNUM}]{{1,{_RUN_MAX}}}(?:[{_DASHES}][{_ALNUM}]{{1,{_RUN_MAX}}})?(?:{_NUMBERED}))"
)


@dataclass(frozen=True, slots=True)
class _Anchors:
    first: re.Pattern[str]      # where a place name can start (its first two characters)
    names: frozenset[str]       # province, prefecture and county names
    lengths: dict[str, tuple[int, ...]]  # first character -> name lengths, longest first


@cache
def _anchors() -> _Anchors:
    """Place names as a set: looked up by slicing, which ``re`` cannot beat with a
    several-thousand-branch alternation (that runs at ~1 MB/s)."""
    d = divisions()
    names = frozenset(n for n in d.provinces | d.places if len(n) >= 2)
    by_first: dict[str, set[int]] = {}
    for n in names:
        by_first.setdefault(n[0], set()).add(len(n))
    first = "".join(sorted(by_first))
    second = "".join(sorted({n[1] for n in names}))
    # First and second characters both checked in C: far fewer positions reach Python.
    return _Anchors(re.compile(f"[{re.escape(first)}](?=[{re.escape(second)}])"), names,
                    {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()})


_UNIT_RE = re.compile(_UNIT)
_MAX_UNITS: Final = 14
_ADMIN_SUFFIX = ("省", "市", "区", "县", "旗", "盟", "州", "自治区", "特别行政区")
_STREET_UNITS = ("街道", "村", "社区", "大道", "路", "街", "巷", "弄", "胡同", "小区", "花园", "公寓",
                 "大厦", "号楼", "号院", "号", "座", "栋", "幢", "单元", "室", "组")
_STREET = re.compile(f"(?:{'|'.join(_STREET_UNITS)})$")


#: District names that are ordinary words (城区道路, 郊区和农区): never an anchor by themselves.
_GENERIC = frozenset({"城区", "郊区", "矿区", "新区", "市区", "城关", "城中", "城北", "城南", "城东",
                      "城西", "东区", "西区", "南区", "北区", "中区"})


@cache
def _bare_ok() -> frozenset[str]:
    """Place names that may open an address without their suffix: provinces and
    prefecture-level cities (湘潭, 深圳). A county written without its suffix is an ordinary
    word far too often in running text (合作, 和平, 解放, 资源, 新建, 光明, 富裕)."""
    d = divisions()
    return d.provinces | d.prefectures


def _enough(anchor: str, units: list[str]) -> bool:
    """Whether ``units`` (at least one) after the place name ``anchor`` make an address, by
    :func:`_anchor_mode`."""
    mode = _anchor_mode(anchor)
    return mode == MODE_ANY or (mode == MODE_STREET and any(_STREET.search(u) for u in units))


def _match_at(text: str, pos: int, a: _Anchors) -> int:
    """End of the address starting at ``pos`` (longest anchor that units follow), or -1."""
    for size in a.lengths.get(text[pos], ()):
        anchor = text[pos:pos + size]
        if anchor in a.names:
            end = _units_end(text, pos, size, anchor)
            if end >= 0:
                return end
    return -1


def find_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of addresses in free text: the C accelerator walks the text and looks place
    names up when it is built, else :func:`_find_addresses_python` (the reference; tests
    compare the two)."""
    cjk = native("_cjk")
    if cjk is None:
        return _find_addresses_python(text)
    found: list[tuple[int, int]] = cjk.anchors(text, _native_tables())
    return found


def text_finder() -> Callable[[str], list[tuple[int, int]]]:
    """:func:`find_addresses` with the accelerator and its tables looked up now, not once a
    line (see :func:`.name.text_finder`)."""
    cjk = native("_cjk")
    if cjk is None:
        return _find_addresses_python
    anchors, tables = cjk.anchors, _native_tables()
    return lambda text: anchors(text, tables)


#: Units that are common nouns, not a place's name (郑州铁路分局, 淮南市…城市信用社): the
#: address ends before them.
_COMMON_UNITS = frozenset({"铁路", "公路", "道路", "线路", "城市", "农村", "城乡", "市区"})
#: Words of an organisation's name, which no division, road or building name holds: a unit
#: holding one is the organisation's name running on (淮南市农业银行田东城市信用社), and the
#: address ends before it. 大学 and 学院 are left out: roads are named after them (学院路).
_ORG_WORDS = ("银行", "信用社", "公司", "集团", "法院", "检察院", "委员会", "协会", "报社",
              "电视台", "研究所", "研究院", "政府", "政协", "人大", "党委", "供销")
#: A unit's last character and the one after it making a word (市场, 村民, 组织, 路桥):
#: the unit is the first half of that word, not a place (深圳市市场监督管理局, 领导小组组长),
#: and the address ends before it.
_LEVEL_ON = ("市场", "市民", "村委", "村民", "组织", "组成", "组委", "组长", "组员", "路桥", "路面")
#: The same for a title or an organ (浙江省省长, 石家庄市副市长, 承德市团市委), checked only on a
#: unit that repeats the level before it, alone or after 副 or 团: any other unit is a place's
#: name (安徽省合肥市长江路, 涪城区长春街).
_TITLE_ON = ("省长", "省委", "省政", "市长", "市委", "市政", "区长", "区委", "区政", "县长", "县委",
             "县政", "旗委", "镇长", "镇委", "镇政", "乡长", "乡政")
_TITLE_PREFIX = "副团"
#: Words of an organisation's name. An address of divisions alone (no street, village or
#: building unit) that one of them follows within the next few characters of the same run
#: of name characters, or at the character that ends the run, is that organisation's name
#: (福州市仓山区公安局, 永州市东安县人民法院, 武汉市硚口区工业局, 广东省广州市捷进化工有限公司),
#: not anyone's address. The run stops at punctuation, at a function word (_STOP, which
#: holds 局/委/厅) and at 一 (广州市花都区一家公司 keeps its address). 公安 is no unit's
#: organisation word: 公安县 is a county.
_ORG_AFTER = (*_ORG_WORDS, "公安", "人民法院", "人民政府", "人民医院", "人民检察院", "人民代表",
              "人民银行", "检察", "委员", "消防", "司法", "税务", "工商", "财政", "民政", "国资",
              "物价", "侨务", "中学", "小学", "医院", "分行", "支行", "企业", "实业", "投资", "房地产",
              "股份", "有限", "工程", "化工", "律师", "事务所", "委", "局", "厅")
#: How far after the address :data:`_ORG_AFTER` is looked for.
_ORG_AFTER_SPAN: Final = 8
_FILL_RE = re.compile(_FILL)


def _units_end(text: str, pos: int, size: int, anchor: str) -> int:
    """End of the units after the place name ``anchor`` at ``pos``, or -1 (:func:`_match_at`
    for one anchor)."""
    end = pos + size
    units: list[str] = []
    while len(units) < _MAX_UNITS:
        unit = _UNIT_RE.match(text, end)
        if unit is None or unit.group() in _COMMON_UNITS or any(
                w in unit.group() for w in _ORG_WORDS) or _first_half(text, unit):
            break
        units.append(unit.group())
        end = unit.end()
    if not units or not _enough(anchor, units):
        return -1
    if not any(_STREET.search(u) for u in units) and _organisation_follows(text, end):
        return -1
    return end


def _first_half(text: str, unit: re.Match[str]) -> bool:
    """Whether the unit's last character begins a word of :data:`_LEVEL_ON` or, for a unit
    repeating the level before it (省 after 浙江省, 副市 after 石家庄市), of :data:`_TITLE_ON`."""
    pair = text[unit.end() - 1:unit.end() + 1]
    if pair in _LEVEL_ON:
        return True
    u = unit.group()
    core = u[1:] if len(u) == 2 and u[0] in _TITLE_PREFIX else u
    return len(core) == 1 and core == text[unit.start() - 1] and pair in _TITLE_ON


def _organisation_follows(text: str, end: int) -> bool:
    """Whether a word of :data:`_ORG_AFTER` starts within the run of name characters after
    ``end`` (at most :data:`_ORG_AFTER_SPAN` of them, 一 ending the run) or at the character
    that ends it."""
    stop = end
    while (stop < len(text) and stop - end < _ORG_AFTER_SPAN and text[stop] != "一"
           and _FILL_RE.fullmatch(text[stop])):
        stop += 1
    return any(text.startswith(w, q) for q in range(end, stop + 1) for w in _ORG_AFTER)


def _find_addresses_python(text: str) -> list[tuple[int, int]]:
    a = _anchors()
    out: list[tuple[int, int]] = []
    last = 0
    for m in a.first.finditer(text):
        start = m.start()
        if start < last:
            continue
        end = _match_at(text, start, a)
        if end > 0:
            out.append((start, end))
            last = end
    return out


def is_address(value: str) -> bool:
    """A whole cell that is an address (trailing postcode or spaces allowed)."""
    v = value.strip()
    end = _match_at(v, 0, _anchors())
    if end < 0:
        return False
    rest = v[end:].strip()
    return not rest or (rest.isdigit() and len(rest) == 6) or len(rest) <= 2


# Bits of the accelerator's character classes (_native/_cjk.c): a place name's first and
# second characters; a unit's fill character, number character and dash, and the first
# characters of the level and numbered words; AFTER: a character that may start an
# organisation's word or end a _LEVEL_ON/_TITLE_ON word (a filter: the C checks the words).
PLACE1, PLACE2 = 32, 64
UNIT_FILL, UNIT_ALNUM, UNIT_DASH, LEVEL1, NUMBERED1, AFTER = 1, 2, 4, 8, 16, 128
#: What :func:`_enough` asks of the units after a place name, by name (the accelerator's
#: ``places``): nothing suffices, any unit, or a street-level one.
MODE_NEVER, MODE_ANY, MODE_STREET = 0, 1, 2


def _anchor_mode(anchor: str) -> int:
    """What the units after the place name ``anchor`` must hold (:func:`_enough`; the C reads
    it per place name)."""
    # A place name written without its suffix, or a two-character one (和县, 城区), must be a
    # province or prefecture and be followed by a street-level unit (路, 号, 村 ...), not just
    # 城 or 市. A suffixed name of three characters or more (西湖区) anchors any unit.
    if anchor in _GENERIC:
        return MODE_NEVER
    if anchor.endswith(_ADMIN_SUFFIX) and len(anchor) > 2:
        return MODE_ANY
    if anchor not in _bare_ok():
        return MODE_NEVER
    return MODE_STREET


def pair_slot(first: str, second: str) -> int:
    """The accelerator's hash slot of a place name's first two characters."""
    return (ord(first) * 40503 + ord(second)) & 0xFFFF


@cache
def _native_tables() -> tuple[object, ...]:
    """The accelerator's configuration: (version, character classes, name lengths by first
    character, name lengths by hash slot of the first two characters, place names with their
    :func:`_anchor_mode`, level words, numbered words, common units, street units,
    organisation words, :data:`_LEVEL_ON`, :data:`_TITLE_ON`, :data:`_ORG_AFTER`,
    ``_MAX_UNITS``, ``_FILL_MAX``, ``_RUN_MAX``, ``_ORG_AFTER_SPAN``); lengths are uint32 bit
    masks. The C checks the version and length before reading it. The unit classes come from
    the very patterns :data:`_UNIT_RE` is built of (each BMP character tried against them);
    those patterns hold no character beyond the BMP, where the C gives every character no
    class."""
    a = _anchors()
    fill, alnum, dash = _FILL_RE, re.compile(f"[{_ALNUM}]"), re.compile(f"[{_DASHES}]")
    classes = bytearray(65536)
    for code in range(65536):
        ch = chr(code)
        classes[code] = ((UNIT_FILL if fill.fullmatch(ch) else 0)
                         | (UNIT_ALNUM if alnum.fullmatch(ch) else 0)
                         | (UNIT_DASH if dash.fullmatch(ch) else 0))
    for words, bit in ((_LEVELS, LEVEL1), (_NUMBERED_WORDS, NUMBERED1)):
        for word in words:
            if ord(word[0]) > 0xFFFF or "\n" in word:
                raise ValueError(f"unit word outside the accelerator's tables: {word!r}")
            classes[ord(word[0])] |= bit
    for ch in {w[0] for w in _ORG_AFTER} | {w[1] for w in (*_LEVEL_ON, *_TITLE_ON)}:
        classes[ord(ch)] |= AFTER
    lengths = array("I", bytes(4 * 65536))
    pairs = array("I", bytes(4 * 65536))
    if lengths.itemsize != 4:
        raise RuntimeError("array 'I' is not 32-bit here")
    for name in a.names:
        if len(name) > 31 or ord(name[0]) > 0xFFFF or ord(name[1]) > 0xFFFF:
            raise ValueError(f"place name outside the accelerator's tables: {name!r}")
        classes[ord(name[0])] |= PLACE1
        classes[ord(name[1])] |= PLACE2
        lengths[ord(name[0])] |= 1 << len(name)
        pairs[pair_slot(name[0], name[1])] |= 1 << len(name)
    # Sorted: the C tries them in this order, and any order gives the same answer.
    common, street = tuple(sorted(_COMMON_UNITS)), _STREET_UNITS
    return (CONFIG_VERSIONS["_cjk"], bytes(classes), lengths.tobytes(), pairs.tobytes(),
            {n: _anchor_mode(n) for n in a.names}, _LEVELS, _NUMBERED_WORDS, common, street,
            _ORG_WORDS, _LEVEL_ON, _TITLE_ON, _ORG_AFTER, _MAX_UNITS, _FILL_MAX, _RUN_MAX,
            _ORG_AFTER_SPAN)


_LEVEL_END = re.compile(r"(?:省|自治区|特别行政区|市|区|县|旗|盟)")


key = spaceless_key


def mask(value: str) -> str:
    """The first administrative level (province or city) only."""
    v = value.strip()
    m = _LEVEL_END.search(v, 0, 10)
    keep = m.end() if m else min(3, len(v) // 3)
    return v[:keep] + "*" * max(3, min(len(v) - keep, 12))
