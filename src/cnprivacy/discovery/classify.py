"""Column classification: sampled values decide, header names only help.

A column is PI when enough of its sampled values *validate* as one type (checksum, number
plan, tables), not when its header says so: ``matched / checked`` at least ``MIN_RATIO``, or
``HINTED_RATIO`` when the header names that type (身份证, mobile, 邮箱 ...). Columns of long free
text are scanned span by span instead, and reported with their dominant type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from cnprivacy.discovery import columnar as C
from cnprivacy.discovery import types as T
from cnprivacy.discovery.detect import classify_value, find_spans, validate
from cnprivacy.discovery.pitypes import REGISTRY, SENSITIVE_CATEGORY, gps, mask

MIN_RATIO = 0.6
HINTED_RATIO = 0.3
PROBE = 64
SCALAR_SAMPLE = 2000
MAX_EXAMPLES = 3
FREE_TEXT_VALUES = 2000
FREE_TEXT_MIN_SHARE = 0.02

#: Header cues per type (each type module's ``HINTS``), in the registry's order.
_HINTS: dict[str, tuple[str, ...]] = {t.name: t.hints for t in REGISTRY.values() if t.hints}
_LAT = gps.LATITUDE_HEADERS
_LON = gps.LONGITUDE_HEADERS
_SCALAR_ONLY = (T.ADDRESS, T.USCC, T.GPS_COORDINATE)
_TEXTY = re.compile(r"[\s\u4e00-\u9fff]")


def _norm_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def header_hint(name: str) -> str | None:
    """The type a column header suggests, if any (Chinese and English)."""
    h = _norm_header(name)
    if h in _LAT or h in _LON:
        return T.GPS_COORDINATE
    for t, words in _HINTS.items():
        if any(w in h for w in words if not w.isascii()):
            return t
    tokens = set(re.split(r"[_.]", h)) | {h}
    for t, words in _HINTS.items():
        if any(w in tokens for w in words if w.isascii()):
            return t
    return None


@dataclass(frozen=True, slots=True)
class ColumnVerdict:
    """What one column holds, from its sampled values."""

    name: str
    type: str | None
    matched: int
    checked: int
    header_hint: str | None = None
    free_text: bool = False
    span_types: dict[str, int] = field(default_factory=dict)
    examples: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        return self.matched / self.checked if self.checked else 0.0


def _examples(values: list[str], t: str) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        m = mask(t, v)
        if m not in seen:
            seen.append(m)
        if len(seen) >= MAX_EXAMPLES:
            break
    return tuple(seen)


def _coordinate_column(name: str, values: list[str]) -> int:
    """Matched count for a latitude-only or longitude-only column (>= 4 decimals, in range)."""
    h = _norm_header(name)
    limit = 90.0 if h in _LAT else 180.0
    n = 0
    for v in values:
        m = re.fullmatch(r"\s*(-?\d{1,3}\.\d{4,})\s*", v)
        if m and abs(float(m.group(1))) <= limit:
            n += 1
    return n


def classify_column(name: str, column: pa.Array, today: date | None = None) -> ColumnVerdict:
    """Classify one sampled column (strings; nulls and blanks are not checked)."""
    hint = header_hint(name)
    values = column.filter(pc.fill_null(pc.greater(pc.utf8_length(
        pc.utf8_trim_whitespace(column)), 0), False))
    checked = len(values)
    if checked == 0:
        return ColumnVerdict(name, None, 0, 0, hint)
    probe = values.slice(0, PROBE).to_pylist()
    candidates = Counter(t for v in probe if (t := classify_value(v)) is not None)
    wanted = set(candidates) | ({hint} if hint else set())
    if hint == T.GPS_COORDINATE and _norm_header(name) in _LAT + _LON:
        matched = _coordinate_column(name, values.to_pylist())
        if matched >= HINTED_RATIO * checked:
            return ColumnVerdict(name, T.GPS_COORDINATE, matched, checked, hint,
                                 examples=("*.*",))
    # (matched, checked) per type: vectorised types over the whole sample, the others (address,
    # USCC, GPS: Python validators) over its first SCALAR_SAMPLE values.
    scores: dict[str, tuple[int, int]] = {}
    vector = frozenset(wanted) - set(_SCALAR_ONLY)
    masks = C.type_masks(values, vector, today) if vector else {}
    for t, m in masks.items():
        scores[t] = (m.true_count, checked)
    scalar = [t for t in _SCALAR_ONLY if t in wanted]
    if scalar:
        pylist = values.slice(0, SCALAR_SAMPLE).to_pylist()
        for t in scalar:
            scores[t] = (sum(1 for v in pylist if validate(t, v)), len(pylist))
    best = max(scores, key=lambda t: (scores[t][0] / scores[t][1], t == hint), default=None)
    if best is not None:
        matched, seen = scores[best]
        ratio = matched / seen
        if ratio >= MIN_RATIO or (best == hint and ratio >= HINTED_RATIO):
            if best in masks:
                hits = values.filter(masks[best]).slice(0, 50).to_pylist()
            else:
                hits = [v for v in values.slice(0, 500).to_pylist() if validate(best, v)]
            return ColumnVerdict(name, best, matched, seen, hint,
                                 examples=_examples(hits, best))
    return _free_text(name, values, hint)


def _free_text(name: str, values: pa.Array, hint: str | None) -> ColumnVerdict:
    """Columns of prose (备注, tickets): spans inside values, reported by dominant type."""
    sample = values.slice(0, FREE_TEXT_VALUES).to_pylist()
    if not sample or sum(1 for v in sample if _TEXTY.search(v)) < 0.5 * len(sample):
        return ColumnVerdict(name, None, 0, len(values), hint)
    per_type: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for v in sample:
        seen = set()
        for sp in find_spans(v):
            if sp.type in seen:
                continue
            seen.add(sp.type)
            per_type[sp.type] += 1
            examples.setdefault(sp.type, []).append(v[sp.start:sp.end])
    # A handful of values is enough in a small sample; sensitive terms (health) count even when
    # rare in a large one, other types need a share of the values.
    least = min(3, max(1, len(sample) // 20))
    per_type = Counter({t: n for t, n in per_type.items()
                        if n >= least and (t in SENSITIVE_CATEGORY
                                           or n >= FREE_TEXT_MIN_SHARE * len(sample))})
    if not per_type:
        return ColumnVerdict(name, None, 0, len(sample), hint)
    # Ties go to the stronger identifier (the spec's type order).
    top = max(per_type, key=lambda t: (per_type[t], t not in T.NOT_PERSONAL,
                                       -T.ALL_TYPES.index(t)))
    return ColumnVerdict(name, top, per_type[top], len(sample), hint, free_text=True,
                         span_types=dict(per_type), examples=_examples(examples[top], top))


#: A column is a column of numbers when at least this share of its values are digit strings of
#: one length; among those, a check passed by fewer than CHANCE_SHARE of them is chance (Luhn
#: passes one number in ten, a USCC check character one in 31), not cards or codes.
NUMBER_COLUMN_SHARE = 0.9
CHANCE_SHARE = 0.5
#: The types a number can match by its check characters alone, with no context.
CHANCE_TYPES = (T.BANK_CARD, T.USCC)
#: How far before a span a cue of its type is looked for (``卡号：`` and a space or two).
CUE_WINDOW = 12


def untrusted_span_types(name: str, values: list[str]) -> frozenset[str]:
    """Span types whose hits in a column the classifier judged not PI are chance, by its
    context rules: a card (or a USCC) found by its check alone, in a column whose values are
    overwhelmingly digit strings of one length that mostly fail that check (order numbers,
    serials), under a header that does not name the type. De-identification and its
    verification ask this, so that they keep such a column as ``scan`` reports it (its join
    keys intact) and still replace a number that comes with a cue of its type."""
    present = [v.strip() for v in values if v and v.strip()]
    lengths = Counter(len(v) for v in present if v.isascii() and v.isdigit())
    if not lengths:
        return frozenset()
    length, count = lengths.most_common(1)[0]
    if count < NUMBER_COLUMN_SHARE * len(present):
        return frozenset()
    numbers = [v for v in present if len(v) == length and v.isascii() and v.isdigit()]
    hint = header_hint(name)
    return frozenset(t for t in CHANCE_TYPES if t != hint and sum(
        1 for v in numbers if validate(t, v)) < CHANCE_SHARE * count)


class _SpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def type(self) -> str: ...


_S = TypeVar("_S", bound=_SpanLike)


def trusted_spans(text: str, spans: Sequence[_S], untrusted: frozenset[str]) -> list[_S]:
    """``spans`` less those of an ``untrusted`` type (:func:`untrusted_span_types`) that have no
    cue of their type (a header word such as 卡号) in the ``CUE_WINDOW`` characters before them."""
    if not untrusted:
        return list(spans)
    kept = []
    for sp in spans:
        if sp.type in untrusted:
            before = text[max(0, sp.start - CUE_WINDOW):sp.start].lower()
            if not any(cue in before for cue in _HINTS.get(sp.type, ())):
                continue
        kept.append(sp)
    return kept
