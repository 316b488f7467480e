"""One table's counting, batch by batch: the part of a scan that any engine runs per batch.

The embedded scanner (:mod:`scanner`) and the Spark engine (``cnprivacy.spark``) both classify
a sample (:func:`classify.classify_column`), plan the counting pass from the verdicts
(:func:`count_plan`), mark every batch with :func:`batch_marks` (valid identifiers, their
same-person keys, which rows are sensitive, children, minors, which rows carry a GPS point)
and finish the table's report with :func:`finish_report`. Only the distinct counting differs:
one process keeps keyed hashes in a set; a cluster reduces them. Nothing here holds a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cnprivacy.discovery import columnar as C
from cnprivacy.discovery import types as T
from cnprivacy.discovery.classify import ColumnVerdict
from cnprivacy.discovery.pitypes import DATA_CATEGORY, SENSITIVE_CATEGORY
from cnprivacy.discovery.pitypes.health import HEALTH_PATTERN
from cnprivacy.discovery.results import ColumnReport, SourceReport, Totals

#: Identifier types in the order a table's people are counted by (the strongest first).
IDENTIFIERS = (T.CN_RESIDENT_ID, T.CN_MOBILE, T.EMAIL, T.CN_PASSPORT, T.HK_MACAU_PERMIT)


@dataclass(frozen=True, slots=True)
class CountPlan:
    """Which columns the counting pass reads, and what each is for."""

    ident: str | None = None          # the column people are counted by
    ident_type: str | None = None
    id_col: str | None = None         # resident IDs for ages (children, minors)
    card_cols: tuple[str, ...] = ()
    health_cols: tuple[str, ...] = ()
    gps_cols: tuple[str, ...] = ()

    @property
    def needed(self) -> list[str]:
        return list(dict.fromkeys(
            ([self.ident] if self.ident else []) + ([self.id_col] if self.id_col else [])
            + list(self.card_cols) + list(self.health_cols) + list(self.gps_cols)))


def strongest(pi: list[ColumnVerdict]) -> ColumnVerdict | None:
    """The column that stands for a table's people: the strongest identifier type present
    (not free text), and among its columns the one that validates best."""
    for kind in IDENTIFIERS:
        cols = [v for v in pi if v.type == kind and not v.free_text]
        if cols:
            return max(cols, key=lambda v: v.ratio)
    return None


def count_plan(pi: list[ColumnVerdict]) -> CountPlan:
    """The counting pass for a table whose PI columns are ``pi``."""
    ident = strongest(pi)
    return CountPlan(
        ident=ident.name if ident else None, ident_type=ident.type if ident else None,
        id_col=next((v.name for v in pi if v.type == T.CN_RESIDENT_ID and not v.free_text),
                    None),
        card_cols=tuple(v.name for v in pi if v.type == T.BANK_CARD and not v.free_text),
        health_cols=tuple(v.name for v in pi if T.HEALTH_INFO in v.span_types
                          or v.type == T.HEALTH_INFO),
        gps_cols=tuple(v.name for v in pi if v.type == T.GPS_COORDINATE and not v.free_text))


@dataclass(slots=True)
class BatchMarks:
    """What one batch contributes. ``keys`` (same-person keys, one per row, meaningful where
    ``valid``) and ``points`` (a GPS column's values, whitespace-collapsed, per row, None when
    blank) hold raw PI: an engine hashes them where the batch was read and lets only the hashes
    travel."""

    rows: int
    card_rows: int = 0
    health_rows: int = 0
    minor_rows: int = 0
    keys: pa.Array | None = None
    valid: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    sensitive: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    minor: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    minor18: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    points: dict[str, list[str | None]] = field(default_factory=dict)


def key_mask(kind: str, column: pa.Array, comp: pa.Array, today: date) -> np.ndarray:
    """Rows of ``column`` holding a valid ``kind`` identifier (``comp``: its compact form)."""
    if kind == T.EMAIL:
        mask = C.email_mask(column)
    elif kind == T.CN_RESIDENT_ID:
        mask = C.resident_id_mask(comp, today)
    elif kind == T.CN_MOBILE:
        mask = C.mobile_mask(comp)
    else:
        mask = C.type_masks(comp, frozenset({kind}), today)[kind]
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def _bools(mask: pa.Array) -> np.ndarray:
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def batch_marks(batch: pa.RecordBatch, plan: CountPlan, today: date,
                minor_age: int | None, adult_age: int | None) -> BatchMarks:
    """Mark one batch of string columns (at least ``plan.needed``)."""
    n = batch.num_rows
    compacted: dict[str, pa.Array] = {}

    def comp(name: str) -> pa.Array:
        if name not in compacted:
            compacted[name] = C.compact_array(batch.column(name))
        return compacted[name]

    out = BatchMarks(rows=n)
    sens = np.zeros(n, dtype=bool)
    minor = np.zeros(n, dtype=bool)
    minor18 = minor
    for col in plan.card_cols:
        arr = _bools(C.bank_card_mask(comp(col), today))
        out.card_rows += int(arr.sum())
        sens |= arr
    for col in plan.health_cols:
        arr = _bools(pc.fill_null(pc.match_substring_regex(batch.column(col), HEALTH_PATTERN),
                                  False))
        out.health_rows += int(arr.sum())
        sens |= arr
    if plan.id_col:
        birth = C.birth_dates(comp(plan.id_col), today)
        minor = C.minors(birth, today, minor_age)
        minor18 = C.minors(birth, today, adult_age)
        out.minor_rows += int(minor.sum())
    if plan.ident is None or plan.ident_type is None:
        return out
    col = batch.column(plan.ident)
    ident_comp = comp(plan.ident) if plan.ident_type != T.EMAIL else col
    out.valid = key_mask(plan.ident_type, col, ident_comp, today)
    out.keys = C.key_array(plan.ident_type, col, ident_comp)
    out.sensitive, out.minor, out.minor18 = sens, minor, minor18
    for gcol in plan.gps_cols:
        out.points[gcol] = [" ".join(p.split()) or None if p is not None else None
                            for p in batch.column(gcol).to_pylist()]
    return out


def categories(pi: list[ColumnVerdict]) -> set[str]:
    """The data categories (non-sensitive) of a table's PI columns."""
    out: set[str] = set()
    for v in pi:
        types: set[str | None] = set(v.span_types) if v.free_text else {v.type}
        for t in types:
            if t and t in DATA_CATEGORY and t not in SENSITIVE_CATEGORY:
                out.add(DATA_CATEGORY[t])
    return out


def column_report(v: ColumnVerdict) -> ColumnReport:
    assert v.type is not None
    types = set(v.span_types) if v.free_text else {v.type}
    sens = sorted({SENSITIVE_CATEGORY[t] for t in types if t in SENSITIVE_CATEGORY})
    return ColumnReport(
        name=v.name, type=v.type, sensitive=bool(sens), matched=v.matched, checked=v.checked,
        examples=list(v.examples), sensitive_categories=sens,
        data_category=DATA_CATEGORY.get(v.type), free_text=v.free_text,
        span_types=dict(v.span_types), header_hint=v.header_hint)


@dataclass(frozen=True, slots=True)
class People:
    """A table's distinct people, however an engine counted them."""

    individuals: int
    exact: bool
    sensitive: int
    minors_under_14: int
    minors_under_18: int


def finish_report(report: SourceReport, pi: list[ColumnVerdict], plan: CountPlan,
                  rows: int, card_rows: int, health_rows: int, minor_rows: int, tracked: bool,
                  people: People | None) -> None:
    """Fill ``report`` (made from the sample) with the counting pass's results: rows,
    categories (a location column is a category only when someone has a track), and people
    (``None`` when the table has no identifier column)."""
    report.columns = [column_report(v) for v in pi]
    report.rows = rows
    cats = categories(pi)
    sens_cats: set[str] = set()
    if card_rows:
        sens_cats.add(T.FINANCIAL_ACCOUNT)
    if health_rows:
        sens_cats.add(T.MEDICAL_HEALTH)
    if tracked:
        sens_cats.add(T.LOCATION_TRACKING)
    if minor_rows:
        sens_cats.add(T.MINOR_UNDER_14)
    if not tracked:
        cats.discard(T.LOCATION_TRACKING)
    report.sensitive_categories = sorted(sens_cats)
    report.data_categories = sorted(cats | sens_cats)
    if plan.ident is not None and people is not None:
        report.identifier, report.identifier_type = plan.ident, plan.ident_type
        report.individuals = people.individuals
        report.individuals_exact = people.exact
        report.sensitive_individuals = people.sensitive
        report.minors_under_14 = people.minors_under_14 if plan.id_col else None
        report.minors_under_18 = people.minors_under_18 if plan.id_col else None
    elif not sens_cats:
        report.sensitive_individuals = 0


def totals(sources: list[SourceReport], per_type: dict[str, People]) -> Totals:
    """Organisation-level counts from each identifier type's union across sources (the same
    keyed hash in every source): the largest type's union, a lower bound, as
    :meth:`Scanner._totals` (children and minors from resident IDs only)."""
    cats = sorted({c for s in sources for c in s.data_categories})
    ids = per_type.get(T.CN_RESIDENT_ID)
    return Totals(max((p.individuals for p in per_type.values()), default=None),
                  max((p.sensitive for p in per_type.values()), default=None),
                  ids.minors_under_14 if ids else None, ids.minors_under_18 if ids else None,
                  cats)
