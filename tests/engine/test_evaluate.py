"""The engine on a private registry and private law data: gating, conflicts, gaps, receipts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess, diff
from cnprivacy.errors import RuleConflictError
from cnprivacy.law import load_lawbook
from cnprivacy.profile import Profile
from cnprivacy.rules.base import Registry, RuleContext, Status, applies, needs_info, not_applicable, rule

LAW = """\
id: {id}
short: {short}
name_en: {short} Measures
name_zh: 测试
issuers: [CAC]
kind: departmental_rule
timeline:
{timeline}
parameters:
  threshold:
    description: people
    unit: individuals
    comparison: gte
    values:
      - {{from: 2020-01-01, value: 1000000}}
      - {{from: 2026-01-01, value: 500000, needs_review: true}}
sources:
  - {{key: S1, title: test source, url: "https://example.invalid/s1"}}
"""


@pytest.fixture
def law_dir(tmp_path: Path) -> Path:
    timelines = {
        "inforce": "  - {date: 2020-01-01, event: in_force}",
        "draft": "  - {date: 2025-11-22, event: draft_published}",
        "adopted": "  - {date: 2025-10-28, event: adopted}\n  - {date: 2026-01-01, event: in_force}",
        "old": "  - {date: 2019-01-01, event: in_force}\n  - {date: 2024-03-22, event: superseded}",
    }
    for name, timeline in timelines.items():
        (tmp_path / f"{name}.yaml").write_text(
            LAW.format(id=name, short=name.upper(), timeline=timeline), encoding="utf-8")
    return tmp_path


def _profile(individuals: int | None) -> Profile:
    return Profile.model_validate(
        {"organization": {"name": "T", "country": "CN", "individuals_processed": individuals}})


def _registry(instrument: str) -> Registry:
    reg = Registry()

    @rule("t.officer", topic="t", title="Officer", instrument=instrument, article="1", registry=reg)
    def officer(ctx: RuleContext) -> object:
        org = ctx.profile.organization
        hit = ctx.meets("organization.individuals_processed", org.individuals_processed,
                        instrument, "threshold")
        if hit is None:
            return needs_info("organization.individuals_processed")
        return applies(deadline=ctx.add_workdays(ctx.as_of, 10)) if hit else not_applicable()

    return reg


def _one(law_dir: Path, instrument: str, individuals: int | None, day: date) -> object:
    result = assess(_profile(individuals), Options(as_of=day), law=load_lawbook(law_dir),
                    registry=_registry(instrument))
    return result.findings[0]


def test_boundary_gte_includes_the_number(law_dir: Path) -> None:
    at = _one(law_dir, "inforce", 1_000_000, date(2025, 6, 1))
    below = _one(law_dir, "inforce", 999_999, date(2025, 6, 1))
    assert at.status is Status.APPLIES and below.status is Status.NOT_APPLICABLE
    assert "organization.individuals_processed = 1000000 >= 1000000" in at.because[0]
    assert at.deadline == date(2025, 6, 16)


def test_unknown_fact_is_needs_info_with_missing(law_dir: Path) -> None:
    f = _one(law_dir, "inforce", None, date(2025, 6, 1))
    assert f.status is Status.NEEDS_INFO
    assert f.missing == ("organization.individuals_processed",)


def test_dated_parameter_change_and_needs_review(law_dir: Path) -> None:
    before = _one(law_dir, "inforce", 600_000, date(2025, 12, 31))
    after = _one(law_dir, "inforce", 600_000, date(2026, 1, 1))
    assert before.status is Status.NOT_APPLICABLE and after.status is Status.APPLIES
    assert any("changes to 500000 on 2026-01-01" in b for b in before.because)
    assert after.needs_review and not before.needs_review


def test_draft_is_proposed_with_would_be(law_dir: Path) -> None:
    f = _one(law_dir, "draft", 2_000_000, date(2026, 3, 1))
    assert f.status is Status.PROPOSED and f.would_be is Status.APPLIES
    assert f.deadline is None
    assert _one(law_dir, "draft", 2_000_000, date(2025, 11, 21)).status is Status.NOT_APPLICABLE


def test_adopted_not_in_force_is_upcoming(law_dir: Path) -> None:
    f = _one(law_dir, "adopted", 2_000_000, date(2025, 12, 31))
    assert f.status is Status.UPCOMING and f.effective == date(2026, 1, 1)
    assert _one(law_dir, "adopted", 2_000_000, date(2026, 1, 1)).status is Status.APPLIES


def test_superseded_is_not_applicable(law_dir: Path) -> None:
    assert _one(law_dir, "old", 2_000_000, date(2024, 3, 21)).status is Status.APPLIES
    f = _one(law_dir, "old", 2_000_000, date(2024, 3, 22))
    assert f.status is Status.NOT_APPLICABLE and "superseded" in f.because[0]


def test_conflicting_rules_are_an_error(law_dir: Path) -> None:
    reg = _registry("inforce")

    @rule("t.officer", topic="t", title="Officer", instrument="inforce", article="2", registry=reg)
    def never(ctx: RuleContext) -> object:
        return not_applicable("another reading")

    with pytest.raises(RuleConflictError, match="disagree"):
        assess(_profile(2_000_000), Options(as_of=date(2025, 1, 1)), law=load_lawbook(law_dir),
               registry=reg)


def test_dated_rule_versions_with_a_gap_are_an_error(law_dir: Path) -> None:
    reg = Registry()
    for start, end in ((None, date(2024, 12, 31)), (date(2025, 1, 2), None)):
        rule("t.x", topic="t", title="X", instrument="inforce", article="1", valid_from=start,
             valid_until=end, registry=reg)(lambda ctx: applies())
    law = load_lawbook(law_dir)
    assess(_profile(1), Options(as_of=date(2024, 12, 31)), law=law, registry=reg)
    with pytest.raises(RuleConflictError, match="gap"):
        assess(_profile(1), Options(as_of=date(2025, 1, 1)), law=law, registry=reg)


def test_receipt_and_diff(law_dir: Path) -> None:
    law = load_lawbook(law_dir)
    reg = _registry("adopted")
    a = assess(_profile(2_000_000), Options(as_of=date(2025, 12, 31)), law=law, registry=reg)
    b = assess(_profile(2_000_000), Options(as_of=date(2026, 1, 1)), law=law, registry=reg)
    assert a.receipt.law_data_hash == law.data_hash and len(a.receipt.profile_hash) == 64
    assert a.receipt.as_of == date(2025, 12, 31)
    changes = diff(law, a, b)
    assert [c.obligation for c in changes] == ["t.officer"]
    assert "status upcoming -> applies" in changes[0].what_changed
    assert any("ADOPTED: in_force on 2026-01-01" in c for c in changes[0].causes)


def test_json_shape_matches_spec(law_dir: Path) -> None:
    result = assess(_profile(2_000_000), Options(as_of=date(2025, 6, 1)),
                    law=load_lawbook(law_dir), registry=_registry("inforce")).to_dict()
    assert result["as_of"] == "2025-06-01"
    f = result["findings"][0]
    for key in ("obligation", "status", "instrument", "article", "citation", "because", "deadline"):
        assert key in f
    assert f["citation"].startswith("INFORCE art. 1")
    assert f["deadline"] == "2025-06-16"
