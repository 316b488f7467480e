"""Find PI in a string: one combined pattern for identifiers, validation of every candidate.

Stable interface (used by de-identification): :class:`Span`, :func:`find_spans`, :func:`validate`.

How it stays fast: a first pattern that starts with a character class finds the regions that
can hold an identifier (ASCII letters and digits, their full-width forms, plate province
characters) at C speed; each region is folded on its own (full-width to ASCII, same length, so
offsets hold) and one compiled alternation finds candidates inside it; only candidates are
validated (checksums, number plans, dates). Digit runs written with people's separators (``138 1234 5678``,
``110101-19900307-123X``) are split into groups and the longest run of groups that validates
wins, so two numbers separated by a space stay two numbers. Boundaries are explicit look-arounds
on ASCII letters and digits, never ``\\b`` (which treats Chinese characters as word characters).
Names, addresses and health terms come from their own modules and run only when asked for.
Everything here is a pure function of its input: no global mutable state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache, partial
from operator import itemgetter
from types import ModuleType

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import CONFIG_VERSIONS, INTERFACES, enabled, native
from cnprivacy.discovery._native import load as load_native
from cnprivacy.discovery.normalize import compact, fold
from cnprivacy.discovery.numberplan import fixed_line_pattern, mobile_pattern
from cnprivacy.discovery.pitypes import (
    address,
    bank_card,
    email,
    gps,
    health,
    ip,
    landline,
    mobile,
    name,
    passport,
    permit,
    plate,
    resident_id,
    uscc,
)
from cnprivacy.discovery.pitypes.address import is_address
from cnprivacy.discovery.pitypes.name import NAMES_FAST, is_name
from cnprivacy.discovery.pitypes.name_accurate import find_names_in
from cnprivacy.discovery.regions import PROVINCE_CODES


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of PI in a string: 0-based character offsets, ``end`` exclusive."""

    start: int
    end: int
    type: str


#: A span as a plain tuple: (start, end, type).
Found = tuple[int, int, str]
_start = itemgetter(0)


_PROVINCE_ABBR = plate.PROVINCES
_CANDIDATES = re.compile(
    r"(?<![0-9A-Za-z_.@%+\-])(?:"
    f"(?P<email>{email.PATTERN})"
    r"|(?P<gps>-?\d{1,3}\.\d{4,}[ ]?[,，][ ]?-?\d{1,3}\.\d{4,})"
    f"|(?P<ipv4>{ip.IPV4_PATTERN})"
    r"|(?P<ipv6>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
    r"|(?P<num>(?:(?:\+|00)86[ \-]?)?(?:\(0\d{2,3}\)[ \-]?)?\d(?:[ \-]?\d){6,}[Xx]?)"
    r"|(?P<alnum>[A-Z][0-9A-Z]?\d{7,10}|[0-9A-Z]{2}\d{6}[0-9A-Z]{10})"
    f"|(?P<plate>[{_PROVINCE_ABBR}][A-Z][·•\\- ]?[A-HJ-NP-Z0-9]{{4,5}}[A-HJ-NP-Z0-9挂学警港澳]?)"
    r")(?![0-9A-Za-z])"
)
_GROUPS = re.compile(r"(?:\+|00)86|\(0\d{2,3}\)|\d+[Xx]?")


def classify_digits(value: str, today: int | None = None) -> str | None:
    """Type of a compact ASCII digit string (optional +86/0086 prefix, final X), or None.

    The decision order: country-code numbers are phones; 18 digits are a resident ID, then a
    USCC, then a card; 15 a legacy ID; 11 starting with 1 a mobile; 10-12 starting with 0 a
    landline; 13-19 a card. ``today`` (YYYYMMDD) saves a clock read per call.
    """
    if value.startswith(mobile.COUNTRY_PREFIXES):
        if mobile.is_valid(value):
            return T.CN_MOBILE
        return T.CN_LANDLINE if landline.is_valid(value) else None
    if value[:1] == "+" or not value:
        return None
    n = len(value)
    if n == 18:
        if resident_id.is_valid(value, today or resident_id.today_ymd()):
            return T.CN_RESIDENT_ID
        if uscc.is_valid(value):
            return T.USCC
        return T.BANK_CARD if bank_card.is_valid(value) else None
    if n == 15 and resident_id.is_valid(value, today or resident_id.today_ymd()):
        return T.CN_RESIDENT_ID
    if n == 11 and value[0] == "1":
        return T.CN_MOBILE if mobile.is_national(value) else None
    if value[0] == "0" and 10 <= n <= 12:
        return T.CN_LANDLINE if landline.is_valid(value) else None
    if 13 <= n <= 19 and bank_card.is_valid(value):
        return T.BANK_CARD
    return None


def _alnum_type(value: str) -> str | None:
    if len(value) == 18:
        return T.USCC if uscc.is_valid(value) else None
    if passport.is_valid(value):
        return T.CN_PASSPORT
    if permit.is_valid(value):
        return T.HK_MACAU_PERMIT
    return None


# Stage one: regions that can hold an identifier (ASCII letters/digits and their separators,
# or a plate's province character). A pattern that starts with a character class lets ``re``
# skip ahead at C speed (about 10x the combined pattern's speed on Chinese text); the combined
# pattern then runs inside those regions only.
_WIDE = "０-９Ａ-Ｚａ-ｚ＋（）－＠．\u3000"
_REGION_START = f"[0-9A-Za-z+({_PROVINCE_ABBR}{_WIDE}]"
_REGION_CONT = f"[0-9A-Za-z@._%+\\-()·•,，: {_PROVINCE_ABBR}{_WIDE}\u2010-\u2014]"
_REGIONS = re.compile(f"{_REGION_START}{_REGION_CONT}*")


def _structured(text: str, wanted: Collection[str] | None) -> list[Found]:
    """Identifier spans of ``text``: the C accelerator when it is built, else pure Python.

    Both give exactly the same spans (tests compare them on the evaluation corpus and on
    generated messy text)."""
    digitruns = native("_digitruns")
    if digitruns is None or _native_tables() is None:
        out = _structured_python(text)
        card = True
    else:
        out, card = _structured_native(text, digitruns)
    # ``card`` is False when the accelerator saw no run of 13 digits that the context check
    # could look at (see ``card_candidate`` in _digitruns.c): the check would find nothing.
    if card and (wanted is None or T.BANK_CARD in wanted) and bank_card.may_have_context(text):
        extra = bank_card.cards_by_context(text, {sp[0]: sp[1] for sp in out})
        if extra:
            out = _merge(out, extra)
    if wanted is not None and not T.STRUCTURED_TYPES.issubset(wanted):
        out = [sp for sp in out if sp[2] in wanted]
    return out


def _structured_python(text: str) -> list[Found]:
    """Identifier spans of ``text``, region by region.

    Most regions of PI-dense text are one bare digit run, perhaps with a trailing comma
    (``18114539646，``): for those the combined pattern can only find the whole run as a
    ``num`` candidate (the look-behind stops every later start), so the run goes straight to
    :func:`classify_digits`; regions shorter than three characters hold no candidate at all. The
    rest run the combined pattern."""
    out: list[Found] = []
    today = resident_id.today_ymd()
    for region in _REGIONS.finditer(text):
        value = region.group()
        if len(value) >= 3:
            _one_region(region.start(), value, out, today)
    return out


def _one_region(start: int, value: str, out: list[Found], today: int) -> None:
    if value.isascii():
        core = value.rstrip(",")
        if not core.isdigit():
            _region_fast(start, value, out, today)
            return
    else:
        # Trailing commas are in no candidate and end no candidate differently from the end
        # of the region: without them most regions are ASCII and need no folding.
        core = value.rstrip("，,")
        if not core.isascii():
            _region_fast(start, fold(core), out, today)
            return
        if not core.isdigit():
            _region_fast(start, core, out, today)
            return
    n = len(core)
    if 10 <= n <= 19:
        t = classify_digits(core, today)
        if t is not None:
            out.append((start, start + n, t))


def _structured_native(text: str, native: ModuleType) -> tuple[list[Found], bool]:
    """Regions that are digit runs (bare or with separators) are found and checked in C
    (``_native/_digitruns.c``); the other regions come back and run :func:`_one_region`.
    Also whether the card-context check could find anything (see :func:`native_scan`).
    Calls the accelerator itself rather than through :func:`native_scan`: one frame less a
    line, which a scan of short lines feels."""
    today = resident_id.today_ymd()
    spans, rest, asked, _windows, card = native.scan(text, _native_tables(), today, _NATIVE_DECIDES)
    if asked:
        _decide_asked(text, spans, asked)
    if rest:
        for start, end in rest:
            _one_region(start, text[start:end], spans, today)
        spans.sort(key=_start)
    return spans, card


def native_scan(native: ModuleType, text: str, today: int
                ) -> tuple[list[Found], list[tuple[int, int]], int, bool]:
    """The accelerator's pass over ``text``: its spans, the regions it leaves to Python, the
    number of group windows it tried (tests check that bound) and whether a run of 13 digits
    stands where :func:`bank_card.cards_by_context` would look at it (False: that check can
    find nothing and is skipped). Candidates it found whole but was told not to decide
    (:data:`_NATIVE_DECIDES`) are validated here, after the call: C never calls back into
    Python."""
    config = _native_tables()
    if config is None:
        raise RuntimeError("the accelerator's tables could not be built on this Python")
    spans, rest, asked, windows, card = native.scan(text, config, today, _NATIVE_DECIDES)
    if asked:
        _decide_asked(text, spans, asked)
    return spans, rest, windows, card


def _decide_asked(text: str, spans: list[Found], asked: list[tuple[int, int, int]]) -> None:
    """Add to ``spans`` (kept sorted) the candidates the accelerator found whole but left to
    Python to decide."""
    for start, end, shape in asked:
        kind = _native_other(shape, text[start:end])
        if kind is not None:
            spans.append((start, end, kind))
    spans.sort(key=_start)


#: The accelerator's type names in the order of its enum (checked against its TYPE_ORDER).
_NATIVE_TYPES = (T.CN_RESIDENT_ID, T.CN_MOBILE, T.BANK_CARD, T.EMAIL, T.IP_ADDRESS,
                 T.CN_LANDLINE, T.CN_PASSPORT, T.HK_MACAU_PERMIT, T.LICENSE_PLATE, T.USCC)
#: The version of the configuration tuple :func:`_native_tables` builds (``CONFIG_VERSION`` in
#: the C, which refuses a tuple of another version or length).
NATIVE_CONFIG_VERSION = CONFIG_VERSIONS["_digitruns"]


@cache
def _native_tables() -> tuple[object, ...] | None:
    """The accelerator's configuration, built once from the Python rules and passed whole to
    every call (one checked tuple, not positional tables that could drift): version; region
    character classes (bit 1 start, bit 2 continuation, bit 4 a plate's province character,
    bit 8 a comma) over the BMP; province codes; the national mobile and fixed-line number
    plans as digit automata (next states, accepting states); the digit-run fold of every BMP
    character (from :data:`normalize.FOLD_TABLE`); the card length bits of every four-digit
    prefix (from :func:`bank_card.scheme_length_ok`); the type names in enum order. None when
    the automata cannot be built (they read patterns with Python's own, private, pattern
    parser: a Python that changed it runs the pure-Python path instead)."""
    try:
        from cnprivacy.discovery.digitdfa import digit_dfa

        mobile = digit_dfa(mobile_pattern())
        fixed = digit_dfa(fixed_line_pattern())
    except (ImportError, AttributeError, ValueError):
        return None
    start, cont = re.compile(_REGION_START), re.compile(_REGION_CONT)
    classes = bytearray(65536)
    for code in range(65536):
        ch = chr(code)
        classes[code] = (1 if start.fullmatch(ch) else 0) | (2 if cont.fullmatch(ch) else 0)
    for ch in _PROVINCE_ABBR:
        classes[ord(ch)] |= 4
    for ch in ",，":
        classes[ord(ch)] |= 8
    provinces = bytearray(100)
    for province in PROVINCE_CODES:
        provinces[int(province)] = 1
    return (NATIVE_CONFIG_VERSION, bytes(classes), bytes(provinces), mobile.next, mobile.accept,
            fixed.next, fixed.accept, digit_run_fold(), card_length_bits(), _NATIVE_TYPES)


#: What a digit run's characters fold to in the accelerator: digits, the separators, the
#: final X, commas (both widths end a candidate alike) and the country code's +.
_RUN_CHARACTERS = "0123456789 -X,+"


def digit_run_fold() -> bytes:
    """The fold of every BMP character for digit runs: its :func:`normalize.fold` (commas
    of both widths as ``,``, ``x`` as ``X``) when that is a digit-run character, else 0."""
    table = bytearray(65536)
    for code in range(65536):
        ch = "," if code == 0xFF0C else fold(chr(code)).upper()
        if len(ch) == 1 and ch in _RUN_CHARACTERS:
            table[code] = ord(ch)
    return bytes(table)


def card_length_bits() -> bytes:
    """For every four-digit prefix, the card lengths (bit ``n - 13`` for ``n`` digits) the
    schemes issue (:func:`bank_card.scheme_length_ok`, which reads only those four digits)."""
    lengths = range(bank_card.MIN_DIGITS, bank_card.MAX_DIGITS + 1)
    return bytes(sum(1 << (n - bank_card.MIN_DIGITS) for n in lengths
                     if bank_card.scheme_length_ok(f"{p:04d}" + "0" * (n - 4)))
                 for p in range(10000))


#: Whether the accelerator decides plates, passports, permits and USCCs itself (False: a
#: test hook, it leaves them to :func:`_native_other`, so that tests can swap the validators).
_NATIVE_DECIDES = True


def _native_other(shape: int, value: str) -> str | None:
    """The type of a candidate the accelerator found whole but did not decide: shape 0 the
    ``alnum`` branch (USCC, passport, permit), shape 1 a plate."""
    if shape == 0:
        return _alnum_type(value)
    return T.LICENSE_PLATE if plate.is_valid(value) else None


#: The accelerator's argument and result shape this module calls (``INTERFACE`` in the C).
_NATIVE_INTERFACE = INTERFACES["_digitruns"]


def _load_native() -> ModuleType | None:
    # None without a compiler (the pure-Python path is complete) or for a stale build of an
    # older source (rebuild with `pip install -e .`).
    return load_native("_digitruns", _NATIVE_INTERFACE)


def check_accelerator(module: ModuleType) -> None:
    """Refuse a build whose type enum or check-digit tables differ from the Python ones (they
    are positional in C: a drift would mislabel spans, never fail)."""
    expected = {"TYPE_ORDER": _NATIVE_TYPES, "RID_WEIGHTS": resident_id.WEIGHTS,
                "USCC_WEIGHTS": uscc.WEIGHTS, "USCC_ALPHABET": uscc.ALPHABET,
                "CONFIG_VERSION": NATIVE_CONFIG_VERSION}
    for key, value in expected.items():
        built = getattr(module, key, None)
        if (tuple(built) if isinstance(built, tuple) else built) != value:
            raise RuntimeError(f"_digitruns {key} is {built!r}, the Python side {value!r}")


_BUILT = _load_native()
if _BUILT is not None:
    check_accelerator(_BUILT)


def _region_fast(base: int, folded: str, out: list[Found], today: int) -> None:
    """Identifier spans of one folded region that starts at ``base``: candidates of the
    combined pattern, each checked by its type's reference validator."""
    append = out.append
    for m in _CANDIDATES.finditer(folded):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "num":
            if e - s < 10:
                continue
            value = m.group()
            if value.isdigit() or (value[-1] in "Xx" and value[:-1].isdigit()):
                if e - s <= 19:
                    t = classify_digits(value.upper(), today)
                    if t is not None:
                        append((base + s, base + e, t))
            else:
                _grouped_spans(value, base + s, out, today)
        elif kind == "email":
            append((base + s, base + e, T.EMAIL))
        elif kind == "ipv4":
            append((base + s, base + e, T.IP_ADDRESS))
        else:
            t = _other_type(kind, m.group())
            if t is not None:
                append((base + s, base + e, t))


#: The shortest and longest compact values :func:`classify_digits` can accept: a 10-digit
#: landline with its trunk 0 (a country code needs nine national digits after it, so 12 or
#: 13), and a 19-digit card (0086 and a trunk-0 landline of 11 digits is 16). Runs of groups
#: outside these bounds are never joined, so each group starts a bounded number of windows.
_MIN_JOINED, _MAX_JOINED = 10, 19


@cache
def window_prefixes() -> tuple[frozenset[str], ...]:
    """By length, the first two characters a compact value needs for :func:`classify_digits`
    to accept it (a necessary condition, far cheaper than the call): a card prefix of that
    length (generated from :func:`card_length_bits`), anything at 15 and 18 (resident IDs,
    USCCs), a trunk 0 or a country code (``00``, ``+8``) from 10 to 16, a mobile's 1 at 11."""
    cards = card_length_bits()
    every = {f"{p:02d}" for p in range(100)}
    out: list[frozenset[str]] = []
    for n in range(_MAX_JOINED + 1):
        ok = {f"{p // 100:02d}" for p in range(10000)
              if bank_card.MIN_DIGITS <= n <= bank_card.MAX_DIGITS
              and cards[p] >> (n - bank_card.MIN_DIGITS) & 1}
        if n in (15, 18):
            ok |= every
        if _MIN_JOINED <= n <= 16:
            ok |= {f"0{d}" for d in range(10)} | {"+8"}
        if n == 11:
            ok |= {f"1{d}" for d in range(10)}
        out.append(frozenset(ok))
    return tuple(out)


def _grouped_spans(text: str, base: int, out: list[Found], today: int) -> int:
    """A digit run written with separators: the longest run of groups that validates wins.

    Only runs of groups whose compact form can validate (:data:`_MIN_JOINED` to
    :data:`_MAX_JOINED` characters) are tried, so a candidate of any length (a line of
    thousands of phone numbers, ``1-1-1-…``) costs time linear in its length. Returns the
    number of group windows examined (tests check the bound)."""
    groups = [(m.start(), m.end()) for m in _GROUPS.finditer(text)]
    # Separators between groups vanish in the compact form, so the compact form of a run of
    # groups is a slice of the whole candidate's: offsets[k] is where group k starts in it (a
    # group's compact length is its own, less the parentheses of an area code).
    joined = compact(text)
    offsets = [0]
    for a, b in groups:
        offsets.append(offsets[-1] + b - a - (2 if text[a] == "(" else 0))
    i, n = 0, len(groups)
    last = 0  # groups[i:last] is the widest window of at most _MAX_JOINED characters
    windows = 0
    prefixes = window_prefixes()
    while i < n:
        last = max(last, i)
        while last < n and offsets[last + 1] - offsets[i] <= _MAX_JOINED:
            last += 1
        found = 0
        for j in range(last, i, -1):
            if offsets[j] - offsets[i] < _MIN_JOINED:
                break
            windows += 1
            value = joined[offsets[i]:offsets[j]]
            kind = (classify_digits(value, today) if value[:2] in prefixes[len(value)]
                    else None)
            if kind is not None:
                out.append((base + groups[i][0], base + groups[j - 1][1], kind))
                found = j
                break
        i = found or i + 1
    return windows


def _other_type(kind: str | None, value: str) -> str | None:
    if kind == "ipv6":
        return T.IP_ADDRESS if ip.is_valid(value) else None
    if kind == "gps":
        return T.GPS_COORDINATE if gps.is_valid(value) else None
    if kind == "alnum":
        return _alnum_type(value)
    if kind == "plate" and plate.is_valid(value):
        return T.LICENSE_PLATE
    return None


def preload() -> None:
    """Build the read-only tables (divisions, lexicons, number plans, the accelerators'
    configurations) now rather than on first use: for benchmarks and for workers of a
    distributed engine. Without the accelerators' tables the first text paid about a second
    (the name scorer's packed lexicons and weights), which a benchmark timed as scanning."""
    from cnprivacy.discovery import numberplan

    address._anchors()
    name._lexicon()
    name._common_words()
    name._not_names()
    numberplan.mobile_re()
    numberplan.fixed_line_re()
    for recall in (False, True):  # scan's finders, and de-identification's (recall bias)
        _text_finders(NAMES_FAST, recall, enabled())
    _native_tables()


def _merge(base: list[Found], extra: list[Found]) -> list[Found]:
    """Add ``extra`` spans that overlap neither a ``base`` span nor an extra span already
    taken (earlier lists win). Both walks are linear: texts of any size stay cheap."""
    if not extra:
        return base
    kept = sorted(base, key=_start)
    taken: list[Found] = []
    i, n = 0, len(kept)
    last_end = -1
    for sp in sorted(extra, key=lambda s: (s[0], s[0] - s[1])):
        start, end = sp[0], sp[1]
        while i < n and kept[i][1] <= start:
            i += 1
        if (i < n and kept[i][0] < end) or start < last_end:
            continue
        taken.append(sp)
        last_end = end
    return sorted(kept + taken, key=_start)


def find_spans(text: str, types: Collection[str] | None = None, *,
               names: str = NAMES_FAST, recall: bool = False) -> list[Span]:
    """Non-overlapping PI spans in ``text``, sorted by start; ``types`` limits the search;
    ``names`` picks the person-name finder (``fast``, or ``accurate``: the optional model);
    ``recall`` finds names for masking (de-identification), where a name left costs more than
    a word over-masked (:func:`.name.find_names` with its recall bias for ``fast``,
    :func:`.name_accurate.find_names_recall` for ``accurate``)."""
    return [Span(a, b, t) for a, b, t in find_tuples(text, types, names=names, recall=recall)]


def find_tuples(text: str, types: Collection[str] | None = None, *,
                names: str = NAMES_FAST, recall: bool = False) -> list[Found]:
    """:func:`find_spans` as plain ``(start, end, type)`` tuples (no object per span: the
    scanner's text path handles tens of thousands of spans per megabyte)."""
    if not text:
        return []
    wanted = None if types is None else frozenset(types)
    return with_text_types(text, _structured(text, wanted), wanted, names=names, recall=recall)


def with_text_types(text: str, spans: list[Found], wanted: frozenset[str] | None, *,
                    names: str = NAMES_FAST, recall: bool = False) -> list[Found]:
    """Add names, addresses and health terms to identifier ``spans`` (identifiers win)."""
    if wanted is not None and not wanted & _TEXT_TYPES:
        spans.sort(key=_start)
        return spans
    # Names, addresses and health terms read full-width forms as they are (no folding pass).
    spans.sort(key=_start)
    merge, finders = _text_finders(names, recall, enabled())
    for kind, find in finders:
        if wanted is None or kind in wanted:
            pairs = find(text)
            if pairs:  # most lines hold none of a type: no merge call at all
                spans = merge(spans, pairs, kind)
    return spans


_TEXT_TYPES = frozenset({T.ADDRESS, T.PERSON_NAME, T.HEALTH_INFO})
_Finder = Callable[[str], list[tuple[int, int]]]
_Merge = Callable[[list[Found], list[tuple[int, int]], str], list[Found]]


@cache
def _text_finders(names: str, recall: bool, accelerated: bool
                  ) -> tuple[_Merge, tuple[tuple[str, _Finder], ...]]:
    """The merge and the finders of the text types, in the order they are merged, each built
    once for a names mode and a state of the accelerator switch (``accelerated``, the cache
    key: :func:`pure_python` blocks get their own). Built once, a line costs one call per
    finder, not the three or four lookups of accelerator and tables each made every line.

    The C merge (``_layout``) relies on the finders giving pairs with increasing starts, and
    checks it."""
    layout = native("_layout")
    merge: _Merge = _merge_typed if layout is None else layout.merge
    if names == NAMES_FAST:
        find_names = name.text_finder("recall" if recall else "scan")
    else:
        find_names = partial(find_names_in, mode=names, recall=recall)
    return merge, ((T.ADDRESS, address.text_finder()), (T.PERSON_NAME, find_names),
                   (T.HEALTH_INFO, health.text_finder()))


def _merge_typed(base: list[Found], pairs: list[tuple[int, int]], kind: str) -> list[Found]:
    """:func:`_merge` of ``pairs`` typed ``kind`` into ``base``: the pure-Python
    ``_layout.merge``."""
    return _merge(base, [(a, b, kind) for a, b in pairs])


def _compact_check(check: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda value: check(compact(value))


_CELL: dict[str, Callable[[str], bool]] = {
    T.CN_RESIDENT_ID: _compact_check(resident_id.is_valid),
    T.CN_MOBILE: _compact_check(mobile.is_valid),
    T.CN_LANDLINE: _compact_check(landline.is_valid),
    T.BANK_CARD: _compact_check(bank_card.is_valid),
    T.USCC: _compact_check(uscc.is_valid),
    T.CN_PASSPORT: _compact_check(passport.is_valid),
    T.HK_MACAU_PERMIT: _compact_check(permit.is_valid),
    T.EMAIL: lambda v: email.is_valid(fold(v).strip()),
    T.IP_ADDRESS: lambda v: ip.is_valid(fold(v).strip()),
    T.GPS_COORDINATE: lambda v: gps.is_valid(fold(v)),
    T.LICENSE_PLATE: lambda v: plate.is_valid(fold(v).strip().upper()),
    T.PERSON_NAME: is_name,
    T.ADDRESS: lambda v: is_address(fold(v)),
    T.HEALTH_INFO: health.is_valid,
}


def validate(type: str, value: str) -> bool:
    """Whether one cell value as a whole is a valid ``type`` (e.g. a column's candidate type)."""
    check = _CELL.get(type)
    if check is None:
        raise ValueError(f"unknown PI type {type!r}")
    return bool(value) and check(value)


def classify_value(value: str, types: Collection[str] | None = None) -> str | None:
    """The type one whole cell value validates as (first match in a fixed order), or None."""
    for t in _CELL_ORDER:
        if (types is None or t in types) and validate(t, value):
            return t
    return None


_CELL_ORDER: tuple[str, ...] = (
    T.CN_RESIDENT_ID, T.CN_MOBILE, T.CN_LANDLINE, T.EMAIL, T.BANK_CARD, T.USCC, T.CN_PASSPORT,
    T.HK_MACAU_PERMIT, T.LICENSE_PLATE, T.IP_ADDRESS, T.GPS_COORDINATE, T.PERSON_NAME, T.ADDRESS,
)
