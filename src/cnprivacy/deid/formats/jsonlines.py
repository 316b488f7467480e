"""JSON Lines: every string or number leaf is a value; its column is the key path (``a.b``,
list items ``a[]``). Key order and blank lines are kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnprivacy.deid.formats._sampling import sample_then_stream
from cnprivacy.deid.operations import Operation
from cnprivacy.errors import InputError
from cnprivacy.fileio import limits
from cnprivacy.fileio.encoding import detect_encoding, output_encoding


def _walk(node: Any, path: str, visit: Any) -> Any:
    if isinstance(node, dict):
        return {k: _walk(v, f"{path}.{k}" if path else str(k), visit) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, f"{path}[]", visit) for v in node]
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        return visit(path, node)
    return node


def _parsed(src: Path, encoding: str) -> Iterator[tuple[str, Any]]:
    """(line ending, parsed record or None for a blank line)."""
    with src.open(encoding=encoding, newline="") as handle:
        lines = limits.bounded_lines(handle, str(src))
        number = 0
        while True:
            try:
                line = next(lines, None)
            except UnicodeDecodeError:  # the encoding was guessed from the first bytes only
                raise InputError(str(src), f"cannot decode as {encoding}",
                                 line=number + 1) from None
            if line is None:
                return
            number += 1
            body = line.rstrip("\r\n")
            ending = line[len(body):]
            if not body.strip():
                yield ending, None
                continue
            try:
                yield ending, json.loads(body)
            except json.JSONDecodeError as err:
                raise InputError(str(src), f"not valid JSON ({err.msg})", line=number) from None
            except (RecursionError, ValueError) as err:
                raise InputError(str(src), limits.json_problem(err), line=number) from None


def _columns(head: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}

    def collect(path: str, value: Any) -> Any:
        columns.setdefault(path, []).append(value)
        return value

    for _, record in head:
        if record is not None:
            _walk(record, "", collect)
    return columns


def rewrite(src: Path, dst: Path | None, op: Operation, *, sample_rows: int) -> int:
    encoding = detect_encoding(src)
    count = 0
    out = None if dst is None else dst.open("w", encoding=output_encoding(encoding), newline="")
    try:
        try:
            for ending, record in sample_then_stream(_parsed(src, encoding), sample_rows,
                                                     _columns, op.prepare):
                text = "" if record is None else json.dumps(
                    _walk(record, "", op.value), ensure_ascii=False)
                if out is not None:
                    out.write(text + ending)
                count += 1
        except UnicodeDecodeError:
            raise InputError(str(src), f"cannot decode as {encoding}") from None
    finally:
        if out is not None:
            out.close()
    return count


def records(src: Path) -> Iterator[dict[str, Any]]:
    for _, record in _parsed(src, detect_encoding(src)):
        if isinstance(record, dict):
            flat: dict[str, Any] = {}

            def collect(path: str, value: Any, flat: dict[str, Any] = flat) -> Any:
                flat.setdefault(path, value)
                return value

            _walk(record, "", collect)
            yield flat
