"""Transfers with the same facts are reasoned on once (``decide_crossborder(share=True)``).

The key holds every fact the decision reads by construction: each field of the model enters it
as it is unless ``work`` names it with the reason it may be reduced or left out, and a field
added to the model without a place fails here. A change of any field read gives another key,
and on seeded random registers (every field drawn, transfers alike but for one field, both
regimes, GBA and FTZ processors, the ledger's counts) the shared decision equals the one
reasoned transfer by transfer, down to the order of the parameters read.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from cnprivacy.engine.evaluate import Options, rule_context
from cnprivacy.law import load_lawbook
from cnprivacy.profile.models import (
    ContractScenario,
    PreviousTransfer,
    Profile,
    Recipient,
    Transfer,
    TransferBasis,
    TransferEvent,
)
from cnprivacy.rules.crossborder import decide_crossborder
from cnprivacy.rules.crossborder.work import AS_IS, CHANGE_FACTS, RECIPIENT_UNREAD, decision_key

_BASE = {"id": "t1", "date": "2026-03-01", "recipient": {"name": "R", "country": "SG"},
         "individuals": 10, "sensitive_individuals": 0}


def _t(**change: Any) -> Transfer:
    return Transfer.model_validate({**_BASE, **change})


def test_every_field_has_a_place_in_the_key() -> None:
    fields = set(Transfer.model_fields)
    placed = set(AS_IS) | set(CHANGE_FACTS) | {"id", "date", "recipient", "individuals",
                                                "sensitive_individuals"}
    assert placed == fields and len(placed) == len(AS_IS) + len(CHANGE_FACTS) + 5
    assert set(Recipient.model_fields) == RECIPIENT_UNREAD | {"country"}


# A value different from _BASE's for every field that enters the key as it is.
_OTHER: dict[str, Any] = {
    "basis": "contract_necessity", "contract_scenario": "cross_border_shopping",
    "important_data": False, "no_personal_information": True, "collected_abroad": False,
    "access_inside_china": True, "ftz_negative_list_listed": False,
    "contract_effective": "2026-03-02", "ftz_general_data_listed": True,
    "voluntary_security_assessment": True, "mechanism_in_place": "standard_contract",
    "assessment_approved_on": "2025-01-01", "certified_on": "2025-02-01",
}


@pytest.mark.parametrize("name", AS_IS)
def test_a_field_read_as_it_is_changes_the_key(name: str) -> None:
    assert decision_key(_t(**{name: _OTHER[name]})) != decision_key(_t())


def test_reduced_facts_change_the_key_only_where_the_decision_reads_them() -> None:
    base = decision_key(_t())
    assert decision_key(_t(recipient={"name": "R", "country": "DE"})) != base
    for counts in ({"individuals": None}, {"individuals": 0}, {"sensitive_individuals": None},
                   {"sensitive_individuals": 3}):
        assert decision_key(_t(**counts)) != base, counts
    # Read only as unknown / none / some, or not at all: the same key.
    assert decision_key(_t(id="t2", date="2026-04-02", individuals=99,
                           recipient={"name": "Other", "country": "SG", "city": "Singapore"},
                           purpose="x", data_categories=["contact"])) == base


def test_facts_compared_with_the_previous_version_count_when_one_is_recorded() -> None:
    prev = {"purpose": "a", "data_categories": ["contact"], "overseas_retention_months": 6}
    base = decision_key(_t(previous=prev, purpose="a"))
    assert base != decision_key(_t(purpose="a"))
    for name, value in (("purpose", "b"), ("method", "m"), ("scope", "s"),
                        ("data_categories", ["identity"]), ("storage_location", "l"),
                        ("recipient_use", "u"), ("overseas_retention_months", 12)):
        assert decision_key(_t(**{"previous": prev, "purpose": "a", name: value})) != base, name
    assert decision_key(_t(previous={**prev, "events": ["force_majeure"]}, purpose="a")) != base


def _maybe(rng: random.Random, *values: Any) -> Any:
    return rng.choice((None, *values))


def _transfer(rng: random.Random, i: int, year: int, alike: bool = True) -> dict[str, Any]:
    start = date(year - 1, 1, 1)
    t: dict[str, Any] = {
        "id": f"t{i}", "date": (start + timedelta(days=rng.randrange(760))).isoformat(),
        "recipient": {"name": f"R{i % 7}", "country": rng.choice(["SG", "HK", "MO", "DE", "US"])},
        "basis": _maybe(rng, *[b.value for b in TransferBasis]),
        "contract_scenario": _maybe(rng, *[c.value for c in ContractScenario]),
        "individuals": _maybe(rng, 0, rng.randrange(1, 3000)),
        "sensitive_individuals": _maybe(rng, 0, rng.randrange(1, 40)),
        "mechanism_in_place": _maybe(rng, "standard_contract", "certification",
                                     "gba_standard_contract", "security_assessment"),
    }
    for name in ("important_data", "no_personal_information", "collected_abroad",
                 "access_inside_china", "ftz_negative_list_listed", "ftz_general_data_listed",
                 "voluntary_security_assessment"):
        t[name] = _maybe(rng, True, False, False)
    for name, since in (("contract_effective", 60), ("assessment_approved_on", 1200),
                        ("certified_on", 1200)):
        if rng.random() < 0.4:
            t[name] = (date(year, 6, 1) - timedelta(days=rng.randrange(since))).isoformat()
    t["purpose"] = _maybe(rng, "p1", "p2")
    t["data_categories"] = rng.sample(["contact", "identity", "medical_health"], rng.randrange(3))
    t["overseas_retention_months"] = _maybe(rng, 6, 24)
    if rng.random() < 0.3:
        t["previous"] = PreviousTransfer(
            purpose=_maybe(rng, "p1", "p2"), data_categories=_maybe(rng, ["contact"]),
            sensitive=_maybe(rng, True, False), overseas_retention_months=_maybe(rng, 6, 12),
            events=rng.sample(list(TransferEvent), rng.randrange(2))).model_dump()
    # Many transfers share their facts, as in a real register, or differ in one of them: in
    # every run of eight, two pairs from the same facts differ in the same one field.
    if alike and i % 2 == 0:
        like = _transfer(random.Random(i % 4), 0, year, False)
        one = sorted(like)[i // 8 % len(like)]
        t = {**like, "id": t["id"], "date": t["date"], one: t.get(one)}
    return t


class _Ledger:
    """Distinct counts for every third transfer, as the ledger would give them."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = set(ids[::3])

    def known_transfers(self, year: int) -> set[str]:
        return self.ids

    def distinct(self, transfer_ids: Sequence[str], year: int) -> tuple[int, int]:
        return 1000 * len(transfer_ids) + year % 7, 10 * len(transfer_ids)


_ORGS: list[dict[str, Any]] = [
    {"ciio": None},
    {"ciio": False, "city": "Shenzhen", "important_data_notified_on": "2026-01-10"},
    {"ciio": True, "free_trade_zone": "beijing"},
    {"ciio": False, "free_trade_zone": "shanghai-lingang"},
    {"ciio": False, "free_trade_zone": "tianjin", "city": "Tianjin"},
    {"ciio": False, "state_organ": True},
    {"ciio": False, "individuals_processed": 2_000_000},
]


@pytest.mark.parametrize("as_of", [date(2023, 7, 1), date(2024, 3, 22), date(2025, 3, 1),
                                   date(2026, 11, 1)], ids=str)
@pytest.mark.parametrize("org", range(len(_ORGS)))
def test_shared_reasoning_gives_the_decision_of_each_transfer_alone(as_of: date, org: int) -> None:
    rng = random.Random(as_of.toordinal() * 10 + org)
    transfers = [_transfer(rng, i, as_of.year) for i in range(400)]
    profile = Profile.model_validate({
        "organization": {"name": "Co", "country": "CN", **_ORGS[org]}, "transfers": transfers})
    law = load_lawbook()
    for counts in (None, _Ledger([t["id"] for t in transfers])):
        alone_ctx = rule_context(profile, law, Options(as_of=as_of))
        alone = decide_crossborder(profile, alone_ctx, counts, share=False)
        shared_ctx = rule_context(profile, law, Options(as_of=as_of))
        shared = decide_crossborder(profile, shared_ctx, counts)
        assert shared == alone
        assert shared.to_dict() == alone.to_dict()
        # The same parameters read, in the same order (the findings' traces list them).
        assert [v.ref for v in shared_ctx.used] == [v.ref for v in alone_ctx.used]
    assert len({decision_key(t) for t in profile.transfers}) < len(transfers)


def test_none_or_some_people_of_a_kind_is_part_of_the_key() -> None:
    # Above 1,000,000 people in the year the general part needs the assessment, the sensitive
    # part (5 people) only a contract: a transfer without general PI stays at the contract.
    big = {"id": "big", "date": "2025-02-01", "recipient": {"name": "R", "country": "SG"},
           "individuals": 1_200_000, "sensitive_individuals": 0, "basis": "other",
           "important_data": False, "no_personal_information": False, "collected_abroad": False,
           "access_inside_china": False}
    facts = {**big, "sensitive_individuals": 5}
    profile = Profile.model_validate({
        "organization": {"name": "Co", "country": "CN", "ciio": False, "important_data_processor": False},
        "transfers": [big, {**facts, "id": "none", "individuals": 0},
                      {**facts, "id": "some", "individuals": 7}]})
    # (before the CAC's 2026 Q&A, by which a declaration covers the whole year's exports)
    ctx = rule_context(profile, load_lawbook(), Options(as_of=date(2025, 6, 1)))
    routes = {t.id: t.mechanism.value for t in decide_crossborder(profile, ctx).transfers}
    assert routes == {"big": "security_assessment", "none": "standard_contract_or_certification",
                      "some": "security_assessment"}
