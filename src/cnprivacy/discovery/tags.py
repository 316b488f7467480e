"""Classification tags for data catalogues: what a scan found in each column, as properties.

One :class:`ColumnTag` per PI column of a scanned table: its type, whether it is sensitive PI
and the PIPL art. 28 categories, the share of sampled values that validated, how many were
checked, the scan's date and its receipt (the SHA-256 of the JSON report, the same receipt
``record import-scan`` keeps). Writers put them where data teams look: Hive and Iceberg column
comments and table properties (``cnprivacy.spark.tags``), a dbt ``schema.yml`` (:func:`dbt_patch`).
Only what the report holds goes in a tag: never a value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cnprivacy.discovery.results import ScanResult, SourceReport

#: Prefix of every property key (Hive TBLPROPERTIES, Iceberg table properties, dbt meta).
PREFIX = "cnprivacy"


@dataclass(frozen=True, slots=True)
class ColumnTag:
    column: str
    type: str
    sensitive: bool
    pipl_art28: tuple[str, ...]          # sensitive PI categories (PIPL art. 28)
    data_category: str | None
    validation_ratio: float              # matched / checked in the sample
    sample_size: int                     # values checked
    as_of: str
    receipt: str                         # SHA-256 of the scan report

    @property
    def sensitivity(self) -> str:
        return "sensitive" if self.sensitive else "personal"

    def meta(self) -> dict[str, Any]:
        """The tag as plain data (dbt ``meta``, JSON)."""
        return {"pi_type": self.type, "sensitivity": self.sensitivity,
                "pipl_art28": list(self.pipl_art28), "data_category": self.data_category,
                "validation_ratio": self.validation_ratio, "sample_size": self.sample_size,
                "as_of": self.as_of, "scan_receipt": self.receipt}

    def properties(self) -> dict[str, str]:
        """The tag as string properties ``cnprivacy.<column>.<field>`` (table properties)."""
        out = {}
        for name, value in self.meta().items():
            text = ",".join(value) if isinstance(value, list) else (
                "" if value is None else str(value))
            out[f"{PREFIX}.{self.column}.{name}"] = text
        return out

    def comment(self) -> str:
        """One line for a column comment."""
        art28 = f" ({', '.join(self.pipl_art28)}; PIPL art. 28)" if self.pipl_art28 else ""
        return (f"{PREFIX}: {self.type}, {self.sensitivity} PI{art28}; "
                f"{self.validation_ratio:.0%} of {self.sample_size} sampled values valid; "
                f"scan {self.as_of}, receipt {self.receipt[:16]}")


def receipt(report_json: str) -> str:
    """The receipt of a report: the SHA-256 of its JSON text as written (UTF-8)."""
    return hashlib.sha256(report_json.encode("utf-8")).hexdigest()


def column_tags(source: SourceReport, as_of: str, report_receipt: str) -> list[ColumnTag]:
    return [ColumnTag(c.name, c.type, c.sensitive, tuple(c.sensitive_categories),
                      c.data_category, round(c.matched / c.checked, 4) if c.checked else 0.0,
                      c.checked, as_of, report_receipt)
            for c in source.columns]


def result_tags(result: ScanResult, report_receipt: str) -> dict[str, list[ColumnTag]]:
    """Tags per scanned source (sources without PI columns have none)."""
    return {s.source: column_tags(s, result.as_of, report_receipt) for s in result.sources
            if s.columns}


def dbt_patch(schema: dict[str, Any] | None, model: str, tags: list[ColumnTag]
              ) -> dict[str, Any]:
    """A dbt ``schema.yml`` document (version 2) with ``meta.cnprivacy`` set on the tagged
    columns of ``model``; models, columns, tests and other meta are kept, a model or column
    that is missing is added. ``schema`` is changed in place (a round-trip document keeps
    its comments) and returned."""
    doc: dict[str, Any] = schema if schema is not None else {}
    doc.setdefault("version", 2)
    models = doc.setdefault("models", [])
    entry = next((m for m in models if isinstance(m, dict) and m.get("name") == model), None)
    if entry is None:
        entry = {"name": model}
        models.append(entry)
    columns = entry.setdefault("columns", [])
    for tag in tags:
        col = next((c for c in columns if isinstance(c, dict) and c.get("name") == tag.column),
                   None)
        if col is None:
            col = {"name": tag.column}
            columns.append(col)
        col.setdefault("meta", {})[PREFIX] = tag.meta()
    return doc
