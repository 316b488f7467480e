"""Distinct counting: exact with keyed hashes, HyperLogLog past the limit, mergeable."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cnprivacy.discovery.counting import DistinctCounter


def test_exact_and_arrow_input() -> None:
    c = DistinctCounter()
    c.add_array(pa.array(["a", "b", "a", None]))
    c.add_many(["b", "c"])
    assert c.count() == 3 and c.exact


def test_keyed_digests_depend_on_the_key() -> None:
    a, b = DistinctCounter(b"k" * 32), DistinctCounter(b"j" * 32)
    assert a._digest("110101199003071234") != b._digest("110101199003071234")
    with pytest.raises(ValueError):
        a.merge(b)


def test_hyperloglog_beyond_the_limit() -> None:
    c = DistinctCounter(exact_limit=1000)
    c.add_many(str(i) for i in range(40_000))
    assert not c.exact
    assert abs(c.count() - 40_000) / 40_000 < 0.05


def test_merge_is_a_union() -> None:
    key = b"x" * 32
    a, b = DistinctCounter(key), DistinctCounter(key)
    a.add_many(["1", "2", "3"])
    b.add_many(["3", "4"])
    a.merge(b)
    assert a.count() == 4
