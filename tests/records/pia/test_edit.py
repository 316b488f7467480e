"""The judgement file: strict, refused whole with one line naming the field, never the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.records.pia.edit import read_edit

from .helpers import full_edit


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "j.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "field", "problem"), [
    ("impact:\n  autonomy: {value: 巨大, reason: x}\n", "impact.autonomy.value", "Input should be"),
    ("impact:\n  wellbeing: {value: 高}\n", "impact.wellbeing", "unknown field"),
    ("risk: 高\n", "risk", "unknown field"),
    ("residual_risk: {value: 高, confirmed: true}\n", "residual_risk", "without a reason"),
    ("purpose_and_method: {reason: fine, confirmed: true}\n", "purpose_and_method",
     "without a value"),
    ("measures: [{description: encryption, status: someday}]\n", "measures[0].status",
     "Input should be"),
    ("next_review_on: soon\n", "next_review_on", "date"),
    ("modifiers:\n  deidentified: {value: true, reason: '', confirmed: true}\n",
     "modifiers.deidentified.reason", "at least 1 character"),
])
def test_bad_field_is_named(tmp_path: Path, text: str, field: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        read_edit(_write(tmp_path, text))
    assert err.value.field == field, err.value.one_line()
    assert problem in err.value.problem
    assert "巨大" not in err.value.one_line()  # values are never repeated


@pytest.mark.parametrize("text", [
    "impact: {autonomy: {value: 高}, autonomy: {value: 低}}\n",  # repeated key
    "- just\n- a list\n", "", "{}\n", b"\xff\xfe\x00junk", "impact:\n  autonomy: [\n",
    "中文".encode("gbk")])
def test_unusable_files_are_refused(tmp_path: Path, text: str | bytes) -> None:
    with pytest.raises(InputError) as err:
        read_edit(_write(tmp_path, text))
    assert "\n" not in err.value.one_line() and "j.yaml" in err.value.one_line()


def test_a_directory_or_a_huge_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_edit(tmp_path)
    with pytest.raises(InputError, match="larger than"):
        read_edit(_write(tmp_path, "# " + "x" * (1 << 20) + "\n"))


def test_english_and_chinese_level_names_are_the_same(tmp_path: Path) -> None:
    a = read_edit(_write(tmp_path, "residual_risk: {value: severe}\nlikelihood:\n"
                                   "  network: {value: very_high}\n"))
    b = read_edit(_write(tmp_path, "residual_risk: {value: 严重}\nlikelihood:\n"
                                   "  network: {value: 很高}\n"))
    assert a == b


def test_a_complete_file_reads(tmp_path: Path) -> None:
    import json

    edit = read_edit(_write(tmp_path, json.dumps(full_edit(), ensure_ascii=False)))
    assert edit.residual_risk is not None and edit.residual_risk.confirmed
