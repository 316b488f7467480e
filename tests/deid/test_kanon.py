from __future__ import annotations

import pytest

from cnprivacy.deid.kanon import k_anonymity
from cnprivacy.errors import InputError

ROWS = [
    {"age": "30-39", "city": "北京市", "x": "1"},
    {"age": "30-39", "city": "北京市", "x": "2"},
    {"age": "30-39", "city": "北京市", "x": "3"},
    {"age": "40-49", "city": "北京市", "x": "4"},
    {"age": "40-49", "city": "上海市", "x": "5"},
    {"age": "40-49", "city": "上海市", "x": "6"},
]


def test_classes_and_rows_below_k() -> None:
    result = k_anonymity("t", lambda: iter(ROWS), ["age", "city"], 2)
    assert (result.rows, result.classes, result.k) == (6, 3, 1)
    assert result.rows_below_k == 1 and result.row_numbers_below_k == [4]
    assert not result.satisfied
    coarser = k_anonymity("t", lambda: iter(ROWS), ["age"], 3)
    assert coarser.k == 3 and coarser.satisfied and coarser.row_numbers_below_k == []


def test_k_boundary_is_inclusive() -> None:
    assert k_anonymity("t", lambda: iter(ROWS), ["city"], 2).satisfied  # classes of 4 and 2
    assert not k_anonymity("t", lambda: iter(ROWS), ["city"], 3).satisfied


def test_unknown_column() -> None:
    with pytest.raises(InputError, match="no such column for --check-k: zip"):
        k_anonymity("t.csv", lambda: iter(ROWS), ["age", "zip"], 2)
