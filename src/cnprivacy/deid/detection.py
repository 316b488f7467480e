"""The one place deid touches discovery's detector, so the dependency stays swappable.

``Detector`` is what the transformer needs: spans in a string and a column's dominant type.
:func:`discovery_detector` adapts :mod:`cnprivacy.discovery.detect`; tests may pass any object
with the same two methods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from cnprivacy.errors import CnPrivacyError


class SpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...


class Detector(Protocol):
    def find_spans(self, text: str) -> Sequence[SpanLike]: ...

    def classify(self, column: str, values: Sequence[str]) -> str | None: ...

    def validate(self, entity_type: str, value: str) -> bool: ...

    def untrusted_types(self, column: str, values: Sequence[str]) -> frozenset[str]: ...

    def trusted_spans(self, text: str, spans: Sequence[SpanLike],
                      untrusted: frozenset[str]) -> Sequence[SpanLike]: ...


class DetectionUnavailableError(CnPrivacyError):
    pass


# A column is of type T when at least this share of its sampled non-empty values are wholly
# one T value; below it, only spans are replaced cell by cell.
CLASSIFY_SHARE = 0.5


#: The classifier's context rules for columns it judged not PI: the span types that are chance
#: in a column (from a sample of its values), and the spans kept of a cell given those types.
Untrusted = Callable[[str, list[str]], frozenset[str]]
Trusted = Callable[[str, Sequence[SpanLike], frozenset[str]], Sequence[SpanLike]]


class SpanDetector:
    """Any ``find_spans`` function, plus column classification by whole-value matches
    (``classify_value`` when the detector has one, else a single span covering the value)
    and, when given, the classifier's context rules for columns that are not PI."""

    def __init__(self, find_spans: Callable[[str], Sequence[SpanLike]],
                 classify_value: Callable[[str], str | None] | None = None,
                 validate: Callable[[str, str], bool] | None = None,
                 context: tuple[Untrusted, Trusted] | None = None) -> None:
        self._find = find_spans
        self._classify_value = classify_value or self._whole_span
        self._validate = validate
        self._context = context

    def untrusted_types(self, column: str, values: Sequence[str]) -> frozenset[str]:
        """Span types that are chance in this column (it is then kept as it is unless a cue
        of the type stands before the span): none without context rules."""
        if self._context is None:
            return frozenset()
        return self._context[0](column, list(values))

    def trusted_spans(self, text: str, spans: Sequence[SpanLike],
                      untrusted: frozenset[str]) -> Sequence[SpanLike]:
        if self._context is None or not untrusted:
            return spans
        return self._context[1](text, spans, untrusted)

    def validate(self, entity_type: str, value: str) -> bool:
        """Whether the whole value is a valid ``entity_type`` (the fast path for cells of a
        classified column: one check instead of a full span search)."""
        if self._validate is not None:
            return self._validate(entity_type, value)
        return self._whole_span(value) == entity_type

    def _whole_span(self, value: str) -> str | None:
        spans = self._find(value)
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(value):
            return spans[0].type
        return None

    def find_spans(self, text: str) -> Sequence[SpanLike]:
        return self._find(text)

    def classify(self, column: str, values: Sequence[str]) -> str | None:
        del column  # headers alone never decide: a column named 'phone' may hold anything
        present = [v.strip() for v in values if v.strip()]
        votes: Counter[str] = Counter()
        leader: str | None = None
        for seen, value in enumerate(present):
            # Most cells of a PI column are the leading type: one validator, not all of them.
            if leader is not None and self.validate(leader, value):
                entity_type: str | None = leader
            else:
                entity_type = self._classify_value(value)
            if entity_type is not None:
                votes[entity_type] += 1
                leader = votes.most_common(1)[0][0]
            best = votes[leader] if leader is not None else 0
            if best + (len(present) - seen - 1) < CLASSIFY_SHARE * len(present):
                return None  # even if every remaining value voted, no type could reach the share
        if leader is None:
            return None
        return leader if votes[leader] >= CLASSIFY_SHARE * len(present) else None


def discovery_detector(names: str = "fast") -> SpanDetector:
    """Detector backed by ``cnprivacy.discovery`` (the same detectors as ``cnprivacy scan``);
    ``names`` picks its person-name finder of free text: ``fast`` or ``accurate`` (the
    optional model; without its extra this raises :class:`DetectionUnavailableError`)."""
    try:
        from cnprivacy.discovery.classify import trusted_spans, untrusted_span_types
        from cnprivacy.discovery.detect import classify_value, find_spans, validate
        from cnprivacy.discovery.pitypes.name_accurate import check_names_mode
    except ImportError as err:
        raise DetectionUnavailableError(
            f"PI detection (cnprivacy.discovery.detect) is not available: {err}") from None
    try:
        check_names_mode(names)
    except (ValueError, ImportError) as err:
        raise DetectionUnavailableError(str(err)) from None

    def _spans(text: str) -> Sequence[SpanLike]:
        # Masking favours recall: a name left whole costs more than a word masked needlessly.
        return find_spans(text, names=names, recall=True)

    def _validate(entity_type: str, value: str) -> bool:
        try:
            return validate(entity_type, value)
        except ValueError:  # a type discovery has no cell validator for
            return False

    return SpanDetector(_spans, classify_value, _validate,
                        (untrusted_span_types, trusted_spans))
