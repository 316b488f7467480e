"""The digit automata built from phonenumbers' CN patterns accept exactly what the patterns
fully match (the C accelerator decides mobiles and landlines with them)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnprivacy.discovery.digitdfa import accepts, digit_dfa
from cnprivacy.discovery.numberplan import fixed_line_pattern, mobile_pattern

_PATTERNS = {"mobile": mobile_pattern(), "fixed": fixed_line_pattern()}
_AUTOMATA = {name: (re.compile(f"(?:{p})"), digit_dfa(p)) for name, p in _PATTERNS.items()}


@pytest.mark.parametrize("name", sorted(_PATTERNS))
def test_automaton_agrees_with_the_pattern(name: str) -> None:
    rx, dfa = _AUTOMATA[name]
    rnd = random.Random(20261122)
    accepted = 0
    # Every 4-digit head with random tails of every length the plans use, plus the tails of
    # all zeros and all nines (where counted repeats end).
    for head in range(10000):
        h = f"{head:04d}"
        for length in range(7, 13):
            for tail in ("0" * (length - 4), "9" * (length - 4),
                         f"{rnd.randrange(10 ** (length - 4)):0{length - 4}d}"):
                value = h + tail
                ok = accepts(dfa, value)
                assert ok == (rx.fullmatch(value) is not None), value
                accepted += ok
    assert accepted > 1000  # the heads of real numbers were reached


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123456789", min_size=0, max_size=14))
def test_random_digit_strings(value: str) -> None:
    for rx, dfa in _AUTOMATA.values():
        assert accepts(dfa, value) == (rx.fullmatch(value) is not None)


def test_known_numbers() -> None:
    mobile, fixed = digit_dfa(mobile_pattern()), digit_dfa(fixed_line_pattern())
    assert accepts(mobile, "13812345678") and not accepts(mobile, "10012345678")
    assert accepts(fixed, "1062345678") and accepts(fixed, "57178359562")
    assert not accepts(fixed, "062345678") and not accepts(mobile, "1381234567X")


@pytest.mark.parametrize("pattern", [r"\d(?=1)", r"\w+", r"(a)\1", "1*?2", "^1$"])
def test_unsupported_constructs_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        digit_dfa(pattern)


def test_counted_and_open_repeats() -> None:
    for pattern in (r"1\d{2,4}", r"(?:12|3)+4?", r"[2-4]\d*9", r"0(?:1|23){0,3}"):
        dfa = digit_dfa(pattern)
        for n in range(0, 9):
            for value in {"".join(p) for p in _strings("01234569", n, 300)}:
                assert accepts(dfa, value) == (re.fullmatch(pattern, value) is not None), \
                    (pattern, value)


def _strings(alphabet: str, n: int, count: int) -> list[str]:
    rnd = random.Random(n)
    return ["".join(rnd.choice(alphabet) for _ in range(n)) for _ in range(count)]
