"""CPU speed of find_tuples on dense generated tickets: structured types, all types, names.

    .venv/bin/python bench/text_speed.py [--lines 20000]
    .venv/bin/python bench/text_speed.py --against OTHER_CHECKOUT [--rounds 8]

One process, one call per line (as tickets arrive), median of three passes after a warm-up;
then all types once more on blocks of ``scanner.BLOCK_LINES`` lines joined by line breaks, one
call a block, as ``cnprivacy scan`` reads a text file.

``--against`` compares this tree with another checkout (its C accelerators built) on a noisy
machine: one worker process per tree, each holding the same lines, and the two run their passes
by turns, one pass each per round. The machine's speed drifts by a factor of two within
minutes on a shared host; turns a pass apart see the same drift, so the ratio of each round's
pair is steadier than either figure. It prints each tree's median MB/s and the median, lowest
and highest ratio of this tree to the other.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
_LABELS = ("structured", "all types", "names", "all types, blocks")


def _stop(message: str) -> NoReturn:
    """One line on standard error and exit status 2, as ``realtext.stop``; not imported from
    there, because importing it loads this tree's ``cnprivacy`` before a worker of another
    tree puts that tree's first on the path."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _setup(root: Path, lines: int) -> tuple[float, dict[str, tuple[list[str], object]]]:
    sys.path.insert(0, str(root / "src"))
    sys.path.insert(0, str(root))
    from tests.discovery.evalcorpus import make_corpus

    from cnprivacy.discovery import types as T
    from cnprivacy.discovery.detect import find_tuples, preload
    from cnprivacy.discovery.scanner import BLOCK_LINES

    texts = make_corpus(rows=10, lines=lines, seed=7).lines
    preload()
    for line in texts[:2000]:
        find_tuples(line)
    mb = sum(len(line.encode("utf-8")) for line in texts) / 1e6
    # The line breaks between a block's lines are not counted: the same MB as the lines.
    blocks = ["\n".join(texts[i:i + BLOCK_LINES]) for i in range(0, len(texts), BLOCK_LINES)]
    return mb, {"structured": (texts, T.STRUCTURED_TYPES), "all types": (texts, None),
                "names": (texts, {T.PERSON_NAME}), "all types, blocks": (blocks, None)}


def _pass(texts: list[str], types: object) -> float:
    from cnprivacy.discovery.detect import find_tuples

    t0 = time.process_time()
    for line in texts:
        find_tuples(line, types)  # type: ignore[arg-type]
    return time.process_time() - t0


def _worker(root: Path, lines: int) -> None:
    """Serve passes on request: a label on stdin, its MB/s on stdout."""
    mb, kinds = _setup(root, lines)
    print("ready", flush=True)
    for request in sys.stdin:
        print(mb / _pass(*kinds[request.strip()]), flush=True)


def _against(other: Path, lines: int, rounds: int) -> None:
    trees = (ROOT, other.resolve())
    workers = [subprocess.Popen([sys.executable, __file__, "--worker", str(tree), "--lines", str(lines)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for tree in trees]
    for w in workers:
        assert w.stdin is not None and w.stdout is not None
        if w.stdout.readline().strip() != "ready":
            _stop(f"a worker did not start ({w.args[-3]})")
    for label in _LABELS:
        speeds: list[list[float]] = [[], []]
        for _ in range(rounds):
            for k, w in enumerate(workers):
                assert w.stdin is not None and w.stdout is not None
                w.stdin.write(label + "\n")
                w.stdin.flush()
                speeds[k].append(float(w.stdout.readline()))
        ratios = [a / b for a, b in zip(*speeds, strict=True)]
        mine, theirs = statistics.median(speeds[0]), statistics.median(speeds[1])
        print(f"{label}: this tree {mine:.1f}, other {theirs:.1f} MB/s CPU (medians of {rounds});"
              f" ratio median {statistics.median(ratios):.3f},"
              f" {min(ratios):.2f}-{max(ratios):.2f}")
    for w in workers:
        assert w.stdin is not None
        w.stdin.close()
        w.wait()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20_000)
    ap.add_argument("--against", type=Path, help="another checkout to compare with, by turns")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        _worker(args.worker, args.lines)
        return
    if args.against is not None:
        if not (args.against / "src" / "cnprivacy").is_dir():
            _stop(f"{args.against}: not a checkout of this project (no src/cnprivacy)")
        _against(args.against, args.lines, args.rounds)
        return
    mb, kinds = _setup(ROOT, args.lines)
    for label in _LABELS:
        times = [_pass(*kinds[label]) for _ in range(3)]
        print(f"{label}: {mb:.2f} MB, median {mb / sorted(times)[1]:.1f} MB/s CPU")


if __name__ == "__main__":
    main()
