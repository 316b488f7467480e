"""Benchmark corpus: the seeded Faker zh_CN evaluation corpus, written to bench/_work/.

Writes customers.csv (tabular PI plus hard-negative columns), tickets.txt (free-text lines)
and tickets.gold.jsonl (gold spans per line). Same generator as the accuracy tests
(tests/discovery/evalcorpus.py), larger and with its own seed.

    .venv/bin/python bench/corpus.py --rows 200000 --lines 100000
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "discovery"))

from evalcorpus import make_corpus  # noqa: E402
from faker import Faker  # noqa: E402


def build(rows: int, lines: int, seed: int, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(rows=rows, lines=lines, seed=seed)
    paths = {"csv": out / "customers.csv", "text": out / "tickets.txt",
             "gold": out / "tickets.gold.jsonl", "sparse": out / "sparse.txt"}
    corpus.write_csv(paths["csv"])
    corpus.write_text(paths["text"])
    with open(paths["gold"], "w", encoding="utf-8") as fh:
        for spans in corpus.gold_spans:
            fh.write(json.dumps(spans) + "\n")
    # Sparse text (what logs and tickets mostly are): prose, one PI-bearing line in twenty.
    with open(paths["sparse"], "w", encoding="utf-8") as fh:
        fake = Faker("zh_CN")
        fake.seed_instance(seed + 1)
        prose = [fake.paragraph(nb_sentences=3) for _ in range(min(lines, 5000))]
        for i in range(lines):
            fh.write((corpus.lines[i] if i % 20 == 0 else prose[i % len(prose)]) + "\n")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--out", type=Path, default=HERE / "_work")
    args = ap.parse_args()
    for kind, path in build(args.rows, args.lines, args.seed, args.out).items():
        print(f"{kind}: {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
