"""The GB/T 39335 grading: the matrix from the law data, the modifiers and the scale numbers on
both sides of each boundary, and grades left open when a judgement is missing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cnprivacy.records.pia import ImpactLevel, LikelihoodLevel
from cnprivacy.records.pia.draft import draft, propose_likelihood, propose_modifiers
from cnprivacy.records.pia.edit import apply_edit, parse_edit
from cnprivacy.records.pia.grading import grade, matrix_cell
from cnprivacy.records.pia.levels import from_input, shift
from cnprivacy.records.pia.models import Pia

from ..samples import membership
from .helpers import AS_OF, LAW, confirmed, full_edit

Imp, L = ImpactLevel, LikelihoodLevel
# Table D.5 as the standard's approval draft prints it: rows impact, columns likelihood 低 中 高 很高.
TABLE = {Imp.SEVERE: "中 高 严重 严重", Imp.HIGH: "中 中 高 严重", Imp.MEDIUM: "低 中 中 高",
         Imp.LOW: "低 低 中 中"}


@pytest.mark.parametrize("impact", list(Imp))
def test_the_matrix_in_the_law_data_is_table_d5(impact: ImpactLevel) -> None:
    got = [cell for like in L if (cell := matrix_cell(LAW, impact, like, AS_OF)) is not None]
    assert " ".join(risk.value for risk, _ in got) == TABLE[impact]
    # Read in the approval draft, not the published text: every cell awaits review.
    assert all(review for _, review in got)


def test_the_matrix_applies_from_the_standards_effective_date() -> None:
    assert matrix_cell(LAW, Imp.LOW, L.LOW, date(2021, 5, 31)) is None
    assert matrix_cell(LAW, Imp.LOW, L.LOW, date(2021, 6, 1)) is not None


def test_levels_move_within_their_scale() -> None:
    assert shift(Imp.SEVERE, 1) is Imp.SEVERE and shift(Imp.LOW, -1) is Imp.LOW
    assert shift(Imp.MEDIUM, 2) is Imp.SEVERE and shift(L.HIGH, 1) is L.VERY_HIGH
    assert from_input("very_high") == "很高" and from_input("Severe") == "严重"


@pytest.mark.parametrize(("sensitive", "expected"), [(499_999, False), (500_000, True)])
def test_sensitive_at_scale_proposal_at_500000(sensitive: int, expected: bool) -> None:
    act = membership(data_categories=["medical_health"], individuals=600_000,
                     sensitive_individuals=sensitive)
    proposal = propose_modifiers(act, LAW, AS_OF).sensitive_at_scale
    assert proposal.value is expected and not proposal.confirmed
    assert proposal.proposed_from and "500000" in proposal.proposed_from


def test_no_sensitive_category_no_scale_modifier_and_minors_are_vulnerable() -> None:
    assert propose_modifiers(membership(), LAW, AS_OF).sensitive_at_scale.value is False
    minors = membership(data_categories=["minor_under_14"], sensitive_individuals=10)
    assert propose_modifiers(minors, LAW, AS_OF).vulnerable_groups.value is True
    assert propose_modifiers(membership(), LAW, AS_OF).vulnerable_groups.value is None


@pytest.mark.parametrize(("individuals", "expected"), [
    (1_000_000, None), (1_000_001, L.MEDIUM), (10_000_000, L.MEDIUM), (10_000_001, L.HIGH)])
def test_scale_proposal_for_likelihood_more_than_1m_and_10m(
        individuals: int, expected: LikelihoodLevel | None) -> None:
    assert propose_likelihood(membership(individuals=individuals), LAW, AS_OF).situation.value \
        is expected


def _graded(edit: dict[str, Any]) -> Pia:
    from cnprivacy.records.models import Version

    version = Version(record_id="membership", version=1, changed_at="2026-06-01T00:00:00Z",
                      changed_by="t", changes=[], data=membership())
    return apply_edit(draft("PIA-0001", version, LAW, AS_OF), parse_edit(edit, "j.yaml"))


@pytest.mark.parametrize(("impact", "likelihood", "risk"), [
    ("低", "低", Imp.LOW), ("低", "高", Imp.MEDIUM), ("中", "中", Imp.MEDIUM), ("中", "很高", Imp.HIGH),
    ("高", "低", Imp.MEDIUM), ("高", "高", Imp.HIGH), ("严重", "高", Imp.SEVERE),
    ("严重", "低", Imp.MEDIUM)])
def test_golden_risk(impact: str, likelihood: str, risk: ImpactLevel) -> None:
    g = grade(_graded(full_edit(impact, likelihood)), LAW)
    assert g.risk is risk
    assert all(d.risk is risk for d in g.dimensions)


def test_modifiers_add_up_and_are_traced_with_their_reasons() -> None:
    edit = full_edit("中", "中", modifiers={
        "sensitive_at_scale": confirmed(True, "600,000 patients' records"),
        "vulnerable_groups": confirmed(True, "children's accounts"),
        "deidentified": confirmed(False)})
    g = grade(_graded(edit), LAW)
    d = g.dimensions[0]
    assert (d.base, d.impact, d.risk) == (Imp.MEDIUM, Imp.SEVERE, Imp.HIGH)  # 严重 x 中 -> 高
    assert any("600,000 patients' records" in b for b in d.because)
    assert any("children's accounts" in b for b in d.because)


def test_verified_deidentification_lowers_one_level() -> None:
    edit = full_edit("高", "高", modifiers={
        "sensitive_at_scale": confirmed(False), "vulnerable_groups": confirmed(False),
        "deidentified": confirmed(True, "k-anonymity k=20 verified")})
    d = grade(_graded(edit), LAW).dimensions[0]
    assert (d.impact, d.risk) == (Imp.MEDIUM, Imp.MEDIUM)


def test_likelihood_is_the_highest_area_then_lowered_with_reason() -> None:
    edit = full_edit("中", "低")
    edit["likelihood"]["parties"] = confirmed("很高")
    g = grade(_graded(edit), LAW)
    assert g.likelihood is L.VERY_HIGH and g.risk is Imp.HIGH
    edit["likelihood_lowered"] = confirmed(True, "complete emergency plan, drilled")
    g = grade(_graded(edit), LAW)
    assert g.likelihood is L.HIGH and g.risk is Imp.MEDIUM
    assert any("drilled" in b for b in g.likelihood_because)


def test_the_overall_risk_is_the_highest_dimension() -> None:
    edit = full_edit("低", "中")
    edit["impact"]["property"] = confirmed("严重")
    g = grade(_graded(edit), LAW)
    assert [d.risk for d in g.dimensions] == [Imp.LOW, Imp.LOW, Imp.LOW, Imp.HIGH]
    assert g.risk is Imp.HIGH


def test_a_missing_judgement_leaves_the_grade_open_and_flagged() -> None:
    edit = full_edit()
    del edit["impact"]
    g = grade(_graded(edit), LAW)
    assert g.risk is None and g.needs_review
    assert all(d.risk is None for d in g.dimensions)
    edit = full_edit()
    del edit["likelihood"]
    g = grade(_graded(edit), LAW)
    assert g.likelihood is None and g.risk is None


def test_grading_cites_the_standard() -> None:
    g = grade(_graded(full_edit()), LAW)
    assert all(c.startswith("GB/T 39335-2020 D.") for c in g.citations)
    assert g.to_dict()["risk"] == "中"
