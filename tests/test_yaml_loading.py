"""The strict YAML/JSON reading every input goes through: repeated keys, aliases, nesting, long
numbers and lone surrogates are one-line input errors with file, line and field."""

from __future__ import annotations

import pytest

from cnprivacy import _yaml
from cnprivacy._yaml import MAX_DEPTH, MAX_INT_DIGITS, load_text, load_value
from cnprivacy.errors import InputError, LawDataError

# Nine levels of nine aliases: about 387 million strings once expanded, in under 1 KB.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_text(text, "in.yaml")
    assert "\n" not in str(info.value)
    return info.value


def test_repeated_key_names_file_line_and_section() -> None:
    err = _error("types:\n  cn_mobile: mask\n  cn_mobile: keep\n")
    assert (err.source, err.line, err.field) == ("in.yaml", 3, "types")
    assert "'cn_mobile' is given twice" in err.problem


def test_repeated_key_found_in_nested_lists() -> None:
    err = _error("transfers:\n  - id: t1\n    recipient: {name: A, name: B}\n")
    assert err.field == "transfers[0].recipient" and err.line == 3


@pytest.mark.parametrize("text", ['{"a": 1, "a": 2}', '{"o": {"k": 1,\n "k": 2}}'])
def test_repeated_key_in_json(text: str) -> None:
    err = _error(text)
    assert "given twice" in err.problem and err.line is not None


def test_equal_keys_written_differently_are_repeats() -> None:
    assert "given twice" in _error("1: a\n0x1: b\n").problem


def test_distinct_keys_and_merge_override_still_load() -> None:
    assert load_text("a: 1\nb: {a: 2}\n", "in.yaml") == {"a": 1, "b": {"a": 2}}
    assert load_text("b:\n  <<: {x: 1}\n  x: 2\n", "in.yaml") == {"b": {"x": 2}}


def test_alias_bomb_is_refused_before_anything_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    original = _yaml._StrictConstructor.construct_document

    def counting(self: _yaml._StrictConstructor, node: object) -> object:
        built.append(node)
        return original(self, node)

    monkeypatch.setattr(_yaml._StrictConstructor, "construct_document", counting)
    assert len(BOMB) < 1024
    err = _error(BOMB)
    assert "alias" in err.problem and err.field == "b[0]" and err.line == 2
    assert built == []  # refused on the node tree: nothing was expanded


@pytest.mark.parametrize("text", ["a: &x 5\nb: *x\n", "a: &x [1]\nb:\n  - 1\n  - *x\n",
                                  "a: &x [*x]\n", "a: &x {k: 1}\nb: {<<: *x}\n"])
def test_every_alias_is_refused(text: str) -> None:
    assert "aliases are not accepted" in _error(text).problem


def test_anchor_without_alias_is_harmless() -> None:
    assert load_text("a: &x 5\n", "in.yaml") == {"a": 5}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 5000])
def test_deep_nesting_is_refused(depth: int) -> None:
    for text in ("a: " + "[" * depth + "]" * depth,
                 '{"a": ' + "[" * depth + "]" * depth + "}",
                 "a:\n" + "".join("  " * i + "b:\n" for i in range(1, min(depth, 900)))):
        err = _error(text)
        assert "nest" in err.problem


def test_nesting_up_to_the_limit_loads() -> None:
    depth = MAX_DEPTH - 1
    assert load_text("a: " + "[" * depth + "]" * depth, "in.yaml") is not None


@pytest.mark.parametrize("text", ["n: " + "9" * (MAX_INT_DIGITS + 1), "n: " + "9" * 5000,
                                  '{"n": ' + "9" * 5000 + "}", "n: -" + "1" * 4301])
def test_overlong_integer_is_refused(text: str) -> None:
    err = _error(text)
    assert err.field == "n" and f"more than {MAX_INT_DIGITS} digits" in err.problem


def test_integer_at_the_digit_limit_loads() -> None:
    assert load_text("n: " + "9" * MAX_INT_DIGITS, "in.yaml") == {"n": int("9" * MAX_INT_DIGITS)}


def test_lone_surrogate_is_refused() -> None:
    err = _error('{"a": {"b": "\\ud800"}}')  # valid JSON, but no character
    assert err.field == "a.b" and "surrogate" in err.problem
    assert _error('a:\n  b: "x\\ud800y"\n').line == 2  # libyaml refuses the escape itself


def test_paired_surrogate_escape_is_a_character() -> None:
    assert load_text('{"a": "\\ud83d\\ude00"}', "in.yaml") == {"a": "\U0001F600"}


def test_value_not_fitting_its_tag_is_an_input_error() -> None:
    assert "!!tag" in _error("a: !!int abc\n").problem


def test_dates_stay_text() -> None:
    assert load_text("d: 2027-02-30\n", "in.yaml") == {"d": "2027-02-30"}


def test_error_class_is_the_callers() -> None:
    with pytest.raises(LawDataError):
        load_text("a: 1\na: 2\n", "law.yaml", LawDataError)


def test_command_line_value_that_is_not_yaml_stays_text() -> None:
    assert load_value("[unclosed") == "[unclosed"
    assert load_value("1000") == 1000
