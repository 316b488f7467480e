"""Excel workbooks and Parquet files, damaged in their bytes and (for .xlsx) in the XML of
their parts, through both readers: a result or a one-line input error."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnprivacy.deid import formats
from cnprivacy.discovery import readers

from .inputs import Outcomes
from .mutate import mutated
from .test_fuzz_text_tables import Identity

# A damaged workbook must leave no half-written output sheet behind for the garbage collector.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
outcomes = Outcomes()


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证", "手机", "金额"])
    ws.append(["张伟", "11010519491231002X", 13812345678, 12.5])
    ws.append([None, "", "=1+1", 0])
    wb.create_sheet("空")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _parquet() -> bytes:
    table = pa.table({"sfz": ["11010519491231002X", None], "n": [1, 2],
                      "nested": [{"tel": "13812345678"}, None],
                      "tags": [["a", "b"], []]})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, row_group_size=1)
    return buffer.getvalue()


XLSX = _workbook()
PARQUET = _parquet()
with zipfile.ZipFile(io.BytesIO(XLSX)) as _archive:
    PARTS = {name: _archive.read(name) for name in _archive.namelist()}


def _rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _consume(path: Path) -> None:
    for _batch in readers.iter_batches(readers.open_file(path), batch_rows=2):
        pass


def _both_readers(data: bytes, suffix: str, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / f"input{suffix}"
        src.write_bytes(data)
        outcomes.run(_consume, src)
        outcomes.run(lambda: formats.rewrite(kind, src, Path(folder) / f"out{suffix}",
                                             Identity(), sample_rows=2, batch_rows=1))
        outcomes.run(lambda: list(formats.records(kind, src)))


@FUZZ
@given(mutated(XLSX))
def test_xlsx_bytes(data: bytes) -> None:
    _both_readers(data, ".xlsx", "excel")


@FUZZ
@given(st.sampled_from(sorted(PARTS)).flatmap(
    lambda name: st.tuples(st.just(name), mutated(PARTS[name]))))
def test_xlsx_parts(case: tuple[str, bytes]) -> None:
    """A sound archive whose one part (sheet, shared strings, styles...) is damaged."""
    name, data = case
    _both_readers(_rezip({**PARTS, name: data}), ".xlsx", "excel")


@FUZZ
@given(mutated(PARQUET))
def test_parquet_bytes(data: bytes) -> None:
    _both_readers(data, ".parquet", "parquet")
