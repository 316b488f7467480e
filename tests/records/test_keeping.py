"""NDSMR art 12: records of providing and entrusting kept at least 3 years (from the law data)."""

from __future__ import annotations

from datetime import date

import pytest

from cnprivacy.law.loader import load_lawbook
from cnprivacy.records.keeping import keeping, keeps_provision_records
from cnprivacy.records.models import Activity

from .samples import membership


@pytest.mark.parametrize(("day", "until"), [
    (date(2024, 12, 31), None),                 # before the Regulations are in force
    (date(2025, 1, 1), date(2028, 1, 1)),
    (date(2028, 2, 29), date(2031, 2, 28)),     # Civil Code art 202: month end
])
def test_keep_until(day: date, until: date | None) -> None:
    kept = keeping(load_lawbook(), day)
    if until is None:
        assert kept is None
        return
    assert kept is not None and kept.keep_until == until and kept.years == 3
    assert kept.citation.startswith("NDSMR art 12 (网络数据安全管理条例 https://www.gov.cn/")


@pytest.mark.parametrize(("roles", "kept"), [
    ([], False), (["joint"], False), (["disclosed"], False),
    (["entrusted"], True), (["provided"], True), (["exported"], True),
])
def test_which_activities_keep_provision_records(roles: list[str], kept: bool) -> None:
    act = membership(recipients=[{"role": r, "name": f"R{i}"} for i, r in enumerate(roles)])
    assert keeps_provision_records(act) is kept
    assert keeps_provision_records(Activity(id="unknown")) is False
