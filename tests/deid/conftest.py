from __future__ import annotations

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
