"""The accurate name finder's CRF with a bias towards names, tried on out-of-fold text.

    .venv/bin/python bench/names_crf_bias.py --bio msra_train_clean.bio --pool DIR \
        [--also weiboNER_2nd_conll.dev] [--crf-offset 3.0] [--bias 0,0.5,1] [--inner 0] [--masking]
        [--lines 1] [--repeat-floor 0.05]

A name starts at a surname character, and every surname position has the feature ``p0`` (no
other position has it). Adding ``d`` to the weight of ``p0`` for the tag ``B`` therefore
multiplies the odds of every name by ``e**d`` and nothing else: the decision threshold of the
CRF moves towards names (recall) or away (precision) without retraining. ``--inner`` adds to
the weight of ``p1``-``p3`` for ``I`` (longer names).

``DIR`` holds the folds of ``bench/names_cv.py --crf``: each fold's CRF (``K.crfsuite``) and
default weights (``K.weights.json``); its sentences are ``names_cv.in_fold``'s. Each bias is
scored on the pooled out-of-fold sentences of ``--bio`` and on each ``--also`` file (every
fold's model on all of it), which no fold trained on; :func:`shifted` writes the bias into a
model. ``--masking`` also masks as ``deid --names accurate`` does at the shipped floor, with and
without sparing the ends of common words (``find_names_recall(word_ends=...)``).

``--lines N`` gives the finder the sentences N at a time as the lines of one text (2000: as
``cnprivacy scan`` reads a file), so that a name found in them is looked for again in all of
them, at ``--repeat-floor`` (``name_accurate.REPEAT_FLOOR``, shipped 0.05); 1 is one sentence
a call, as ``names_eval.py`` scores.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import realtext
import train_names_crf
from cnprivacy.discovery.pitypes import name_accurate as acc
from cnprivacy.discovery.pitypes import name_crf
from names_cv import RECALL_OFFSET, in_fold
from names_eval import in_blocks, over_masked, residual, score_names


def shifted(data: bytes, shifts: dict[tuple[str, str], float]) -> bytes:
    """A CRFsuite model's bytes with ``delta`` added to the state weight of each
    ``(attribute, label)`` of ``shifts`` (each must be a feature of the model)."""
    header = name_crf._HEADER.unpack_from(data, 0)
    off_features = header[7]
    w = name_crf.read_weights(data)
    wanted = {(w.index[a], w.labels.index(lab)): d for (a, lab), d in shifts.items()}
    _chunk, _size, count = name_crf._CHUNK.unpack_from(data, off_features)
    out = bytearray(data)
    start = off_features + name_crf._CHUNK.size
    hit = set()
    for k in range(count):
        at = start + k * name_crf._FEATURE.size
        kind, src, dst, weight = name_crf._FEATURE.unpack_from(data, at)
        if kind == name_crf._STATE and (src, dst) in wanted:
            struct.pack_into("<d", out, at + 12, weight + wanted[src, dst])
            hit.add((src, dst))
    if hit != set(wanted):
        raise ValueError(f"model has no state feature for {set(wanted) - hit}")
    return bytes(out)


def _shifts(bias: float, inner: float) -> dict[tuple[str, str], float]:
    out = {("p0", "B"): bias}
    if inner:
        out.update({(f"p{k}", "I"): inner for k in (1, 2, 3)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bio", type=Path, required=True)
    ap.add_argument("--pool", type=Path, required=True, metavar="DIR")
    ap.add_argument("--also", type=Path, action="append", default=[], metavar="FILE")
    ap.add_argument("--crf-offset", type=float, default=3.0)
    ap.add_argument("--bias", default="-0.5,0,0.25,0.5,0.75,1,1.5")
    ap.add_argument("--inner", default="0")
    ap.add_argument("--lines", type=int, default=1, help="sentences a call, as one text's lines")
    ap.add_argument("--repeat-floor", type=float, default=acc.REPEAT_FLOOR)
    ap.add_argument("--masking", action="store_true",
                    help="also the masking of deid --names accurate at the shipped floor")
    args = ap.parse_args()
    acc.REPEAT_FLOOR = args.repeat_floor  # type: ignore[misc]
    dev = realtext.load_bio(args.bio)
    others = {p.name: realtext.load_bio(p) for p in args.also}
    # (a fold's CRF is written before its predictions: K.json may not be there yet)
    folds = sorted(int(p.stem) for p in args.pool.glob("*.crfsuite") if p.stem.isdigit())
    combos = [(float(b), float(i)) for i in args.inner.split(",") for b in args.bias.split(",")]
    found: dict[tuple[float, float], dict[str, list[list[tuple[int, int]]]]] = {
        c: {"": [], **{k: [] for k in others}} for c in combos}
    spares = [True, False]
    masked: dict[tuple[float, float, bool], dict[str, list[list[tuple[int, int]]]]] = {
        (*c, sp): {"": [], **{k: [] for k in others}} for c in combos for sp in spares}
    gold: dict[str, list[realtext.Sentence]] = {"": [], **{k: [] for k in others}}
    for fold in folds:
        held = [s for i, s in enumerate(dev) if in_fold(i, fold)]
        gold[""].extend(held)
        for k, sents in others.items():
            gold[k].extend(sents)
        dw = json.loads((args.pool / f"{fold}.weights.json").read_text(encoding="utf-8"))
        w, learned = dw["weights"], dw["learned"]
        data = (args.pool / f"{fold}.crfsuite").read_bytes()
        # The fold's default finder in the CRF's features, and masking with it as
        # ``deid --names accurate`` masks (names_cv.py's fold does the same).
        with tempfile.TemporaryDirectory() as tmp, train_names_crf._default_weights(
                {**w, "": learned + args.crf_offset}, {**w, "": learned + RECALL_OFFSET}):
            for combo in combos:
                model = Path(tmp) / "m.crfsuite"
                model.write_bytes(shifted(data, _shifts(*combo)))
                with acc.other_model(model):
                    find = acc.find_names_accurate
                    found[combo][""].extend(in_blocks([s.text for s in held], find, args.lines))
                    for k, sents in others.items():
                        found[combo][k].extend(in_blocks([s.text for s in sents], find, args.lines))
                    for sp in spares if args.masking else []:
                        m = masked[(*combo, sp)]
                        m[""].extend(acc.find_names_recall(s.text, word_ends=sp) for s in held)
                        for k, sents in others.items():
                            m[k].extend(acc.find_names_recall(s.text, word_ends=sp) for s in sents)
        print(f"fold {fold} done", file=sys.stderr, flush=True)
    for key in gold:
        print(f"{key or args.bio.name} ({len(folds)} folds, {len(gold[key])} sentences)")
        for combo in combos:
            sc = score_names(gold[key], found[combo][key])
            print(f"  bias {combo[0]:+.2f} inner {combo[1]:+.2f}: P {sc.precision:.3f} "
                  f"R {sc.recall:.3f} F1 {sc.f1:.4f} ({sc.tp} found, {sc.fp} false, {sc.fn} missed)")
            for sp in spares if args.masking else []:
                m = masked[(*combo, sp)][key]
                left, total = residual(gold[key], m)
                words = "sparing word ends" if sp else "every character above it"
                print(f"    masking at the floor {acc.RECALL_FLOOR}, {words}: {left} of {total} "
                      f"names left ({left / total:.1%}), {over_masked(gold[key], m)} "
                      f"characters masked outside every person name")


if __name__ == "__main__":
    main()
