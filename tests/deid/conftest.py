from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cnprivacy.deid.detection import SpanDetector, discovery_detector
from cnprivacy.deid.keys import DeidKey

# Fixed test secrets (never used outside tests).
SECRET_A = bytes(range(32))
SECRET_B = bytes(range(1, 33))


@pytest.fixture
def key() -> DeidKey:
    return DeidKey(SECRET_A, "test-a")


@pytest.fixture
def other_key() -> DeidKey:
    return DeidKey(SECRET_B, "test-b")


@pytest.fixture(scope="session")
def detector() -> SpanDetector:
    return discovery_detector()


def load_evalcorpus() -> ModuleType:
    """The scan engineers' seeded evaluation corpus (tests/discovery/evalcorpus.py)."""
    path = Path(__file__).resolve().parents[1] / "discovery" / "evalcorpus.py"
    spec = importlib.util.spec_from_file_location("_deid_evalcorpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while executing
    spec.loader.exec_module(module)
    return module
