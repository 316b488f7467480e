"""Hypothesis strategies for hostile input files: structures in a format's own vocabulary, written
as YAML or JSON, then cut, spliced and salted with the constructs that broke the loaders before
(repeated keys, aliases, deep nesting, long numbers, impossible dates, lone surrogates)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml
from hypothesis import strategies as st

from cnprivacy.errors import InputError

# Values that once raised something other than an input error somewhere.
NASTY_SCALARS = ["2027-02-30", "9999-12-31", "0001-01-01", "2026-13-01", "1" * 5000,
                 "-" + "9" * 40, ".nan", ".inf", "-.inf", "~", "null", "yes", "0x1F", "0o17",
                 "1_000", "1e400", "'\\ud800'", '"\\ud800"', "!!int abc", "!!binary x",
                 "!!timestamp 2027-02-30", "*a", "&a x", "<<: *a", "? [a, b]"]
# Whole lines spliced into a document.
NASTY_LINES = ["a: &a [x, x, x]", "b: [*a, *a, *a]", "<<: {x: 1}", "x: 1", "x: 2",
               "- [" * 40 + "]" * 40, "? {a: 1}", "%YAML 1.1", "---", "...", "\t- x", "'",
               '{"a": 1, "a": 2}', "[" * 600, "{" * 1200]


def leaves(words: Sequence[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
        st.text(max_size=12), st.sampled_from(list(words)),
        st.sampled_from(["2026-02-01", "2027-02-30", "9999-12-31", "CN", "SG", "Singapore",
                         "\ud800", "zhang.wei@example.com", "13812345678"]),
        st.integers(min_value=10**40, max_value=10**60),
    )


def documents(keys: Sequence[str], words: Sequence[str]) -> st.SearchStrategy[Any]:
    """Nested mappings and lists whose keys are mostly the format's own field names."""
    key = st.sampled_from(list(keys)) | st.text(max_size=8)
    return st.recursive(
        leaves(words),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=5),
        max_leaves=25)


def _dump(value: Any, as_json: bool) -> str:
    if as_json:
        return json.dumps(value, ensure_ascii=False, allow_nan=True)
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@st.composite
def texts(draw: st.DrawFn, root: st.SearchStrategy[Any]) -> str:
    """A document in the format's vocabulary as YAML or JSON text, possibly damaged."""
    try:
        text = _dump(draw(root), draw(st.booleans()))
    except (UnicodeEncodeError, ValueError):
        text = ""
    return draw(damaged(text))


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """``text`` with lines dropped, repeated or swapped for nasty ones, a nasty scalar put after
    some colon, or a line cut short."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["repeat", "drop", "splice", "salt", "cut"]))
        if not lines:
            lines = [draw(st.sampled_from(NASTY_LINES))]
            continue
        at = draw(st.integers(0, len(lines) - 1))
        if action == "repeat":
            lines.insert(at, lines[at])
        elif action == "drop":
            del lines[at]
        elif action == "splice":
            indent = len(lines[at]) - len(lines[at].lstrip())
            lines.insert(at, " " * indent + draw(st.sampled_from(NASTY_LINES)))
        elif action == "salt" and ":" in lines[at]:
            head = lines[at].split(":", 1)[0]
            lines[at] = f"{head}: {draw(st.sampled_from(NASTY_SCALARS))}"
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
    return "\n".join(lines) + "\n"


def raw_texts() -> st.SearchStrategy[str]:
    """Text with no structure at all, including characters YAML refuses."""
    return st.text(max_size=200) | st.sampled_from(NASTY_LINES + NASTY_SCALARS)


class Outcomes:
    """Runs a loader on each example: a result or a one-line InputError is fine (and counted);
    any other exception propagates and fails the test."""

    def __init__(self) -> None:
        self.loaded = 0
        self.refused = 0

    def run(self, load: Any, *args: Any) -> None:
        try:
            load(*args)
        except InputError as err:
            assert "\n" not in str(err)  # one line, whatever the input
            self.refused += 1
        else:
            self.loaded += 1
