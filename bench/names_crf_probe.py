"""A probe for ``--names accurate`` (issue 13), not a shipped detector: a character CRF for
Han-style names, trained on the ``fit`` split of the People's Daily corpus and scored on
``dev`` only (``report`` stays unseen until a model is chosen), alone and combined with the
default finder (its spans first, then the CRF's where they overlap none).

    bash bench/setup_realtext.sh
    python3 -m venv bench/_peers/crf && bench/_peers/crf/bin/pip install python-crfsuite==0.9.12
    .venv/bin/python bench/names_crf_probe.py [--iterations 60]

Features of each character: itself, one and two characters either side, the bigrams and
trigrams around it, and whether it and its two left neighbours are surnames of our table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
for site in sorted((HERE / "_peers" / "crf" / "lib").glob("python3*/site-packages")):
    sys.path.append(str(site))

import realtext  # noqa: E402
from cnprivacy.discovery.pitypes.name import find_names  # noqa: E402
from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES  # noqa: E402
from names_eval import Spans, score_names  # noqa: E402

_SURNAME_CHARS = set(SINGLE_SURNAMES) | {s[0] for s in COMPOUND_SURNAMES}


def features(text: str) -> list[list[str]]:
    pad = "^^" + text + "$$"
    out = []
    for j in range(2, len(text) + 2):
        out.append([
            "b", "c=" + pad[j], "l=" + pad[j - 1], "r=" + pad[j + 1], "ll=" + pad[j - 2],
            "rr=" + pad[j + 2], "lc=" + pad[j - 1:j + 1], "cr=" + pad[j:j + 2],
            "llc=" + pad[j - 2:j + 1], "crr=" + pad[j:j + 3], "l2=" + pad[j - 2:j],
            "r2=" + pad[j + 1:j + 3], f"s={pad[j] in _SURNAME_CHARS:d}",
            f"sl={pad[j - 1] in _SURNAME_CHARS:d}", f"sll={pad[j - 2] in _SURNAME_CHARS:d}"])
    return out


def labels(sentence: realtext.Sentence) -> list[str]:
    tags = ["O"] * len(sentence.text)
    for a, b in sentence.names:
        tags[a] = "B"
        tags[a + 1:b] = ["I"] * (b - a - 1)
    return tags


def spans(tags: Sequence[str]) -> Spans:
    out: Spans = []
    start = None
    for i, tag in enumerate([*tags, "O"]):
        if tag in ("B", "O"):
            if start is not None and i - start >= 2:
                out.append((start, i))
            start = i if tag == "B" else None
    return out


def first_then(first: Spans, then: Spans) -> Spans:
    out = list(first)
    out.extend(sp for sp in then if not any(a < sp[1] and sp[0] < b for a, b in first))
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=60)
    args = ap.parse_args()
    import pycrfsuite  # type: ignore[import-not-found]

    fit, dev = realtext.load(split="fit"), realtext.load(split="dev")
    with tempfile.TemporaryDirectory() as tmp:
        model = str(Path(tmp) / "names.crfsuite")
        trainer = pycrfsuite.Trainer(verbose=False)
        for sentence in fit:
            trainer.append(features(sentence.text), labels(sentence))
        trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": args.iterations,
                            "feature.possible_transitions": True})
        t0 = time.time()
        trainer.train(model)
        print(f"trained on {len(fit)} fit sentences in {time.time() - t0:.0f} s; "
              f"model {Path(model).stat().st_size / 1e6:.1f} MB")
        tagger = pycrfsuite.Tagger()
        tagger.open(model)
        texts = [s.text for s in dev]
        t0 = time.process_time()
        crf = [spans(tagger.tag(features(t))) for t in texts]
        cpu = time.process_time() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    default = [list(find_names(t)) for t in texts]
    for label, pred in (("crf", crf), ("default", default),
                        ("default, then crf",
                         [first_then(d, c) for d, c in zip(default, crf, strict=True)])):
        s = score_names(dev, pred)
        print(f"dev {label}: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
    print(f"crf tagging: {mb / cpu:.2f} MB/s CPU, one core")


if __name__ == "__main__":
    main()
