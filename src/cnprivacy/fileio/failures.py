"""Naming a library's failure without repeating its message: parsers and drivers quote the
content they choked on (a resident ID in a date column, a row of a CSV), and that content may
be personal information. A one-line error names the file and the kind of failure only."""

from __future__ import annotations

import zipfile
import zlib

import pyarrow as pa

from cnprivacy.errors import InputError

#: What streaming a damaged .xlsx raises: broken XML (xml.etree and lxml both raise
#: SyntaxError subclasses), corrupt deflate data, a truncated or broken archive.
DAMAGED_ARCHIVE: tuple[type[BaseException], ...] = (SyntaxError, zlib.error,
                                                    zipfile.BadZipFile, EOFError)


def failure_name(err: BaseException) -> str:
    """The exception's type, qualified by its module when the bare name says nothing
    (``zlib.error``, ``csv.Error``)."""
    kind = type(err)
    if kind.__module__ != "builtins" and kind.__name__.lower() == "error":
        return f"{kind.__module__}.{kind.__name__}"
    return kind.__name__


def damaged_workbook(source: str, err: BaseException) -> InputError:
    """A workbook whose parts cannot be read while streaming: broken XML, corrupt deflate
    data, a truncated archive."""
    return InputError(source, f"unreadable Excel workbook: damaged content "
                      f"({failure_name(err)})")


def check_utf8(source: str, column: str, values: pa.Array | pa.ChunkedArray) -> None:
    """Refuse a Parquet column whose string data is not valid UTF-8 (a writer that stored raw
    bytes as text): Arrow trusts the file, so the damage would surface later, mid-detection,
    as a message quoting the bytes."""
    kind = values.type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
            or pa.types.is_nested(kind)):
        return
    try:
        values.validate(full=True)
    except pa.ArrowInvalid:
        raise InputError(source, f"column {column}: text that is not valid UTF-8") from None
