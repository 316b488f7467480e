"""Builds the character classes the default name finder learns from (``bench/name_classes.json``).

    .venv/bin/python bench/char_clusters.py --with-text FILE ... [--classes 128] [--out PATH]

The default finder learns a weight per character as a surname, as either given-name character
and as the left and the right neighbour; most characters in and around names in new text it
saw rarely or never. It also learns a weight per class of character (which characters it keeps
company with), which carries what it learned of a character to the others of its class, as
word clusters did for English named-entity taggers (``train_names.py`` folds each class's
weight into the weights of its characters: the shipped finder reads no class).

The classes come from raw text alone, no label is read: each character's left and right
neighbours in jieba's dictionary (each word weighted by the logarithm of its frequency) and in
the training text of the name models (the People's Daily 1998-01 corpus, and the text of each
``--with-text`` BIO file: the files ``train_names.py`` learns from, less the NER dev split,
which the models are cross-validated on; never a test split), as positive pointwise mutual
information over the ``CONTEXTS`` commonest neighbours, cut to ``DIMENSIONS`` by a singular
value decomposition and grouped by k-means (seeded) into ``--classes`` classes. Characters
seen fewer than ``MIN_COUNT`` times get none. The shipped table:

    .venv/bin/python bench/char_clusters.py --with-text weiboNER_2nd_conll.train \
        --with-text cluener_public_train.txt --with-text cluener_public_dev.txt \
        --with-text boson_boson.txt --with-text ResumeNER_train.txt --with-text ResumeNER_dev.txt
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext

OUT = Path(__file__).resolve().parent / "name_classes.json"
CONTEXTS = 3000
DIMENSIONS = 64
MIN_COUNT = 5
SEED = 7


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _pairs(texts: list[tuple[str, float]]
           ) -> tuple[defaultdict[tuple[str, str], float], defaultdict[str, float]]:
    """Weighted (character, neighbour) counts, the neighbour prefixed by its side, and each
    character's weighted count."""
    pairs: defaultdict[tuple[str, str], float] = defaultdict(float)
    counts: defaultdict[str, float] = defaultdict(float)
    for text, weight in texts:
        padded = "^" + text + "$"
        for i in range(1, len(padded) - 1):
            ch = padded[i]
            if not _han(ch):
                continue
            counts[ch] += weight
            left, right = padded[i - 1], padded[i + 1]
            pairs[ch, "l" + (left if _han(left) else "#")] += weight
            pairs[ch, "r" + (right if _han(right) else "#")] += weight
    return pairs, counts


def build(texts: list[tuple[str, float]], classes: int) -> dict[str, int]:
    pairs, counts = _pairs(texts)
    chars = sorted(ch for ch, n in counts.items() if n >= MIN_COUNT)
    context_counts: defaultdict[str, float] = defaultdict(float)
    for (_ch, ctx), n in pairs.items():
        context_counts[ctx] += n
    contexts = sorted(context_counts, key=lambda c: (-context_counts[c], c))[:CONTEXTS]
    row = {ch: k for k, ch in enumerate(chars)}
    col = {c: k for k, c in enumerate(contexts)}
    m = np.zeros((len(chars), len(contexts)))
    for (ch, ctx), n in pairs.items():
        if ch in row and ctx in col:
            m[row[ch], col[ctx]] = n
    total = m.sum()
    pmi = np.log(np.maximum(m * total, 1e-12)
                 / np.outer(m.sum(axis=1), m.sum(axis=0)).clip(min=1e-12))
    ppmi = np.where(m > 0, np.maximum(pmi, 0.0), 0.0)
    u, s, _vt = np.linalg.svd(ppmi, full_matrices=False)
    vectors = u[:, :DIMENSIONS] * np.sqrt(s[:DIMENSIONS])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
    _centroids, label = kmeans2(vectors, classes, seed=SEED, minit="++", iter=50)
    return {ch: int(label[row[ch]]) for ch in chars}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--with-text", type=Path, action="append", default=[], metavar="FILE",
                    help="a BIO file whose text (not its labels) is read too")
    ap.add_argument("--classes", type=int, default=128)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    words = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    texts: list[tuple[str, float]] = []
    for line in words.splitlines():
        word, freq, *_ = line.split(" ")
        texts.append((word, math.log1p(int(freq))))
    texts += [(s.text, 1.0) for s in realtext.load(split="all")]
    for path in args.with_text:
        texts += [(s.text, 1.0) for s in realtext.load_bio(path)]
    table = build(texts, args.classes)
    sources = ["jieba dict.txt", "People's Daily 1998-01", *(p.name for p in args.with_text)]
    args.out.write_text(json.dumps({
        "about": f"character classes built by bench/char_clusters.py from {', '.join(sources)}"
                 f" ({args.classes} classes, {CONTEXTS} contexts, {DIMENSIONS} dimensions, "
                 f"seed {SEED})",
        "classes": dict(sorted(table.items()))}, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8")
    sizes = Counter(table.values())
    print(f"{len(table)} characters in {len(sizes)} classes (largest {max(sizes.values())}, "
          f"smallest {min(sizes.values())}) -> {args.out}")


if __name__ == "__main__":
    main()
