"""PIPL rules: reporting deadlines, PIPIA triggers, flags, and the law data's boundary wording."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.law import load_lawbook
from cnprivacy.profile import apply_overrides, read_raw, validate
from cnprivacy.rules import REGISTRY
from cnprivacy.rules.pipl import _plus_years

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"
MY_INSTRUMENTS = ("pipl", "dsl", "csl", "ndsmr", "pi_audit_measures", "pipo_notice",
                  "large_platform_pi_draft", "cybercrime_draft", "minors_online_regs",
                  "incident_reporting_measures", "cii_regs", "data_risk_assessment_draft")
MY_TOPICS = ("pipl", "platform", "security", "minors", "incidents", "penalties")


def finding(as_of: str, key: str, **facts: Any) -> Finding:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, [f"{k.replace('__', '.')}={v}" for k, v in facts.items()],
                           "test")
    result = assess(validate(data, "test"), Options(as_of=date.fromisoformat(as_of)))
    return result.by_key()[key]


def test_existing_processor_reports_by_fixed_date() -> None:
    f = finding("2025-08-01", "pipl.pi_officer_reporting",
                organization__individuals_processed=2000000,
                organization__pi_officer_threshold_reached_on="2022-01-01")
    assert f.deadline == date(2025, 8, 29)
    assert any("before the notice of 2025-07-18" in b for b in f.because)


def test_threshold_reached_on_publication_day_counts_working_days() -> None:
    # The notice's own day falls under "from publication": 30 working days, not the fixed date.
    f = finding("2025-08-01", "pipl.pi_officer_reporting",
                organization__individuals_processed=2000000,
                organization__pi_officer_threshold_reached_on="2025-07-18")
    assert any("30 working days" in b for b in f.because)
    assert f.deadline == date(2025, 8, 29)  # 18 Jul (Fri) + 30 working days, no holidays between


def test_national_day_extends_officer_deadline() -> None:
    # 2025-09-15 (Mon, not counted) + 30 working days: 16-26 Sep = 9, Sun 28 Sep (working) = 10,
    # 29-30 Sep = 12, 1-8 Oct holidays, 9-10 Oct = 14, Sat 11 Oct (working) = 15, then three
    # full weeks to Friday 31 October = 30.
    f = finding("2025-09-20", "pipl.pi_officer_reporting",
                organization__individuals_processed=2000000,
                organization__pi_officer_threshold_reached_on="2025-09-15")
    assert f.deadline == date(2025, 10, 31)


def test_pipia_notes_unstated_entrusting_without_blocking() -> None:
    f = finding("2026-03-01", "pipl.pipia", organization__individuals_processed=10,
                processing="[{id: a, data_categories: [contact], legal_basis: contract, "
                           "automated_decision_making: false, provides_to_third_parties: false, "
                           "publicly_discloses: false}]")
    assert f.status.value == "not_applicable"
    assert any("processing[a].entrusts_processing not given" in b for b in f.because)


def test_pipia_counts_transfers_and_sensitive_counts() -> None:
    f = finding("2026-03-01", "pipl.pipia", organization__sensitive_individuals_processed=3)
    assert f.status.value == "applies"
    assert any("sensitive_individuals_processed = 3" in b for b in f.because)


def test_export_consent_reading_is_flagged_as_interpretation() -> None:
    f = finding("2026-03-01", "pipl.separate_consent_export")
    assert f.interpretation


def test_localisation_carries_review_flag() -> None:
    f = finding("2026-03-01", "pipl.data_localisation", organization__ciio="true")
    assert f.status.value == "applies"
    assert f.needs_review


def test_officer_boundary_because_line_names_wording() -> None:
    f = finding("2026-03-01", "pipl.pi_protection_officer",
                organization__individuals_processed=1000000)
    assert f.because[-1].startswith("organization.individuals_processed = 1000000 >= 1000000")
    assert "以上 includes the number" in f.because[-1]


def test_plus_years_handles_leap_day() -> None:
    assert _plus_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert _plus_years(date(2025, 6, 30), 2) == date(2027, 6, 30)


@pytest.mark.parametrize("instrument", MY_INSTRUMENTS)
def test_comparison_matches_chinese_wording(instrument: str) -> None:
    """超过 must be gt and 以上 gte wherever a threshold states its wording; a time limit
    worded 不得超过 ("not more than") is lte."""
    inst = load_lawbook()[instrument]
    for name, param in inst.parameters.items():
        wording = param.wording_zh or ""
        if param.comparison is None or "以下" in wording:
            continue
        if "不得超过" in wording:
            assert param.comparison == "lte", (instrument, name)
        elif "超过" in wording:
            assert param.comparison == "gt", (instrument, name)
        elif "以上" in wording:
            assert param.comparison == "gte", (instrument, name)


def test_every_rule_of_this_slice_has_titles_and_known_citations() -> None:
    law = load_lawbook()
    specs = [r for r in REGISTRY.rules if r.topic in MY_TOPICS]
    assert len({r.key for r in specs}) >= 32
    for spec in specs:
        assert spec.title and spec.title_zh, spec.key
        assert spec.key.startswith(spec.topic + "."), spec.key
        for inst_id, _ in ((spec.instrument, spec.article), *spec.also_cites):
            assert inst_id in law, (spec.key, inst_id)


def test_split_keys_tile_every_date() -> None:
    law = load_lawbook()
    keys = {r.key for r in REGISTRY.rules if r.topic in MY_TOPICS}
    for day in [*law.all_dates(), date(2025, 12, 31), date(2026, 1, 1)]:
        for key in keys:
            active = [s for s in REGISTRY.for_key(key) if s.in_effect(day)]
            assert len(active) == 1, (key, day, [s.fn.__name__ for s in active])


def test_every_cited_article_is_summarised_in_the_law_data() -> None:
    law = load_lawbook()
    for spec in (r for r in REGISTRY.rules if r.topic in MY_TOPICS):
        for inst_id, article in ((spec.instrument, spec.article), *spec.also_cites):
            if not article:
                continue
            inst = law[inst_id]
            for part in article.split("/"):
                art_id = part.strip().split(" ")[0]
                assert inst.article(art_id) is not None, (spec.key, inst_id, art_id)
