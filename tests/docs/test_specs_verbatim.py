"""The contracts in docs/spec stay verbatim copies: any edit shows up as a changed digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

SPEC = Path(__file__).resolve().parents[2] / "docs" / "spec"

PINNED = {
    "appaudit.md": "e3f48dc9b0285bdd6465faebd4ab2f92d13c0b893850dfb903547286364418ac",
    "profile.md": "46f5c01965df84d705c9652498d2ade31744889f99283aaac2c699e9863afef9",
    "scan.md": "7c6484a4447baa614ba9d9b7e12b446aaa77a44855dcf6288351a6c42b110e1b",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_spec_copy_is_unchanged(name: str) -> None:
    assert hashlib.sha256((SPEC / name).read_bytes()).hexdigest() == PINNED[name]


def test_every_spec_is_pinned() -> None:
    assert {p.name for p in SPEC.glob("*.md")} - {"README.md"} == set(PINNED)
