"""Presidio anonymizer timing, run inside bench/_peers/venv by bench/deid_bench.py.

Reads the lines and spans that cnprivacy's detector found, applies each Presidio operator to
the same spans, prints JSON. Nothing from cnprivacy is imported here.
"""

from __future__ import annotations

import json
import sys
import time
from importlib.metadata import version

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

OPERATORS = {
    "mask": OperatorConfig("mask", {"masking_char": "*", "chars_to_mask": 4, "from_end": True}),
    # Default: a random salt per entity (equal values hash differently, so no linkage).
    "hash (SHA-256, random salt per value)": OperatorConfig("hash", {"hash_type": "sha256"}),
    # A fixed secret salt makes it linkable: SHA-256(value || salt), the nearest to a keyed
    # pseudonym Presidio offers.
    "hash (SHA-256, fixed salt)": OperatorConfig("hash", {"hash_type": "sha256",
                                                          "salt": "cnprivacy-bench-salt-0001"}),
    "encrypt (AES)": OperatorConfig("encrypt", {"key": "WmZq4t7w!z%C&F)J"}),
    "redact": OperatorConfig("redact", {}),
}


def main(path: str, repeats: int) -> None:
    items = []
    size = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            items.append((record["text"], [RecognizerResult(t.upper(), s, e, 1.0)
                                           for s, e, t in record["spans"]]))
            size += len(record["text"].encode("utf-8")) + 1
    engine = AnonymizerEngine()
    results = []
    for name, operator in OPERATORS.items():
        operators = {"DEFAULT": operator}
        best = float("inf")
        for _ in range(repeats):  # best of N, as for cnprivacy: the machine is shared
            start = time.perf_counter()
            for text, spans in items:
                if spans:
                    engine.anonymize(text, spans, operators)
            best = min(best, time.perf_counter() - start)
        results.append({"operator": name, "mb": size / 1e6, "seconds": best})
    print(json.dumps({"version": version("presidio-anonymizer"), "results": results}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1)
