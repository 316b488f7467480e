"""Shared fixtures: the seeded evaluation corpus (built once per session)."""

from __future__ import annotations

import pytest

from .evalcorpus import Corpus, make_corpus, make_heldout


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return make_corpus(rows=2000, lines=1500, seed=7)


@pytest.fixture(scope="session")
def heldout() -> Corpus:
    return make_heldout(lines=800, seed=99)
