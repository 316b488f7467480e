"""Important-data and 10M-individual duties, records retention, CII duties."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cnprivacy.engine import Options, assess
from cnprivacy.engine.findings import Finding
from cnprivacy.profile import apply_overrides, read_raw, validate

BASE = Path(__file__).parents[1] / "cases" / "_base.yaml"


def findings(as_of: str, *overrides: str) -> dict[str, Finding]:
    data, _ = read_raw(BASE)
    data = apply_overrides(data, overrides, "test")
    return assess(validate(data, "test"), Options(as_of=date.fromisoformat(as_of))).by_key()


def test_ten_million_uses_gte_while_biennial_audit_uses_gt() -> None:
    got = findings("2026-03-01", "organization.individuals_processed=10000000")
    assert got["security.ten_million_individuals"].status.value == "applies"
    assert got["pipl.compliance_audit_biennial"].status.value == "not_applicable"
    assert any(">= 10000000" in b for b in got["security.ten_million_individuals"].because)


def test_provision_records_state_retention_years() -> None:
    got = findings("2026-03-01", "organization.individuals_processed=10",
                   "processing=[{id: a, data_categories: [contact], legal_basis: contract, "
                   "provides_to_third_parties: true}]")
    f = got["security.provision_records_3y"]
    assert f.status.value == "applies"
    assert f.because[-1] == "keep the records at least 3 years"


def test_yearly_assessment_flagged_and_reports_last_date() -> None:
    got = findings("2026-03-01", "organization.important_data_processor=true",
                   "organization.last_important_data_risk_assessment=2025-04-01")
    f = got["security.important_data_risk_assessment_yearly"]
    assert f.status.value == "applies"
    assert f.needs_review
    assert any("last assessment on 2025-04-01" in b for b in f.because)


def test_draft_risk_assessment_for_others_is_only_encouraged() -> None:
    got = findings("2026-03-01", "organization.individuals_processed=10")
    f = got["security.data_risk_assessment_draft"]
    assert f.status.value == "proposed"
    assert f.would_be is not None and f.would_be.value == "not_applicable"
    assert any("encouraged to assess every 3 years" in b for b in f.because)


def test_cii_duties_follow_ciio_flag() -> None:
    yes = findings("2026-03-01", "organization.ciio=true")
    no = findings("2026-03-01", "organization.ciio=false")
    unknown = findings("2026-03-01", "organization.ciio=null")
    for key in ("security.cii_security_body", "security.cii_annual_testing"):
        assert yes[key].status.value == "applies"
        assert no[key].status.value == "not_applicable"
        assert unknown[key].missing == ("organization.ciio",)


def test_mlps_grading_cites_the_csl_article_in_force() -> None:
    old = findings("2025-12-31", "organization.mlps_level=3")["security.mlps_grading"]
    new = findings("2026-01-01", "organization.mlps_level=3")["security.mlps_grading"]
    assert old.article == "21" and new.article == "23"
    assert "CSL art 23" in new.because[0]


def test_mlps_filing_and_testing_carry_the_review_flag() -> None:
    got = findings("2026-03-01", "organization.mlps_level=3")
    assert got["security.mlps_filing"].needs_review
    assert got["security.mlps_testing"].needs_review


def test_plus_months_keeps_the_day_or_takes_the_month_end() -> None:
    from cnprivacy.rules.mlps import plus_months

    assert plus_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert plus_months(date(2025, 4, 15), 12) == date(2026, 4, 15)
    assert plus_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
