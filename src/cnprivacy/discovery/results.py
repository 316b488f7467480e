"""Scan results: plain dataclasses with the JSON shape of the scan contract (spec/scan.md)."""

from __future__ import annotations

import json
import secrets
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload


@dataclass(slots=True)
class ColumnReport:
    name: str
    type: str
    sensitive: bool
    matched: int
    checked: int
    examples: list[str]
    sensitive_categories: list[str] = field(default_factory=list)
    data_category: str | None = None
    free_text: bool = False
    span_types: dict[str, int] = field(default_factory=dict)
    header_hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "type": self.type, "sensitive": self.sensitive,
            "matched": self.matched, "checked": self.checked, "examples": self.examples,
            "sensitive_categories": self.sensitive_categories,
            "data_category": self.data_category, "header_hint": self.header_hint,
        }
        if self.free_text:
            out["free_text"] = True
            out["span_types"] = self.span_types
        return out


@dataclass(slots=True)
class SpanReport:
    """One span of a text source (not frozen: a frozen dataclass costs three times as much to
    build, and dense text yields tens of thousands of these per megabyte)."""

    line: int
    start: int
    end: int
    type: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "start": self.start, "end": self.end, "type": self.type}


# 32-bit integers, the width the C accelerator writes (array's "i" is C int).
INT32 = "i" if array("i").itemsize == 4 else "l"


class SpanTable(Sequence[SpanReport]):
    """The spans of a text source, stored as columns (line, start, end, type code): dense
    text yields tens of thousands of spans per megabyte, and one object per span cost more
    than finding the span. Reads as a sequence of :class:`SpanReport`."""

    __slots__ = ("_codes", "_ends", "_lines", "_starts", "types")

    def __init__(self, types: Sequence[str]) -> None:
        self.types = tuple(types)
        self._lines = array(INT32)
        self._starts = array(INT32)
        self._ends = array(INT32)
        self._codes = bytearray()

    def extend_packed(self, lines: bytes, starts: bytes, ends: bytes, codes: bytes) -> None:
        """Add spans given as native int32 columns and one type-code byte each."""
        n = len(codes)
        if not len(lines) == len(starts) == len(ends) == n * self._lines.itemsize:
            raise ValueError("span columns of different lengths")
        self._lines.frombytes(lines)
        self._starts.frombytes(starts)
        self._ends.frombytes(ends)
        self._codes += codes

    def code_counts(self) -> dict[str, int]:
        """Spans per type."""
        return {self.types[c]: self._codes.count(c) for c in sorted(set(self._codes))}

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, i: int) -> SpanReport: ...
    @overload
    def __getitem__(self, i: slice) -> list[SpanReport]: ...
    def __getitem__(self, i: int | slice) -> SpanReport | list[SpanReport]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return SpanReport(self._lines[i], self._starts[i], self._ends[i],
                          self.types[self._codes[i]])

    def to_dicts(self) -> list[dict[str, Any]]:
        """The spans as JSON objects, without a :class:`SpanReport` per span."""
        types = self.types
        return [{"line": line, "start": start, "end": end, "type": types[code]}
                for line, start, end, code in zip(self._lines, self._starts, self._ends,
                                                  self._codes, strict=True)]

    def __iter__(self) -> Iterator[SpanReport]:
        types = self.types
        for line, start, end, code in zip(self._lines, self._starts, self._ends, self._codes,
                                          strict=True):
            yield SpanReport(line, start, end, types[code])


@dataclass(slots=True)
class SourceReport:
    """One scanned source: a file, a worksheet or a database table."""

    source: str
    kind: str
    encoding: str | None
    rows: int = 0
    individuals: int | None = None
    individuals_exact: bool = True
    identifier: str | None = None          # column (tabular) or type (text) counted by
    identifier_type: str | None = None
    sensitive_individuals: int | None = None
    minors_under_14: int | None = None
    minors_under_18: int | None = None   # 未成年人, counted beside the children under 14
    sensitive_categories: list[str] = field(default_factory=list)
    data_categories: list[str] = field(default_factory=list)
    columns: list[ColumnReport] = field(default_factory=list)
    spans: Sequence[SpanReport] = field(default_factory=list)
    span_counts: dict[str, int] = field(default_factory=dict)
    sampled_rows: int | None = None
    bytes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "kind": self.kind, "encoding": self.encoding,
            "rows": self.rows, "individuals": self.individuals,
            "individuals_method": "exact" if self.individuals_exact else "hyperloglog",
            "identifier": self.identifier, "identifier_type": self.identifier_type,
            "sensitive_individuals": self.sensitive_individuals,
            "minors_under_14": self.minors_under_14,
            "minors_under_18": self.minors_under_18,
            "sensitive_categories": self.sensitive_categories,
            "data_categories": self.data_categories,
            "sampled_rows": self.sampled_rows,
            "columns": [c.to_dict() for c in self.columns],
            "spans": (self.spans.to_dicts() if isinstance(self.spans, SpanTable)
                      else [s.to_dict() for s in self.spans]),
            "span_counts": self.span_counts,
        }


@dataclass(slots=True)
class ScanError:
    source: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.message}


@dataclass(slots=True)
class Totals:
    """Organisation-level distinct counts across sources (see scanner.Totals docs)."""

    individuals: int | None = None
    sensitive_individuals: int | None = None
    minors_under_14: int | None = None
    minors_under_18: int | None = None
    data_categories: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"individuals": self.individuals,
                "sensitive_individuals": self.sensitive_individuals,
                "minors_under_14": self.minors_under_14,
                "minors_under_18": self.minors_under_18,
                "data_categories": self.data_categories}


@dataclass(slots=True)
class ScanResult:
    as_of: str
    sources: list[SourceReport] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "sources": [s.to_dict() for s in self.sources],
                "totals": self.totals.to_dict(),
                "errors": [e.to_dict() for e in self.errors], "skipped": self.skipped}

    def to_json(self) -> str:
        """The result as indented JSON, each span on a line of its own. The spans are encoded
        by ``json``'s C encoder: the indenting encoder is pure Python, and dense text has
        hundreds of thousands of spans (about 1 MB/s of output)."""
        doc = self.to_dict()
        salt = secrets.token_hex(8)
        lists: dict[str, list[dict[str, Any]]] = {}
        for i, source in enumerate(doc["sources"]):
            if source["spans"]:
                token = f"@@spans-{salt}-{i}@@"
                lists[token] = source["spans"]
                source["spans"] = token
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        for token, spans in lists.items():
            # Span objects hold numbers and a type name: "}, {" occurs only between them.
            flat = json.dumps(spans, ensure_ascii=False, separators=(", ", ": "))
            body = flat[1:-1].replace("}, {", "},\n        {")
            text = text.replace(json.dumps(token), "[\n        " + body + "\n      ]", 1)
        return text
