"""CPU speed of find_tuples on dense generated tickets: structured types, all types, names.

    .venv/bin/python bench/text_speed.py [--lines 20000]

One process, one call per line (as tickets arrive), median of three passes after a warm-up.
Run it from two checkouts one after the other to compare them under the same load.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.discovery.evalcorpus import make_corpus  # noqa: E402

from cnprivacy.discovery import types as T  # noqa: E402
from cnprivacy.discovery.detect import find_tuples, preload  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20_000)
    args = ap.parse_args()
    lines = make_corpus(rows=10, lines=args.lines, seed=7).lines
    preload()
    mb = sum(len(line.encode("utf-8")) for line in lines) / 1e6
    for line in lines[:2000]:
        find_tuples(line)
    for label, types in (("structured", T.STRUCTURED_TYPES), ("all types", None),
                         ("names", {T.PERSON_NAME})):
        times = []
        for _ in range(3):
            t0 = time.process_time()
            for line in lines:
                find_tuples(line, types)
            times.append(time.process_time() - t0)
        print(f"{label}: {mb:.2f} MB, median {mb / sorted(times)[1]:.1f} MB/s CPU")


if __name__ == "__main__":
    main()
