"""What the executors run: the discovery core over one partition's Arrow batches.

Each function takes a partition's batches and yields batches of what may leave the executor:
column verdicts with masked examples, per-batch row tallies, and keyed hashes of people with
their flags. Raw values stay in the executor's memory. The functions are plain module-level
functions (with their settings bound by ``functools.partial``) so that Spark pickles a
reference to them, and executors import this module from the installed package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from cnprivacy.discovery.classify import ColumnVerdict, classify_column
from cnprivacy.discovery.counting import DistinctCounter
from cnprivacy.discovery.readers import string_batch
from cnprivacy.discovery.tabular import CountPlan, batch_marks

VERDICT_SCHEMA = "verdict string"
#: One row per batch with its tallies (digest null), one per distinct person of the partition
#: (point null), one per distinct (person, GPS point) pair.
COUNT_SCHEMA = ("digest binary, sens boolean, minor boolean, minor18 boolean, point binary, "
                "rows long, card_rows long, health_rows long, minor_rows long")
SAMPLED = "__sampled_rows__"


@dataclass(frozen=True)
class Digester:
    """Keyed hashes of same-person keys. Without ``ledger``: the embedded scanner's counter
    digest (keyed BLAKE2b, a key per scan); with it: the ledger's keyed hash (HMAC-SHA256 with
    the ledger key, the kind's prefix), so that the hashes and sketches merge with the
    ledger's. The key travels to the executors inside the task, never to storage."""

    key: bytes
    ledger: bool = False

    def digests(self, kind: str, values: list[str]) -> list[bytes]:
        if not self.ledger:
            return DistinctCounter(self.key).digests(values)
        from cnprivacy.ledger.hashing import HASH_BYTES, LedgerKey, keyed_hashes
        from cnprivacy.ledger.identifiers import type_prefix

        blob = keyed_hashes(LedgerKey(self.key), (v.encode("utf-8") for v in values),
                            type_prefix(kind))
        return [blob[i:i + HASH_BYTES] for i in range(0, len(blob), HASH_BYTES)]

    def point(self, value: str) -> bytes:
        # Only compared with the same person's other points: equal points, equal hashes.
        return hashlib.blake2b(value.encode("utf-8"), key=self.key, digest_size=16,
                               person=b"cnprivacy-gps").digest()


def verdict_json(v: ColumnVerdict) -> str:
    return json.dumps(asdict(v), ensure_ascii=False)


def verdict_from_json(text: str) -> ColumnVerdict:
    d = json.loads(text)
    return ColumnVerdict(d["name"], d["type"], d["matched"], d["checked"], d["header_hint"],
                         d["free_text"], dict(d["span_types"]), tuple(d["examples"]))


def classify_partition(batches: Iterator[pa.RecordBatch], source: str, today: date
                       ) -> Iterator[pa.RecordBatch]:
    """The whole sample in one task: each column's verdict (masked examples only), then the
    number of rows sampled."""
    got = [string_batch(b, source) for b in batches]
    rows = sum(b.num_rows for b in got)
    out: list[str] = []
    if got and rows:
        table = pa.Table.from_batches(got)
        for name in table.column_names:
            verdict = classify_column(name, table.column(name).combine_chunks(), today)
            if verdict.type is not None:
                out.append(verdict_json(verdict))
    out.append(json.dumps({SAMPLED: rows}))
    yield pa.RecordBatch.from_pydict({"verdict": pa.array(out, pa.string())})


def count_partition(batches: Iterator[pa.RecordBatch], source: str, plan: CountPlan,
                    today: date, ages: tuple[int | None, int | None], digester: Digester
                    ) -> Iterator[pa.RecordBatch]:
    """The counting pass over one partition: the core's :func:`batch_marks` per batch, people
    deduplicated within the partition (the cluster reduces across partitions)."""
    tallies: list[tuple[int, int, int, int]] = []
    people: list[pa.Table] = []
    pairs: set[tuple[str, str]] = set()
    for raw in batches:
        batch = string_batch(raw, source)
        marks = batch_marks(batch, plan, today, ages[0], ages[1])
        tallies.append((marks.rows, marks.card_rows, marks.health_rows, marks.minor_rows))
        if marks.keys is None:
            continue
        valid = pa.array(marks.valid)
        people.append(pa.table({
            "key": marks.keys.filter(valid),
            "sens": pa.array(marks.sensitive | marks.minor).filter(valid),
            "minor": pa.array(marks.minor).filter(valid),
            "minor18": pa.array(marks.minor18).filter(valid)}))
        for points in marks.points.values():
            keys = marks.keys
            for i in np.flatnonzero(marks.valid):
                point = points[i]
                if point is not None:
                    pairs.add((str(keys[i].as_py()), point))
    digests: list[bytes | None] = []
    cols: dict[str, list[object]] = {"sens": [], "minor": [], "minor18": []}
    if people and plan.ident_type is not None:
        table = pa.concat_tables(people).group_by("key").aggregate(
            [("sens", "any"), ("minor", "any"), ("minor18", "any")])
        keys = table.column("key").to_pylist()
        digests += digester.digests(plan.ident_type, keys)
        for name in cols:
            cols[name] += table.column(f"{name}_any").to_pylist()
    n_people = len(digests)
    point_digests: list[bytes | None] = [None] * n_people
    if pairs and plan.ident_type is not None:
        ordered = sorted(pairs)
        digests += digester.digests(plan.ident_type, [k for k, _ in ordered])
        point_digests += [digester.point(p) for _, p in ordered]
        for name in cols:
            cols[name] += [None] * len(ordered)
    n = len(digests)
    stats: dict[str, list[int | None]] = {
        name: [None] * n for name in ("rows", "card_rows", "health_rows", "minor_rows")}
    for rows, card, health, minor in tallies:
        digests.append(None)
        point_digests.append(None)
        for name in cols:
            cols[name].append(None)
        for name, value in zip(stats, (rows, card, health, minor), strict=True):
            stats[name].append(value)
    yield pa.RecordBatch.from_pydict({
        "digest": pa.array(digests, pa.binary()),
        **{k: pa.array(v, pa.bool_()) for k, v in cols.items()},
        "point": pa.array(point_digests, pa.binary()),
        **{k: pa.array(v, pa.int64()) for k, v in stats.items()}})

