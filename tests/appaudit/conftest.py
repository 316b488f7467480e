"""Shared fixtures: the real APKs in fixtures/apks (see fixtures/README.md) and synthetic APK
builders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .apkbuild import ManifestSpec, build_apk

FIXTURES = Path(__file__).resolve().parent / "fixtures"
APKS = FIXTURES / "apks"
POLICIES = Path(__file__).resolve().parent / "policies"


@pytest.fixture
def real_apk() -> Callable[[str], str]:
    """Path of a real third-party APK kept in the repository."""
    def get(name: str) -> str:
        path = APKS / name
        assert path.is_file(), f"fixture {path} is missing"
        return str(path)
    return get


@pytest.fixture
def make_apk(tmp_path: Path) -> Callable[..., str]:
    """Write a synthetic APK and return its path."""
    counter = iter(range(1000))

    def make(spec: ManifestSpec | None = None, dex: list[list[str]] | None = None,
             native: list[str] | None = None, extra: dict[str, bytes] | None = None,
             name: str | None = None) -> str:
        path = tmp_path / (name or f"fixture{next(counter)}.apk")
        path.write_bytes(build_apk(spec, dex, native, extra))
        return str(path)
    return make
