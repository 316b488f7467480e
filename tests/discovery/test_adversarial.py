"""Digit runs with separators (phone lists, number tables) cost time linear in their length.

The work is counted, not timed: the number of group windows the splitter tries stays within a
constant times the number of groups, on the pure-Python and the C path, and both paths keep
the spans the quadratic splitter found (compared on seeded candidates small enough for it).
"""

from __future__ import annotations

import random

import pytest

from cnprivacy.discovery import detect
from cnprivacy.discovery._native import native, pure_python
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes import resident_id


def _every_window(text: str, base: int, out: list[detect.Found], today: int) -> None:
    """The splitter as it was: every run of groups from each group on, longest first."""
    groups = [(m.start(), m.end()) for m in detect._GROUPS.finditer(text)]
    i, n = 0, len(groups)
    while i < n:
        for j in range(n, i, -1):
            a, b = groups[i][0], groups[j - 1][1]
            joined = compact(text[a:b])
            if len(joined) > 22:
                continue
            kind = detect.classify_digits(joined, today)
            if kind is not None:
                out.append((base + a, base + b, kind))
                i = j
                break
        else:
            i += 1


def _mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _candidate(rng: random.Random) -> str:
    """A digit run with single separators: groups of 1-6 digits, mobiles, IDs, prefixes."""
    parts: list[str] = []
    if rng.random() < 0.2:
        parts.append(rng.choice(["+86", "0086", "(010)"]))
    for _ in range(rng.randint(2, 12)):
        r = rng.random()
        if r < 0.3:
            parts.append(_mobile(rng))
        elif r < 0.4:
            parts.append(rng.choice(["110105194912310021", "11010519491231002X", "0101234567"]))
        else:
            parts.append("".join(rng.choice("0123456789") for _ in range(rng.randint(1, 6))))
    seps = [rng.choice(" -") for _ in parts]
    return "".join(p + s for p, s in zip(parts, seps, strict=True))[:-1]


def test_splitter_keeps_the_spans_of_every_window() -> None:
    rng = random.Random(1204)
    today = resident_id.today_ymd()
    for _ in range(3000):
        text = _candidate(rng)
        ours: list[detect.Found] = []
        before: list[detect.Found] = []
        detect._grouped_spans(text, 7, ours, today)
        _every_window(text, 7, before, today)
        assert ours == before, text


@pytest.mark.parametrize("text", [
    "1-" * 100_000 + "1",
    " ".join(_mobile(random.Random(k)) for k in range(17_000)),
    "".join(str(k % 10) + " -"[k % 3 == 0] for k in range(100_000)) + "1",
])
def test_splitter_work_is_linear(text: str) -> None:
    out: list[detect.Found] = []
    windows = detect._grouped_spans(text, 0, out, resident_id.today_ymd())
    groups = sum(1 for _ in detect._GROUPS.finditer(text))
    assert out
    assert windows <= 10 * groups


def test_window_prefixes_are_necessary() -> None:
    # window_prefixes may only skip values classify_digits rejects.
    rng = random.Random(7)
    today = resident_id.today_ymd()
    for _ in range(20_000):
        n = rng.randint(detect._MIN_JOINED, detect._MAX_JOINED)
        value = rng.choice(["", "+86", "0086"]) + "".join(
            rng.choice("0123456789") for _ in range(n))
        value = value[:detect._MAX_JOINED]
        if detect.classify_digits(value, today) is not None:
            assert value[:2] in detect.window_prefixes()[len(value)], value
    for value in ("11010519491231002X", "13812345678", "01012345678", "+8613812345678",
                  "6222021234567890128", "4111111111111111", "4222222222222",
                  "30569309025904", "378282246310005", "3530111333300000", "008613812345678"):
        assert detect.classify_digits(value, today) is not None
        assert value[:2] in detect.window_prefixes()[len(value)]


_LONG_LINES = [
    "1-" * 100_000,
    " ".join(_mobile(random.Random(k)) for k in range(17_000)) + " ",
    "电话：" + "-".join(_mobile(random.Random(k)) for k in range(17_000)) + "，",
]


@pytest.mark.parametrize("text", _LONG_LINES)
def test_long_lines_complete_alike_on_both_paths(text: str) -> None:
    with pure_python():
        reference = detect.find_tuples(text)
    assert detect.find_tuples(text) == reference
    assert reference


@pytest.mark.parametrize("text", _LONG_LINES)
def test_accelerator_work_is_linear(text: str) -> None:
    digitruns = native("_digitruns")
    if digitruns is None:
        pytest.skip("the C accelerator is not built here")
    spans, rest, windows, _card = detect.native_scan(digitruns, text, resident_id.today_ymd())
    assert spans and not rest  # the whole line is decided in C
    assert windows <= 10 * sum(1 for _ in detect._GROUPS.finditer(text))

