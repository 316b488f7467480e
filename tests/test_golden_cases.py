"""Every golden case file under tests/cases/ runs through this one parametrised test.

A case names a profile (a path relative to tests/cases/, or an inline mapping), optional
what-if overrides (``set``), an ``as_of`` date and the expected status (and deadline) per
obligation. Lawyers can read and add cases without reading Python.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cnprivacy.engine import Options, assess
from cnprivacy.profile import apply_overrides, read_raw, validate

CASES_DIR = Path(__file__).with_name("cases")
CASE_FILES = sorted(p for p in CASES_DIR.glob("*.yaml") if not p.name.startswith("_"))


def _load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), path
    unknown = set(case) - {"name", "profile", "set", "as_of", "expect", "note"}
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    return case


def _profile(case: dict[str, Any], path: Path) -> Any:
    spec = case["profile"]
    if isinstance(spec, str):
        data, _ = read_raw((path.parent / spec).resolve())
    else:
        data = spec
    overrides = case.get("set") or {}
    if isinstance(overrides, dict):
        overrides = [f"{k}={yaml.safe_dump(v, default_flow_style=True).strip().removesuffix('...').strip()}"
                     for k, v in overrides.items()]
    data = apply_overrides(data, overrides, str(path))
    return validate(data, str(path))


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_case(path: Path) -> None:
    case = _load_case(path)
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(case["as_of"])
    result = assess(_profile(case, path), Options(as_of=as_of)).by_key()
    for key, expected in case["expect"].items():
        assert key in result, f"{path.name}: unknown obligation {key}"
        finding = result[key]
        want = expected if isinstance(expected, dict) else {"status": expected}
        assert finding.status.value == want["status"], (
            f"{path.name}: {key} is {finding.status.value}, expected {want['status']}\n"
            + "\n".join(finding.because))
        if "deadline" in want:
            got = finding.deadline.isoformat() if finding.deadline else None
            exp = want["deadline"].isoformat() if isinstance(want["deadline"], date) else want["deadline"]
            assert got == exp, f"{path.name}: {key} deadline {got}, expected {exp}"
        if "missing" in want:
            assert set(want["missing"]) <= set(finding.missing), (path.name, key, finding.missing)


def test_there_are_enough_cases() -> None:
    assert len(CASE_FILES) >= 60
