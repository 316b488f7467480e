"""Profiles that are wrong or hostile: each is one line naming file and field, never a traceback,
never a silent choice, and never an echo of personal information."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.errors import InputError
from cnprivacy.profile import load_profile
from cnprivacy.profile.loader import EARLIEST_DAY, LATEST_DAY

runner = CliRunner()


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str, name: str = "p.yaml") -> InputError:
    path = _write(tmp_path, text, name)
    with pytest.raises(InputError) as info:
        load_profile(path)
    message = info.value.one_line()
    assert "\n" not in message and message.startswith(str(path))
    return info.value


def test_repeated_count_does_not_flip_an_obligation(tmp_path: Path) -> None:
    err = _error(tmp_path, "organization:\n  name: X\n  country: CN\n"
                 "  individuals_processed: 2000000\n  individuals_processed: 10\n")
    assert (err.field, err.line) == ("organization", 5)
    assert "'individuals_processed' is given twice" in err.problem


def test_repeated_key_in_a_json_profile(tmp_path: Path) -> None:
    text = ('{"organization": {"name": "X", "country": "CN",\n'
            ' "individuals_processed": 2000000,\n "individuals_processed": 10}}')
    err = _error(tmp_path, text, "p.json")
    assert err.field == "organization" and err.line == 3 and "given twice" in err.problem


def test_alias_bomb_fails_at_once(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]"
              for i in range(8)]
    text = "\n".join(lines) + "\norganization: {name: *i, country: CN}\n"
    assert len(text.encode()) < 1024
    assert "aliases are not accepted" in _error(tmp_path, text).problem


@pytest.mark.parametrize("text", [
    '{"organization": ' + "[" * 1500 + "]" * 1500 + "}",
    "organization: " + "[" * 500 + "]" * 500 + "\n",
])
def test_deep_nesting_is_an_input_error(tmp_path: Path, text: str) -> None:
    assert "nest" in _error(tmp_path, text, "p.json" if text[0] == "{" else "p.yaml").problem


def test_huge_integer_names_its_field(tmp_path: Path) -> None:
    err = _error(tmp_path, "organization:\n  name: X\n  country: CN\n"
                 f"  individuals_processed: {'9' * 5000}\n")
    assert err.field == "organization.individuals_processed" and err.line == 4


def test_lone_surrogate_names_its_field(tmp_path: Path) -> None:
    err = _error(tmp_path, '{"organization": {"name": "\\ud800", "country": "CN"}}', "p.json")
    assert err.field == "organization.name" and "surrogate" in err.problem


@pytest.mark.parametrize(("day", "ok"), [
    (LATEST_DAY, True), (date(LATEST_DAY.year + 1, 1, 1), False), (date(9999, 12, 31), False),
    (EARLIEST_DAY, True), (date(EARLIEST_DAY.year - 1, 12, 31), False), (date(1, 1, 1), False),
])
def test_dates_beyond_the_computable_span(tmp_path: Path, day: date, ok: bool) -> None:
    text = ("organization:\n  name: X\n  country: CN\n  individuals_processed: 2000000\n"
            f"  pi_officer_threshold_reached_on: {day.isoformat()}\n")
    if ok:
        assert load_profile(_write(tmp_path, text)).organization.pi_officer_threshold_reached_on \
            == day
        return
    err = _error(tmp_path, text)
    assert err.field == "organization.pi_officer_threshold_reached_on" and err.line == 5
    assert str(LATEST_DAY) in err.problem


def test_far_date_in_the_cli_is_exit_2_not_a_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "organization:\n  name: X\n  country: CN\n  individuals_processed: "
                  "2000000\n  pi_officer_threshold_reached_on: 9999-12-31\n")
    result = runner.invoke(app, ["assess", str(path), "--as-of", "2026-03-01"])
    assert result.exit_code == 2
    assert "pi_officer_threshold_reached_on" in result.stderr
    result = runner.invoke(app, ["assess", str(path), "--as-of", "9999-12-31"])
    assert result.exit_code == 2 and "--as-of" in result.stderr


@pytest.mark.parametrize(("where", "text"), [
    ("organization.country", "organization: {name: X, country: Singapore}\n"),
    ("organization.country", "organization: {name: X, country: 65}\n"),
    ("transfers[0].recipient.country",
     "organization: {name: X, country: CN}\n"
     "transfers: [{id: t1, date: 2026-02-01, recipient: {name: R, country: SGP}}]\n"),
])
def test_country_message_says_what_is_expected(tmp_path: Path, where: str, text: str) -> None:
    err = _error(tmp_path, text)
    assert err.field == where
    assert "ISO 3166-1 alpha-2" in err.problem and "SG" in err.problem
    assert "pattern" not in err.problem and "errors.pydantic.dev" not in err.problem


@pytest.mark.parametrize(("field", "value", "secret"), [
    ("country", "zhang.wei@example.com", "zhang.wei@example.com"),
    ("country", "'13812345678'", "13812345678"),
    ("country", "Zhang Wei", "Zhang Wei"),
    ("ciio", "zhang.wei@example.com", "zhang.wei@example.com"),
    ("ciio", "13812345678", "13812345678"),
    ("ciio", "张伟", "张伟"),
    ("province", "13812345678", "13812345678"),
    ("individuals_processed", "zhang.wei@example.com", "zhang.wei@example.com"),
    ("individuals_processed", "Zhang", "Zhang"),
    ("individuals_processed", "'+86 138 1234 5678'", "138 1234 5678"),
])
def test_errors_never_echo_what_could_be_personal_information(
        tmp_path: Path, field: str, value: str, secret: str) -> None:
    text = "organization:\n  name: X\n  country: CN\n" if field != "country" else \
        "organization:\n  name: X\n"
    err = _error(tmp_path, text + f"  {field}: {value}\n")
    assert secret not in err.one_line()
    assert err.field == f"organization.{field}"


def test_vocabulary_slip_is_still_shown(tmp_path: Path) -> None:
    text = "organization: {name: X, country: CN}\nsectors: [travle]\n"
    assert "'travle'" in _error(tmp_path, text).problem


def test_json_profile_with_unique_keys_loads(tmp_path: Path) -> None:
    data = {"organization": {"name": "X", "country": "CN", "individuals_processed": 10}}
    path = _write(tmp_path, json.dumps(data), "p.json")
    assert load_profile(path).organization.individuals_processed == 10


def test_control_characters_in_a_key_keep_the_error_on_one_line(tmp_path: Path) -> None:
    err = _error(tmp_path, '{"organization": {"name": "X", "country": "CN", "ci\\nio": true}}',
                 "p.json")
    assert "\n" not in err.one_line() and "organization.ci\\nio: unknown field" in err.one_line()
