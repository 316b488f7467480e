"""Any profile text gives a profile or a one-line input error, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.profile import load_profile
from cnprivacy.profile.models import Organization, Profile

from .inputs import Outcomes, damaged, documents, leaves, raw_texts, texts

EXAMPLE = (Path(__file__).parents[2] / "examples" / "shenzhen-travel.yaml").read_text("utf-8")
ORG_KEYS = sorted(Organization.model_fields)
TOP_KEYS = sorted(Profile.model_fields)
WORDS = ["CN", "SG", "contract", "consent", "travel", "identity", "true", "2026-02-01"]

profiles = st.fixed_dictionaries(
    {"organization": st.dictionaries(st.sampled_from(ORG_KEYS), leaves(WORDS), max_size=8)},
    optional={key: documents(ORG_KEYS + TOP_KEYS + ["id", "date", "recipient", "country"],
                             WORDS) for key in TOP_KEYS if key != "organization"})
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
outcomes = Outcomes()


def _load(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"profile{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        outcomes.run(load_profile, path)


@FUZZ
@given(texts(profiles), st.sampled_from([".yaml", ".json"]))
def test_profile_shaped_text(text: str, suffix: str) -> None:
    _load(text, suffix)


@FUZZ
@given(damaged(EXAMPLE))
def test_damaged_example_profile(text: str) -> None:
    _load(text, ".yaml")


@FUZZ
@given(raw_texts())
def test_unstructured_text(text: str) -> None:
    _load(text, ".yaml")
