"""Shared fixtures: the frozen evaluation corpora (read once per session)."""

from __future__ import annotations

import pytest

from .evalcorpus import Corpus, load_fixture


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_fixture("corpus")


@pytest.fixture(scope="session")
def heldout() -> Corpus:
    return load_fixture("heldout")
