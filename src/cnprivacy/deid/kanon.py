"""k-anonymity over chosen quasi-identifier columns.

A table is k-anonymous when every combination of quasi-identifier values is shared by at least
k rows. Two passes: the first counts each combination (memory grows with the number of
distinct combinations, not with rows), the second lists the rows whose combination is rarer
than the requested k. Only row numbers and class sizes are reported, never the values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cnprivacy.errors import InputError

# At most this many row numbers are listed; the count below k is always exact.
ROW_LIST_LIMIT = 1000


@dataclass(frozen=True)
class KAnonymity:
    columns: tuple[str, ...]
    requested_k: int
    rows: int
    classes: int
    k: int  # the smallest class size; 0 for an empty table
    rows_below_k: int
    classes_below_k: int
    row_numbers_below_k: list[int] = field(default_factory=list)  # 1-based data rows

    @property
    def satisfied(self) -> bool:
        return self.rows == 0 or self.k >= self.requested_k

    def as_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns), "requested_k": self.requested_k, "rows": self.rows,
            "classes": self.classes, "k": self.k, "satisfied": self.satisfied,
            "rows_below_k": self.rows_below_k, "classes_below_k": self.classes_below_k,
            "row_numbers_below_k": self.row_numbers_below_k,
        }


def _key(record: dict[str, Any], columns: Sequence[str]) -> tuple[str, ...]:
    return tuple("" if record.get(c) is None else str(record.get(c)).strip() for c in columns)


def k_anonymity(source: str, records: Callable[[], Iterable[dict[str, Any]]],
                columns: Sequence[str], k: int) -> KAnonymity:
    """``records`` is called twice (two streaming passes over the same table)."""
    sizes: Counter[tuple[str, ...]] = Counter()
    rows = 0
    first = True
    for record in records():
        if first:
            missing = [c for c in columns if c not in record]
            if missing:
                raise InputError(source, f"no such column for --check-k: {', '.join(missing)}",
                                 field=missing[0])
            first = False
        sizes[_key(record, columns)] += 1
        rows += 1
    below_rows = _rows_below(records(), columns, sizes, k)
    rare = [size for size in sizes.values() if size < k]
    return KAnonymity(
        columns=tuple(columns), requested_k=k, rows=rows, classes=len(sizes),
        k=min(sizes.values(), default=0), rows_below_k=sum(rare), classes_below_k=len(rare),
        row_numbers_below_k=list(below_rows),
    )


def _rows_below(records: Iterable[dict[str, Any]], columns: Sequence[str],
                sizes: Counter[tuple[str, ...]], k: int) -> Iterator[int]:
    listed = 0
    for number, record in enumerate(records, start=1):
        if listed >= ROW_LIST_LIMIT:
            return
        if sizes[_key(record, columns)] < k:
            listed += 1
            yield number
