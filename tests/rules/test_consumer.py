"""Consumer rules: mandatory mobile numbers per app, and the access/copy right."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.profile import Profile
from cnprivacy.rules.base import Status


def _status(apps: list[dict[str, Any]], org: dict[str, Any] | None = None,
            key: str = "consumer.mobile_number_not_mandatory",
            day: date = date(2026, 3, 1)) -> Status:
    profile = Profile.model_validate({"organization": {"name": "C", "country": "CN", **(org or {})},
                                      "apps": apps})
    return assess(profile, Options(as_of=day)).by_key()[key].status


@pytest.mark.parametrize(("requires", "necessary", "status"), [
    (True, False, Status.APPLIES),
    (True, True, Status.NOT_APPLICABLE),
    (False, None, Status.NOT_APPLICABLE),
    (True, None, Status.NEEDS_INFO),
    (None, None, Status.NEEDS_INFO),
])
def test_mobile_number(requires: bool | None, necessary: bool | None, status: Status) -> None:
    app = {"id": "order", "requires_mobile_number": requires, "mobile_number_necessary": necessary}
    assert _status([app]) is status


def test_one_offending_app_is_enough() -> None:
    ok = {"id": "a", "requires_mobile_number": True, "mobile_number_necessary": True}
    bad = {"id": "b", "requires_mobile_number": True, "mobile_number_necessary": False}
    assert _status([ok, bad]) is Status.APPLIES


def test_mobile_number_effective_date() -> None:
    bad = {"id": "b", "requires_mobile_number": True, "mobile_number_necessary": False}
    assert _status([bad], day=date(2024, 6, 30)) is Status.UPCOMING
    assert _status([bad], day=date(2024, 7, 1)) is Status.APPLIES


@pytest.mark.parametrize(("count", "status"), [
    (None, Status.NEEDS_INFO), (0, Status.NOT_APPLICABLE), (1, Status.APPLIES)])
def test_access_copy(count: int | None, status: Status) -> None:
    assert _status([], {"individuals_processed": count}, "consumer.access_copy_in_full") is status
