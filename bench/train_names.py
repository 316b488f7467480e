"""Learns the weights of the person-name model (``cnprivacy.discovery.pitypes.name``).

    .venv/bin/python bench/train_names.py [--epochs 6] [--out PATH]

Data: the ``tune`` split of the People's Daily 1998-01 corpus (:mod:`bench.realtext`): blocks
0 and 1 of every 5 fit the weights (averaged perceptron over every candidate the model scores,
a candidate is right when it is exactly an annotated Han-style name), block 2 picks the bias
(the smallest that keeps precision >= 0.92 there). The ``report`` split is never read here.
The weights go to ``src/cnprivacy/discovery/pitypes/name_weights.json`` unless --out says.
Features seen fewer than ``--min-count`` times are dropped; weights are rounded to 3 decimals.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
from cnprivacy.discovery.pitypes import name

OUT = Path(__file__).resolve().parent.parent / "src/cnprivacy/discovery/pitypes/name_weights.json"


def _examples(sentences: list[realtext.Sentence]) -> list[tuple[list[str], int]]:
    out = []
    for sent in sentences:
        gold = set(sent.names)
        for _score, a, b in name.score_candidates(sent.text, {}):
            if any(x < b and a < y for x, y in sent.other_persons):
                continue
            s = 2 if sent.text[a:a + 2] in name.COMPOUND_SURNAMES else 1
            feats = name.candidate_features(sent.text, a, s, b - a - s)
            out.append((feats, 1 if (a, b) in gold else -1))
    return out


def train(examples: list[tuple[list[str], int]], epochs: int, seed: int = 13
          ) -> dict[str, float]:
    w: dict[str, float] = {}
    total: dict[str, float] = {}
    stamp: dict[str, int] = {}
    c = 1
    rng = random.Random(seed)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, y = examples[i]
            feats = [*feats, ""]
            if y * sum(w.get(k, 0.0) for k in feats) <= 0:
                for k in feats:
                    total[k] = total.get(k, 0.0) + (c - stamp.get(k, 0)) * w.get(k, 0.0)
                    stamp[k] = c
                    w[k] = w.get(k, 0.0) + y
            c += 1
    return {k: (total.get(k, 0.0) + (c - stamp.get(k, 0)) * v) / c for k, v in w.items()}


def _pr(examples: list[tuple[list[str], int]], w: dict[str, float], bias: float
        ) -> tuple[float, float]:
    tp = fp = fn = 0
    for feats, y in examples:
        pos = bias + sum(w.get(k, 0.0) for k in feats) > 0
        tp += pos and y > 0
        fp += pos and y < 0
        fn += (not pos) and y > 0
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--precision", type=float, default=0.92)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    tune = realtext.load(split="tune")
    # realtext.load keeps order: blocks of 100 lines, 3 of every 5 in tune
    fit = [s for i, s in enumerate(tune) if (i // 100) % 3 < 2]
    dev = [s for i, s in enumerate(tune) if (i // 100) % 3 == 2]
    fit_x, dev_x = _examples(fit), _examples(dev)
    counts = Counter(k for feats, _ in fit_x for k in feats)
    fit_x = [([k for k in feats if counts[k] >= args.min_count], y) for feats, y in fit_x]
    print(f"fit {len(fit)} sentences, {len(fit_x)} candidates; dev {len(dev)}, {len(dev_x)}")
    w = train(fit_x, args.epochs)
    learned_bias = w.pop("", 0.0)
    w = {k: round(v, 3) for k, v in w.items() if abs(v) >= 0.0005}
    bias = learned_bias
    for step in range(200):
        p, r = _pr(dev_x, w, bias)
        if p >= args.precision:
            break
        bias = learned_bias - 0.05 * (step + 1)
    p, r = _pr(dev_x, w, bias)
    print(f"bias {bias:.3f}: dev candidates precision {p:.3f} recall {r:.3f}; {len(w)} weights")
    args.out.write_text(json.dumps({
        "about": "person-name model weights; trained by bench/train_names.py on the tune split of "
                 "the People's Daily 1998-01 POS corpus (PKU), see docs/benchmarks.md",
        "bias": round(bias, 3), "weights": dict(sorted(w.items()))},
        ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
