"""Catala's lesson: walk every rule over dates either side of every effective date.

Any gap (no rule version in effect) or overlap with disagreeing answers raises
RuleConflictError; every obligation must come out with exactly one status on every date.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from cnprivacy.engine import Options, assess
from cnprivacy.law import load_lawbook
from cnprivacy.profile import load_profile
from cnprivacy.rules import REGISTRY
from cnprivacy.rules.base import Status

ROOT = Path(__file__).parents[2]
PROFILES = [ROOT / "examples" / "shenzhen-travel.yaml", ROOT / "tests" / "cases" / "_base.yaml"]


def _sweep_dates() -> list[date]:
    days: set[date] = set()
    for d in load_lawbook().all_dates():
        if date(2016, 1, 1) <= d <= date(2030, 12, 31):
            days.update({d - timedelta(days=1), d})
    for spec in REGISTRY.rules:
        for d in (spec.valid_from, spec.valid_until):
            if d is not None:
                days.update({d - timedelta(days=1), d, d + timedelta(days=1)})
    return sorted(days)


@pytest.mark.parametrize("profile_path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_obligation_has_one_status_on_every_boundary_date(profile_path: Path) -> None:
    profile = load_profile(profile_path)
    keys = set(REGISTRY.obligation_keys())
    for day in _sweep_dates():
        result = assess(profile, Options(as_of=day))
        found = [f.obligation for f in result.findings]
        assert len(found) == len(set(found)) == len(keys), day
        for f in result.findings:
            assert f.status in Status
            assert f.citation and f.instrument and f.because, (day, f.obligation)


def test_unknown_facts_never_fold_into_not_applicable() -> None:
    """With every fact unknown, no rule that reads a fact may answer not_applicable silently."""
    from cnprivacy.profile import Profile

    empty = Profile.model_validate({"organization": {"name": "Unknown Co", "country": "CN"}})
    result = assess(empty, Options(as_of=date(2026, 6, 1)))
    needs = [f for f in result.findings if f.status is Status.NEEDS_INFO]
    assert needs, "an all-unknown profile must produce needs_info findings"
    for f in needs:
        assert f.missing, f.obligation


def test_spec_stable_keys_exist() -> None:
    keys = set(REGISTRY.obligation_keys())
    for key in (
        "platform.large_network_platform", "platform.large_platform_pi_rules",
        "pipl.pi_protection_officer", "pipl.compliance_audit_biennial",
        "pipl.separate_consent_sensitive", "pipl.pipia", "pipl.minors_under_14", "facial.filing",
        "crossborder.security_assessment", "crossborder.standard_contract_or_certification",
    ):
        assert key in keys, key


def test_at_least_sixty_obligations() -> None:
    assert len(REGISTRY.obligation_keys()) >= 60


def test_every_rule_cites_a_known_instrument_and_article() -> None:
    law = load_lawbook()
    for spec in REGISTRY.rules:
        assert spec.instrument in law, spec.key
        for other, _article in spec.also_cites:
            assert other in law, (spec.key, other)
        assert spec.title and spec.title_zh, spec.key


def test_unconfirmed_parameters_surface_as_needs_review() -> None:
    """A finding that used a needs_review value must carry the flag (never silently used)."""
    profile = load_profile(PROFILES[0])
    result = assess(profile, Options(as_of=date(2026, 6, 1)))
    for f in result.findings:
        if any(p.needs_review for p in f.params):
            assert f.needs_review, f.obligation


def _article_ids(article: str) -> list[str]:
    """'25 (2016) / 27 (2025)' cites one article per version; each must exist."""
    return [part.split(" (")[0].strip() for part in article.split("/")]


def test_every_cited_article_is_summarised_in_the_law_data() -> None:
    law = load_lawbook()
    missing = []
    for spec in REGISTRY.rules:
        for inst, article in [(spec.instrument, spec.article), *spec.also_cites]:
            for art in _article_ids(article) if article else []:
                if law[inst].article(art) is None:
                    missing.append(f"{spec.key}: {inst} art. {art}")
    assert not missing, missing
