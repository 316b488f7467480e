"""Memory stays flat because every format holds a bounded number of rows at a time.

Checked structurally (what is held), never by timing: peak RSS on a 1 GB file is measured in
bench/deid_bench.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cnprivacy.deid import formats
from cnprivacy.deid.formats import _sampling, plaintext
from cnprivacy.deid.formats._sampling import sample_then_stream


class Spy:
    def __init__(self) -> None:
        self.sample_sizes: dict[str, int] = {}
        self.lines: list[str] = []
        self.values = 0

    def prepare(self, samples: Mapping[str, Sequence[Any]]) -> None:
        self.sample_sizes = {k: len(v) for k, v in samples.items()}

    def value(self, column: str, value: Any) -> Any:
        self.values += 1
        return value

    def line(self, text: str) -> str:
        self.lines.append(text)
        return text


def test_look_ahead_is_bounded_on_an_endless_input() -> None:
    consumed = 0

    def endless() -> Iterator[int]:
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield i

    stream = sample_then_stream(endless(), 50, lambda head: {"n": head}, lambda s: None)
    assert list(itertools.islice(stream, 60)) == list(range(60))
    assert consumed == 60  # the first 50 held, then one at a time


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_row_formats_sample_only_the_first_rows(tmp_path: Path, kind: str) -> None:
    src = tmp_path / f"big.{kind}"
    if kind == "csv":
        src.write_text("a,b\n" + "".join(f"{i},x\n" for i in range(5000)))
    else:
        src.write_text("".join(f'{{"a": {i}, "b": "x"}}\n' for i in range(5000)))
    spy = Spy()
    assert formats.rewrite(kind, src, tmp_path / "out", spy, sample_rows=100) == 5000
    assert spy.sample_sizes == {"a": 100, "b": 100}
    assert spy.values == 10000


def test_parquet_writes_one_bounded_batch_at_a_time(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "p.parquet"
    pq.write_table(pa.table({"a": [str(i) for i in range(1000)]}), src)
    sizes: list[int] = []
    original = pq.ParquetWriter.write_batch

    def record(self: pq.ParquetWriter, batch: pa.RecordBatch, *args: Any, **kw: Any) -> None:
        sizes.append(batch.num_rows)
        original(self, batch, *args, **kw)

    monkeypatch.setattr(pq.ParquetWriter, "write_batch", record)
    formats.rewrite("parquet", src, tmp_path / "out.parquet", Spy(), batch_rows=128)
    assert max(sizes) <= 128 and sum(sizes) == 1000 and len(sizes) == 8


def test_a_file_without_newlines_is_read_in_bounded_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plaintext, "MAX_PIECE", 64)
    src = tmp_path / "one-line.txt"
    src.write_text("字" * 1000, encoding="utf-8")
    spy = Spy()
    formats.rewrite("text", src, tmp_path / "out.txt", spy)
    assert max(len(piece) for piece in spy.lines) <= 64
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "字" * 1000


def test_sampling_module_holds_no_state() -> None:
    assert not [name for name in vars(_sampling) if name.isupper()]
