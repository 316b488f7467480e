"""How much of one line any reader holds at once, so that memory stays bounded by this limit
and not by the size of a file without line breaks (a 1 GB single-line export).

``MAX_LINE`` is read when a file is opened (tests lower it). A line, JSON record or CSV row
longer than it is refused with one line naming the file and the line number; the other inputs
of the run are still processed. Plain text in ``deid`` is cut into pieces instead (see
``deid.formats.plaintext``), since it has no records to keep whole.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from cnprivacy.errors import InputError

#: Characters in one line (16 Mi): far beyond any real record, far below the memory a machine
#: has.
MAX_LINE = 1 << 24


def line_too_long(source: str, number: int, limit: int | None = None) -> InputError:
    limit = MAX_LINE if limit is None else limit
    return InputError(source, f"line longer than {limit:,} characters; not read (a file "
                      "without line breaks, or a broken export?)", line=number)


def bounded_lines(handle: TextIO, source: str) -> Iterator[str]:
    """The lines of ``handle`` with their endings, each read with at most ``MAX_LINE + 2``
    characters in memory (room for ``\r\n``); InputError at the first line whose content is
    longer than ``MAX_LINE``."""
    limit = MAX_LINE
    number = 0
    while line := handle.readline(limit + 2):
        number += 1
        if len(line) > limit and len(line.rstrip("\r\n")) > limit:
            raise line_too_long(source, number, limit)
        yield line


#: Columns in one table (a spreadsheet's own maximum, 16,384): Arrow keeps buffers per column,
#: so a one-million-column CSV of 10 MB grew past 9 GB before this limit.
MAX_COLUMNS = 1 << 14


def check_columns(source: str, count: int) -> None:
    """InputError when a table's first row has more than ``MAX_COLUMNS`` cells."""
    if count > MAX_COLUMNS:
        raise InputError(source, f"{count:,} columns, more than {MAX_COLUMNS:,}; not read (a "
                         "file with the wrong delimiter, or a broken export?)", line=1)


#: Sheet XML compresses 5-20x; a part over 1 MiB that expands more than this is a zip bomb (a
#: 1 MB .xlsx whose sheet was 1 GiB of spaces held 2.2 GB in openpyxl before this check).
MAX_ZIP_RATIO = 200
ZIP_RATIO_APPLIES_ABOVE = 1 << 20


def check_zip_ratios(path: str | Path) -> None:
    """InputError naming the first part of an archive (.xlsx) that expands suspiciously; an
    archive that cannot be listed is left to its reader, which names that problem."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception:  # zipfile raises many types (NotImplementedError too)
        return
    for info in infos:
        if (info.file_size > ZIP_RATIO_APPLIES_ABOVE and info.compress_size
                and info.file_size / info.compress_size > MAX_ZIP_RATIO):
            raise InputError(str(path), f"part expands {info.file_size // info.compress_size}x "
                             f"(limit {MAX_ZIP_RATIO}x), likely a zip bomb; not read",
                             field=info.filename)


def allow_csv_fields() -> None:
    """Let Python's csv module read a field as long as a line may be (its default, 128 KiB,
    refuses real exports with long free-text cells)."""
    csv.field_size_limit(MAX_LINE)


def json_problem(err: RecursionError | ValueError) -> str:
    """What is wrong with a JSON record Python's parser gave up on (its own message can quote
    the record's digits)."""
    if isinstance(err, RecursionError):
        return "JSON nested too deeply to read"
    return "a number too long to read (over 4,300 digits)"
