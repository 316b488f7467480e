"""Trains the accurate-mode person-name model (``cnprivacy.discovery.pitypes.name_accurate``).

    .venv/bin/python bench/train_names_crf.py [--train fit|tune|all] [--c1 0.2] [--c2 0.01]
        [--iterations 150] [--names-only] [--out PATH] [--bio FILE ...]
    .venv/bin/python bench/train_names_crf.py --grid C1,C2,ITERATIONS ...

Data: the People's Daily 1998-01 corpus (:mod:`bench.realtext`; ``bash bench/setup_realtext.sh``
fetches it). ``--train fit`` (blocks 0-1 of every 5) trains and ``dev`` (block 2) is scored,
and ``--bio FILE`` scores a BIO file too (the People's Daily NER dev split, never trained on):
every choice (labels, features, c1, c2, iterations) was made on fit -> dev and fit -> that
file. ``--train all`` (the whole corpus) trains the shipped model once those choices were
frozen; the defaults here are the shipped settings, so the shipped model is

    .venv/bin/python bench/train_names_crf.py --train all --with-bio example.dev --copies 2 \
        --with-bio weiboNER_2nd_conll.train --with-bio cluener_public_train.txt \
        --with-bio cluener_public_dev.txt --with-bio boson_boson.txt \
        --with-bio ResumeNER_train.txt --with-bio ResumeNER_dev.txt \
        --with-bio msra_train_clean.bio --swaps 1 --offset 3.0 --bio weiboNER_2nd_conll.dev

(``--with-bio FILE`` adds a BIO file's sentences to the training text, as the default
finder's weights do; ``bench/names_cv.py --crf`` measures what that buys by cross-validation,
since the file can then no longer score the model. ``--copies 2`` gives the first of them, the
People's Daily NER dev split, twice the weight: its conventions are the held-out set's;
``names_cv.py --crf-copies 2`` measured it. ``--swaps 1`` adds a copy of each sentence that
holds a name, its names swapped for others of the text; ``names_cv.py --crf-swaps 1`` measured
it. ``--offset 3.0`` puts the training features' default finder at the offset of the weights
file's ``features_bias``, which ``name_accurate`` reads it at: more candidates than the scan
keeps (offset 1.0), and the CRF learns what they are worth; ``names_cv.py --crf-offset``
measured it. The offset is given, not read from the file, since the swapped text moves the
bias the default finder learns.)

Its features read the default finder's weights (``name_weights.json``): retrain it after them.
Training features are cross-fitted (see :func:`_crossfit_sequences`); scoring reads the shipped
weights, which since they learn from the whole corpus have seen ``dev`` too: a ``fit`` -> ``dev``
score now flatters the CRF. Choices rested on the NER dev split (``--bio``) until the shipped
models learned from it too; since then they rest on ``bench/names_cv.py``'s folds of it.
Labels: every person span of the corpus is tagged B/I (the scored names, 2-4 characters from a
surname of our table, including transliterated names such as 叶利钦 and names inside compound
words such as 邓小平理论, and the other person spans: given names alone, foreign names from
other characters); ``--names-only`` labels the scored names alone (lower recall on the NER
split, see the commit). Training needs ``python-crfsuite`` (the ``names`` extra). The model
goes to ``src/cnprivacy/discovery/pitypes/name_crf.crfsuite`` with ``--train all``, else to a
temporary file or --out; ``--score-only --out PATH`` scores a model on dev (and --bio) without
training.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
import train_names
from cnprivacy.discovery.pitypes import name as fast
from cnprivacy.discovery.pitypes import name_accurate as acc
from cnprivacy.discovery.surnames import COMPOUND_SURNAMES
from names_eval import Score, score_names

OUT = Path(__file__).resolve().parent.parent / "src/cnprivacy/discovery/pitypes" / acc.MODEL_FILE


def _sequences(sentences: list[realtext.Sentence],  # type: ignore[no-untyped-def]
               persons: bool = True):
    """(features, labels) of every clause that holds a surname character; the labelled spans
    are the scored names, and with ``persons`` every other person span too."""
    for sent in sentences:
        spans = sorted(sent.names + sent.other_persons) if persons else sent.names
        for offset, clause in acc.clauses(sent.text):
            end = offset + len(clause)
            names = [(a - offset, b - offset) for a, b in spans if offset <= a and b <= end]
            yield (acc.features(clause, fast.find_names_for(clause, "features")),
                   acc.labels(len(clause), names))


FOLDS = 5


def in_a_row(sentences: list[realtext.Sentence], copies: int) -> list[realtext.Sentence]:
    """Each sentence ``copies`` times, one copy after the other: a sentence learned more than
    once keeps its copies in one cross-fitting block (:func:`_crossfit_sequences` cuts by
    blocks of 100), so no copy's features come from weights that saw another."""
    return [x for s in sentences for x in [s] * copies]


def with_names_swapped(sentences: list[realtext.Sentence], swaps: int,
                       seed: int = 0, generated: bool = False) -> list[realtext.Sentence]:
    """``sentences``, each one that holds a scored name followed by ``swaps`` copies of it
    whose scored names are other scored names of the text, drawn at random (seeded) from its
    distinct names (mention replacement): the CRF sees the same contexts around names it has
    not learned by heart. Copies follow their sentence, so they share its cross-fitting block.
    With ``generated``, the new names are made up instead: the surname of a name of the text
    and as many given-name characters as it had, each drawn from the given-name characters of
    the text's names (most such names were never seen)."""
    import random

    rng = random.Random(seed)
    pool = sorted({s.text[a:b] for s in sentences for a, b in s.names})
    given = sorted({ch for name in pool for ch in name[1:]})

    def made_up(old: str) -> str:
        name = rng.choice(pool)
        head = 2 if name[:2] in COMPOUND_SURNAMES else 1
        return name[:head] + "".join(rng.choice(given) for _ in range(max(1, len(old) - head)))

    def from_pool(_old: str) -> str:
        return rng.choice(pool)

    draw = made_up if generated else from_pool
    out: list[realtext.Sentence] = []
    for sent in sentences:
        out.append(sent)
        if not sent.names:
            continue
        spans = sorted([(a, b, True) for a, b in sent.names]
                       + [(a, b, False) for a, b in sent.other_persons])
        for _ in range(swaps):
            text, shift, pos = "", 0, 0
            names: list[tuple[int, int]] = []
            others: list[tuple[int, int]] = []
            for a, b, scored in spans:
                if a < pos:
                    continue  # overlapping spans: keep the first
                new = draw(sent.text[a:b]) if scored else sent.text[a:b]
                text += sent.text[pos:a]
                start = a + shift
                (names if scored else others).append((start, start + len(new)))
                text += new
                shift += len(new) - (b - a)
                pos = b
            text += sent.text[pos:]
            out.append(realtext.Sentence(text, names, others))
    return out


@contextmanager
def _default_weights(weights: dict[str, float],
                     recall_weights: dict[str, float] | None = None) -> Iterator[None]:
    """The default finder (and the CRF's priors, read from it) with ``weights`` for a while,
    for the scan and for the CRF's features; its masking (``use="recall"``) with
    ``recall_weights`` when given, else with ``weights``."""
    saved = fast._weights
    fast._weights = lambda use="scan": (  # type: ignore[assignment]
        recall_weights if use == "recall" and recall_weights is not None else weights)
    fast._scored_tables.cache_clear()
    # The C features' configuration (acc._native_config) is rebuilt from the new _priors by
    # itself: it is kept only for the _priors object it was built from.
    acc._priors.cache_clear()
    try:
        yield
    finally:
        fast._weights = saved
        fast._scored_tables.cache_clear()
        acc._priors.cache_clear()


def _crossfit_sequences(sentences: list[realtext.Sentence],  # type: ignore[no-untyped-def]
                        persons: bool = True, offset: float | None = None):
    """:func:`_sequences` where the default finder's spans and weights in the features of each
    sentence come from weights trained without it. The shipped default finder was trained on
    these very sentences: its features would look surer here than they are on new text, and
    the CRF would learn to lean on them (NER dev F1 0.876, against 0.889 with weights that had
    not seen 40 % of the CRF's text and 0.907 cross-fitted). So the training text is cut into
    FOLDS parts by blocks of 100 sentences, and each part's features use weights trained on
    the others, at ``offset`` from their learned bias: else the shipped features bias's
    distance from the learned bias (``bench/train_names.py``)."""
    examples = [train_names._examples([s]) for s in sentences]
    if offset is None:  # the shipped bias's distance from the bias learned on these sentences
        shipped = json.loads(train_names.OUT.read_text(encoding="utf-8"))
        _w, learned = train_names.fit_weights([x for ex in examples for x in ex],
                                              train_names.EPOCHS)
        offset = shipped["features_bias"] - learned
    for fold in range(FOLDS):
        rest = [x for k, ex in enumerate(examples) if k // 100 % FOLDS != fold for x in ex]
        weights, bias = train_names.fit_weights(rest, train_names.EPOCHS)
        print(f"fold {fold}: {len(rest)} candidates, bias {bias + offset:.3f}", flush=True)
        part = [s for k, s in enumerate(sentences) if k // 100 % FOLDS == fold]
        with _default_weights({**weights, "": bias + offset}):
            yield from _sequences(part, persons)


def evaluate(sentences: list[realtext.Sentence], model: str) -> tuple[Score, float]:
    """The score of the model on ``sentences`` and its CPU MB/s (features and tagging)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    texts = [s.text for s in sentences]
    t0 = time.process_time()
    found = []
    for text in texts:
        spans: list[tuple[int, int]] = []
        for offset, clause in acc.clauses(text):
            tags = tagger.tag(acc.features(clause, fast.find_names_for(clause, "features")))
            spans.extend((offset + a, offset + b) for a, b in acc.spans_of(tags))
        found.append(spans)
    cpu = time.process_time() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return score_names(sentences, found), mb / cpu


def grid(combos: list[str]) -> None:
    """Train on fit and score on dev for each ``c1,c2,iterations`` (features computed once)."""
    import pycrfsuite

    fit, dev = realtext.load(split="fit"), realtext.load(split="dev")
    train = list(_crossfit_sequences(fit))
    dev_x = [[(offset, acc.features(clause, fast.find_names_for(clause, "features")))
              for offset, clause in acc.clauses(s.text)] for s in dev]
    with tempfile.TemporaryDirectory() as tmp:
        for combo in combos:
            c1, c2, iterations = combo.split(",")
            model = str(Path(tmp) / f"{combo}.crfsuite")
            trainer = pycrfsuite.Trainer(verbose=False)
            for xseq, yseq in train:
                trainer.append(xseq, yseq)
            trainer.set_params({"c1": float(c1), "c2": float(c2),
                                "max_iterations": int(iterations),
                                "feature.possible_transitions": True})
            trainer.train(model)
            tagger = pycrfsuite.Tagger()
            tagger.open(model)
            found = [[(o + a, o + b) for o, x in sent for a, b in acc.spans_of(tagger.tag(x))]
                     for sent in dev_x]
            s = score_names(dev, found)
            u = score_names(dev, [_then(f, fast.find_names(d.text))
                                  for f, d in zip(found, dev, strict=True)])
            print(f"c1 {c1} c2 {c2} iterations {iterations}: dev P {s.precision:.3f} "
                  f"R {s.recall:.3f} F1 {s.f1:.4f}; model "
                  f"{Path(model).stat().st_size / 1e6:.2f} MB; then default: "
                  f"P {u.precision:.3f} R {u.recall:.3f} F1 {u.f1:.4f}", flush=True)


def _then(first: list[tuple[int, int]], then: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``first`` and the spans of ``then`` that overlap none of it."""
    return sorted([*first, *(sp for sp in then
                             if not any(a < sp[1] and sp[0] < b for a, b in first))])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="fit", choices=("fit", "tune", "all"))
    ap.add_argument("--c1", type=float, default=0.2)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--names-only", action="store_true",
                    help="label the scored names only, not every person span")
    ap.add_argument("--bio", type=Path, action="append", default=[],
                    help="score on this BIO file too (never trained on)")
    ap.add_argument("--with-bio", type=Path, action="append", default=[], metavar="FILE",
                    help="train on this BIO file's sentences too")
    ap.add_argument("--copies", type=int, default=1, metavar="N",
                    help="each sentence of the first --with-bio file N times in a row (copies "
                         "share a cross-fitting block); the shipped model: 2")
    ap.add_argument("--swaps", type=int, default=0, metavar="N",
                    help="also learn N copies of each sentence with a scored name, its names "
                         "swapped for others of the text (see with_names_swapped)")
    ap.add_argument("--offset", type=float, metavar="OFFSET",
                    help="the cross-fitted default finder's bias offset from its learned bias "
                         "in the training features; else the shipped features bias's distance "
                         "from the bias learned on the training text (the same unless --swaps "
                         "changes the text: give the features offset, 3.0, then, as "
                         "names_cv.py does)")
    ap.add_argument("--no-crossfit", action="store_true",
                    help="features from the shipped default weights, not cross-fitted ones")
    ap.add_argument("--score-only", action="store_true", help="score --out on dev, no training")
    ap.add_argument("--grid", nargs="*", metavar="C1,C2,ITERATIONS",
                    help="train on fit and score on dev for each setting, nothing written")
    args = ap.parse_args()
    if args.grid:
        grid(args.grid)
        return
    import pycrfsuite

    dev = realtext.load(split="dev")
    with tempfile.TemporaryDirectory() as tmp:
        model = str(args.out or (OUT if args.train == "all" else Path(tmp) / "names.crfsuite"))
        if not args.score_only:
            train = realtext.load(split=args.train) + [
                s for k, path in enumerate(args.with_bio)
                for s in in_a_row(realtext.load_bio(path), args.copies if k == 0 else 1)]
            if args.swaps:
                train = with_names_swapped(train, args.swaps)
            trainer = pycrfsuite.Trainer(verbose=False)
            t0 = time.process_time()
            sequences = (_sequences(train, not args.names_only) if args.no_crossfit
                         else _crossfit_sequences(train, not args.names_only, args.offset))
            for xseq, yseq in sequences:
                trainer.append(xseq, yseq)
            t1 = time.process_time()
            trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                                "feature.possible_transitions": True,
                                "feature.minfreq": args.min_freq})
            trainer.train(model)
            print(f"{args.train}: {len(train)} sentences, features {t1 - t0:.0f} s, "
                  f"training {time.process_time() - t1:.0f} s CPU; "
                  f"model {Path(model).stat().st_size / 1e6:.2f} MB")
        score, mbs = evaluate(dev, model)
        note = " (dev is part of the training data)" if args.train != "fit" else ""
        print(f"dev{note}: P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}; "
              f"{mbs:.2f} MB/s CPU; c1 {args.c1} c2 {args.c2} iterations {args.iterations}")
        for bio in args.bio:
            score, mbs = evaluate(realtext.load_bio(bio), model)
            trained = " (trained on)" if bio in args.with_bio else ""
            print(f"{bio.name}{trained}: P {score.precision:.3f} R {score.recall:.3f} "
                  f"F1 {score.f1:.3f}; {mbs:.2f} MB/s CPU")


if __name__ == "__main__":
    main()
