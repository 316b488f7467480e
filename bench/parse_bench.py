"""Benchmark: strict reading of big and hostile profiles.

`load + validate` of the `assess_bench` profile (1,000 activities, 10,000 transfers) as JSON and
as YAML, and how long refusing an alias bomb and a deeply nested file takes.
Run: `.venv/bin/python bench/parse_bench.py`.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from assess_bench import make_profile
from cnprivacy.errors import InputError
from cnprivacy.profile import load_profile

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(InputError):  # the hostile files are refused: time that
            fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = make_profile(1000, 10_000)
        files = {"big.json": json.dumps(data), "big.yaml": yaml.safe_dump(data, allow_unicode=True),
                 "bomb.yaml": BOMB + "organization: {name: *i, country: CN}\n",
                 "deep.json": '{"organization": ' + "[" * 900 + "]" * 900 + "}"}
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        print("| input | median (s) | best (s) | runs |")
        print("|---|---|---|---|")
        for name in files:
            times = _times(lambda name=name: load_profile(folder / name), 5)
            print(f"| {name} ({len(files[name]):,} chars) | {statistics.median(times):.3f} | "
                  f"{min(times):.3f} | {len(times)} |")


if __name__ == "__main__":
    main()
