"""Spark de-identification refuses nested columns instead of passing their values through."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    MapType,
    StringType,
    StructField,
    StructType,
)

from cnprivacy.spark.deid import nested_columns


def test_nested_columns_are_found_flat_ones_are_not() -> None:
    schema = StructType([
        StructField("mobile", StringType()),
        StructField("contact", StructType([StructField("id_no", StringType())])),
        StructField("phones", ArrayType(StringType())),
        StructField("tags", MapType(StringType(), StringType())),
    ])
    assert nested_columns(schema) == ["contact", "phones", "tags"]
    assert nested_columns(StructType([StructField("mobile", StringType())])) == []
