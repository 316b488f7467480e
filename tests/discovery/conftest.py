"""Shared fixtures: the frozen evaluation corpora (read once per session)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cnprivacy.discovery._native import pure_python as accelerators_off

from .evalcorpus import Corpus, load_fixture


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_fixture("corpus")


@pytest.fixture(scope="session")
def heldout() -> Corpus:
    return load_fixture("heldout")


@pytest.fixture
def pure_python() -> Iterator[None]:
    """Every C accelerator off for one test (the ``CNPRIVACY_NO_ACCEL`` switch)."""
    with accelerators_off():
        yield
