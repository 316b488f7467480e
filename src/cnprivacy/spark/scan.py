"""``cnprivacy scan --engine spark``: the embedded scanner's report, computed on a cluster.

Per table: Spark draws the sample (``DataFrame.sample``, executed where the data is read, then
limited to ``sample_rows``); one task classifies it with :func:`classify.classify_column` and
returns verdicts with masked examples; the counting pass runs :func:`tabular.batch_marks` over
every partition of the PI columns only and returns keyed hashes with their flags; Spark reduces
those to distinct people per table and, per identifier type, across tables. The report is built
by the core (:func:`tabular.finish_report`, :func:`tabular.totals`): the same JSON as the
embedded engine, type for type and count for count.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from cnprivacy.discovery.classify import ColumnVerdict
from cnprivacy.discovery.results import ScanError, ScanResult, SourceReport
from cnprivacy.discovery.scanner import ScanOptions, unexpected_error
from cnprivacy.discovery.tabular import CountPlan, People, count_plan, finish_report, totals
from cnprivacy.errors import InputError
from cnprivacy.spark import tasks
from cnprivacy.spark.sources import SparkSource, open_source, spark_failure

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

#: (source, step) for progress lines on the driver.
StepFn = Callable[[str, str], None]


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


@dataclass
class TablePeople:
    """One table's distinct people as a Spark frame (digest, sens, minor, minor18)."""

    kind: str
    frame: DataFrame
    counted: People  # the frame's counts, already reduced


class SparkScanner:
    """Scans tables and paths on a SparkSession into a :class:`ScanResult`.

    ``key``: the keyed-hash secret (a fresh one per scan, as the embedded scanner; it travels
    to the executors inside the tasks). ``ledger``: hash with the ledger's HMAC instead, so
    that the hashes and sketches merge with the ledger's (``key`` is then the ledger key)."""

    def __init__(self, spark: SparkSession, options: ScanOptions, key: bytes | None = None,
                 ledger: bool = False, step: StepFn | None = None) -> None:
        self.spark = spark
        self.options = options
        self.digester = tasks.Digester(key or secrets.token_bytes(32), ledger)
        self.step = step
        self.people: list[TablePeople] = []
        self._cached: list[DataFrame] = []

    def scan(self, targets: Sequence[str]) -> ScanResult:
        result = ScanResult(as_of=self.options.as_of.isoformat())
        try:
            for target in targets:
                try:
                    report = self.scan_source(open_source(self.spark, target))
                except InputError as err:
                    result.errors.append(ScanError(err.source, err.one_line()))
                    continue
                except Exception as err:  # one table's failure never ends the scan
                    failure = InputError(target, f"cannot read ({spark_failure(err)})") \
                        if type(err).__module__.startswith(("pyspark", "py4j")) \
                        else unexpected_error(target, err)
                    result.errors.append(ScanError(target, failure.one_line()))
                    continue
                result.sources.append(report)
            result.totals = totals(result.sources, self.union_people())
        finally:
            self.release()
        return result

    def release(self) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()

    def _say(self, source: str, what: str) -> None:
        if self.step:
            self.step(source, what)

    # --- one table -------------------------------------------------------------------------
    def scan_source(self, src: SparkSource) -> SourceReport:
        verdicts, sampled = self.classify(src)
        pi = [v for v in verdicts if v.type is not None]
        plan = count_plan(pi)
        report = SourceReport(src.name, src.kind, src.encoding, sampled_rows=sampled)
        self._say(src.name, f"counting {len(plan.needed)} PI column(s)")
        rows, card, health, minor_rows, tracked, people = self.count(src, plan)
        finish_report(report, pi, plan, rows, card, health, minor_rows, tracked, people)
        return report

    def sample(self, frame: DataFrame) -> DataFrame:
        """At most ``sample_rows`` rows drawn by Spark where the data is read: the whole table
        when it is that small (as the embedded scanner), else a seeded Bernoulli sample a
        little larger than needed, limited."""
        n = self.options.sample_rows
        total = frame.count()  # Parquet and ORC answer from their footers
        if total <= n:
            return frame
        fraction = min(1.0, 1.2 * n / total + 1e-6)
        return frame.sample(withReplacement=False, fraction=fraction, seed=17).limit(n)

    def classify(self, src: SparkSource) -> tuple[list[ColumnVerdict], int]:
        self._say(src.name, "classifying a sample")
        fn = partial(tasks.classify_partition, source=src.name, today=self.options.as_of)
        # One task sees the whole sample (a column is judged on all its sampled values); only
        # verdicts with masked examples come back to the driver.
        rows = self.sample(src.frame).coalesce(1).mapInArrow(fn, tasks.VERDICT_SCHEMA).collect()
        verdicts: list[ColumnVerdict] = []
        sampled = 0
        for row in rows:
            doc = json.loads(row["verdict"])
            if tasks.SAMPLED in doc:
                sampled += int(doc[tasks.SAMPLED])
            else:
                verdicts.append(tasks.verdict_from_json(row["verdict"]))
        return verdicts, sampled

    def count(self, src: SparkSource, plan: CountPlan
              ) -> tuple[int, int, int, int, bool, People | None]:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        columns = [F.col(_quoted(c)) for c in plan.needed]
        fn = partial(tasks.count_partition, source=src.name, plan=plan,
                     today=self.options.as_of,
                     ages=(self.options.minor_age, self.options.adult_age),
                     digester=self.digester)
        marks = src.frame.select(*columns).mapInArrow(fn, tasks.COUNT_SCHEMA)
        marks = marks.persist(StorageLevel.MEMORY_AND_DISK)
        self._cached.append(marks)
        stats = marks.where(F.col("digest").isNull()).agg(
            *(F.coalesce(F.sum(c), F.lit(0)).alias(c)
              for c in ("rows", "card_rows", "health_rows", "minor_rows"))).first()
        assert stats is not None
        rows, card, health, minor_rows = (int(stats[c]) for c in
                                          ("rows", "card_rows", "health_rows", "minor_rows"))
        if plan.ident_type is None:
            return rows, card, health, minor_rows, False, None
        people = self.people_frame(marks)
        counted = _people_counts(people)
        self.people.append(TablePeople(plan.ident_type, people, counted[0]))
        return rows, card, health, minor_rows, counted[1], counted[0]

    @staticmethod
    def people_frame(marks: DataFrame) -> DataFrame:
        """Distinct people of a table: a person's flags are true when any of their rows is;
        two or more distinct GPS points make a track, which is sensitive (PIPL art. 28)."""
        from pyspark.sql import functions as F

        persons = marks.where(F.col("digest").isNotNull() & F.col("point").isNull()).groupBy(
            "digest").agg(F.bool_or("sens").alias("sens"), F.bool_or("minor").alias("minor"),
                          F.bool_or("minor18").alias("minor18"))
        tracks = marks.where(F.col("point").isNotNull()).groupBy("digest").agg(
            F.countDistinct("point").alias("points")).where(F.col("points") >= 2).select(
            "digest", F.lit(True).alias("tracked"))
        return persons.join(tracks, "digest", "left").select(
            "digest", (F.col("sens") | F.coalesce(F.col("tracked"), F.lit(False))).alias("sens"),
            "minor", "minor18", F.coalesce(F.col("tracked"), F.lit(False)).alias("tracked"))

    # --- across tables ---------------------------------------------------------------------
    def union_people(self) -> dict[str, People]:
        """Per identifier type, the union of its tables' people (the same keyed hash)."""
        from pyspark.sql import functions as F

        out: dict[str, People] = {}
        for kind in dict.fromkeys(p.kind for p in self.people):
            tables = [p for p in self.people if p.kind == kind]
            if len(tables) == 1:
                # One table's people are already distinct and counted: reducing them again
                # would repeat its shuffle and give the same counts.
                out[kind] = tables[0].counted
                continue
            frames = [p.frame for p in tables]
            union = frames[0]
            for frame in frames[1:]:
                union = union.unionByName(frame)
            merged = union.groupBy("digest").agg(
                F.bool_or("sens").alias("sens"), F.bool_or("minor").alias("minor"),
                F.bool_or("minor18").alias("minor18"), F.bool_or("tracked").alias("tracked"))
            out[kind] = _people_counts(merged)[0]
        return out

    def digests(self, kinds: Sequence[str] | None = None) -> DataFrame | None:
        """The distinct keyed hashes of every table's people (of ``kinds``), still on the
        cluster: the input of the ledger's hashes file and of the HyperLogLog sketch."""
        frames = [p.frame.select("digest") for p in self.people
                  if kinds is None or p.kind in kinds]
        if not frames:
            return None
        union = frames[0]
        for frame in frames[1:]:
            union = union.unionByName(frame)
        return union.distinct()


def _people_counts(people: DataFrame) -> tuple[People, bool]:
    from pyspark.sql import functions as F

    def flagged(name: str) -> Column:
        return F.coalesce(F.sum(F.col(name).cast("long")), F.lit(0)).alias(name)

    row = people.agg(F.count(F.lit(1)).alias("n"), flagged("sens"), flagged("minor"),
                     flagged("minor18"), flagged("tracked")).first()
    assert row is not None
    return (People(int(row["n"]), True, int(row["sens"]), int(row["minor"]),
                   int(row["minor18"])), int(row["tracked"]) > 0)



def run_scan(targets: Sequence[str], options: ScanOptions, master: str | None,
             conf: dict[str, str], ledger_key: bytes | None = None,
             step: StepFn | None = None) -> tuple[ScanResult, SparkScanner]:
    """``cnprivacy scan --engine spark``: a session, the scan, the report (and the scanner,
    whose people frames feed the ledger). With ``ledger_key`` people are hashed as the
    ledger hashes them."""
    from cnprivacy.spark.session import spark_session

    spark = spark_session(master, conf, options.batch_rows)
    scanner = SparkScanner(spark, options, key=ledger_key, ledger=ledger_key is not None,
                           step=step)
    return scanner.scan(targets), scanner

