"""Golden cases for the per-transfer cross-border decision (one parametrised test).

Each file in ``cases/`` holds a list of cases. A case gives the organization facts that differ
from a neutral one, transfers (every unstated field takes the neutral value from
``TRANSFER_DEFAULTS``), an ``as_of`` date and what the decision must say: the year's
``mechanism``, ``options``, ``counted`` totals, ``needs_info``, ``declaration_covers`` and, per
transfer, ``mechanism``, ``exemption``, ``counted``, ``deadline``, ``options`` and text that the
``because`` lines or citations must contain. ``error`` expects an InputError containing the text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.errors import InputError
from cnprivacy.profile import validate

CASES = Path(__file__).with_name("cases")
ORG_DEFAULTS: dict[str, Any] = {
    "name": "Golden Case Co., Ltd.", "country": "CN", "province": "Beijing", "city": "Beijing",
    "free_trade_zone": None, "ciio": False, "important_data_processor": False,
}
TRANSFER_DEFAULTS: dict[str, Any] = {
    "recipient": {"name": "Recipient Pte Ltd", "country": "SG"}, "basis": "other",
    "contract_scenario": None, "individuals": 0, "sensitive_individuals": 0,
    "important_data": False, "no_personal_information": False, "collected_abroad": False,
    "access_inside_china": False,
}
CASE_KEYS = {"name", "organization", "transfers", "as_of", "expect", "note"}
TRANSFER_EXPECT = {"mechanism", "exemption", "counted", "deadline", "options", "because", "cites",
                   "needs_info"}


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert set(case) <= CASE_KEYS, f"{path.name}[{i}]: unknown keys {set(case) - CASE_KEYS}"
            out.append((f"{path.stem}:{case['name']}", case))
    return out


ALL = _cases()


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _profile(case: dict[str, Any]) -> Any:
    org = {**ORG_DEFAULTS, **(case.get("organization") or {})}
    transfers = []
    for i, t in enumerate(case.get("transfers") or []):
        item = {**TRANSFER_DEFAULTS, "id": f"t{i + 1}", **t}
        transfers.append({k: v for k, v in item.items() if v != "unknown"})
    return validate({"organization": org, "transfers": transfers}, "golden case")


@pytest.mark.parametrize("case", [c for _, c in ALL], ids=[n for n, _ in ALL])
def test_decision_case(case: dict[str, Any]) -> None:
    profile = _profile(case)
    as_of = case["as_of"]
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(InputError, match=expect["error"]):
            crossborder_decision(profile, Options(as_of=as_of))
        return
    dec = crossborder_decision(profile, Options(as_of=as_of))
    out = dec.to_dict()
    trace = "\n".join(f"{t.id}: {t.mechanism.value} {list(t.because)}" for t in dec.transfers)
    for key in ("mechanism", "options", "declaration_covers"):
        if key in expect:
            assert out[key] == expect[key], f"{key}: {out[key]!r}\n{trace}"
    if "counted" in expect:
        assert out["counted"] == expect["counted"], trace
    if "needs_info" in expect:
        assert sorted(out["needs_info"]) == sorted(expect["needs_info"]), out["needs_info"]
    by_id = {t["id"]: t for t in out["transfers"]}
    for tid, want in (expect.get("transfers") or {}).items():
        assert set(want) <= TRANSFER_EXPECT, want
        got = by_id[tid]
        for key in ("mechanism", "exemption", "counted", "options", "needs_info"):
            if key in want:
                assert got[key] == want[key], f"{tid}.{key}: {got[key]!r}\n{trace}"
        if "deadline" in want:
            assert got["deadline"] == _iso(want["deadline"]), f"{tid}.deadline {got['deadline']}"
        for text in ([want["because"]] if isinstance(want.get("because"), str) else
                     want.get("because", [])):
            assert any(text in line for line in got["because"]), f"{tid}: no {text!r}\n{trace}"
        for text in ([want["cites"]] if isinstance(want.get("cites"), str) else want.get("cites", [])):
            assert any(text in line for line in got["citations"]), f"{tid}: no cite {text!r}"
        # every decided transfer explains itself and cites its source
        assert got["because"] and got["citations"], tid


def test_enough_cases() -> None:
    assert len(ALL) >= 40
