"""Runs one peer PI detector over text lines; prints one JSON line with speed, recall and
precision (exact spans against the gold spans).

Runs inside bench/_peers/venv (created by bench/setup_peers.sh), never in the project venv:

    bench/_peers/venv/bin/python bench/scan_peers.py PEER TEXT GOLD MAX_BYTES

PEER is presidio (pattern recognizers only, phone region CN), datafog (regex engine, Python
backend), datafog-rust (datafog's Rust core) or cn-pii-anonymization. cn-pii-anonymization needs
Python >= 3.12, so it runs in bench/_peers/venv312 instead (installed --no-deps plus its text
analysis dependencies, without paddle; see cn_pii()). Must stay importable under 3.11 and 3.12.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

Found = list[tuple[int, int, str]]

# Peer entity names -> our types (for recall against the same gold spans).
_MAP = {
    "EMAIL_ADDRESS": "email", "EMAIL": "email", "CREDIT_CARD": "bank_card",
    "PHONE_NUMBER": "phone", "PHONE": "phone", "IP_ADDRESS": "ip_address",
    "ID_CARD": "cn_resident_id", "CN_ID_CARD": "cn_resident_id", "BANK_CARD": "bank_card",
    "MOBILE": "phone", "PERSON": "person_name", "NAME": "person_name", "ADDRESS": "address",
    "LOCATION": "address", "LICENSE_PLATE": "license_plate", "CAR_PLATE": "license_plate",
    # cn-pii-anonymization
    "CN_PHONE_NUMBER": "phone", "CN_BANK_CARD": "bank_card", "CN_PASSPORT": "cn_passport",
    "CN_EMAIL": "email", "CN_NAME": "person_name", "CN_ADDRESS": "address",
}

# Facts a peer reports about how it ran (added to its JSON line as "notes").
_NOTES: dict[str, object] = {}


def presidio() -> Callable[[str], Found]:
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IpRecognizer,
        PhoneRecognizer,
    )

    recognizers = [(EmailRecognizer(), ["EMAIL_ADDRESS"]),
                   (CreditCardRecognizer(), ["CREDIT_CARD"]),
                   (PhoneRecognizer(supported_regions=("CN",)), ["PHONE_NUMBER"]),
                   (IpRecognizer(), ["IP_ADDRESS"])]

    def run(text: str) -> Found:
        out = []
        for rec, ents in recognizers:
            for r in rec.analyze(text, ents, None):
                out.append((r.start, r.end, r.entity_type))
        return out
    return run


def datafog(backend: str) -> Callable[[str], Found]:
    import datafog as df

    def run(text: str) -> Found:
        res = df.scan(text, engine="regex", backend=backend)
        return [(e.start, e.end, e.type) for e in res.entities]
    return run


def cn_pii() -> Callable[[str], Found]:
    """cn-pii-anonymization 0.1.6 through its own public analyzer, CNPIIAnalyzerEngine.

    Without paddlenlp (not installed: the NER/OCR stack is far too heavy), the analyzer still
    builds: its NLP engine falls back to its built-in regex tokenizer (context words still raise
    scores) and its information-extraction engine fails to load and returns nothing, so the
    name and address recognizers stay registered but find nothing. The pattern recognizers
    (phone, ID card, bank card, passport, email), its score thresholds and its overlap priority
    filter all run as shipped. Its loguru logging (DEBUG to stderr per call) is disabled.
    """
    from loguru import logger  # type: ignore[import-not-found]

    logger.disable("cn_pii_anonymization")
    from cn_pii_anonymization import CNPIIAnalyzerEngine  # type: ignore[import-not-found]

    analyzer = CNPIIAnalyzerEngine()
    analyzer.analyze("预热 13812345678")  # loads (or fails to load) the lazy paddle engines
    nlp, ie = analyzer._nlp_engine, analyzer._ie_engine
    _NOTES.update({
        "recognizers": [type(r).__name__ for r in analyzer._registry.recognizers],
        "tokenizer": "paddlenlp LAC" if nlp._lac is not None else "built-in regex fallback",
        "ie_engine": "paddlenlp information_extraction" if ie.is_loaded()
        else f"not loaded ({ie._init_error}): CNNameRecognizer, CNAddressRecognizer find nothing",
    })

    def run(text: str) -> Found:
        return [(r.start, r.end, r.entity_type) for r in analyzer.analyze(text)]
    return run


def main() -> None:
    peer, text_path, gold_path, max_bytes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    try:
        run = {"presidio": presidio, "datafog": lambda: datafog("python"),
               "datafog-rust": lambda: datafog("rust"), "cn-pii-anonymization": cn_pii}[peer]()
        run("预热 warm-up 13812345678 a@b.cn")
    except Exception as err:  # report, do not crash the benchmark
        print(json.dumps({"peer": peer, "error": f"{type(err).__name__}: {err}"[:300]}))
        return
    lines, golds, size = [], [], 0
    with open(text_path, encoding="utf-8") as fh, open(gold_path, encoding="utf-8") as gh:
        for line, gold in zip(fh, gh, strict=True):
            line = line.rstrip("\n")
            size += len(line.encode("utf-8")) + 1
            lines.append(line)
            golds.append(json.loads(gold))
            if size >= max_bytes:
                break
    t0, c0 = time.perf_counter(), time.process_time()
    found = [run(line) for line in lines]
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    hits: dict[str, list[int]] = {}
    for spans, gold in zip(found, golds, strict=True):
        mapped = [(s, e, _MAP.get(t, t)) for s, e, t in spans]
        for gs, ge, gt in gold:
            key = "phone" if gt in ("cn_mobile", "cn_landline") else gt
            ok = any(t == key and s == gs and e == ge for s, e, t in mapped)
            h = hits.setdefault(gt, [0, 0])
            h[0] += ok
            h[1] += 1
    recall = {t: round(h[0] / h[1], 4) for t, h in sorted(hits.items())}
    # Precision: the peer's spans per (mapped) type that are exactly a gold span of that type;
    # hard-negative numbers (order numbers, timestamps, wrong check digits) have no gold span.
    kept: dict[str, list[int]] = {}
    for spans, gold in zip(found, golds, strict=True):
        truth = {(gs, ge, "phone" if gt in ("cn_mobile", "cn_landline") else gt)
                 for gs, ge, gt in gold}
        for s, e, t in spans:
            key = _MAP.get(t, t)
            k = kept.setdefault(key, [0, 0])
            k[0] += (s, e, key) in truth
            k[1] += 1
    precision = {t: round(k[0] / k[1], 4) for t, k in sorted(kept.items())}
    everything = [sum(k[0] for k in kept.values()), sum(k[1] for k in kept.values())]
    print(json.dumps({"peer": peer, "bytes": size, "lines": len(lines), "wall_s": wall,
                      "cpu_s": cpu, "mb_per_s_wall": size / 1e6 / wall,
                      "mb_per_s_cpu": size / 1e6 / cpu, "exact_span_recall": recall,
                      "exact_span_precision": precision, "spans_found": {
                          t: k[1] for t, k in sorted(kept.items())},
                      "precision_all_spans": round(everything[0] / everything[1], 4)
                      if everything[1] else None,
                      **({"notes": _NOTES} if _NOTES else {})}))


if __name__ == "__main__":
    main()
