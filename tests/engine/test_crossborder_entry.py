"""The engine's cross-border entry point: the one way the CLI, the ledger and tests get a decision."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cnprivacy.engine import Options, assess, crossborder_decision
from cnprivacy.engine.evaluate import rule_context
from cnprivacy.law import load_lawbook
from cnprivacy.law.workdays import WorkCalendar, YearSchedule
from cnprivacy.profile import Profile, load_profile, validate
from cnprivacy.rules.base import ParameterUndefined
from cnprivacy.rules.crossborder import DeadlineKind, Mechanism, decide_crossborder

EXAMPLE = Path(__file__).parents[2] / "examples" / "shenzhen-travel.yaml"
ORG = {"name": "Entry Co.", "country": "CN", "province": "Beijing", "city": "Beijing",
       "free_trade_zone": None, "ciio": False, "important_data_processor": False}


def _transfer(tid: str, day: str, individuals: int, **extra: Any) -> dict[str, Any]:
    return {"id": tid, "date": day, "recipient": {"name": "R", "country": "SG"}, "basis": "other",
            "individuals": individuals, "sensitive_individuals": 0, "important_data": False,
            "no_personal_information": False, "collected_abroad": False,
            "access_inside_china": False, **extra}


def _profile(*transfers: dict[str, Any]) -> Profile:
    return validate({"organization": ORG, "transfers": list(transfers)}, "test")


def test_same_decision_as_the_rules_on_the_engine_context() -> None:
    profile = load_profile(EXAMPLE)
    options = Options(as_of=date(2026, 6, 30))
    law = load_lawbook()
    direct = decide_crossborder(profile, rule_context(profile, law, options))
    assert crossborder_decision(profile, options) == direct
    assert crossborder_decision(profile, options, law=law) == direct


def test_assess_reports_the_same_decision() -> None:
    profile = _profile(_transfer("t1", "2026-02-01", 150000, contract_effective="2026-02-03"))
    options = Options(as_of=date(2026, 3, 1))
    dec = crossborder_decision(profile, options)
    assert dec.mechanism is Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
    found = assess(profile, options).by_key()
    route = found["crossborder.standard_contract_or_certification"]
    assert route.status.value == "applies"
    assert any(f"route {dec.mechanism.value}" in line for line in route.because)
    filing = found["crossborder.standard_contract_filing"]
    (due,) = dec.dues_of(DeadlineKind.SC_FILING)
    assert filing.deadline == due.day == date(2026, 2, 24)


def test_the_calendar_in_the_options_sets_working_day_deadlines() -> None:
    # 2031 has no packaged schedule: weekdays only, estimated; a supplied schedule replaces it.
    profile = _profile(_transfer("t1", "2031-03-01", 150000, contract_effective="2031-03-03"))
    plain = crossborder_decision(profile, Options(as_of=date(2031, 3, 10)))
    (guess,) = plain.dues_of(DeadlineKind.SC_FILING)
    assert (guess.day, guess.estimated) == (date(2031, 3, 17), True)
    schedule = YearSchedule(holidays=frozenset({date(2031, 3, 5)}), workdays=frozenset())
    supplied = Options(as_of=date(2031, 3, 10), calendar=WorkCalendar({2031: schedule}))
    (due,) = crossborder_decision(profile, supplied).dues_of(DeadlineKind.SC_FILING)
    assert (due.day, due.estimated) == (date(2031, 3, 18), False)


class _Ledger:
    """Distinct counts for t1 and t2 together, as the ledger would give them."""

    def known_transfers(self, year: int) -> set[str]:
        return {"t1", "t2"} if year == 2026 else set()

    def distinct(self, transfer_ids: Sequence[str], year: int) -> tuple[int, int]:
        assert sorted(transfer_ids) == ["t1", "t2"] and year == 2026
        return 99999, 0


def test_distinct_counts_replace_the_sums() -> None:
    profile = _profile(_transfer("t1", "2026-02-01", 60000), _transfer("t2", "2026-03-01", 60000))
    options = Options(as_of=date(2026, 6, 1))
    summed = crossborder_decision(profile, options)
    assert (summed.individuals, summed.counts_source) == (120000, "profile")
    assert summed.mechanism is Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
    counted = crossborder_decision(profile, options, counts=_Ledger())
    assert (counted.individuals, counted.counts_source) == (99999, "ledger")
    assert counted.mechanism is Mechanism.EXEMPT


def test_before_the_security_assessment_measures_there_is_no_decision() -> None:
    # Issue 11: from 2022-09-01 to 2024-03-21 the decision follows Decree 11's original triggers.
    profile = _profile(_transfer("t1", "2022-08-01", 10))
    with pytest.raises(ParameterUndefined):
        crossborder_decision(profile, Options(as_of=date(2022, 8, 31)))
    assert crossborder_decision(profile, Options(as_of=date(2022, 9, 1))).year == 2022
    assert crossborder_decision(profile, Options(as_of=date(2024, 3, 21))).year == 2024
    assert crossborder_decision(profile, Options(as_of=date(2024, 3, 22))).year == 2024
