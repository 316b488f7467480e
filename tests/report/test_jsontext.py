"""The indented JSON writer (orjson) gives the standard library's text byte for byte: over every
golden case's assessment and cross-border decision, and on the values where the two encoders
differ (small floats, non-string keys, big integers), which go to the standard library."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cnprivacy.engine import Options, assess, crossborder_decision
from cnprivacy.law import load_lawbook
from cnprivacy.profile import apply_overrides, read_raw, validate
from cnprivacy.report.assessment import to_json
from cnprivacy.report.jsontext import indented, python_text
from cnprivacy.rules.base import ParameterUndefined

CASES = Path(__file__).parents[1] / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.yaml") if not p.name.startswith("_"))


def _case(path: Path) -> tuple[Any, date]:
    import yaml

    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec = case["profile"]
    data = read_raw((path.parent / spec).resolve())[0] if isinstance(spec, str) else spec
    overrides = case.get("set") or {}
    if isinstance(overrides, dict):
        overrides = [f"{k}={yaml.safe_dump(v, default_flow_style=True).strip().removesuffix('...').strip()}"
                     for k, v in overrides.items()]
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(case["as_of"])
    return validate(apply_overrides(data, overrides, str(path)), str(path)), as_of


def test_every_golden_case_is_written_as_the_standard_library_writes_it() -> None:
    for path in CASE_FILES:
        profile, as_of = _case(path)
        result = assess(profile, Options(as_of=as_of))
        assert to_json(result) == python_text(result.to_dict()), path.name
        if profile.transfers:
            try:
                dec = crossborder_decision(profile, Options(as_of=as_of))
            except ParameterUndefined:
                continue
            assert indented(dec.to_dict()) == python_text(dec.to_dict()), path.name


@pytest.mark.parametrize("value", [
    {"a": [], "b": {}, "c": "\x00\x1f\x7f\u2028 \"\\ 中文 ✓", "d": [1, -2, 3.5, True, None]},
    {"tiny": 1e-05, "less": -7.2e-09, "edge": 0.0001, "big": 1e16, "huge": 1.5e300, "neg": -0.0},
    {"text with 0.00001 in it": "e-5 and 0.0000 are only text"},
    {1: "int key", "x": {2.5: "float key", None: "none"}},
    {"beyond 64 bits": 2**70, "negative": -(2**64)},
    [[[]], [{}], "", 0],
])
def test_values_where_the_encoders_differ_still_read_the_same(value: Any) -> None:
    assert indented(value) == python_text(value)


def test_the_law_datas_floats_are_written_alike_by_both() -> None:
    floats = [v.value for inst in load_lawbook() for p in inst.parameters.values()
              for v in p.values if isinstance(v.value, float)]
    assert all(math.isfinite(x) for x in floats)
    assert all(indented(x) == python_text(x) for x in floats)
