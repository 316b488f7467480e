"""Learns the weights of the person-name model (``cnprivacy.discovery.pitypes.name``).

    .venv/bin/python bench/train_names.py --with-bio FILE ... --offsets SCAN,RECALL[,FEATURES]
    .venv/bin/python bench/train_names.py --train fit [--choose FILE] [--epochs 16]
        [--precision 0.91] [--residual 0.06] [--out PATH]

Data: the People's Daily 1998-01 corpus (:mod:`bench.realtext`). ``--train`` (``all`` by
default; ``fit`` is blocks 0 and 1 of every 5, ``tune`` adds block 2) fits the weights:
averaged perceptron over every candidate the model scores, a candidate is right when it is
exactly an annotated Han-style name. Text that was not trained on then picks the two biases:
the BIO file ``--choose`` (the People's Daily NER corpus's dev split, for the weights of the
previous round; see docs/bench/names.md), or with ``--train fit`` and no ``--choose`` the ``dev`` block. The
scan's bias gives the most recall of the whole finder there at precision >= --precision; the
recall bias of de-identification (``find_names(recall=True)``) is the lowest bias above it (a
higher bias keeps more candidates) that leaves at most --residual of its names with no
character found.
``--with-bio FILE`` adds a BIO file's sentences to the training text (the shipped weights add
the NER dev split; ``bench/names_cv.py`` measures what that buys by cross-validation). That
file can then no longer choose the biases, so ``--offsets SCAN,RECALL`` sets them at those
distances above the learned bias: the offsets ``names_cv.py --pool`` chose on the file's
out-of-fold predictions. A third offset, ``FEATURES`` (FEATURES_OFFSET when not given), sets
the features bias: the spans the accurate finder's CRF reads among its features
(``name_accurate``; ``names_cv.py --crf-offset`` chose it). The shipped weights:

    .venv/bin/python bench/train_names.py --with-bio example.dev \
        --with-bio weiboNER_2nd_conll.train --with-bio cluener_public_train.txt \
        --with-bio cluener_public_dev.txt --with-bio boson_boson.txt \
        --with-bio ResumeNER_train.txt --with-bio ResumeNER_dev.txt \
        --with-bio msra_train_clean.bio --offsets 2.5,11.5,3.0

(the JSON-lines files are read by ``realtext.load_entity_lines``; ``msra_train_clean.bio`` is
the MSRA training split without the held-out text, made by ``bench/msra_train.py``; where they
all come from: docs/bench/names.md)

The weights go to ``src/cnprivacy/discovery/pitypes/name_weights.json`` unless --out says.
Features seen fewer than ``--min-count`` times are dropped; weights are rounded to 3 decimals.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
from cnprivacy.discovery.pitypes import name
from cnprivacy.discovery.surnames import SINGLE_SURNAMES
from names_eval import over_masked, residual, score_names

OUT = Path(__file__).resolve().parent.parent / "src/cnprivacy/discovery/pitypes/name_weights.json"
#: Passes of the perceptron over the training candidates (chosen on fit -> dev, see the docs).
EPOCHS = 16
#: The features bias's offset from the learned bias: the accurate finder's CRF reads the
#: default finder's spans there (``names_cv.py --crf-offset 3.0`` against the scan's 1.0: the
#: same NER dev F1, and Weibo dev higher; docs/bench/names.md).
FEATURES_OFFSET = 3.0


#: Character classes (built from raw text by ``char_clusters.py``): the model learns a weight
#: per class of the surname, of each given-name character and of each neighbour beside the
#: weight per character, and :func:`fold_classes` folds each class's weight into its
#: characters' weights, so that the shipped finder reads per-character weights only. A
#: character the model rarely saw then weighs what its class does (five folds of the NER
#: dev split: F1 .899 against .892 at the scan's rule, Weibo dev .749 against .734).
CLASSES = Path(__file__).resolve().parent / "name_classes.json"
#: (class feature, the per-character feature it folds into).
CLASS_KINDS = (("ks", "s"), ("kg1", "g1"), ("kg2", "g2"), ("kl", "l1"), ("kr", "r1"))


@cache
def _classes() -> dict[str, int]:
    table = json.loads(CLASSES.read_text(encoding="utf-8"))["classes"]
    return {ch: int(k) for ch, k in table.items()}


def class_features(text: str, start: int, s: int, g: int) -> list[str]:
    """The class features of the candidate ``text[start:start + s + g]`` (see
    ``name.candidate_features`` for its other features): the classes of a single surname, of
    the given-name characters and of the neighbours as the model sees them."""
    end = start + s + g
    classes = _classes()
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    chars = (text[start:start + s], text[start + s], text[end - 1] if g == 2 else "",
             name._ctx(prev), name._ctx(nxt))
    return [f"{kind}:{classes[ch]}" for (kind, _base), ch in zip(CLASS_KINDS, chars, strict=True)
            if ch in classes]


def fold_classes(w: dict[str, float]) -> dict[str, float]:
    """``w`` with each class feature's weight added to the per-character weight of every
    character of that class (a single surname's only, for the surname's class), and the class
    features dropped: the same score for every candidate, read by the finder as it is."""
    kinds = {kind for kind, _base in CLASS_KINDS}
    out = {k: v for k, v in w.items() if k.partition(":")[0] not in kinds}
    for kind, base in CLASS_KINDS:
        for ch, k in _classes().items():
            v = w.get(f"{kind}:{k}")
            if v is None or (kind == "ks" and ch not in SINGLE_SURNAMES):
                continue
            out[f"{base}:{ch}"] = out.get(f"{base}:{ch}", 0.0) + v
    return out


def _examples(sentences: list[realtext.Sentence]) -> list[tuple[list[str], int]]:
    out = []
    for sent in sentences:
        gold = set(sent.names)
        for _score, a, b in name.score_candidates(sent.text, {}):
            if any(x < b and a < y for x, y in sent.other_persons):
                continue
            s = 2 if sent.text[a:a + 2] in name.COMPOUND_SURNAMES else 1
            feats = (name.candidate_features(sent.text, a, s, b - a - s)
                     + class_features(sent.text, a, s, b - a - s))
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


def fit_weights(examples: list[tuple[list[str], int]], epochs: int
                ) -> tuple[dict[str, float], float]:
    """(weights rounded to 3 decimals, the learned bias) of the perceptron on ``examples``,
    the class features folded into the per-character weights (:func:`fold_classes`)."""
    w = train(examples, epochs)
    learned_bias = w.pop("", 0.0)
    w = fold_classes(w)
    return {k: round(v, 3) for k, v in w.items() if abs(v) >= 0.0005}, learned_bias


def _found(text: str, weights: dict[str, float]) -> list[tuple[int, int]]:
    """The finder with ``weights`` (bias under ``""``), as ``name.find_names`` runs it: names
    after a strong cue, then the model's best-first candidates, none inside an idiom."""
    cued = name._cued_names_python(text, strong_only=True)
    scored = name._best_first([c for c in name.score_candidates(text, weights) if c[0] > 0])
    found = name._union(cued, scored) if cued else scored
    return [s for s in found if not name._inside_phrase(text, *s)]


def _end_to_end(sentences: list[realtext.Sentence], w: dict[str, float], bias: float
                ) -> tuple[float, float]:
    """Precision and recall of the whole finder (cued names, then the model) at ``bias``."""
    weights = {**w, "": bias}
    score = score_names(sentences, [_found(sent.text, weights) for sent in sentences])
    return score.precision, score.recall


def _residual(sentences: list[realtext.Sentence], w: dict[str, float], bias: float
              ) -> tuple[float, int]:
    """(share of annotated names with no character inside a found name, found characters
    outside every annotated person) of the whole finder at ``bias``: what de-identification
    leaves whole and what it masks needlessly (other PI types are not counted: they seldom
    cover a name)."""
    weights = {**w, "": bias}
    found = [_found(sent.text, weights) for sent in sentences]
    left, total = residual(sentences, found)
    return left / max(total, 1), over_masked(sentences, found)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--precision", type=float, default=0.91)
    ap.add_argument("--residual", type=float, default=0.06,
                    help="the recall bias (de-identification) is the lowest bias (least "
                         "masked) leaving at most this share of the choosing text's names whole")
    ap.add_argument("--train", default="all", choices=("fit", "tune", "all"))
    ap.add_argument("--choose", type=Path, metavar="FILE",
                    help="a BIO file not trained on whose names pick the biases (the People's "
                         "Daily NER dev split for the previous round's weights)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--with-bio", type=Path, action="append", default=[], metavar="FILE",
                    help="train on this BIO file's sentences too (see --offsets)")
    ap.add_argument("--offsets", metavar="SCAN,RECALL[,FEATURES]",
                    help="set the biases this far above the learned bias instead of "
                         "choosing them on --choose (the offsets names_cv.py chose)")
    args = ap.parse_args()
    if args.offsets is None and args.choose is None and args.train != "fit":
        ap.error(f"--train {args.train} holds the dev block: name the text that picks the "
                 "biases with --choose FILE, or give --offsets")
    if args.choose is not None and args.choose in args.with_bio:
        ap.error(f"{args.choose}: trained on (--with-bio), so it cannot choose the biases")
    fit = realtext.load(split=args.train) + [
        s for path in args.with_bio for s in realtext.load_bio(path)]
    fit_x = _examples(fit)
    counts = Counter(k for feats, _ in fit_x for k in feats)
    fit_x = [([k for k in feats if counts[k] >= args.min_count], y) for feats, y in fit_x]
    trained = ", ".join([f"the {args.train} split of the People's Daily 1998-01 POS corpus (PKU)",
                         *(p.name for p in args.with_bio)])
    if args.offsets is not None:
        scan_offset, recall_offset, *more = (float(x) for x in args.offsets.split(","))
        features_offset = more[0] if more else FEATURES_OFFSET
        w, learned_bias = fit_weights(fit_x, args.epochs)
        print(f"{len(fit)} sentences, {len(fit_x)} candidates; learned bias {learned_bias:.3f}, "
              f"offsets {scan_offset:+.2f}, {recall_offset:+.2f} and {features_offset:+.2f}; "
              f"{len(w)} weights")
        _write(args.out, f"trained by bench/train_names.py on {trained}; biases at offsets "
               f"{scan_offset:+.2f}, {recall_offset:+.2f} and {features_offset:+.2f} from the "
               "learned bias, chosen by bench/names_cv.py", learned_bias + scan_offset,
               learned_bias + recall_offset, learned_bias + features_offset, w,
               [realtext.DEFAULT_PATH, *args.with_bio])
        return
    dev = realtext.load_bio(args.choose) if args.choose else realtext.load(split="dev")
    chooser = args.choose.name if args.choose else "dev"
    print(f"{args.train} {len(fit)} sentences, {len(fit_x)} candidates; {chooser} "
          f"{len(dev)} sentences")
    w, learned_bias = fit_weights(fit_x, args.epochs)
    # The most recall the choosing text allows at the precision asked for (steps of 0.25).
    bias, best = learned_bias, (0.0, 0.0)
    for step in range(-24, 25):
        b = round(learned_bias + 0.25 * step, 3)
        p, r = _end_to_end(dev, w, b)
        if p >= args.precision and r > best[1]:
            bias, best = b, (p, r)
    print(f"bias {bias:.3f} (learned {learned_bias:.3f}): {chooser} precision {best[0]:.3f} "
          f"recall {best[1]:.3f}; {len(w)} weights")
    # De-identification masks for recall: the lowest bias above the scan's (steps of 0.25)
    # whose names leave at most --residual of the choosing text's names whole.
    recall_bias = bias
    for step in range(0, 49):
        b = round(bias + 0.25 * step, 3)
        left, over = _residual(dev, w, b)
        if left <= args.residual:
            recall_bias = b
            print(f"recall bias {b:.3f}: {chooser} names left whole {left:.1%}, characters masked "
                  f"outside every person {over}")
            break
    else:
        print(f"no bias leaves at most {args.residual:.1%} of {chooser}'s names whole")
    _write(args.out, f"trained by bench/train_names.py on {trained}, biases chosen on {chooser}",
           bias, recall_bias, learned_bias + FEATURES_OFFSET, w,
           [realtext.DEFAULT_PATH, *args.with_bio])


def _write(out: Path, about: str, bias: float, recall_bias: float, features_bias: float,
           w: dict[str, float], trained: list[Path]) -> None:
    """The weights file; ``trained_on`` holds the SHA-256 of each training file, so that
    ``names_eval.py`` can say when it is asked to score training text."""
    out.write_text(json.dumps({
        "about": f"person-name model weights; {about}; see docs/bench/names.md",
        "bias": round(bias, 3), "recall_bias": round(recall_bias, 3),
        "features_bias": round(features_bias, 3),
        "trained_on": sorted(realtext.sha256(p) for p in trained),
        "weights": dict(sorted(w.items()))},
        ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
