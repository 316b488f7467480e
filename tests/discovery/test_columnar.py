"""Column masks agree with the scalar validators, value by value."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from cnprivacy.discovery import columnar as C
from cnprivacy.discovery.detect import validate

from .evalcorpus import Corpus

TODAY = date(2026, 3, 1)


def _agree(values: list[str | None]) -> None:
    arr = pa.array(values, type=pa.string())
    masks = C.type_masks(arr, today=TODAY)
    for kind, m in masks.items():
        got = m.to_pylist()
        for v, ok in zip(values, got, strict=True):
            want = bool(v) and validate(kind, v)
            assert ok == want, (kind, v, ok)


def test_agree_on_the_corpus(corpus: Corpus) -> None:
    for values in corpus.columns.values():
        _agree([*values[:400], None, "", "  "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="0123456789Xx -+()８", min_size=10, max_size=22),
                min_size=1, max_size=40))
def test_agree_on_digit_noise(values: list[str]) -> None:
    _agree(values)


def test_minors_boundary() -> None:
    # Born 2012-03-01: turns 14 on 2026-03-01, so not under 14 that day; a day later-born is.
    birth = C.birth_dates(pa.array(["110101201203011234", "110101201203021234"]), TODAY)
    assert birth.tolist()[0] in (0, 20120301)
    assert C.minors(pa.array([20120301, 20120302]).to_numpy(), TODAY, 14).tolist() == [False, True]
    assert C.minors(pa.array([20120302]).to_numpy(), TODAY, None).tolist() == [False]


def test_birth_dates_of_valid_ids_only() -> None:
    from stdnum.iso7064 import mod_11_2

    body = "11010120120302123"
    good = body + mod_11_2.calc_check_digit(body)
    bad = body + ("0" if good[-1] != "0" else "1")
    got = C.birth_dates(pa.array([good, bad, "110101120302123", None]), TODAY).tolist()
    assert got == [20120302, 0, 19120302, 0]


def test_mobile_prefix_table_matches_phonenumbers_pattern() -> None:
    import random

    from cnprivacy.discovery.pitypes.mobile import is_valid as is_mobile

    rnd = random.Random(5)
    values = [f"{p}{rnd.randrange(10**6):06d}" for p in range(10000, 20000, 7)]
    got = C.mobile_mask(pa.array(values)).to_pylist()
    assert got == [is_mobile(v) for v in values]
    assert any(got) and not all(got)
