"""Reading inputs: tabular batches of strings and text lines.

What kind a file is and how it is encoded come from :mod:`cnprivacy.fileio`, the one answer
that de-identification, the ledger and the app audit also use. Every tabular reader yields
``pyarrow.RecordBatch`` objects whose columns are all strings (nulls for empty cells), so that
detectors never see a number that lost its leading zero. Text files yield decoded lines.
Problems are :class:`cnprivacy.errors.InputError` naming the file; no raw content goes into them.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cnprivacy.discovery.detect import classify_value
from cnprivacy.discovery.pitypes import mask
from cnprivacy.discovery.types import STRUCTURED_TYPES
from cnprivacy.errors import InputError
from cnprivacy.fileio import limits
from cnprivacy.fileio.encoding import detect_encoding, first_invalid_byte
from cnprivacy.fileio.failures import DAMAGED_ARCHIVE, check_utf8, damaged_workbook, failure_name
from cnprivacy.fileio.kinds import (
    CSV,
    EXCEL,
    JSON,
    JSONL,
    PARQUET,
    SQLITE,
    TABULAR_KINDS,
    TEXT,
    TEXT_EXTENSIONS,
    TSV,
    file_kind,
    is_sqlite_file,
)
from cnprivacy.fileio.limits import json_problem

# Kinds and encodings are decided in one place for every reader of files; these names stay
# here too because the scanner asks this module.
__all__ = [
    "CSV", "EXCEL", "JSON", "JSONL", "PARQUET", "SQLITE", "TABULAR_KINDS", "TEXT",
    "TEXT_EXTENSIONS", "TSV", "Opened", "column_names", "detect_encoding", "excel_sheets",
    "file_kind", "header_is_data", "is_sqlite_file", "iter_batches", "iter_lines", "open_file",
    "string_batch",
]

#: A cell of this many digits or more is a value, never a column label.
_LONG_NUMBER = re.compile(r"[+(]?\d[\d \-()]{6,}[Xx]?")


def header_is_data(first_row: Sequence[str | None]) -> bool:
    """Whether a table's first row is a record rather than column labels (a headerless export,
    common from Chinese systems): one of its cells is a valid identifier (resident ID, mobile,
    card, e-mail...) or a long number. Labels are never either; reading a record as labels
    would leave it in clear text and print it as column names."""
    for cell in first_row:
        value = (cell or "").strip()
        if value and (_LONG_NUMBER.fullmatch(value)
                      or classify_value(value, STRUCTURED_TYPES) is not None):
            return True
    return False


def column_names(first_row: Sequence[str | None]) -> tuple[list[str], bool]:
    """Column names for a table whose first row is ``first_row``, and whether that row is a
    header: ``column_1``, ``column_2``... when it is data (see :func:`header_is_data`)."""
    if header_is_data(first_row):
        return [f"column_{i + 1}" for i in range(len(first_row))], False
    return _unique_names([_label(cell) for cell in first_row]), True


def _label(cell: str | None) -> str:
    # A header cell that is itself PI never reaches a report as it is (the first row was
    # judged a header, so this is rare: a name or a mixed row).
    value = (cell or "").strip()
    kind = classify_value(value, STRUCTURED_TYPES) if value else None
    return value if kind is None else mask(kind, value)


@dataclass(frozen=True, slots=True)
class Opened:
    """A file to read: its path, kind and (for text-based kinds) encoding."""

    path: Path
    kind: str
    encoding: str | None

    @property
    def tabular(self) -> bool:
        return self.kind in TABULAR_KINDS


def open_file(path: str | Path) -> Opened:
    """Inspect a file: kind from its name and first bytes, encoding from its bytes."""
    p = Path(path)
    kind = file_kind(p)
    if kind == SQLITE:
        raise InputError(str(p), "a SQLite database: scan it as sqlite:///" + p.as_posix())
    encoding = None if kind in (PARQUET, EXCEL) else detect_encoding(p)
    return Opened(p, kind, encoding)


def _strings(columns: dict[str, list[str | None]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict({k: pa.array(v, type=pa.string()) for k, v in columns.items()})


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(names):
        name = (raw or "").strip() or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _csv_batches(f: Opened, batch_rows: int) -> Iterator[pa.RecordBatch]:
    delimiter = "\t" if f.kind == TSV else ","
    assert f.encoding is not None
    limits.allow_csv_fields()
    with open(f.path, encoding=f.encoding, newline="") as fh:
        try:
            header = next(csv.reader(limits.bounded_lines(fh, str(f.path)),
                                     delimiter=delimiter), None)
        except csv.Error as err:
            raise InputError(str(f.path), f"malformed {f.kind.upper()} header: {err}",
                             line=1) from None
        except UnicodeDecodeError:  # the encoding was guessed from the first bytes only
            raise InputError(str(f.path), f"not valid {f.encoding} text", line=1) from None
    if not header:
        return
    limits.check_columns(str(f.path), len(header))
    names, has_header = column_names(header)
    # A row must fit in one block: the block is as long as the longest line any reader holds.
    block = max(limits.MAX_LINE, 1 << 16)
    try:
        reader = pacsv.open_csv(
            f.path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=int(has_header),
                                           encoding=f.encoding, block_size=block),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=True,
                quoted_strings_can_be_null=False),
        )
        for batch in reader:
            yield from (batch.slice(i, batch_rows) for i in range(0, batch.num_rows, batch_rows))
    except (pa.ArrowInvalid, UnicodeDecodeError) as err:
        # Arrow quotes the offending row in its message: keep the parts that name the problem
        # ("Expected 3 columns, got 2"), never the row's content.
        text = str(err)
        shape = re.search(r"Expected \d+ columns, got \d+", text)
        if "straddl" in text:  # Arrow's words for a row longer than its block
            problem = f"a row longer than {block:,} bytes; not read"
        else:
            problem = shape.group() if shape else text.split(":")[0].splitlines()[0][:120]
        raise InputError(str(f.path), f"malformed {f.kind.upper()}: {problem}") from None


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _jsonl_batches(f: Opened, batch_rows: int) -> Iterator[pa.RecordBatch]:
    assert f.encoding is not None
    names: list[str] = []
    rows: list[dict[str, object]] = []

    def flush() -> pa.RecordBatch:
        return _strings({n: [_as_text(r.get(n)) for r in rows] for n in names})

    lineno = 0
    try:
        with open(f.path, encoding=f.encoding) as fh:
            for lineno, line in enumerate(limits.bounded_lines(fh, str(f.path)), 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(str(f.path), f"not JSON Lines: {err.msg}", line=lineno) from None
                except (RecursionError, ValueError) as err:
                    raise InputError(str(f.path), json_problem(err), line=lineno) from None
                if not isinstance(obj, dict):
                    raise InputError(str(f.path), "each line must be a JSON object", line=lineno)
                for key in obj:
                    if key not in names:
                        names.append(key)
                rows.append(obj)
                if len(rows) >= batch_rows:
                    yield flush()
                    rows = []
    except UnicodeDecodeError:  # the encoding was guessed from the first bytes only
        raise InputError(str(f.path), f"not valid {f.encoding} text", line=lineno + 1) from None
    if rows:
        yield flush()


def string_batch(batch: pa.RecordBatch, source: str) -> pa.RecordBatch:
    """Every column of a typed batch as strings, the way the scanner reads typed tables
    (Parquet here; the Spark engine's Arrow batches of Parquet, ORC and catalog tables)."""
    cols = {}
    for name, col in zip(batch.schema.names, batch.columns, strict=True):
        check_utf8(source, name, col)
        try:
            cols[name] = col.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            cols[name] = pa.array([_as_text(v) for v in col.to_pylist()], type=pa.string())
    return pa.RecordBatch.from_pydict(cols)


def _parquet_batches(f: Opened, batch_rows: int) -> Iterator[pa.RecordBatch]:
    try:
        pf = pq.ParquetFile(f.path)
        for batch in pf.iter_batches(batch_size=batch_rows):
            yield string_batch(batch, str(f.path))
    # ArrowException: also ArrowNotImplementedError ("Integers with less than 8 bits", found by
    # atheris in a damaged footer)
    except (pa.ArrowException, OSError, UnicodeDecodeError) as err:  # names not in UTF-8
        raise InputError(str(f.path), f"unreadable Parquet: {str(err).splitlines()[0][:120]}") from None


def excel_sheets(path: str | Path, batch_rows: int = 65536) -> Iterator[tuple[str, Iterator[pa.RecordBatch]]]:
    """(sheet name, batches) for each worksheet; the first row is the header unless it is
    data (:func:`column_names`)."""
    import openpyxl

    limits.check_zip_ratios(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for corrupt files
        raise InputError(str(path), f"unreadable Excel workbook: {failure_name(err)}") from None

    def sheet_batches(ws: object) -> Iterator[pa.RecordBatch]:
        try:
            yield from _sheet_batches(ws)
        except DAMAGED_ARCHIVE as err:  # a sheet's XML or compressed data is damaged
            raise damaged_workbook(str(path), err) from None

    def _sheet_batches(ws: object) -> Iterator[pa.RecordBatch]:
        rows = ws.iter_rows(values_only=True)  # type: ignore[attr-defined]
        header = next(rows, None)
        if header is None:
            return
        names, has_header = column_names([_as_text(h) for h in header])
        buf: dict[str, list[str | None]] = {n: [] for n in names}
        count = 0
        for row in rows if has_header else itertools.chain([header], rows):
            for i, n in enumerate(names):
                buf[n].append(_as_text(row[i]) if i < len(row) else None)
            count += 1
            if count >= batch_rows:
                yield _strings(buf)
                buf = {n: [] for n in names}
                count = 0
        if count:
            yield _strings(buf)

    for ws in wb.worksheets:
        yield ws.title, sheet_batches(ws)


def iter_batches(f: Opened, batch_rows: int = 65536) -> Iterator[pa.RecordBatch]:
    """Record batches of string columns for a tabular file (Excel: all sheets in turn)."""
    if f.kind in (CSV, TSV):
        yield from _csv_batches(f, batch_rows)
    elif f.kind == JSONL:
        yield from _jsonl_batches(f, batch_rows)
    elif f.kind == PARQUET:
        yield from _parquet_batches(f, batch_rows)
    elif f.kind == EXCEL:
        for _name, batches in excel_sheets(f.path, batch_rows):
            yield from batches
    else:
        raise InputError(str(f.path), f"{f.kind} is not a tabular kind")


def iter_lines(f: Opened) -> Iterator[str]:
    """Decoded lines of a text file, without line endings."""
    assert f.encoding is not None
    try:
        with open(f.path, encoding=f.encoding, errors="strict", newline=None) as fh:
            for line in limits.bounded_lines(fh, str(f.path)):
                yield line.rstrip("\r\n")
    except UnicodeDecodeError:
        # The error's own offset counts from the chunk being decoded (it said byte 0 for a
        # file cut inside its last character): the file's offset is looked up again.
        where = first_invalid_byte(f.path, f.encoding)
        at = "" if where is None else f" at byte {where:,}"
        raise InputError(str(f.path), f"not valid {f.encoding}{at}") from None

