"""Filling an activity from a scan report: categories added, counts taken, receipt kept."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from cnprivacy.errors import InputError
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.scan_import import apply_scan, read_scan_report

from .samples import membership


def _report(**totals: Any) -> bytes:
    base: dict[str, Any] = {"individuals": 1234, "sensitive_individuals": 56, "minors_under_14": 0,
                            "data_categories": ["identity", "financial_account"]}
    base.update(totals)
    doc = {"as_of": "2026-11-30", "sources": [{"source": "a.csv"}, {"source": "b.csv"}],
           "totals": base, "errors": [], "skipped": []}
    return json.dumps(doc).encode()


def test_receipt_counts_and_categories() -> None:
    raw = _report()
    ev = read_scan_report(raw, "/x/scan.json", "scan.json")
    assert ev.report_sha256 == hashlib.sha256(raw).hexdigest()
    assert (ev.scanned_on, ev.sources, ev.individuals, ev.sensitive_individuals) == \
        ("2026-11-30", 2, 1234, 56)
    act = apply_scan(membership(), ev)
    assert act.data_categories == [DataCategory.IDENTITY, DataCategory.CONTACT,
                                   DataCategory.FINANCIAL_ACCOUNT]
    assert (act.individuals, act.sensitive_individuals) == (1234, 56)
    assert act.evidence == [ev]


def test_the_same_report_twice_changes_nothing() -> None:
    ev = read_scan_report(_report(), "s", "s")
    once = apply_scan(membership(), ev)
    assert apply_scan(once, ev) == once


def test_unknown_counts_keep_the_recorded_ones() -> None:
    ev = read_scan_report(_report(individuals=None, sensitive_individuals=None), "s", "s")
    act = apply_scan(membership(individuals=1000, sensitive_individuals=3), ev)
    assert (act.individuals, act.sensitive_individuals) == (1000, 3)


def test_counts_that_contradict_the_activity_are_refused() -> None:
    ev = read_scan_report(_report(individuals=None, sensitive_individuals=2000), "s", "s")
    with pytest.raises(InputError, match="more than individuals"):
        apply_scan(membership(individuals=1000), ev)


@pytest.mark.parametrize(("raw", "field"), [
    (b"not json", None),
    (b"[]", None),
    (json.dumps({"sources": [], "totals": {}}).encode(), "as_of"),
    (json.dumps({"as_of": "d", "totals": {}}).encode(), "sources"),
    (json.dumps({"as_of": "d", "sources": []}).encode(), "totals"),
    (_report(individuals=-3), "totals.individuals"),
    (_report(individuals=True), "totals.individuals"),
    (_report(sensitive_individuals=1.5), "totals.sensitive_individuals"),
    (_report(individuals=5, sensitive_individuals=6), "totals.sensitive_individuals"),
    (_report(data_categories=["identity", "shoe_size"]), "totals.data_categories[1]"),
    (_report(data_categories="identity"), "totals.data_categories"),
])
def test_bad_reports_name_the_field(raw: bytes, field: str | None) -> None:
    with pytest.raises(InputError) as err:
        read_scan_report(raw, "scan.json", "scan.json")
    assert err.value.source == "scan.json" and err.value.field == field
