"""The scan engineers' seeded evaluation corpus, written in every format deid reads."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook


def load_evalcorpus() -> ModuleType:
    """tests/discovery/evalcorpus.py, loaded by path (tests/ is not a package)."""
    path = Path(__file__).resolve().parents[1] / "discovery" / "evalcorpus.py"
    spec = importlib.util.spec_from_file_location("_deid_evalcorpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while executing
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, name: str) -> list[Path]:
    """GBK CSV, JSON Lines, Parquet, Excel and UTF-8 text built from one frozen corpus."""
    corpus = load_evalcorpus().load_fixture(name)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = corpus.write_csv(folder / "corpus.csv", encoding="gb18030")
    jsonl_path = corpus.write_jsonl(folder / "corpus.jsonl")
    text_path = corpus.write_text(folder / "corpus.txt")
    parquet_path = folder / "corpus.parquet"
    pq.write_table(pa.table({k: pa.array(v, pa.string()) for k, v in corpus.columns.items()}),
                   parquet_path)
    excel_path = folder / "corpus.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("corpus")
    names = list(corpus.columns)
    sheet.append(names)
    for row in zip(*(corpus.columns[n] for n in names), strict=True):
        sheet.append(list(row))
    book.save(excel_path)
    return [csv_path, jsonl_path, parquet_path, excel_path, text_path]
