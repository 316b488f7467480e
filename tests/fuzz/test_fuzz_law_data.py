"""Any instrument file text gives an instrument or a one-line law-data error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.law.loader import INSTRUMENTS_DIR, parse_instrument
from cnprivacy.law.schema import Instrument

from .inputs import Outcomes, damaged, documents, raw_texts, texts

# Real files to damage: two laws with dated parameters, amendments and many sources.
SAMPLES = {name: (INSTRUMENTS_DIR / f"{name}.yaml").read_text("utf-8") for name in ("csl", "pipl")}
KEYS = [*sorted(Instrument.model_fields), "date", "event", "from", "value", "key", "title"]
WORDS = ["published", "in_force", "draft_published", "CAC", "law", "2021-11-01", "gte"]
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
outcomes = Outcomes()


def _load(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        outcomes.run(parse_instrument, path)


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)).flatmap(
    lambda name: st.tuples(st.just(name), damaged(SAMPLES[name]))))
def test_damaged_instrument(sample: tuple[str, str]) -> None:
    _load(*sample)


@FUZZ
@given(texts(documents(KEYS, WORDS)))
def test_instrument_shaped_text(text: str) -> None:
    _load("demo", text)


@FUZZ
@given(raw_texts())
def test_unstructured_text(text: str) -> None:
    _load("demo", text)
