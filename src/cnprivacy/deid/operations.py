"""What happens to each value while a file streams through: de-identify, decrypt, or count
residual PI (verify). Formats call ``prepare`` once with a bounded sample, then ``value``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, Protocol

from cnprivacy.deid.detection import Detector, SpanLike
from cnprivacy.deid.envelope import SM4Envelope
from cnprivacy.deid.policy import Keep
from cnprivacy.deid.transformer import Deidentifier
from cnprivacy.discovery import types as T
from cnprivacy.discovery.pitypes.name import left_in_output


class Operation(Protocol):
    def prepare(self, samples: Mapping[str, Sequence[Any]]) -> None: ...

    def value(self, column: str, value: Any) -> Any: ...

    def line(self, text: str) -> str: ...


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e6:
        return str(int(value))  # spreadsheets store long digit strings as floats
    return None


class DeidOperation:
    def __init__(self, deidentifier: Deidentifier) -> None:
        self.deid = deidentifier
        self.column_types: dict[str, str | None] = {}
        # Span types that are chance in an unclassified column (order numbers passing Luhn).
        self.untrusted: dict[str, frozenset[str]] = {}

    def prepare(self, samples: Mapping[str, Sequence[Any]]) -> None:
        self.deid.seen_columns.update(samples)
        for column, values in samples.items():
            texts = [t for t in (_as_text(v) for v in values) if t is not None]
            self.column_types[column] = kind = self.deid.detector.classify(column, texts)
            self.untrusted[column] = (frozenset() if kind is not None else
                                      self.deid.detector.untrusted_types(column, texts))

    def column_changes_type(self, column: str) -> bool:
        """Whether non-string values of this column may come out as strings."""
        rule = self.deid.column_rule(column)
        if rule is not None:
            return not isinstance(rule, Keep)
        return self.column_types.get(column) is not None

    def value(self, column: str, value: Any) -> Any:
        if isinstance(value, str):
            return self.deid.transform_cell(column, value, self.column_types.get(column),
                                            self.untrusted.get(column, frozenset()))
        if value is None or not self.column_changes_type(column):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**9:
                # An unclassified numeric cell can still be a phone or card number.
                digits = str(value)
                changed = self.deid.transform_cell(column, digits, None,
                                                   self.untrusted.get(column, frozenset()))
                return value if changed == digits else changed
            return value
        text = _as_text(value)
        if text is None:
            return value
        out = self.deid.transform_cell(column, text, self.column_types.get(column),
                                       self.untrusted.get(column, frozenset()))
        return value if out == text else out

    def line(self, text: str) -> str:
        return self.deid.transform_text(text)


class DecryptOperation:
    def __init__(self, envelope: SM4Envelope) -> None:
        self.envelope = envelope
        self.decrypted = 0

    def prepare(self, samples: Mapping[str, Sequence[Any]]) -> None:
        del samples

    def value(self, column: str, value: Any) -> Any:
        del column
        if isinstance(value, str):
            return self.line(value)
        return value

    def line(self, text: str) -> str:
        out, count = self.envelope.decrypt_text(text)
        self.decrypted += count
        return out


class ResidualScan:
    """Counts PI still detectable in an output, by type and where (never the value)."""

    def __init__(self, detector: Detector) -> None:
        self.detector = detector
        self.counts: Counter[str] = Counter()
        self.places: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()  # (type, column): judged per column
        # The same context rules as de-identification: a column of order numbers that pass
        # Luhn by chance was kept on purpose and is no residual card.
        self.untrusted: dict[str, frozenset[str]] = {}

    def prepare(self, samples: Mapping[str, Sequence[Any]]) -> None:
        for column, values in samples.items():
            texts = [t for t in (_as_text(v) for v in values) if t is not None]
            if self.detector.classify(column, texts) is None:
                self.untrusted[column] = self.detector.untrusted_types(column, texts)

    def value(self, column: str, value: Any) -> Any:
        text: str | None = value if isinstance(value, str) else _as_text(value)
        if text:
            found = self.detector.find_spans(text)
            untrusted = self.untrusted.get(column)
            if untrusted:
                found = self.detector.trusted_spans(text, found, untrusted)
            self._count(found, column)
        return value

    def line(self, text: str) -> str:
        self._count(self.detector.find_spans(text), "<text>")
        return text

    def _count(self, found: Sequence[SpanLike], place: str) -> None:
        for span in found:
            if span.type == T.PERSON_NAME and not left_in_output(span.start, span.end):
                continue
            self.counts[span.type] += 1
            self.places[place] += 1
            self.pairs[span.type, place] += 1
