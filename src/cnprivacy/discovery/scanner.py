"""Scanning sources: classify columns or find spans, count people, flag sensitive PI.

The scanner turns each input (file, folder, worksheet, database table) into a
:class:`~cnprivacy.discovery.results.SourceReport`. Tabular sources are classified from a
sample of ``sample_rows`` rows, then one full pass counts distinct individuals by the strongest
identifier column (resident ID, then mobile, then e-mail, then passport and permit), sensitive
individuals (bank card, health text, location tracks, minors under 14 from resident-ID birth
dates as of ``as_of``, the age read from the PIPL law data), children under 14 and minors
under 18 (未成年人, counted apart for the yearly minors' audit). Text sources report
every span. An input that cannot be read becomes a :class:`ScanError` and the others are still
scanned. Nothing here prints.
"""

from __future__ import annotations

import secrets
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import accumulate, chain, islice
from pathlib import Path
from typing import cast

import numpy as np
import pyarrow as pa

from cnprivacy._collector import collector_paused
from cnprivacy.discovery import readers as R
from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import CONFIG_VERSIONS
from cnprivacy.discovery._native import native as accelerator
from cnprivacy.discovery.classify import classify_column
from cnprivacy.discovery.counting import DEFAULT_EXACT_LIMIT, DistinctCounter
from cnprivacy.discovery.databases import TableSource, is_database_url, iter_tables, safe_url
from cnprivacy.discovery.detect import Found, find_tuples
from cnprivacy.discovery.pitypes import (
    DATA_CATEGORY,
    SENSITIVE_CATEGORY,
    resident_id,
    same_person_key,
)
from cnprivacy.discovery.pitypes.name_accurate import check_names_mode
from cnprivacy.discovery.results import (
    INT32,
    ScanError,
    ScanResult,
    SourceReport,
    SpanTable,
    Totals,
)
from cnprivacy.discovery.tabular import IDENTIFIERS, People, batch_marks, count_plan, finish_report
from cnprivacy.errors import InputError
from cnprivacy.fileio.failures import failure_name

#: (source, units done so far, total units or None, unit name)
ProgressFn = Callable[[str, int, int | None, str], None]

#: Text lines a scan gives the finders in one call (a name found in a block is found again
#: where it recurs in it, with ``--names accurate``).
BLOCK_LINES = 2_000


@dataclass(frozen=True, slots=True)
class ScanOptions:
    as_of: date
    #: Under this age on ``as_of`` a holder's PI is sensitive (PIPL art. 28); None when no
    #: such rule applies on that date. The caller reads it from the law data
    #: (``cnprivacy.engine.parameters.minor_age_limit``): discovery holds no law.
    minor_age: int | None
    #: Under this age on ``as_of`` a holder is a minor (未成年人, Law on the Protection of
    #: Minors art. 2), counted as ``minors_under_18``; None: nobody is. Read from the law data
    #: too (``cnprivacy.engine.parameters.adult_age_limit``).
    adult_age: int | None = None
    sample_rows: int = 10_000
    batch_rows: int = 65_536
    exact_limit: int = DEFAULT_EXACT_LIMIT
    types: frozenset[str] | None = None   # detect only these (None: every type)
    jobs: int = 1                         # files scanned in parallel processes
    block_lines: int = BLOCK_LINES        # text lines scanned per find_spans call
    #: The person-name finder of text: ``fast`` (default) or ``accurate`` (the optional CRF
    #: model, extra ``names``; see ``pitypes.name.NAMES_MODES``).
    names: str = "fast"


@dataclass
class _People:
    """Union counters per identifier type across sources (one shared key)."""

    key: bytes
    exact_limit: int
    all: dict[str, DistinctCounter] = field(default_factory=dict)
    sensitive: dict[str, DistinctCounter] = field(default_factory=dict)
    minors: dict[str, DistinctCounter] = field(default_factory=dict)
    minors_under_18: dict[str, DistinctCounter] = field(default_factory=dict)

    def new(self) -> DistinctCounter:
        return DistinctCounter(self.key, self.exact_limit)

    def absorb(self, other: _People) -> None:
        """Merge another process's books (built with the same key)."""
        for mine, theirs in ((self.all, other.all), (self.sensitive, other.sensitive),
                             (self.minors, other.minors),
                             (self.minors_under_18, other.minors_under_18)):
            for kind, counter in theirs.items():
                mine.setdefault(kind, self.new()).merge(counter)

    def merge(self, kind: str, everyone: DistinctCounter, sensitive: DistinctCounter,
              minors: DistinctCounter, minors_under_18: DistinctCounter) -> None:
        for book, counter in ((self.all, everyone), (self.sensitive, sensitive),
                              (self.minors, minors), (self.minors_under_18, minors_under_18)):
            book.setdefault(kind, self.new()).merge(counter)

    @staticmethod
    def _max(book: dict[str, DistinctCounter]) -> int | None:
        return max((c.count() for c in book.values()), default=None)


_IDENTIFIERS = IDENTIFIERS
_RANK = {kind: rank for rank, kind in enumerate(_IDENTIFIERS)}


class Scanner:
    """Scans targets (paths, folders, database URLs) into a :class:`ScanResult`."""

    def __init__(self, options: ScanOptions, progress: ProgressFn | None = None,
                 key: bytes | None = None) -> None:
        check_names_mode(options.names)  # unknown or unavailable: fail before any work
        self.options = options
        self.progress = progress
        self.people = _People(key or secrets.token_bytes(32), options.exact_limit)
        self.minor_age = options.minor_age
        self.adult_age = options.adult_age

    # --- targets ---------------------------------------------------------------------------
    def scan(self, targets: Sequence[str]) -> ScanResult:
        result = ScanResult(as_of=self.options.as_of.isoformat())
        plan = [step for target in targets for step in self._plan(target, result)]
        outcomes: list[list[SourceReport | InputError | ScanError]]
        files = [step for step in plan if isinstance(step, Path)]
        if self.options.jobs > 1 and len(files) > 1:
            outcomes = self._parallel(plan)
        else:
            outcomes = [self._run(step) for step in plan]
        for items in outcomes:
            for item in items:
                if isinstance(item, InputError):
                    result.errors.append(ScanError(item.source, item.one_line()))
                elif isinstance(item, ScanError):
                    result.errors.append(item)
                else:
                    result.sources.append(item)
        result.totals = self._totals(result.sources)
        return result

    def _run(self, step: Path | str | InputError
             ) -> list[SourceReport | InputError | ScanError]:
        if isinstance(step, InputError):
            return [step]
        if isinstance(step, Path):
            return list(self._file(step))
        return list(self._database(step))

    def _parallel(self, plan: list[Path | str | InputError]
                  ) -> list[list[SourceReport | InputError | ScanError]]:
        """Files in worker processes (same counting key, so people still merge across
        sources); databases and errors in this process. The detector core has no global
        state, so workers run exactly the code a single process runs."""
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        options = replace(self.options, jobs=1)
        outcomes: list[list[SourceReport | InputError | ScanError]] = [[] for _ in plan]
        with ProcessPoolExecutor(self.options.jobs, mp_context=mp.get_context("spawn")) as pool:
            futures = {i: pool.submit(_scan_in_worker, step, options, self.people.key)
                       for i, step in enumerate(plan) if isinstance(step, Path)}
            for i, step in enumerate(plan):
                if i not in futures:
                    outcomes[i] = self._run(step)
            for i, future in futures.items():
                try:
                    items, people = future.result()
                except Exception as err:  # a worker that died: that file's error only
                    outcomes[i] = [unexpected_error(str(plan[i]), err)]
                    continue
                outcomes[i] = list(items)
                self.people.absorb(people)
        return outcomes

    def _plan(self, target: str, result: ScanResult) -> Iterator[Path | str | InputError]:
        """What to scan, in order: files (Path), database URLs (str), or errors."""
        if is_database_url(target):
            yield target
            return
        path = Path(target)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in file.relative_to(path).parts):
                    continue
                if R.is_sqlite_file(file):
                    yield f"sqlite:///{file}"
                    continue
                if R.file_kind(file) == R.TEXT and file.suffix.lower() not in R.TEXT_EXTENSIONS:
                    # An unknown extension inside a folder: scanned only if it is text.
                    try:
                        R.detect_encoding(file)
                    except InputError:
                        result.skipped.append(str(file))
                        continue
                yield file
            return
        if not path.exists():
            yield InputError(target, "no such file, folder or database URL")
            return
        yield f"sqlite:///{path}" if R.is_sqlite_file(path) else path

    def _database(self, url: str) -> Iterator[SourceReport | InputError]:
        try:
            for table in iter_tables(url, self.options.sample_rows):
                if isinstance(table, InputError):
                    yield table
                    continue
                try:
                    yield self.scan_database_table(table)
                except InputError as err:
                    yield err
                except Exception as err:  # one table's failure never ends the scan
                    yield unexpected_error(table.name, err)
        except InputError as err:
            yield err
        except Exception as err:
            yield unexpected_error(safe_url(url), err)

    def _file(self, path: Path) -> Iterator[SourceReport | InputError]:
        try:
            opened = R.open_file(path)
            if opened.kind == R.EXCEL:
                for sheet, batches in R.excel_sheets(path, self.options.batch_rows):
                    yield self.scan_batches(f"{path}#{sheet}", R.EXCEL, None, batches)
            elif opened.tabular:
                yield self.scan_batches(str(path), opened.kind, opened.encoding,
                                        R.iter_batches(opened, self.options.batch_rows),
                                        size=path.stat().st_size)
            else:
                yield self.scan_lines(str(path), opened.encoding, R.iter_lines(opened),
                                      size=path.stat().st_size)
        except InputError as err:
            yield err
        except Exception as err:  # one file's failure never ends the scan of the others
            yield unexpected_error(str(path), err)

    # --- tabular ---------------------------------------------------------------------------
    def scan_batches(self, name: str, kind: str, encoding: str | None,
                     batches: Iterator[pa.RecordBatch], size: int | None = None) -> SourceReport:
        """A tabular source read as a stream of string batches (one pass)."""
        head: list[pa.RecordBatch] = []
        taken = 0
        for batch in batches:
            head.append(batch)
            taken += batch.num_rows
            if taken >= self.options.sample_rows:
                break
        if not head:
            return SourceReport(name, kind, encoding, rows=0, sampled_rows=0)
        sample = pa.Table.from_batches(head).slice(0, self.options.sample_rows)

        def full(columns: list[str]) -> Iterator[pa.RecordBatch]:
            for batch in chain(head, batches):
                yield batch.select(columns) if columns else batch.select([])

        return self._tabular(name, kind, encoding, sample, full)

    def scan_database_table(self, table: TableSource) -> SourceReport:
        return self._tabular(table.name, "database", None, table.sample,
                             lambda cols: table.batches(cols, self.options.batch_rows))

    def _tabular(self, name: str, kind: str, encoding: str | None, sample: pa.Table,
                 full: Callable[[list[str]], Iterator[pa.RecordBatch]]) -> SourceReport:
        today = self.options.as_of
        verdicts = [classify_column(col, sample.column(col).combine_chunks(), today)
                    for col in sample.column_names]
        pi = [v for v in verdicts if v.type is not None]
        report = SourceReport(name, kind, encoding, sampled_rows=sample.num_rows)
        plan = count_plan(pi)
        everyone, sensitive, minors, minors18 = (self.people.new() for _ in range(4))
        tracks: dict[bytes, str] = {}
        tracked: set[bytes] = set()
        rows = minor_rows = card_rows = health_rows = 0
        for batch in full(plan.needed):
            rows += batch.num_rows
            if self.progress:
                self.progress(name, rows, None, "rows")
            marks = batch_marks(batch, plan, today, self.minor_age, self.adult_age)
            card_rows += marks.card_rows
            health_rows += marks.health_rows
            minor_rows += marks.minor_rows
            if marks.keys is None:
                continue
            keys, valid = marks.keys, marks.valid
            known = everyone.add_array(keys.filter(pa.array(valid)))
            sensitive.add_known(keys.filter(pa.array(valid & (marks.sensitive | marks.minor))),
                                known)
            minors.add_known(keys.filter(pa.array(valid & marks.minor)), known)
            minors18.add_known(keys.filter(pa.array(valid & marks.minor18)), known)
            for points in marks.points.values():
                _tracks(keys, points, valid, everyone, tracks, tracked)
        if tracked:
            sensitive.add_digests(tracked)
        people = None
        if plan.ident_type is not None:
            people = People(everyone.count(), everyone.exact, sensitive.count(), minors.count(),
                            minors18.count())
            self.people.merge(plan.ident_type, everyone, sensitive, minors, minors18)
        finish_report(report, pi, plan, rows, card_rows, health_rows, minor_rows, bool(tracked),
                      people)
        return report

    # --- text ------------------------------------------------------------------------------
    def scan_lines(self, name: str, encoding: str | None, lines: Iterable[str],
                   size: int | None = None) -> SourceReport:
        """A text source: every span of every line, people counted by identifier spans."""
        with collector_paused():
            return self._scan_lines(name, encoding, lines)

    def _scan_lines(self, name: str, encoding: str | None, lines: Iterable[str]
                    ) -> SourceReport:
        report = SourceReport(name, R.TEXT, encoding)
        books = {k: (self.people.new(), self.people.new(), self.people.new(), self.people.new())
                 for k in _IDENTIFIERS}
        table = SpanTable(T.ALL_TYPES)
        layout = _layout_function(self.options.as_of, self.minor_age, self.adult_age)
        minors_seen = False
        lineno = 0
        for block_start, block in _blocks(lines, self.options.block_lines):
            lineno = block_start + len(block) - 1
            if self.progress:
                self.progress(name, lineno, None, "lines")
            # Lines are joined so that one find_tuples call covers many of them: no pattern
            # matches across a newline, and offsets are mapped back to (line, column).
            text = "\n".join(block)
            found = find_tuples(text, self.options.types, names=self.options.names)
            *columns, records, minor = layout(text, block, found, block_start)
            table.extend_packed(*columns)
            minors_seen |= minor
            for rank, (values, sens_values, minor_values, minor18_values) in enumerate(records):
                if not values:
                    continue
                everyone, sensitive, minors, minors18 = books[_IDENTIFIERS[rank]]
                # One digest per distinct value (a value repeated in a block hashes once).
                uniq = list(dict.fromkeys(values))
                known = dict(zip(uniq, everyone.digests(uniq), strict=True))
                everyone.add_digests(known.values())
                sensitive.add_digests([known[v] for v in sens_values])
                minors.add_digests([known[v] for v in minor_values])
                minors18.add_digests([known[v] for v in minor18_values])
        report.rows = lineno
        report.spans = table
        counts = table.code_counts()
        report.span_counts = dict(sorted(counts.items()))
        present = [k for k in _IDENTIFIERS if books[k][0].count()]
        sens_cats = {SENSITIVE_CATEGORY[t] for t in counts if t in SENSITIVE_CATEGORY}
        if minors_seen:
            sens_cats.add(T.MINOR_UNDER_14)
        cats = {DATA_CATEGORY[t] for t in counts if t in DATA_CATEGORY}
        cats.discard(T.LOCATION_TRACKING)
        report.sensitive_categories = sorted(sens_cats)
        report.data_categories = sorted(cats | sens_cats)
        if present:
            # Lines identify people by different identifiers: per-type distinct counts add up
            # (a person named by an ID on one line and only a mobile on another counts twice).
            report.identifier = report.identifier_type = present[0]
            report.individuals = sum(books[k][0].count() for k in present)
            report.individuals_exact = all(books[k][0].exact for k in present)
            report.sensitive_individuals = sum(books[k][1].count() for k in present)
            report.minors_under_14 = books[T.CN_RESIDENT_ID][2].count()
            report.minors_under_18 = books[T.CN_RESIDENT_ID][3].count()
            for k in present:
                self.people.merge(k, *books[k])
        return report

    # --- totals ----------------------------------------------------------------------------
    def _totals(self, sources: list[SourceReport]) -> Totals:
        """Organisation-level counts: people are unioned across sources per identifier type
        (same keyed hash), then the largest type's union is taken: a lower bound, since one
        person known by an ID in one source and by a mobile in another cannot be matched."""
        cats = sorted({c for s in sources for c in s.data_categories})
        p = self.people
        minors = p._max({k: v for k, v in p.minors.items() if k == T.CN_RESIDENT_ID})
        minors18 = p._max({k: v for k, v in p.minors_under_18.items()
                           if k == T.CN_RESIDENT_ID})
        return Totals(p._max(p.all), p._max(p.sensitive), minors, minors18, cats)


def unexpected_error(source: str, err: Exception) -> InputError:
    """An input's one-line error for a failure no reader anticipated. Only the exception's
    type is named: library messages can quote the content they choked on (raw PI)."""
    if isinstance(err, MemoryError):
        return InputError(source, "too large to read in the memory available (MemoryError)")
    return InputError(source, f"cannot read ({failure_name(err)})")


def _scan_in_worker(path: Path, options: ScanOptions, key: bytes
                    ) -> tuple[list[SourceReport | ScanError], _People]:
    # InputError does not survive pickling (its args are the one-line message): send the
    # plain ScanError record instead.
    scanner = Scanner(options, key=key)
    items: list[SourceReport | ScanError] = [
        ScanError(i.source, i.one_line()) if isinstance(i, InputError) else i
        for i in scanner._file(path)]
    return items, scanner.people


#: (per identifier rank: all values, values of sensitive lines, values of the lines of
#: children under the sensitive age, values of the lines of minors under the adult age)
Records = tuple[tuple[list[str], list[str], list[str], list[str]], ...]
#: layout(text, lines, found, first line number) ->
#: (line numbers, start columns, end columns as int32 bytes, type codes, records, minor seen)
LayoutFn = Callable[[str, list[str], list[Found], int],
                    tuple[bytes, bytes, bytes, bytes, Records, bool]]

_TYPE_CODES = {t: i for i, t in enumerate(T.ALL_TYPES)}
_CODE_RANKS = bytes(_RANK.get(t, 255) for t in T.ALL_TYPES)
_CODE_SENSITIVE = bytes(t in SENSITIVE_CATEGORY for t in T.ALL_TYPES)


def _layout_function(as_of: date, minor_age: int | None, adult_age: int | None = None
                     ) -> LayoutFn:
    """The per-block span layout and line records: the C accelerator when it is built, else
    :func:`_layout_python` (the reference; tests compare the two)."""
    native = accelerator("_layout")
    if native is None:
        return lambda text, lines, found, first: _layout_python(
            text, lines, found, first, as_of, minor_age, adult_age)
    today = resident_id.as_ymd(as_of)
    # A cutoff of -1 (no age rule on that date) makes nobody under that age.
    cutoff = (resident_id.minor_bounds(as_of, minor_age) or (-1, today))[0]
    cutoff18 = (resident_id.minor_bounds(as_of, adult_age) or (-1, today))[0]
    codes = (_TYPE_CODES[T.CN_RESIDENT_ID], _TYPE_CODES[T.CN_MOBILE], _TYPE_CODES[T.EMAIL])
    # One configuration tuple for the whole scan (the C checks its version and length).
    config = (CONFIG_VERSIONS["_layout"], _TYPE_CODES, T.ALL_TYPES, _CODE_RANKS,
              _CODE_SENSITIVE, codes, (cutoff, cutoff18, today), same_person_key)

    def run(text: str, lines: list[str], found: list[Found], first: int
            ) -> tuple[bytes, bytes, bytes, bytes, Records, bool]:
        return cast(tuple[bytes, bytes, bytes, bytes, Records, bool], native.layout(
            text, lines, found, first, config))

    return run


def _layout_python(text: str, lines: list[str], found: list[Found], first: int, as_of: date,
                   minor_age: int | None, adult_age: int | None = None
                   ) -> tuple[bytes, bytes, bytes, bytes, Records, bool]:
    """Spans sorted by start are walked line by line (one bisect per new line); a line's
    identifier spans wait as (rank, start, end) until the line ends: its strongest kind stands
    for the person, and only that kind's values are normalised."""
    starts = list(accumulate((len(x) + 1 for x in lines[:-1]), initial=0))
    out_lines, out_starts, out_ends = array(INT32), array(INT32), array(INT32)
    codes = bytearray()
    records: Records = tuple(([], [], [], []) for _ in _IDENTIFIERS)
    minor_seen = False
    i, off, next_line = -1, 0, -1
    pending: list[tuple[int, int, int]] = []
    sensitive_line = False
    for start, end, kind in found:
        if start >= next_line:
            if pending:
                minor_seen |= _line_record(text, pending, sensitive_line, as_of,
                                           (minor_age, adult_age), records)
                pending = []
            sensitive_line = False
            i = bisect_right(starts, start) - 1
            off = starts[i]
            next_line = starts[i + 1] if i + 1 < len(starts) else len(text) + 1
        out_lines.append(first + i)
        out_starts.append(start - off)
        out_ends.append(end - off)
        codes.append(_TYPE_CODES[kind])
        if kind in SENSITIVE_CATEGORY:
            sensitive_line = True
        else:
            rank = _RANK.get(kind)
            if rank is not None:
                pending.append((rank, start, end))
    if pending:
        minor_seen |= _line_record(text, pending, sensitive_line, as_of, (minor_age, adult_age),
                                   records)
    return (out_lines.tobytes(), out_starts.tobytes(), out_ends.tobytes(), bytes(codes),
            records, minor_seen)


def _line_record(text: str, pending: list[tuple[int, int, int]], sensitive: bool,
                 as_of: date, ages: tuple[int | None, int | None], records: Records) -> bool:
    """One line, one record: its strongest identifier stands for the person. ``pending``
    holds the line's identifier spans as (rank in _IDENTIFIERS, start, end); ``ages`` the
    sensitive (under 14) and adult (under 18) age limits. Returns whether the line names a
    child under the sensitive age (a resident ID is always the strongest kind when present)."""
    best = min(p[0] for p in pending)
    kind = _IDENTIFIERS[best]
    values = [same_person_key(kind, text[s:e]) for r, s, e in pending if r == best]
    is_id = kind == T.CN_RESIDENT_ID
    minor = is_id and any(resident_id.is_minor(v, as_of, ages[0]) for v in values)
    minor18 = is_id and any(resident_id.is_minor(v, as_of, ages[1]) for v in values)
    everyone, sensitive_values, minor_values, minor18_values = records[best]
    everyone.extend(values)
    if sensitive or minor:
        sensitive_values.extend(values)
    if minor:
        minor_values.extend(values)
    if minor18:
        minor18_values.extend(values)
    return minor


def _blocks(lines: Iterable[str], size: int) -> Iterator[tuple[int, list[str]]]:
    """(1-based number of the first line, lines) in blocks of ``size``."""
    it = iter(lines)
    first = 1
    while block := list(islice(it, size)):
        yield first, block
        first += len(block)


def _tracks(keys: pa.Array, points: list[str | None], valid: np.ndarray,
            counter: DistinctCounter, first: dict[bytes, str], tracked: set[bytes]) -> None:
    """People with two or more distinct GPS points form tracks (PIPL art. 28 whereabouts)."""
    for i in np.flatnonzero(valid):
        point = points[i]
        if point is None:
            continue
        d = counter._digest(keys[i].as_py())
        if first.setdefault(d, point) != point:
            tracked.add(d)


def describe_target(target: str) -> str:
    """A target as it may be shown (database passwords hidden)."""
    return safe_url(target) if is_database_url(target) else target
