"""General PIPL duties: the because lines name each activity and each problem."""

from __future__ import annotations

from datetime import date

from cnprivacy.engine import Options, assess
from cnprivacy.profile import Profile

ORG = {"name": "Shop Co", "country": "CN", "individuals_processed": 10}


def test_problems_are_named_per_activity() -> None:
    profile = Profile.model_validate({"organization": ORG, "processing": [
        {"id": "orders", "legal_basis": "contract", "notice_given": True,
         "retention_defined": False},
        {"id": "promo", "legal_basis": "consent", "notice_given": False}]})
    found = assess(profile, Options(as_of=date(2026, 3, 1))).by_key()
    basis = "\n".join(found["pipl.legal_basis_each_processing"].because)
    assert "processing[orders]: art 13 ¶1(2) contract necessity" in basis
    assert "processing[promo]: art 13 ¶1(1) consent" in basis
    notice = "\n".join(found["pipl.notice_before_processing"].because)
    assert "processing[promo].notice_given = false: no notice" in notice
    assert "processing[orders].notice_given = true" in notice
    keep = "\n".join(found["pipl.retention_minimum"].because)
    assert "processing[orders].retention_defined = false: no retention period" in keep
    assert "processing[promo].retention_defined not given" in keep
    change = found["pipl.reconsent_on_change"].because
    assert len(change) == 1 and "processing[promo]" in change[0]
