"""Text scanning on adversarial inputs against ordinary text of the same size, both paths.

    .venv/bin/python bench/scan_adversarial_bench.py [--chars 200000] [--repeat 3]

Ordinary text is the seeded evaluation corpus's ticket lines (what `scan` meets in logs and
exports). The adversarial inputs have the same number of characters and are what phone lists
and number tables look like: one line of ``1-1-1-…``, one line of space-separated mobiles,
a table of mobiles twenty to a line, and digit runs with mixed separators. Each input runs
through `find_tuples` line by line (every PI type), with the C accelerators and without them
(pure Python); the figure is the median CPU time of ``--repeat`` passes after one untimed pass.
The last column is the ratio to ordinary text on the same path (the target is at most 2).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "discovery"))

from evalcorpus import make_corpus  # noqa: E402

from cnprivacy.discovery._native import native, pure_python  # noqa: E402
from cnprivacy.discovery.detect import find_tuples, preload  # noqa: E402


def _mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _fill(chars: int, piece: Callable[[], str], sep: str) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        p = piece()
        out.append(p)
        size += len(p) + len(sep)
    return sep.join(out)[:chars]


def inputs(chars: int, seed: int) -> dict[str, str]:
    """The inputs by name, each ``chars`` characters long."""
    rng = random.Random(seed)
    lines = make_corpus(rows=10, lines=max(200, chars // 40), seed=seed).lines
    ordinary = "\n".join(lines)
    while len(ordinary) < chars:
        ordinary += "\n" + ordinary
    table_rows = _fill(chars, lambda: " ".join(_mobile(rng) for _ in range(20)), "\n")
    mixed = _fill(chars, lambda: "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 5)))
                  + rng.choice(" -"), "")
    return {
        "ordinary text": ordinary[:chars],
        "one line of 1-1-1-…": ("1-" * chars)[:chars],
        "one line of mobiles": _fill(chars, lambda: _mobile(rng), " "),
        "table of mobiles, 20 a line": table_rows,
        "digit runs, mixed separators": mixed,
    }


def _cpu(text: str, repeat: int) -> tuple[float, int]:
    lines = text.split("\n")

    def once() -> int:
        return sum(len(find_tuples(line)) for line in lines)

    found = once()
    times = []
    for _ in range(repeat):
        c0 = time.process_time()
        once()
        times.append(time.process_time() - c0)
    return statistics.median(times), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261204)
    args = ap.parse_args()
    preload()
    cases = inputs(args.chars, args.seed)
    paths = [("C", False)] if native("_digitruns") is not None else []
    paths.append(("pure Python", True))
    print(f"{args.chars} characters per input; median CPU s of {args.repeat} passes\n")
    print("| input | path | CPU s | spans | × ordinary |")
    print("|---|---|---:|---:|---:|")
    for label, pure in paths:
        base = 0.0
        for name, text in cases.items():
            if pure:
                with pure_python():
                    cpu, found = _cpu(text, args.repeat)
            else:
                cpu, found = _cpu(text, args.repeat)
            base = base or cpu
            print(f"| {name} | {label} | {cpu:.3f} | {found} | {cpu / base:.2f} |")


if __name__ == "__main__":
    main()
