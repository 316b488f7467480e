"""Any working-day calendar text gives a calendar or a one-line input error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.law.workdays import load_calendar

from .inputs import Outcomes, leaves, raw_texts, texts

WORDS = ["2027-01-01", "2027-02-30", "2028-01-01", "2027-10-08", "20270101", "2027-W01-1"]
days = st.lists(st.sampled_from(WORDS) | leaves(WORDS), max_size=5)
schedules = st.dictionaries(
    st.integers(min_value=-3, max_value=10_000) | st.sampled_from([2027, 2028]) | st.text(max_size=4),
    st.fixed_dictionaries({}, optional={"holidays": days, "workdays": days, "feasts": days})
    | leaves(WORDS),
    max_size=3)
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
outcomes = Outcomes()


def _load(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calendar.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        outcomes.run(load_calendar, path)


@FUZZ
@given(texts(schedules))
def test_calendar_shaped_text(text: str) -> None:
    _load(text)


@FUZZ
@given(raw_texts())
def test_unstructured_text(text: str) -> None:
    _load(text)
