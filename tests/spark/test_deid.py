"""``deid --engine spark``: the same outputs, transform counts and residual verdicts as the
embedded de-identification with the same policy and key."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession

from cnprivacy.deid.detection import discovery_detector
from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.pipeline import deidentify, plan
from cnprivacy.deid.policy import Policy
from cnprivacy.deid.transformer import Deidentifier, KeyRequiredError
from cnprivacy.spark.deid import SparkDeid

from .conftest import AS_OF

KEY = DeidKey(secret=b"s" * 32)


def test_same_output_and_counts_as_the_embedded_deid(
        spark: SparkSession, tables: dict[str, Path], tmp_path: Path) -> None:
    policy = Policy.model_validate({"types": {"cn_mobile": {"transform": "pseudonymise"}}})
    outs = SparkDeid(spark, policy, KEY, AS_OF).run(
        [str(tables["parquet"]), str(tables["damaged"])], str(tmp_path / "spark"), verify=True)
    deid = Deidentifier(policy, discovery_detector(), KEY, AS_OF)
    [embedded] = deidentify(plan([tables["parquet"]], tmp_path / "embedded"), deid,
                            verify_with=discovery_detector())
    done, damaged = outs
    assert damaged.error is not None and "\n" not in damaged.error
    assert done.error is None and done.rows == embedded.rows == 300
    assert done.transforms == embedded.transforms
    assert ("cn_mobile", "pseudonymise") in done.transforms
    assert done.residual == embedded.residual
    assert done.residual_pairs == embedded.residual_pairs
    mine = ds.dataset(tmp_path / "spark" / "customers.parquet").to_table()
    theirs = pq.read_table(tmp_path / "embedded" / "customers.parquet")
    assert mine.schema.names == theirs.schema.names
    assert sorted(map(str, mine.to_pylist())) == sorted(map(str, theirs.to_pylist()))
    source = pq.read_table(tables["parquet"]).column("手机").cast("string").to_pylist()
    assert not set(source) & set(mine.column("手机").cast("string").to_pylist())


def test_a_policy_that_needs_a_key_fails_before_any_job(spark: SparkSession) -> None:
    policy = Policy.model_validate({"types": {"cn_mobile": {"transform": "pseudonymise"}}})
    with pytest.raises(KeyRequiredError):
        SparkDeid(spark, policy, None, AS_OF)
