"""Law data: the bundled files load; broken files fail with file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.errors import LawDataError
from cnprivacy.law import Event, LegalStatus, load_lawbook, parse_instrument, status_on, value_on

GOOD = """\
id: demo
short: Demo
name_en: Demo Measures
name_zh: 演示办法
issuers: [CAC]
kind: departmental_rule
timeline:
  - {date: 2024-01-10, event: draft_published}
  - {date: 2025-02-14, event: published}
  - {date: 2025-05-01, event: in_force}
  - {date: 2027-01-01, event: superseded}
parameters:
  threshold:
    description: people
    unit: individuals
    comparison: gt
    values:
      - {from: 2025-05-01, value: 10000000}
      - {from: 2026-01-01, value: 5000000, needs_review: true}
sources:
  - {key: S1, title: somewhere}
"""


def _write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_law_data_loads() -> None:
    book = load_lawbook()
    assert len(book.instruments) >= 30
    assert len(book.data_hash) == 64


def test_every_bundled_instrument_has_a_source_and_dates() -> None:
    for inst in load_lawbook():
        assert inst.sources, inst.id
        assert inst.timeline, inst.id


def test_status_follows_the_timeline(tmp_path: Path) -> None:
    inst = parse_instrument(_write(tmp_path, GOOD))
    assert status_on(inst, date(2024, 1, 9)) is LegalStatus.NOT_YET_PUBLISHED
    assert status_on(inst, date(2024, 1, 10)) is LegalStatus.DRAFT
    assert status_on(inst, date(2025, 2, 14)) is LegalStatus.ADOPTED
    assert status_on(inst, date(2025, 4, 30)) is LegalStatus.ADOPTED
    assert status_on(inst, date(2025, 5, 1)) is LegalStatus.IN_FORCE
    assert status_on(inst, date(2027, 1, 1)) is LegalStatus.SUPERSEDED
    assert inst.timeline[0].event is Event.DRAFT_PUBLISHED


def test_dated_parameter_values_switch_on_their_start_date(tmp_path: Path) -> None:
    inst = parse_instrument(_write(tmp_path, GOOD))
    assert value_on(inst, "threshold", date(2025, 4, 30)) is None
    before = value_on(inst, "threshold", date(2025, 12, 31))
    after = value_on(inst, "threshold", date(2026, 1, 1))
    assert before is not None and after is not None
    assert before.value == 10000000 and before.next_start == date(2026, 1, 1)
    assert after.value == 5000000 and after.needs_review and after.next_start is None


@pytest.mark.parametrize(
    ("mutation", "field", "line"),
    [
        (("kind: departmental_rule", "kind: decree"), "kind", 6),
        (("name_zh: 演示办法\n", ""), "name_zh", None),
        (("      - {from: 2026-01-01, value: 5000000, needs_review: true}",
          "      - {from: 2026-01-01, value: 5000000, needs_reveiw: true}"),
         "parameters.threshold.values[1].needs_reveiw", 19),
        (("  - {date: 2025-05-01, event: in_force}", "  - {date: 2025-05-01, event: enforced}"),
         "timeline[2].event", 10),
    ],
)
def test_broken_file_names_file_field_and_line(tmp_path: Path, mutation: tuple[str, str],
                                               field: str, line: int | None) -> None:
    path = _write(tmp_path, GOOD.replace(*mutation))
    with pytest.raises(LawDataError) as err:
        parse_instrument(path)
    assert err.value.field == field
    assert str(path) in str(err.value)
    if line is not None:
        assert err.value.line == line
    assert "\n" not in str(err.value)


def test_malformed_yaml_reports_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("issuers: [CAC]", "issuers: [CAC"))
    with pytest.raises(LawDataError) as err:
        parse_instrument(path)
    assert "malformed YAML" in str(err.value)
    assert err.value.line is not None


def test_id_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(LawDataError, match="match the file name"):
        parse_instrument(_write(tmp_path, GOOD, "other.yaml"))


def test_unsorted_values_rejected(tmp_path: Path) -> None:
    text = GOOD.replace("{from: 2025-05-01, value: 10000000}", "{from: 2026-05-01, value: 1}")
    with pytest.raises(LawDataError, match="ascending"):
        parse_instrument(_write(tmp_path, text))


def test_directory_with_a_broken_file_fails_at_load(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, "id: [", "bad.yaml")
    with pytest.raises(LawDataError, match=r"bad\.yaml"):
        load_lawbook(tmp_path)


def test_repeated_key_in_law_data_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("      - {from: 2025-05-01, value: 10000000}",
                        "      - {from: 2025-05-01, value: 10000000, value: 1}")
    with pytest.raises(LawDataError) as err:
        parse_instrument(_write(tmp_path, text))
    assert err.value.line == 18 and err.value.field == "parameters.threshold.values[0]"
    assert "'value' is given twice" in str(err.value)
