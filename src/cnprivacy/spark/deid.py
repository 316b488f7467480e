"""``cnprivacy deid --engine spark``: the embedded de-identification, partition by partition.

The same policy, key and transforms (:class:`deid.transformer.Deidentifier`, applied through
:class:`deid.operations.DeidOperation`): one task prepares the operation on a sample Spark
draws (column types and chance-only span types come back: no values), then every partition
rewrites its top-level columns with it and the result is written as new files in the input's
format. ``--verify`` re-reads the output on the cluster with :class:`ResidualScan`; counts of
transforms and residual PI come back by type and column, never a value.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.operations import DeidOperation, ResidualScan
from cnprivacy.deid.pipeline import FileOutcome, Job
from cnprivacy.deid.policy import Policy
from cnprivacy.errors import InputError
from cnprivacy.spark.sources import TABLE_KIND, SparkSource, open_source, spark_failure

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SAMPLE_VALUES = 1000  # per column, as the embedded formats prepare on their first values
STATE_SCHEMA = "state string"
COUNTS_SCHEMA = "counts string"


def _deidentifier(policy: Policy, key: DeidKey | None, as_of: date) -> Any:
    from cnprivacy.deid.detection import discovery_detector
    from cnprivacy.deid.transformer import Deidentifier

    return Deidentifier(policy, discovery_detector(), key, as_of)


def _samples(batches: Iterator[pa.RecordBatch]) -> dict[str, list[Any]]:
    samples: dict[str, list[Any]] = {}
    for batch in batches:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            bucket = samples.setdefault(name, [])
            if len(bucket) < SAMPLE_VALUES:
                bucket += column.slice(0, SAMPLE_VALUES - len(bucket)).to_pylist()
    return samples


def prepare_partition(batches: Iterator[pa.RecordBatch], policy: Policy, key: DeidKey | None,
                      as_of: date) -> Iterator[pa.RecordBatch]:
    """DeidOperation.prepare on the sample; its verdicts (types only) go back."""
    op = DeidOperation(_deidentifier(policy, key, as_of))
    op.prepare(_samples(batches))
    state = {"types": op.column_types,
             "untrusted": {c: sorted(t) for c, t in op.untrusted.items()}}
    yield pa.RecordBatch.from_pydict({"state": [json.dumps(state)]})


def _operation(policy: Policy, key: DeidKey | None, as_of: date, state: Mapping[str, Any]
               ) -> DeidOperation:
    op = DeidOperation(_deidentifier(policy, key, as_of))
    op.column_types = dict(state["types"])
    op.untrusted = {c: frozenset(t) for c, t in state["untrusted"].items()}
    op.deid.seen_columns.update(state["types"])
    return op


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)


def apply_partition(batches: Iterator[pa.RecordBatch], policy: Policy, key: DeidKey | None,
                    as_of: date, state: Mapping[str, Any], widened: frozenset[str],
                    counts: Any) -> Iterator[pa.RecordBatch]:
    """Every text cell through the operation; a number column the policy or the classifier
    marks as PI becomes text (a mask or a token is not a number), as in the embedded Parquet
    writer. The transform counts go back through an accumulator."""
    op = _operation(policy, key, as_of, state)
    for batch in batches:
        arrays, names = [], []
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            kind = column.type
            if name in widened:
                column = pa.array([None if v is None else _plain(v) for v in column.to_pylist()],
                                  pa.string())
                kind = pa.string()
            if pa.types.is_string(kind) or pa.types.is_large_string(kind):
                column = pa.array([op.value(name, v) for v in column.to_pylist()], kind)
            arrays.append(column)
            names.append(name)
        yield pa.RecordBatch.from_arrays(arrays, names=names)
    counts.add(Counter({f"{t}\t{x}": n for (t, x), n in op.deid.counts.items()}))


def residual_partition(batches: Iterator[pa.RecordBatch], state: Mapping[str, Any]
                       ) -> Iterator[pa.RecordBatch]:
    """ResidualScan over a partition of an output: counts by (type, column), no values."""
    from cnprivacy.deid.detection import discovery_detector

    scan = ResidualScan(discovery_detector())
    scan.untrusted = {c: frozenset(t) for c, t in state["untrusted"].items()}
    for batch in batches:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            for value in column.to_pylist():
                scan.value(name, value)
    yield pa.RecordBatch.from_pydict({"counts": [json.dumps(
        [[t, c, n] for (t, c), n in scan.pairs.items()])]})


def residual_state(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """ResidualScan.prepare on a sample of an output (chance-only span types per column)."""
    from cnprivacy.deid.detection import discovery_detector

    scan = ResidualScan(discovery_detector())
    scan.prepare(_samples(batches))
    yield pa.RecordBatch.from_pydict({"state": [json.dumps(
        {"untrusted": {c: sorted(t) for c, t in scan.untrusted.items()}})]})


def nested_columns(schema: Any) -> list[str]:
    """Top-level columns of a Spark schema that hold structs, arrays or maps. The embedded deid
    treats them leaf by leaf; here they would pass through as they are, identifiers and all, so
    a table with one is refused instead."""
    from pyspark.sql.types import ArrayType, MapType, StructType

    return [f.name for f in schema.fields if isinstance(f.dataType, (ArrayType, MapType, StructType))]


def _one_task(frame: DataFrame, sample_rows: int) -> DataFrame:
    return frame.limit(sample_rows).coalesce(1)


class SparkDeid:
    """De-identifies sources into ``outdir`` (a local or cluster path): one output per input,
    named after it, in its format (catalog tables as Parquet)."""

    def __init__(self, spark: SparkSession, policy: Policy, key: DeidKey | None, as_of: date,
                 sample_rows: int = SAMPLE_VALUES) -> None:
        self.spark, self.policy, self.key, self.as_of = spark, policy, key, as_of
        self.sample_rows = sample_rows
        _deidentifier(policy, key, as_of)  # a policy that needs a key fails here, at once

    def run(self, targets: list[str], outdir: str, verify: bool) -> list[FileOutcome]:
        outcomes = []
        for target in targets:
            name = Path(target.rstrip("/")).name
            outcome = FileOutcome(Job(Path(target), Path(outdir) / name, "table"))
            outcomes.append(outcome)
            try:
                src = open_source(self.spark, target)
                out = str(Path(outdir) / (name if src.kind != TABLE_KIND else name + ".parquet"))
                outcome = FileOutcome(Job(Path(target), Path(out), src.kind))
                outcomes[-1] = outcome
                self.deidentify(src, out, outcome)
                if verify:
                    self.verify(open_source(self.spark, out), outcome)
            except InputError as err:
                outcome.error = err.one_line()
            except Exception as err:  # one table's failure never ends the run
                outcome.error = f"{target}: cannot de-identify ({spark_failure(err)})"
        return outcomes

    def deidentify(self, src: SparkSource, out: str, outcome: FileOutcome) -> None:
        from pyspark.accumulators import AccumulatorParam
        from pyspark.sql.types import StringType, StructField, StructType

        class _Counts(AccumulatorParam[Counter[str]]):
            def zero(self, value: Counter[str]) -> Counter[str]:
                return Counter()

            def addInPlace(self, a: Counter[str], b: Counter[str]) -> Counter[str]:
                a.update(b)
                return a

        if Path(out).exists():
            raise InputError(out, "exists already; give a new output folder")
        nested = nested_columns(src.frame.schema)
        if nested:
            raise InputError(src.name, f"nested column {nested[0]!r} (struct, array or map): the "
                             "Spark engine de-identifies flat columns only; flatten it, or run "
                             "deid without --engine spark")
        prepare = partial(prepare_partition, policy=self.policy, key=self.key, as_of=self.as_of)
        row = _one_task(src.frame, self.sample_rows).mapInArrow(prepare, STATE_SCHEMA).first()
        state = json.loads(row["state"]) if row else {"types": {}, "untrusted": {}}
        op = _operation(self.policy, self.key, self.as_of, state)
        text = (StringType,)
        widened = frozenset(f.name for f in src.frame.schema.fields
                            if not isinstance(f.dataType, text) and op.column_changes_type(f.name)
                            and f.dataType.typeName() in _NUMERIC_OR_TIME)
        schema = StructType([StructField(f.name, StringType(), f.nullable) if f.name in widened
                             else f for f in src.frame.schema.fields])
        counts = self.spark.sparkContext.accumulator(Counter(), _Counts())
        apply = partial(apply_partition, policy=self.policy, key=self.key, as_of=self.as_of,
                        state=state, widened=widened, counts=counts)
        result = src.frame.mapInArrow(apply, schema)
        writer = result.write.mode("errorifexists")
        if src.kind in ("csv", "tsv"):
            writer.options(header="true", sep="\t" if src.kind == "tsv" else ",",
                           escape='"').csv(out)
        elif src.kind == "orc":
            writer.orc(out)
        else:
            writer.parquet(out)
        outcome.rows = self.spark.read.format("csv" if src.kind in ("csv", "tsv") else (
            "orc" if src.kind == "orc" else "parquet")).options(
            header="true", sep="\t" if src.kind == "tsv" else ",").load(out).count()
        outcome.transforms = Counter({tuple(k.split("\t", 1)): n  # type: ignore[misc]
                                      for k, n in counts.value.items()})

    def verify(self, out: SparkSource, outcome: FileOutcome) -> None:
        row = _one_task(out.frame, self.sample_rows).mapInArrow(
            residual_state, STATE_SCHEMA).first()
        state = json.loads(row["state"]) if row else {"untrusted": {}}
        rows = out.frame.mapInArrow(partial(residual_partition, state=state),
                                    COUNTS_SCHEMA).collect()
        pairs: Counter[tuple[str, str]] = Counter()
        for r in rows:
            for t, c, n in json.loads(r["counts"]):
                pairs[t, c] += n
        residual: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for (t, c), n in pairs.items():
            residual[t] += n
            places[c] += n
        outcome.residual, outcome.residual_columns, outcome.residual_pairs = (
            residual, places, pairs)


_NUMERIC_OR_TIME = {"byte", "short", "integer", "long", "float", "double", "decimal", "date",
                    "timestamp", "timestamp_ntz"}
