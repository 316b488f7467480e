"""Refiling triggers name the article and the changed fact (Decree 11 art 14, Decree 13 art 8)."""

from __future__ import annotations

import datetime as dt

from cnprivacy.law import load_lawbook
from cnprivacy.profile.models import Transfer
from cnprivacy.records.filing.triggers import refiling_triggers

from .samples import filing, transfer

LAW = load_lawbook()
DAY = dt.date(2026, 6, 1)


def _t(**facts: object) -> Transfer:
    return Transfer.model_validate(transfer("t1", "2026-01-15", 200_000, **facts))


SA = filing(id="SA-1", kind="security_assessment", status="approved", submitted_on="2025-10-01",
            decided_on="2026-02-16", transfers=["t1"],
            facts=[{"transfer": "t1", "purpose": "hotel bookings", "overseas_retention_months": 12,
                    "data_categories": ["identity", "contact"]}])
SC = filing(id="SC-1", status="accepted", submitted_on="2026-02-10", decided_on="2026-02-20",
            effective_on="2026-02-05", transfers=["t1"],
            facts=[{"transfer": "t1", "purpose": "hotel bookings", "storage_location": "Singapore",
                    "sensitive": False}])


def test_an_extended_overseas_retention_fires_decree_11_art_14_1_unconditionally() -> None:
    (hit,) = refiling_triggers(SA, _t(purpose="hotel bookings", overseas_retention_months=24,
                                      data_categories=["identity", "contact"]), LAW, DAY)
    assert (hit.trigger, hit.article, hit.conditional) == ("retention_extended", "14(1)", False)
    assert "12 to 24 months" in hit.what and hit.filing == "SA-1" and hit.transfer == "t1"
    assert hit.citation.startswith("Security Assessment Measures art. 14(1)")


def test_a_changed_purpose_fires_art_14_1_under_its_security_condition() -> None:
    (hit,) = refiling_triggers(SA, _t(purpose="marketing", overseas_retention_months=12,
                                      data_categories=["identity", "contact"]), LAW, DAY)
    assert hit.trigger == "purpose_change" and hit.conditional
    assert "hotel bookings -> marketing" in hit.what
    assert "affects the export's security" in hit.redo


def test_a_standard_contract_refiles_on_storage_location_and_sensitivity() -> None:
    found = refiling_triggers(SC, _t(purpose="hotel bookings", storage_location="Tokyo",
                                     sensitive_individuals=10), LAW, DAY)
    assert {(h.trigger, h.article) for h in found} == {("storage_location_change", "8(1)"),
                                                        ("sensitivity_change", "8(1)")}
    assert all(h.citation.startswith("Standard Contract Measures art. 8(1)") for h in found)
    assert not any(h.conditional for h in found)


def test_no_change_no_trigger_and_unknown_now_is_no_change() -> None:
    same = _t(purpose="hotel bookings", overseas_retention_months=12,
              data_categories=["identity", "contact"])
    assert refiling_triggers(SA, same, LAW, DAY) == []
    assert refiling_triggers(SA, _t(), LAW, DAY) == []  # current facts unknown


def test_events_since_the_filing_fire_their_triggers() -> None:
    t = _t(purpose="hotel bookings", storage_location="Singapore", sensitive_individuals=0,
           previous={"events": ["recipient_law_changed"]})
    (hit,) = refiling_triggers(SC, t, LAW, DAY)
    assert (hit.trigger, hit.article, hit.conditional) == ("recipient_law_change", "8(2)", True)


def test_kinds_without_triggers_and_transfers_not_covered_give_none() -> None:
    cert = filing(id="C", kind="certification", status="approved", decided_on="2026-01-10",
                  transfers=["t1"], facts=[{"transfer": "t1", "purpose": "x"}])
    assert refiling_triggers(cert, _t(purpose="y"), LAW, DAY) == []
    other = Transfer.model_validate(transfer("t9", "2026-01-15", 10, purpose="marketing"))
    assert refiling_triggers(SA, other, LAW, DAY) == []
