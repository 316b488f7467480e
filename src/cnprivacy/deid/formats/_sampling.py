"""Bounded look-ahead: hold the first rows to classify columns, then replay them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain, islice
from typing import Any, TypeVar

Row = TypeVar("Row")


def sample_then_stream(rows: Iterator[Row], limit: int,
                       columns_of: Callable[[list[Row]], Mapping[str, Sequence[Any]]],
                       prepare: Callable[[Mapping[str, Sequence[Any]]], None]) -> Iterator[Row]:
    head = list(islice(rows, limit))
    prepare(columns_of(head))
    return chain(head, rows)
