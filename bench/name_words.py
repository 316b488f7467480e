"""Writes the 2-character words People's Daily uses as ordinary words, which the scan keeps out.

    .venv/bin/python bench/name_words.py [--corpus bench/_data/199801.txt] [--at-least 2]

A 2-character word that starts with a surname and that the People's Daily January 1998 corpus
(human-annotated; fetch it with bench/setup_realtext.sh) uses at least ``--at-least`` times as
one word tagged other than ``nr`` is an ordinary word or a place there (叶子, 金黄, 江西); the
scan drops it as a name unless a context cue stands beside it
(:func:`.name._less_ordinary_words`). Most come from jieba's dictionary tagging everyday words
``nr`` (明白, 阳光, 卫星, 叶子, 金黄), which the default finder reads as a sign of a name. The list
goes to ``src/cnprivacy/discovery/pitypes/name_not_names.txt`` (one word a line, ``#`` lines
say where it came from). ``--at-least 2`` was chosen on the Weibo NER dev and train splits, the
People's Daily NER dev split and the MSRA training split (docs/bench/names.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
from cnprivacy.discovery.surnames import SINGLE_SURNAMES

OUT = Path(__file__).resolve().parent.parent / "src/cnprivacy/discovery/pitypes/name_not_names.txt"


def ordinary_uses(lines: list[str]) -> Counter[str]:
    """How often each word stands as one token with a tag other than ``nr``."""
    return Counter(word for line in lines for word, tag in realtext.tokens(line)
                   if not tag.startswith("nr"))


def not_names(uses: Counter[str], at_least: int) -> list[str]:
    """The 2-character words that start with a single surname and are used ordinarily at
    least ``at_least`` times."""
    return sorted(w for w, n in uses.items()
                  if len(w) == 2 and w[0] in SINGLE_SURNAMES and n >= at_least)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=realtext.DEFAULT_PATH)
    ap.add_argument("--at-least", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    words = not_names(ordinary_uses(realtext._lines(args.corpus)), args.at_least)
    head = [
        "# 2-character words starting with a surname that the People's Daily January 1998 corpus",
        f"# uses at least {args.at_least} times as one word tagged other than nr (a person's name).",
        f"# Made by bench/name_words.py from {args.corpus.name} (SHA-256 {realtext.sha256(args.corpus)}).",
    ]
    args.out.write_text("\n".join([*head, *words]) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
