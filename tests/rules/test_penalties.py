"""Penalty exposure: PIPL art 66 caps from turnover, and the CSL change on 2026-01-01."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.engine.diff import diff
from cnprivacy.law import load_lawbook
from cnprivacy.profile import Profile, apply_overrides, read_raw, validate
from cnprivacy.rules.penalties import serious_pi_fine_cap

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"


def profile(*overrides: str) -> Profile:
    data, _ = read_raw(BASE)
    return validate(apply_overrides(data, overrides, "test"), "test")


@pytest.mark.parametrize(("revenue", "turnover_cap", "ceiling"), [
    (2_000_000_000, 100_000_000, 100_000_000),
    (1_000_000_000, 50_000_000, 50_000_000),
    (500_000_000, 25_000_000, 50_000_000),
    (0, 0, 50_000_000),
])
def test_serious_cap(revenue: int, turnover_cap: float, ceiling: float) -> None:
    assert serious_pi_fine_cap(revenue, 50_000_000, 0.05) == (turnover_cap, ceiling)


def test_serious_finding_shows_the_computed_cap() -> None:
    p = profile("organization.individuals_processed=10",
                "organization.revenue_prior_year_cny=3000000000")
    f = assess(p, Options(as_of=date(2026, 3, 1))).by_key()["penalties.pipl_art66_serious"]
    assert f.status.value == "applies"
    assert "RMB 150,000,000" in f.because[0]
    assert f.interpretation
    assert {u.ref for u in f.params} >= {"pipl.art66_2_fine_cap_cny", "pipl.art66_2_turnover_share"}


def test_csl_change_on_2026_01_01_shows_in_diff() -> None:
    law = load_lawbook()
    p = profile("organization.individuals_processed=10", "organization.ciio=true")
    before = assess(p, Options(as_of=date(2025, 12, 31)), law=law)
    after = assess(p, Options(as_of=date(2026, 1, 1)), law=law)
    changes = {c.obligation: c for c in diff(law, before, after)}
    op = changes["penalties.csl_network_operator"]
    assert "parameters" in op.what_changed
    assert any("csl.operator_fine_cap_cny: 100000 (from 2017-06-01) -> 500000" in c
               for c in op.causes)
    assert any("amendment_in_force on 2026-01-01" in c for c in op.causes)
    pi = changes["penalties.csl_pi_infringement"]
    assert pi.what_changed[0] == "status applies -> not_applicable"
    ciio = changes["penalties.csl_ciio"]
    assert any("serious_harm_fine_cap_cny" in c for c in ciio.causes)
    assert before.by_key()["penalties.csl_network_operator"].article == "59"
    assert after.by_key()["penalties.csl_network_operator"].article == "61"


def test_csl_first_tier_fine_without_refusal_only_after_amendment() -> None:
    p = profile("organization.individuals_processed=10")
    old = assess(p, Options(as_of=date(2025, 12, 31))).by_key()["penalties.csl_network_operator"]
    new = assess(p, Options(as_of=date(2026, 1, 1))).by_key()["penalties.csl_network_operator"]
    assert "a warning first" in old.because[0]
    assert "RMB 50,000 may be imposed at once" in new.because[0]
    # Before the change the finding announces it.
    assert any("changes to 500000 on 2026-01-01" in b for b in old.because)


def test_cybercrime_draft_would_apply_to_a_data_processor() -> None:
    p = profile("organization.individuals_processed=10")
    f = assess(p, Options(as_of=date(2026, 3, 1))).by_key()["penalties.cybercrime_draft"]
    assert f.status.value == "proposed"
    assert f.would_be is not None and f.would_be.value == "applies"
    assert any("RMB 5,000,000 or 10 times" in b for b in f.because)


def _because(key: str, day: date, *overrides: str) -> str:
    finding = assess(profile(*overrides), Options(as_of=day)).by_key()[key]
    assert finding.status.value == "applies", finding.because
    return "\n".join(finding.because)


def test_csl_2025_operator_finding_names_art61_para3_tiers_and_persons() -> None:
    text = _because("penalties.csl_network_operator", date(2026, 1, 1),
                    "organization.individuals_processed=10")
    assert "up to RMB 500,000, persons in charge up to RMB 100,000" in text
    assert "¶3): up to RMB 2,000,000, persons in charge up to RMB 200,000" in text
    assert "CII losing main functions): up to RMB 10,000,000, persons in charge up to " \
           "RMB 1,000,000" in text


def test_csl_2016_operator_finding_has_no_para3_tiers() -> None:
    text = _because("penalties.csl_network_operator", date(2025, 12, 31),
                    "organization.individuals_processed=10")
    assert "up to RMB 100,000, persons in charge up to RMB 50,000" in text
    assert "¶3" not in text and "10,000,000" not in text


def test_state_organ_findings_name_no_rmb_amount() -> None:
    result = assess(profile("organization.state_organ=true",
                            "organization.individuals_processed=20000000",
                            "organization.ciio=true", "organization.important_data_processor=true"),
                    Options(as_of=date(2026, 3, 1)))
    for finding in result.findings:
        if finding.topic == "penalties" and finding.status.value == "applies":
            assert finding.obligation == "penalties.state_organ_discipline"
    discipline = result.by_key()["penalties.state_organ_discipline"]
    assert "CSL art 74" in "\n".join(discipline.because)
    assert "RMB" not in "\n".join(discipline.because).replace("no RMB exposure", "")
