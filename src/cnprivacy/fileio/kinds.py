"""What kind of file a path holds, from its name and its first bytes.

The extension decides for the kinds people name their files by; the first bytes confirm the
binary formats (a ``.parquet`` that is not Parquet is named as such instead of failing deep in a
reader) and recognise Parquet and SQLite files whose extension says nothing. Every problem is a
one-line :class:`~cnprivacy.errors.InputError` naming the file.
"""

from __future__ import annotations

from pathlib import Path

from cnprivacy.errors import InputError

CSV, TSV, JSONL, JSON, PARQUET, EXCEL, TEXT = "csv", "tsv", "jsonl", "json", "parquet", "excel", "text"
SQLITE = "sqlite"
#: Kinds read as tables of rows and named columns.
TABULAR_KINDS = frozenset({CSV, TSV, JSONL, PARQUET, EXCEL})

_BY_EXTENSION = {
    ".csv": CSV, ".tsv": TSV, ".tab": TSV, ".jsonl": JSONL, ".ndjson": JSONL,
    ".parquet": PARQUET, ".pq": PARQUET, ".xlsx": EXCEL, ".xlsm": EXCEL,
    ".txt": TEXT, ".log": TEXT, ".md": TEXT, ".text": TEXT,
}
#: Extensions that say "plain text"; any other unknown extension is text only if it decodes.
TEXT_EXTENSIONS = frozenset(e for e, k in _BY_EXTENSION.items() if k == TEXT)

_PARQUET_MAGIC = b"PAR1"
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .xlsm are zip archives
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEAD_BYTES = 16
# Long enough for any first JSON Lines record worth recognising; bounded so that a file with no
# newline cannot be read whole.
_FIRST_LINE_BYTES = 1 << 20


def require_file(path: str | Path) -> Path:
    """``path`` as a Path if it is a file; InputError when missing or a folder."""
    p = Path(path)
    if p.is_dir():
        raise InputError(str(p), "is a folder, not a file")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    return p


def sqlite_database_path(database: str | None) -> Path | None:
    """The file a SQLite URL's database part names; None for an in-memory database."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def require_sqlite_file(database: str | None, source: str) -> None:
    """Refuse a SQLite database file that does not exist: SQLite would create it empty, so a
    mistyped path would be read as a database with nothing in it, and left behind."""
    path = sqlite_database_path(database)
    if path is None:
        return
    try:
        folder, file = path.is_dir(), path.is_file()
    except OSError as err:  # a name too long for the file system (found by atheris)
        raise InputError(source, f"not a usable SQLite database path ({err.strerror})") from None
    if folder:
        raise InputError(source, "is a folder, not a SQLite database file")
    if not file:
        raise InputError(source, f"no such SQLite database file: {path}")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_BYTES)
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from None


def is_sqlite_file(path: str | Path) -> bool:
    """A SQLite database file (by its header, whatever the extension)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _json_kind(path: Path) -> str:
    # A .json file is JSON Lines when its first line is one whole object; otherwise it is a
    # single document, which the readers refuse or read as text.
    try:
        with path.open("rb") as handle:
            first = handle.readline(_FIRST_LINE_BYTES).strip()
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from None
    return JSONL if first.startswith(b"{") and first.endswith(b"}") else JSON


def file_kind(path: str | Path) -> str:
    """The kind of an existing file: csv, tsv, jsonl, json, parquet, excel, sqlite or text.

    Unknown extensions are text unless the first bytes say Parquet or SQLite; whether text
    really decodes is for :func:`cnprivacy.fileio.encoding.detect_encoding` to say.
    """
    p = require_file(path)
    suffix = p.suffix.lower()
    if suffix == ".xls":
        raise InputError(str(p), "legacy .xls workbooks are not supported; save as .xlsx")
    if suffix == ".json":
        return _json_kind(p)
    kind = _BY_EXTENSION.get(suffix)
    head = _head(p)
    if kind == PARQUET and not head.startswith(_PARQUET_MAGIC):
        raise InputError(str(p), "not a Parquet file (it does not start with PAR1)")
    if kind == EXCEL and not head.startswith(_ZIP_MAGIC):
        raise InputError(str(p), f"not an Excel workbook ({suffix} files are zip archives)")
    if kind is not None:
        return kind
    if head.startswith(_PARQUET_MAGIC):
        return PARQUET
    if head.startswith(_SQLITE_MAGIC):
        return SQLITE
    return TEXT


def read_bounded(path: str | Path, max_bytes: int) -> bytes:
    """The whole content of a file that must fit in memory; InputError when larger."""
    p = require_file(path)
    try:
        if p.stat().st_size > max_bytes:
            raise InputError(str(p), f"larger than {_size(max_bytes)}; not read")
        with p.open("rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still refused.
            raw = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(str(p), f"cannot read: {err.strerror or err}") from None
    if len(raw) > max_bytes:
        raise InputError(str(p), f"larger than {_size(max_bytes)}; not read")
    return raw


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n} bytes"
