"""The ``crossborder.*`` obligations act on the decision's fields, never on its wording, and the
deadline kinds keep the JSON strings they always had."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from cnprivacy.engine import Options
from cnprivacy.engine.evaluate import rule_context
from cnprivacy.law import load_lawbook
from cnprivacy.profile import validate
from cnprivacy.rules import REGISTRY, Outcome
from cnprivacy.rules.crossborder import DeadlineKind, Decision, Due, decide_crossborder
from cnprivacy.rules.crossborder.obligations import DECISION_MEMO_KEY

ORG = {"name": "Fields Co.", "country": "CN", "province": "Beijing", "city": "Beijing",
       "free_trade_zone": None, "ciio": False, "important_data_processor": False}
BASE = {"recipient": {"name": "R", "country": "SG"}, "basis": "other", "individuals": 0,
        "sensitive_individuals": 0, "important_data": False, "no_personal_information": False,
        "collected_abroad": False, "access_inside_china": False}
# (name, organization changes, transfers, as_of): together they bring every obligation to applies
# at least once and to not_applicable or needs_info at least once.
CASES: list[tuple[str, dict[str, Any], list[dict[str, Any]], date]] = [
    ("ftz_list_in_force", {"free_trade_zone": "tianjin"},
     [{"date": "2026-02-01", "individuals": 2000000, "ftz_negative_list_listed": False}],
     date(2026, 3, 1)),
    ("ftz_before_its_list", {"free_trade_zone": "beijing"},
     [{"date": "2024-08-01", "individuals": 200000, "ftz_negative_list_listed": False}],
     date(2024, 8, 29)),
    ("important_data", {"important_data_processor": True, "important_data_notified_on": "2026-01-15"},
     [{"date": "2026-02-01", "individuals": 10, "important_data": True},
      {"date": "2026-02-02", "individuals": 2000000, "voluntary_security_assessment": True}],
     date(2026, 3, 1)),
    ("gba_contract", {"city": "Shenzhen", "province": "Guangdong"},
     [{"date": "2026-02-01", "individuals": 200000, "recipient": {"name": "R", "country": "HK"},
       "mechanism_in_place": "gba_standard_contract", "contract_effective": "2026-02-12"}],
     date(2026, 3, 1)),
    ("contracts_and_renewals", {},
     [{"date": "2026-02-01", "individuals": 200000, "contract_effective": "2026-02-03"},
      {"date": "2026-02-03", "individuals": 1000, "mechanism_in_place": "certification",
       "certified_on": "2026-02-01", "assessment_approved_on": "2025-03-01"}],
     date(2026, 3, 1)),
    ("changed_since_filing", {},
     [{"date": "2026-02-01", "individuals": 200000, "contract_effective": "2026-02-03",
       "mechanism_in_place": "standard_contract", "purpose": "analytics",
       "previous": {"recorded_on": "2026-02-10", "purpose": "customer support"}}],
     date(2026, 3, 1)),
]


def _decision_and_context(org: dict[str, Any], transfers: list[dict[str, Any]], as_of: date
                          ) -> tuple[Decision, Any]:
    items = [{**BASE, "id": f"t{i + 1}", **t} for i, t in enumerate(transfers)]
    profile = validate({"organization": {**ORG, **org}, "transfers": items}, "test")
    law, options = load_lawbook(), Options(as_of=as_of)
    dec = decide_crossborder(profile, rule_context(profile, law, options))

    def run(given: Decision) -> dict[str, Outcome]:
        ctx = rule_context(profile, law, options, shared={as_of: {DECISION_MEMO_KEY: given}})
        return {s.key: s.fn(ctx) for s in REGISTRY.rules if s.topic == "crossborder"}

    return dec, run


def _misleading(dec: Decision) -> Decision:
    """The same decision with ``because`` lines that say the opposite of its fields."""
    lines = ("FTZ tianjin: negative list in force (2024 edition)", "no negative list",
             "sc_filing gba_filing important_data_declaration", "route security_assessment")
    return dataclasses.replace(dec, because=lines)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_outcomes_do_not_depend_on_the_wording(case: tuple[str, dict[str, Any],
                                                           list[dict[str, Any]], date]) -> None:
    _, org, transfers, as_of = case
    dec, run = _decision_and_context(org, transfers, as_of)
    honest, misled = run(dec), run(_misleading(dec))
    for key, outcome in honest.items():
        other = misled[key]
        assert (other.status, other.deadline, other.missing) == (
            outcome.status, outcome.deadline, outcome.missing), key


def test_every_obligation_is_exercised_both_ways() -> None:
    seen: dict[str, set[str]] = {}
    for _, org, transfers, as_of in CASES:
        dec, run = _decision_and_context(org, transfers, as_of)
        for key, outcome in run(dec).items():
            seen.setdefault(key, set()).add(outcome.status.value)
    for key, statuses in seen.items():
        assert "applies" in statuses and len(statuses) > 1, (key, statuses)


def test_ftz_obligation_reads_the_zone() -> None:
    for name, org, transfers, as_of in CASES[:2]:
        dec, run = _decision_and_context(org, transfers, as_of)
        zone = dec.free_trade_zone
        assert zone is not None and zone.summary(as_of) in dec.because
        outcome = run(dec)["crossborder.ftz_negative_list"]
        assert outcome.status.value == ("applies" if name == "ftz_list_in_force" else "not_applicable")
        assert outcome.because[0] == zone.summary(as_of)


def test_deadline_kinds_keep_their_json_strings() -> None:
    assert [k.value for k in DeadlineKind] == [
        "sc_filing", "gba_filing", "important_data_declaration", "assessment_extension",
        "certification_renewal", "assessment_redeclaration"]
    due = Due.of(DeadlineKind.SC_FILING, "t1", date(2026, 2, 24), "file", "SCM art. 7")
    out = due.to_dict(date(2026, 3, 1))
    assert type(out["kind"]) is str and out["kind"] == "sc_filing" and out["overdue"] is True
    assert json.dumps(out["kind"]) == '"sc_filing"'
