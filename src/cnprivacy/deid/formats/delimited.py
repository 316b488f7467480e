"""CSV and TSV, in whatever encoding the scanner detects; written in the same encoding,
delimiter and line ending."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnprivacy.deid.formats._sampling import sample_then_stream
from cnprivacy.deid.operations import Operation
from cnprivacy.discovery.readers import column_names
from cnprivacy.errors import InputError
from cnprivacy.fileio import limits
from cnprivacy.fileio.encoding import detect_encoding, output_encoding


def _dialect(src: Path, encoding: str, tab: bool) -> tuple[str, str]:
    with src.open(encoding=encoding, newline="", errors="replace") as handle:
        head = handle.read(65536)
    terminator = "\r\n" if "\r\n" in head else "\n"
    if tab:
        return "\t", terminator
    try:
        return csv.Sniffer().sniff(head, delimiters=",;|\t").delimiter, terminator
    except csv.Error:
        return ",", terminator


def _columns(header: list[str], rows: list[list[str]]) -> dict[str, list[Any]]:
    return {name: [row[i] for row in rows if i < len(row)] for i, name in enumerate(header)}


def rewrite(src: Path, dst: Path | None, op: Operation, *, tab: bool, sample_rows: int) -> int:
    encoding = detect_encoding(src)
    delimiter, terminator = _dialect(src, encoding, tab)
    count = 0
    limits.allow_csv_fields()
    with src.open(encoding=encoding, newline="") as handle:
        # Lines are read with a bound: a file without line breaks is refused, not loaded.
        reader = csv.reader(limits.bounded_lines(handle, str(src)), delimiter=delimiter)
        try:
            first = next(reader, None)
            if first is None:
                if dst is not None:
                    dst.write_bytes(b"")
                return 0
            # The reader scan uses decides whether the first row is a header or data (a
            # headerless export): data rows go through op like any other and no header is
            # invented on the way out.
            limits.check_columns(str(src), len(first))
            header, has_header = column_names(first)
            body = reader if has_header else itertools.chain([first], reader)
            rows = sample_then_stream(body, sample_rows, lambda h: _columns(header, h),
                                      op.prepare)
            out = None if dst is None else dst.open("w", encoding=output_encoding(encoding),
                                                    newline="")
            try:
                writer = None if out is None else csv.writer(
                    out, delimiter=delimiter, lineterminator=terminator)
                if writer is not None and has_header:
                    writer.writerow(first)
                width = len(header)
                for row in rows:
                    new = [op.value(header[i] if i < width else f"column{i + 1}", v)
                           for i, v in enumerate(row)]
                    if writer is not None:
                        writer.writerow(new)
                    count += 1
            finally:
                if out is not None:
                    out.close()
        except UnicodeDecodeError:
            raise InputError(str(src), f"cannot decode as {encoding}",
                             line=reader.line_num + 1) from None
        except csv.Error as err:
            raise InputError(str(src), f"malformed CSV ({err})", line=reader.line_num) from None
    return count


def records(src: Path, *, tab: bool) -> Iterator[dict[str, Any]]:
    encoding = detect_encoding(src)
    delimiter, _ = _dialect(src, encoding, tab)
    limits.allow_csv_fields()
    with src.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(limits.bounded_lines(handle, str(src)), delimiter=delimiter)
        try:
            first = next(reader, None) or []
            limits.check_columns(str(src), len(first))
            header, has_header = column_names(first)
            for row in reader if has_header else itertools.chain([first], reader):
                yield dict(zip(header, row, strict=False))
        except UnicodeDecodeError:  # the encoding was guessed from the first bytes only
            raise InputError(str(src), f"cannot decode as {encoding}",
                             line=reader.line_num + 1) from None
        except csv.Error as err:
            raise InputError(str(src), f"malformed CSV ({err})", line=reader.line_num) from None
