"""Applies a policy to values: spans inside free text, whole cells of classified columns.

The same object serves every file format; formats only decide what a "cell" and a "line" are.
Counts of what was done (per entity type and transform) are kept for the run summary; no
value is ever kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from cnprivacy.deid.detection import Detector, SpanLike
from cnprivacy.deid.envelope import SM4Envelope
from cnprivacy.deid.generalise import (
    birth_date_of,
    generalise_address,
    generalise_date,
    generalise_gps,
    generalise_ip,
)
from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.masks import mask_value
from cnprivacy.deid.policy import (
    DEFAULT_RULES,
    FALLBACK_RULE,
    Encrypt,
    Generalise,
    Keep,
    Mask,
    Policy,
    Pseudonymise,
    Rule,
    Suppress,
)
from cnprivacy.deid.pseudonym import Pseudonymiser
from cnprivacy.errors import CnPrivacyError


class KeyRequiredError(CnPrivacyError):
    pass


class Deidentifier:
    def __init__(self, policy: Policy, detector: Detector, key: DeidKey | None = None,
                 as_of: date | None = None) -> None:
        if key is None and policy.needs_key():
            raise KeyRequiredError(
                f"the policy uses keyed transforms ({', '.join(policy.needs_key()[:3])}): "
                "give --key-file (create one with `cnprivacy deid keygen KEYFILE`)")
        self.policy = policy
        self.detector = detector
        self.as_of = as_of or date.today()
        self._pseudonymisers: dict[str, Pseudonymiser] = {}
        self._key = key
        self._envelope = SM4Envelope(key) if key is not None else None
        self.counts: Counter[tuple[str, str]] = Counter()
        # Column names met in the inputs, to warn about policy columns that matched nothing.
        self.seen_columns: set[str] = set()

    def unmatched_policy_columns(self) -> list[str]:
        return [c for c in self.policy.columns if c not in self.seen_columns]

    # -- rules -----------------------------------------------------------------------------
    def rule_for_type(self, entity_type: str) -> Rule:
        return self.policy.types.get(entity_type) or DEFAULT_RULES.get(entity_type, FALLBACK_RULE)

    def column_rule(self, column: str) -> Rule | None:
        return self.policy.columns.get(column)

    # -- application -----------------------------------------------------------------------
    def apply(self, rule: Rule, entity_type: str | None, value: str, *, in_text: bool,
              label: str | None = None) -> str:
        label = label or entity_type or "value"
        self.counts[(label, rule.transform)] += 1
        if isinstance(rule, Keep):
            return value
        if isinstance(rule, Mask):
            return mask_value(entity_type, value, keep_first=rule.keep_first,
                              keep_last=rule.keep_last, char=rule.char)
        if isinstance(rule, Pseudonymise):
            pseudonymiser = self._pseudonymiser(rule.algorithm or self.policy.key_algorithm)
            if rule.format_preserving:
                return pseudonymiser.format_preserving(entity_type, value, rule.checksum)
            return pseudonymiser.token(entity_type, value)
        if isinstance(rule, Encrypt):
            assert self._envelope is not None  # guaranteed by the constructor check
            return self._envelope.encrypt(value)
        if isinstance(rule, Generalise):
            result = self._generalise(rule, entity_type, value)
            if result is not None:
                return result
            self.counts[(label, "suppress (not generalisable)")] += 1
            return _suppressed(entity_type, in_text, None)
        if isinstance(rule, Suppress):
            return _suppressed(entity_type, in_text, rule.replacement)
        raise AssertionError(rule)  # pragma: no cover - the Rule union is closed

    def transform_text(self, text: str) -> str:
        """Replace every detected span in ``text`` by its type's transform."""
        return self._replace(text, self.detector.find_spans(text))

    def _replace(self, text: str, spans: Sequence[SpanLike]) -> str:
        if not spans:
            return text
        pieces: list[str] = []
        last = 0
        for span in spans:
            pieces.append(text[last:span.start])
            rule = self.rule_for_type(span.type)
            pieces.append(self.apply(rule, span.type, text[span.start:span.end], in_text=True))
            last = span.end
        pieces.append(text[last:])
        return "".join(pieces)

    def transform_cell(self, column: str, value: str, column_type: str | None,
                       untrusted: frozenset[str] = frozenset()) -> str:
        """One cell: a column rule covers the whole value; otherwise spans are replaced, and a
        classified column's cell with no recognisable span is still transformed as its type
        (a mistyped ID is still someone's ID). ``untrusted``: span types that are chance in
        this unclassified column (the detector's ``untrusted_types``), kept unless cued."""
        if not value.strip():
            return value
        rule = self.column_rule(column)
        if rule is not None:
            return self.apply(rule, column_type, value, in_text=False,
                              label=f"column {column}")
        if column_type is not None and self.detector.validate(column_type, value):
            return self.apply(self.rule_for_type(column_type), column_type, value,
                              in_text=False)
        spans = self.detector.find_spans(value)
        if column_type is None and untrusted:
            spans = self.detector.trusted_spans(value, spans, untrusted)
        whole = len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(value)
        if column_type is not None and (whole or not spans):
            # The column decides: an 18-digit value in an ID column is an ID even when it
            # also happens to pass another type's checksum.
            return self.apply(self.rule_for_type(column_type), column_type, value,
                              in_text=False)
        if whole:
            entity_type = spans[0].type
            return self.apply(self.rule_for_type(entity_type), entity_type, value,
                              in_text=False)
        return self._replace(value, spans) if spans else value

    def transform_cells(self, column: str, values: Sequence[str | None],
                        column_type: str | None,
                        untrusted: frozenset[str] = frozenset()) -> list[str | None]:
        return [None if v is None else self.transform_cell(column, v, column_type, untrusted)
                for v in values]

    # -- helpers ---------------------------------------------------------------------------
    def _pseudonymiser(self, algorithm: str) -> Pseudonymiser:
        if algorithm not in self._pseudonymisers:
            if self._key is None:
                raise KeyRequiredError("pseudonymise needs --key-file")
            self._pseudonymisers[algorithm] = Pseudonymiser(
                self._key, "sm3" if algorithm == "sm3" else "sha256")
        return self._pseudonymisers[algorithm]

    def _generalise(self, rule: Generalise, entity_type: str | None, value: str) -> str | None:
        if rule.to in ("year", "month", "age_band"):
            born = birth_date_of(entity_type, value)
            if born is None:
                return None
            return generalise_date(born, rule.to, as_of=rule.as_of or self.as_of,
                                   band=rule.band)
        if rule.to in ("province", "city", "district"):
            return generalise_address(value, rule.to)
        if rule.to == "grid":
            return generalise_gps(value, rule.grid)
        return generalise_ip(value, rule.prefix)


def _suppressed(entity_type: str | None, in_text: bool, replacement: str | None) -> str:
    if replacement is not None:
        return replacement
    # In running text an empty string would silently glue words together; a tag keeps the
    # sentence readable and says what was removed, never what it was.
    return f"[{entity_type}]" if in_text and entity_type else ""
