"""Any de-identification policy text gives a policy or a one-line input error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.deid.policy import load_policy
from cnprivacy.discovery.types import ALL_TYPES

from .inputs import Outcomes, documents, leaves, raw_texts, texts

TRANSFORMS = ["keep", "mask", "pseudonymise", "encrypt", "generalise", "suppress", "scramble"]
RULE_KEYS = ["transform", "keep_first", "keep_last", "char", "algorithm", "format_preserving",
             "checksum", "to", "band", "grid", "prefix", "as_of", "replacement"]
WORDS = [*TRANSFORMS, "sm3", "sha256", "valid", "year", "age_band", "city", "grid", "prefix"]

rule = st.sampled_from(TRANSFORMS) | st.dictionaries(
    st.sampled_from(RULE_KEYS), st.sampled_from(WORDS) | leaves(WORDS), max_size=5)
policies = st.fixed_dictionaries({}, optional={
    "version": leaves(["1", "2"]),
    "key_algorithm": leaves(["sm3", "sha256"]),
    "types": st.dictionaries(st.sampled_from(sorted(ALL_TYPES)) | st.text(max_size=6), rule,
                             max_size=5),
    "columns": st.dictionaries(st.text(max_size=8), rule, max_size=5) | documents(RULE_KEYS, WORDS),
})
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
outcomes = Outcomes()


def _load(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        outcomes.run(load_policy, path)


@FUZZ
@given(texts(policies))
def test_policy_shaped_text(text: str) -> None:
    _load(text)


@FUZZ
@given(raw_texts())
def test_unstructured_text(text: str) -> None:
    _load(text)
