"""The register's entries: what is accepted, and every refusal names its field on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cnprivacy.errors import InputError
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.validate import parse_activity, read_activities

from .samples import membership, membership_data


def test_sensitive_categories_follow_the_profile_vocabulary() -> None:
    act = membership(data_categories=["identity", "financial_account", "facial"])
    assert act.sensitive_categories == [DataCategory.FINANCIAL_ACCOUNT, DataCategory.FACIAL]


def test_unknown_lists_stay_unknown() -> None:
    act = parse_activity({"id": "x"}, "f.yaml")
    assert act.recipients is None and act.sources is None and act.data_categories == []


@pytest.mark.parametrize(("change", "field"), [
    ({"legal_basis": "vibes"}, "legal_basis"),
    ({"individuals": -1}, "individuals"),
    ({"data_categories": ["identity", "identity"]}, "data_categories"),
    ({"recipients": [{"role": "sold", "name": "X"}]}, "recipients[0].role"),
    ({"recipients": [{"role": "provided", "name": "X",
                      "contract": {"reference": "C", "signed_on": "2026-02-01",
                                   "expires_on": "2026-01-31"}}]}, "recipients[0].contract"),
    ({"systems": [{"name": "CRM", "colour": "red"}]}, "systems[0].colour"),
    ({"id": ""}, "id"),
])
def test_a_bad_field_is_named(change: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        parse_activity(membership_data(**change), "acts.yaml", "activities[3]")
    assert err.value.field == f"activities[3].{field}"
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("sensitive", "ok"), [(999, True), (1000, True), (1001, False)])
def test_sensitive_people_cannot_exceed_people(sensitive: int, ok: bool) -> None:
    data = membership_data(individuals=1000, sensitive_individuals=sensitive)
    if ok:
        assert parse_activity(data, "f").sensitive_individuals == sensitive
    else:
        with pytest.raises(InputError, match="more than individuals"):
            parse_activity(data, "f")


def test_a_flag_that_contradicts_the_recipients_is_refused() -> None:
    with pytest.raises(InputError, match="entrusts_processing is false"):
        parse_activity(membership_data(entrusts_processing=False), "f")
    with pytest.raises(InputError, match="retention_defined is false"):
        parse_activity(membership_data(retention_defined=False), "f")


def test_a_file_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "acts.yaml"
    good = membership_data()
    bad = membership_data(id="second", individuals="many")
    path.write_text(yaml.safe_dump({"activities": [good, bad]}), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_activities(path)
    assert err.value.one_line() == (f"{path}: activities[1].individuals: Input should be a "
                                    "valid integer, unable to parse string as an integer")


@pytest.mark.parametrize("content", [
    "activities: []", "- 1", "just text", "activities: [{id: a}]\nextra: 1", "{id: [}",
])
def test_shapes_that_are_not_activities(tmp_path: Path, content: str) -> None:
    path = tmp_path / "acts.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_activities(path)
    assert str(path) in str(err.value)


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "acts.yaml"
    path.write_text(yaml.safe_dump([{"id": "a"}, {"id": "a"}]), encoding="utf-8")
    with pytest.raises(InputError, match="duplicate id") as err:
        read_activities(path)
    assert err.value.field == "[1].id"


def test_error_messages_do_not_echo_values() -> None:
    data = membership_data(responsible=[{"name": "Zhang San", "role": 7}])
    with pytest.raises(InputError) as err:
        parse_activity(data, "f")
    assert "Zhang San" not in str(err.value)
