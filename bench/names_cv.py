"""What a development BIO file adds to the name models' training text, by cross-validation.

    .venv/bin/python bench/names_cv.py --bio example.dev --fold K --out DIR [--crf]
        [--crf-offset 3.0] [--crf-copies 2] [--crf-swaps N] [--with-bio FILE] [--also FILE]  # K = 0..4
    .venv/bin/python bench/names_cv.py --bio example.dev --pool DIR [--offset 1.0]

The People's Daily NER corpus's dev split (``--bio``) is in the maintainers' corpus and follows
its conventions (what a ``PER`` is). The issue allows training on a development split; since
the shipped models learn from it, its figures must come from models that did not. So the split
is cut into ``--folds`` parts by blocks of 100 sentences; for each fold both models are trained
on the whole of People's Daily 1998-01, the ``--with-bio`` files (the Weibo NER train split,
CLUENER 2020, BosonNLP and Resume NER for the shipped models) and the other folds, and run on
the fold (``--fold K`` writes its predictions to ``DIR/K.json``; the five folds run as
separate processes, one per core).
``--pool`` then scores the pooled out-of-fold predictions, beside the shipped models on the
same sentences (labelled as training figures once the shipped models learned from the file):

* the default finder at each bias offset from its learned bias (the scan's offset: the most
  recall at precision >= 0.91, as ``train_names.py`` chooses, or the one ``--offset`` gives;
  de-identification's: the least masking leaving at most 6 % of the names whole);
* with ``--crf``, the accurate finder (its features read the fold's default weights at
  ``--crf-offset``, the shipped features offset (3.0; the scan's is 1.0, the CRF read the
  default finder there until 2026-12-06); its training features cross-fitted as
  ``train_names_crf.py`` does) and its recall spans for de-identification (with the default
  finder's masking at ``--recall-offset``, as ``deid --names accurate`` masks), at the shipped
  probability floor and at each of ``FLOORS``, from which ``name_accurate.RECALL_FLOOR`` is
  chosen; the fold's CRF is kept as ``DIR/K.crfsuite`` and its default weights as
  ``DIR/K.weights.json``;
* the same models on each ``--also`` file, which no fold trains on (the Weibo dev split),
  each fold's models on all of it, when a copy of the file lies in DIR.

``train_names.py --with-bio ... --offsets SCAN,RECALL,FEATURES`` and ``train_names_crf.py --with-bio``
train the models that ship, on everything.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
import train_names
import train_names_crf
from cnprivacy.discovery.pitypes import name as fast
from cnprivacy.discovery.pitypes import name_accurate as acc
from names_eval import _trained_on, over_masked, residual, score_names

FOLDS = 5
#: Bias offsets from the learned bias tried for the default finder (steps of 0.25).
OFFSETS = [round(0.25 * k, 2) for k in range(-8, 49)]
#: The default finder's masking offset in each fold's accurate masking (the shipped one,
#: ``train_names.py --offsets 2.5,11.5,3.0``), so that the fold masks as ``deid --names accurate``
#: (9.5 until 2026-12-07, when the MSRA training text moved the learned bias; folds 0-4 of that
#: round ran at 9.5).
RECALL_OFFSET = 11.5
#: Probability floors of the accurate masking tried on each fold (``--pool`` prints them):
#: name_accurate.RECALL_FLOOR is chosen from these on out-of-fold text.
FLOORS = [0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.02]

Spans = list[tuple[int, int]]


def in_fold(index: int, fold: int, folds: int = FOLDS) -> bool:
    return index // 100 % folds == fold


def run_fold(bio: Path, fold: int, out: Path, crf: bool, copies: int,
             extra: list[Path], extra_copies: int, also: list[Path],
             crf_offset: float | None = None, c1: float = 0.2, crf_copies: int = 1,
             recall_offset: float = RECALL_OFFSET,
             crf_params: dict[str, str] | None = None, crf_swaps: int = 0,
             swaps: int = 0, made_up: bool = False) -> None:
    dev = realtext.load_bio(bio)
    corpus = realtext.load(split="all")
    rest = [s for i, s in enumerate(dev) if not in_fold(i, fold)]
    extras = [s for path in extra for s in realtext.load_bio(path)] * extra_copies
    train = corpus + rest * copies + extras
    if swaps:  # the default finder's text only; the CRF's is crf_train below
        train = train_names_crf.with_names_swapped(train, swaps)
    others = {path.name: realtext.load_bio(path) for path in also}
    held = [i for i in range(len(dev)) if in_fold(i, fold)]
    t0 = time.monotonic()
    w, learned = train_names.fit_weights(train_names._examples(train), train_names.EPOCHS)
    print(f"fold {fold}: {len(train)} training sentences, learned bias {learned:.3f}, "
          f"{time.monotonic() - t0:.0f} s", flush=True)
    result: dict[str, object] = {"held": held, "learned": learned, "default": {
        str(off): [train_names._found(dev[i].text, {**w, "": learned + off}) for i in held]
        for off in OFFSETS}}
    result["also"] = {key: {str(off): [train_names._found(x.text, {**w, "": learned + off})
                                       for x in sents] for off in OFFSETS}
                      for key, sents in others.items()}
    out.mkdir(parents=True, exist_ok=True)
    # The fold's default weights are kept too: the fold's CRF reads them in its features, so a
    # later decoding question about the fold needs both.
    (out / f"{fold}.weights.json").write_text(
        json.dumps({"weights": w, "learned": learned}), encoding="utf-8")
    if crf:
        import pycrfsuite

        if crf_offset is None:  # the shipped bias's distance from the bias learned here
            shipped = json.loads(train_names.OUT.read_text(encoding="utf-8"))
            offset = shipped["features_bias"] - learned
        else:
            offset = crf_offset
        trainer = pycrfsuite.Trainer(verbose=False)
        # The CRF's text: the development sentences crf_copies times each, laid out as
        # train_names_crf.py --copies lays them out.
        crf_train = corpus + train_names_crf.in_a_row(rest, crf_copies) * copies + extras
        if crf_swaps:
            crf_train = train_names_crf.with_names_swapped(crf_train, crf_swaps,
                                                           generated=made_up)
        for xseq, yseq in train_names_crf._crossfit_sequences(crf_train, offset=offset):
            trainer.append(xseq, yseq)
        trainer.set_params({"c1": c1, "c2": 0.01, "max_iterations": 150,
                            "feature.possible_transitions": True, "feature.minfreq": 1,
                            **(crf_params or {})})
        # The fold's model is kept beside its predictions, so that later questions about the
        # fold (another floor, another feature of masking) need no retraining.
        model = str(out / f"{fold}.crfsuite")
        trainer.train(model)
        with acc.other_model(Path(model)), train_names_crf._default_weights(
                {**w, "": learned + offset}, {**w, "": learned + recall_offset}):
            # The shipped floor among those tried: its masking is read off the sweep.
            floors = [str(f) for f in sorted({*FLOORS, acc.RECALL_FLOOR})]
            shipped = str(acc.RECALL_FLOOR)
            result["accurate"] = [acc.find_names_accurate(dev[i].text) for i in held]
            swept = {f: [acc.find_names_recall(dev[i].text, float(f)) for i in held]
                     for f in floors}
            result["recall_floors"] = swept
            result["recall"] = swept[shipped]
            result["also_accurate"] = {
                key: [acc.find_names_accurate(x.text) for x in sents]
                for key, sents in others.items()}
            also_swept = {
                key: {f: [acc.find_names_recall(x.text, float(f)) for x in sents]
                      for f in floors}
                for key, sents in others.items()}
            result["also_recall_floors"] = also_swept
            result["also_recall"] = {key: by_floor[shipped]
                                     for key, by_floor in also_swept.items()}
        print(f"fold {fold}: CRF done, {time.monotonic() - t0:.0f} s", flush=True)
    (out / f"{fold}.json").write_text(json.dumps(result), encoding="utf-8")


def _fold_weights(folder: Path, files: list[Path], offset: float) -> list[dict[str, float]] | None:
    """Each fold's default weights with its bias at ``offset``, when they were kept."""
    out = []
    for path in files:
        kept = folder / f"{path.stem}.weights.json"
        if not kept.is_file():
            return None
        w = json.loads(kept.read_text(encoding="utf-8"))
        out.append({**w["weights"], "": w["learned"] + offset})
    return out


def _filtered(label: str, sents: list[realtext.Sentence], found: list[Spans],
              weights: list[dict[str, float]]) -> None:
    """A scan's line again with its filters, each sentence's spans scored with the weights of
    the fold that found them: the ordinary-word filter alone (``name._less_ordinary_words``),
    then with the weak-cue filter too (``name.scan_filter``, what the scan runs)."""
    rows = list(zip(sents, found, weights, strict=True))
    _line(f"{label}, less ordinary words", sents,
          [fast._less_ordinary_words(s.text, f, w) for s, f, w in rows])
    _line(f"{label}, less ordinary words and weak cues", sents,
          [fast.scan_filter(s.text, f, w) for s, f, w in rows])


def pool(bio: Path, folder: Path, fixed: float | None = None) -> None:
    dev = realtext.load_bio(bio)
    files = [p for p in sorted(folder.glob("*.json")) if p.stem.isdigit()]  # not K.weights.json
    parts = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    order = [i for part in parts for i in part["held"]]
    sents = [dev[i] for i in order]
    print(f"{len(parts)} folds, {len(sents)} of {len(dev)} sentences")

    def spans(key: str, sub: str | None = None) -> list[Spans]:
        return [[(sp[0], sp[1]) for sp in found]
                for part in parts for found in (part[key][sub] if sub else part[key])]

    # The shipped models beside them: once they have learned from this file, their figures
    # here are training figures, and the label says so.
    tag = " (trained on this file)" if realtext.sha256(bio) in _trained_on() else ""
    _line(f"shipped default{tag}", sents, [fast.find_names(s.text) for s in sents])
    scan = None
    deid_offset = None
    for off in OFFSETS if fixed is None else [fixed]:
        sc = score_names(sents, spans("default", str(off)))
        if (fixed is not None or sc.precision >= 0.91) and (
                scan is None or sc.recall > scan[1].recall):
            scan = (off, sc)
    # Each fold's default weights at the scan's offset, read once (the ordinary-word filter
    # scores with them, here and on each --also file).
    fold_weights = _fold_weights(folder, files, scan[0]) if scan else None
    if scan:
        _line(f"cross-validated default, offset {scan[0]:+.2f}", sents,
              spans("default", str(scan[0])))
        if fold_weights:
            _filtered(f"cross-validated default, offset {scan[0]:+.2f}", sents,
                           spans("default", str(scan[0])),
                           [w for w, part in zip(fold_weights, parts, strict=True)
                            for _ in part["held"]])
        for off in OFFSETS:
            if off >= scan[0]:
                found = spans("default", str(off))
                left, total = residual(sents, found)
                if left / total <= 0.06:
                    print(f"  de-identification offset {off:+.2f}: names left {left / total:.1%}, "
                          f"over-masked {over_masked(sents, found)}")
                    deid_offset = off
                    break
    for key in parts[0].get("also", {}):
        # Text no fold trained on: each fold's model scores all of it (micro-averaged).
        also = realtext.load_bio(folder / key) if (folder / key).is_file() else None
        if also is None:
            print(f"{key}: copy it into {folder} to score it")
            continue
        many = also * len(parts)
        print(f"{key}, each fold's model on all of it:")
        if scan:
            found = [f for part in parts for f in part["also"][key][str(scan[0])]]
            _line(f"  default, offset {scan[0]:+.2f}", many, found)
            if fold_weights:
                _filtered(f"  default, offset {scan[0]:+.2f}", many, found,
                               [w for w in fold_weights for _ in also])
        if deid_offset is not None:
            found = [[(a, b) for a, b in f] for part in parts
                     for f in part["also"][key][str(deid_offset)]]
            left, total = residual(many, found)
            print(f"  default de-identification: names left {left / total:.1%}")
        if all("also_recall_floors" in part for part in parts):
            _floors(many, [part["also_recall_floors"][key] for part in parts])
        if all("also_accurate" in part for part in parts):
            _line("  accurate", many, [f for part in parts for f in part["also_accurate"][key]])
            found = [[(a, b) for a, b in f] for part in parts for f in part["also_recall"][key]]
            left, total = residual(many, found)
            print(f"  accurate de-identification: names left {left / total:.1%}")
            if deid_offset is not None:
                both = [_covered_runs(r, d) for r, d in zip(found, [
                    f for part in parts for f in part["also"][key][str(deid_offset)]],
                    strict=True)]
                left, total = residual(many, both)
                print(f"  accurate with the default's de-identification spans: names left "
                      f"{left / total:.1%}")
        _line("  shipped default", also, [fast.find_names(x.text) for x in also])
        if all("also_accurate" in part for part in parts):
            _line("  shipped accurate", also, [acc.find_names_accurate(x.text) for x in also])
    if all("accurate" in part for part in parts):
        _line(f"shipped accurate{tag}", sents,
              [acc.find_names_accurate(s.text) for s in sents])
        _line("cross-validated accurate", sents, spans("accurate"))
        for label, found in ((f"shipped{tag}", [acc.find_names_recall(s.text) for s in sents]),
                             ("cross-validated", spans("recall"))):
            left, total = residual(sents, found)
            print(f"  {label} accurate de-identification: names left {left / total:.1%}, "
                  f"over-masked {over_masked(sents, found)}")
        if all("recall_floors" in part for part in parts):
            _floors(sents, [part["recall_floors"] for part in parts])
        if deid_offset is not None:
            both = [_covered_runs(r, d) for r, d in zip(spans("recall"),
                                                  spans("default", str(deid_offset)), strict=True)]
            left, total = residual(sents, both)
            print(f"  cross-validated accurate with the default's de-identification spans: names "
                  f"left {left / total:.1%}, over-masked {over_masked(sents, both)}")


def _floors(sents: list[realtext.Sentence], parts: list[dict[str, list[Spans]]]) -> None:
    """Residual and over-masking of the accurate masking at each probability floor, from the
    folds' predictions (``parts``: one mapping floor -> spans per fold, in ``sents``' order)."""
    chars = sum(len(s.text) for s in sents)
    print(f"  accurate de-identification by probability floor ({chars} characters):")
    for floor in parts[0]:
        found = [[(a, b) for a, b in f] for part in parts for f in part[floor]]
        left, total = residual(sents, found)
        print(f"    floor {floor:<7} names left {left} of {total} ({left / total:.1%}), "
              f"over-masked {over_masked(sents, found)}")


def _covered_runs(a: Spans, b: Spans) -> Spans:
    """The characters inside a span of ``a`` or of ``b``, as runs (what masking both covers;
    not ``name._union``, which keeps whole spans that overlap none of the first list)."""
    marked = {i for x, y in [*a, *b] for i in range(x, y)}
    out: Spans = []
    for i in sorted(marked):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _line(label: str, sents: list[realtext.Sentence], found: list[Spans]) -> None:
    s = score_names(sents, [[(sp[0], sp[1]) for sp in f] for f in found])
    print(f"{label}: P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f} "
          f"(tp {s.tp} fp {s.fp} fn {s.fn})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bio", type=Path, required=True)
    ap.add_argument("--fold", type=int)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--crf", action="store_true")
    ap.add_argument("--copies", type=int, default=1,
                    help="times the development sentences are repeated in the training text")
    ap.add_argument("--with-bio", type=Path, action="append", default=[], metavar="FILE",
                    help="train every fold on this BIO file too (not scored)")
    ap.add_argument("--with-copies", type=int, default=1,
                    help="times the --with-bio sentences are repeated in the training text")
    ap.add_argument("--also", type=Path, action="append", default=[], metavar="FILE",
                    help="run each fold's models on this BIO file too (never trained on); "
                         "--pool scores it when a copy lies in DIR")
    ap.add_argument("--crf-offset", type=float, metavar="OFFSET",
                    help="the default finder's bias offset in the CRF's features (the "
                         "features offset of the weights that would ship, 3.0); else the "
                         "shipped features bias's distance from the bias the fold learned")
    ap.add_argument("--c1", type=float, default=0.2, help="the CRF's L1 weight (shipped: 0.2)")
    ap.add_argument("--crf-copies", type=int, default=1, metavar="N",
                    help="the CRF learns each development sentence N times (shipped: 2); "
                         "--copies repeats them for both models")
    ap.add_argument("--recall-offset", type=float, default=RECALL_OFFSET, metavar="OFFSET",
                    help="the default finder's bias offset in the fold's accurate masking "
                         f"(shipped: {RECALL_OFFSET})")
    ap.add_argument("--crf-set", action="append", default=[], metavar="KEY=VALUE",
                    help="a CRFsuite training parameter over the shipped ones (to try one: "
                         "feature.possible_states=1, c2=0.001)")
    ap.add_argument("--crf-swaps", type=int, default=0, metavar="N",
                    help="the CRF also learns N copies of each sentence with a scored name, "
                         "its names swapped for others of the text (mention replacement; "
                         "shipped: 1)")
    ap.add_argument("--made-up", action="store_true",
                    help="with --crf-swaps: made-up names (a surname of the text and random "
                         "given-name characters of its names) instead of the text's names")
    ap.add_argument("--swaps", type=int, default=0, metavar="N",
                    help="the same for the default finder's training text (shipped: 0)")
    ap.add_argument("--pool", type=Path, metavar="DIR")
    ap.add_argument("--offset", type=float,
                    help="with --pool: score the default finder at this offset (the shipped "
                         "one) instead of choosing it")
    args = ap.parse_args()
    if args.pool:
        pool(args.bio, args.pool, args.offset)
    elif args.fold is not None and args.out:
        run_fold(args.bio, args.fold, args.out, args.crf, args.copies, args.with_bio,
                 args.with_copies, args.also, args.crf_offset, args.c1, args.crf_copies,
                 args.recall_offset, dict(kv.split("=", 1) for kv in args.crf_set),
                 args.crf_swaps, args.swaps, args.made_up)
    else:
        ap.error("give --fold K --out DIR, or --pool DIR")


if __name__ == "__main__":
    main()
