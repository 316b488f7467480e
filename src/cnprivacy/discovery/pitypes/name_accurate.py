"""Person names, accurate mode (``--names accurate``): a character CRF over running text.

The default finder (:mod:`.name`) scores each surname position on its own; this model tags
every character of a clause B (a name starts), I (inside a name) or O with a linear-chain CRF
(CRFsuite through ``python-crfsuite``, the optional extra ``names``), so a name's decision sees
the decisions around it: runs of names (刘泽民刘顺尧刘剑锋), titles and speech verbs on both
sides (记者温宪, 钱其琛说). Its features are the characters and n-grams around each position
plus what the default finder knows: its spans (found at the weights file's features bias,
which keeps more candidates than the scan: the CRF learned what they are worth, and on social
media it finds more names that way), jieba's dictionary words that start or end at
the position (阳光, 权威 are words, not names), jieba's person names of 2-4 characters and
where they lie (叶利钦, 穆巴拉克), the surname table, the context cues and, bucketed, the
default finder's learned weight of a character as a surname and as a given-name character
(which carries to names the CRF never saw). It was trained on every person span of its
corpora (transliterated names, names inside words such as 邓小平理论, given names alone), so
it tags those too; it also learned a copy of each sentence that holds a name with its names
swapped for other names of the text, so that the context around a name counts for more than
the names it saw. The model file (``name_crf.crfsuite``) ships in the package; its training
text (news, Weibo posts and resumes), training and figures: ``bench/train_names_crf.py`` and
docs/bench/names.md.

Only clauses that hold a surname character are tagged (a name starts with one), which skips
a good share of running text at no cost in recall.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, cast

from cnprivacy.discovery._native import CONFIG_VERSIONS, native
from cnprivacy.discovery.pitypes import name as _name
from cnprivacy.discovery.pitypes import name_crf
from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

#: The optional extra that brings the CRF runtime.
EXTRA: Final = "names"
MODEL_FILE: Final = "name_crf.crfsuite"

# Clauses end at sentence and clause punctuation and line breaks: a name never spans one, and
# shorter sequences keep the tagger's work linear in what is tagged.
_CLAUSE = re.compile(r"[^。！？；\n\r!?;]+")
_SURNAME_CHARS: Final = frozenset(SINGLE_SURNAMES) | frozenset(s[0] for s in COMPOUND_SURNAMES)
_NON_HAN = re.compile("[^\u4e00-\u9fff]")
_HAS_SURNAME = re.compile("[" + "".join(sorted(_SURNAME_CHARS)) + "]")


class AccurateNamesUnavailableError(ImportError):
    """The CRF runtime (the ``names`` extra) is not installed."""


def available() -> bool:
    """Whether accurate mode can run here (the extra is installed)."""
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    return True


def _cls(ch: str) -> str:
    """A character as the model sees it: Chinese characters and punctuation as they are,
    digits as ``0``, Latin letters as ``a`` (their identity says nothing about names)."""
    if ch.isdigit():
        return "0"
    if ch.isascii() and ch.isalpha():
        return "a"
    return ch


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(jieba's 2-3 character words that are not names, jieba's person names, the characters
    that end a strong left cue)."""
    return _name._words(), _name._lexicon()[1], frozenset(_name._CUE_ENDS)


@cache
def _priors() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Buckets of the default finder's learned weights (``name_weights.json``) of a character
    as the first given-name character, as the second and as a surname. The CRF's own
    character features know only the names it saw; these carry what the default finder
    learned about a character to names the CRF never saw (most names in new text), pooled in
    seven buckets so that a rare character shares its bucket's weight."""
    w = _name._weights()

    def bucket(prefix: str) -> dict[str, str]:
        return {k[len(prefix):]: str(max(-3, min(3, round(v / 1.5))))
                for k, v in w.items() if k.startswith(prefix)}

    return bucket("g1:"), bucket("g2:"), bucket("s:")


@cache
def _person_words() -> frozenset[str]:
    """jieba's person names (tags ``nr``, ``nrt``, ``nrfg``) of 2-4 characters that start with
    a surname character: with four characters they hold transliterated names (穆巴拉克) that
    the 2-3 character tables leave out."""
    return frozenset(w for w, _f, t in _name.dictionary_entries(2, 4)
                     if t.startswith("nr") and w[0] in _SURNAME_CHARS)


# A name is 2-4 characters and starts with a surname character: a position with none in the
# three characters before it or at it is outside every name. It gets this one feature (the
# model learns it is O), which keeps the sequence whole at a fraction of the cost.
_OUTSIDE: Final = ["o"]


def features(clause: str, default: Sequence[tuple[int, int]] = ()) -> list[list[str]]:
    """The features of each character of ``clause``; ``default`` holds the default finder's
    spans in it. Positions outside every name get the one list :data:`_OUTSIDE` itself.

    The C accelerator when built (the same lists; it was two thirds of the accurate finder's
    time in Python), else :func:`_features_python`, the reference."""
    cjk = native("_cjk")
    if cjk is not None:
        return cast(list[list[str]], cjk.features(clause, default, _native_config()))
    return _features_python(clause, default)


# The tags of the B/I/O tables, in the order of the accelerator's tag indices.
_TAGS: Final = "OBI"
# The accelerator's features that read no character, in the order of its C_* indices.
_CONSTS: Final = ("S", "Sl", "SL", "wb2", "wb3", "we2", "we3", "rw", "lw", "nr", "cue",
                  *(f"p{k}" for k in range(4)), *(f"d{t}" for t in _TAGS),
                  *(f"dl{a}{b}" for a in _TAGS for b in _TAGS),
                  *(f"dr{a}{b}" for a in _TAGS for b in _TAGS), *(f"x{t}" for t in _TAGS),
                  *(f"xd{a}{b}" for a in _TAGS for b in _TAGS),
                  *(f"xl{a}{b}" for a in _TAGS for b in _TAGS),
                  *(f"xr{a}{b}" for a in _TAGS for b in _TAGS))
# The prefixes of the prior features of one character, in the order of its P_* indices.
_PRIOR_PREFIXES: Final = ("g1", "g2", "g1r", "g2r", "g2R", "g1l", "sp", "spl", "spL")

# (the priors it was built from, the configuration): rebuilt when ``_priors`` is (training
# swaps the default finder's weights and clears ``_priors``; a stale table would give other
# features than the reference).
_config_held: list[tuple[object, tuple[object, ...]]] = []


def _native_config() -> tuple[object, ...]:
    """The accelerator's configuration for :func:`features`, built once from the tables the
    reference reads (see ``features`` in ``_native/_cjk.c`` for its items)."""
    priors = _priors()
    if _config_held and _config_held[0][0] is priors:
        return _config_held[0][1]
    config = _build_native_config(priors)
    _config_held[:] = [(priors, config)]
    return config


# The accelerator's class bits (FEAT_* in _cjk.c): a single surname, a surname character
# (single or a compound's first), the last character of a strong left cue.
_FEAT_SINGLE, _FEAT_SURNAME, _FEAT_CUE_END = 1, 2, 4


def _build_native_config(priors: tuple[dict[str, str], dict[str, str], dict[str, str]]
                         ) -> tuple[object, ...]:
    """The tables of :func:`_features_python` as the C reads them, with ``priors``."""
    classes = bytearray(65536)
    for ch in SINGLE_SURNAMES:
        classes[ord(ch)] |= _FEAT_SINGLE
    for ch in _SURNAME_CHARS:
        classes[ord(ch)] |= _FEAT_SURNAME
    for ch in _tables()[2]:
        classes[ord(ch)] |= _FEAT_CUE_END
    # What _cls makes of each BMP character (0: itself; it maps only to ASCII); characters
    # beyond the BMP are rare and the C asks _cls itself.
    cls_of = bytearray(65536)
    for code in range(65536):
        mapped = _cls(chr(code))
        if mapped != chr(code):
            cls_of[code] = ord(mapped)
    # Bucket labels: every value the priors hold, then "?" (no prior), by index.
    labels = [*sorted({v for table in priors for v in table.values()}), "?"]
    index = {label: k for k, label in enumerate(labels)}
    none = len(labels) - 1
    tables = [bytearray([none]) * 65536 for _ in priors]
    astral: dict[str, bytearray] = {}
    for t, table in enumerate(priors):
        for key, label in table.items():
            if len(key) != 1:
                continue  # compound surnames: the features look up one character
            if ord(key) < 65536:
                tables[t][ord(key)] = index[label]
            else:
                astral.setdefault(key, bytearray([none]) * 3)[t] = index[label]
    words_packed, persons_packed = _name._packed_lexicon()
    left_of, left_cues = _name._groups(_name._STRONG_LEFT, lambda c: c[-1])
    triples = [(a, b, c) for a in labels for b in labels for c in labels]
    return (CONFIG_VERSIONS["_cjk"], bytes(classes), bytes(cls_of), _cls,
            b"".join(tables), {k: bytes(v) for k, v in astral.items()}, words_packed,
            persons_packed, _person_words(), frozenset(COMPOUND_SURNAMES), left_of, left_cues,
            _CONSTS, tuple(p + label for p in _PRIOR_PREFIXES for label in labels),
            tuple("gq" + "".join(t) for t in triples), tuple("gp" + "".join(t) for t in triples),
            _OUTSIDE)


def _features_python(clause: str, default: Sequence[tuple[int, int]] = ()) -> list[list[str]]:
    """:func:`features` in Python: the reference the accelerator is tested against."""
    words, persons, cue_ends = _tables()
    singles, compounds = SINGLE_SURNAMES, COMPOUND_SURNAMES
    n = len(clause)
    body = "".join([_cls(c) for c in clause]) if _NON_HAN.search(clause) else clause
    pad = "^^" + body + "$$"
    dtag = ["O"] * (n + 2)
    for a, b in default:
        dtag[a + 1] = "B"
        for k in range(a + 2, b + 1):
            dtag[k] = "I"
    g1, g2, sp = _priors()
    # Where jieba's person names lie in the clause, longest first from each surname
    # character (B, I, O), as the default finder's spans are given.
    ptag = ["O"] * (n + 2)
    lexicon = _person_words()
    for a in range(n):
        if ptag[a + 1] == "O" and clause[a] in _SURNAME_CHARS:
            for k in (4, 3, 2):
                if a + k <= n and clause[a:a + k] in lexicon:
                    ptag[a + 1] = "B"
                    for q in range(a + 2, a + k + 1):
                        ptag[q] = "I"
                    break
    out: list[list[str]] = []
    last = -9  # the last surname position seen
    for i in range(n):
        j = i + 2
        c = pad[j]
        if c in singles or (c in _SURNAME_CHARS and clause[i:i + 2] in compounds):
            last = i
        elif i - last > 3:
            out.append(_OUTSIDE)
            continue
        l1, r1, l2, r2 = pad[j - 1], pad[j + 1], pad[j - 2], pad[j + 2]
        d = dtag[i + 1]
        f = ["c" + c, "l" + l1, "r" + r1, "L" + l2, "R" + r2, "lc" + l1 + c, "cr" + c + r1,
             "Lc" + l2 + l1 + c, "cR" + c + r1 + r2, "lr" + l1 + c + r1, "L2" + l2 + l1,
             "R2" + r1 + r2, "LL" + (pad[j - 3] if j >= 3 else "^"), "RR" + pad[j + 3:j + 4],
             "d" + d, "dl" + dtag[i] + d, "dr" + d + dtag[i + 2],
             "p" + str(i - last)]
        if c in singles:
            f.append("S")
        if l1 in singles:
            f.append("Sl")
        if l2 in singles:
            f.append("SL")
        w2 = clause[i:i + 2]
        if w2 in words:
            f.append("wb2")
        if clause[i:i + 3] in words:
            f.append("wb3")
        if i >= 1 and clause[i - 1:i + 1] in words:
            f.append("we2")
        if i >= 2 and clause[i - 2:i + 1] in words:
            f.append("we3")
        # A word right after or right before the position: where a name would end or start.
        if clause[i + 1:i + 3] in words or clause[i + 1:i + 4] in words:
            f.append("rw")
        if i >= 2 and (clause[i - 2:i] in words or (i >= 3 and clause[i - 3:i] in words)):
            f.append("lw")
        if w2 in persons or clause[i:i + 3] in persons:
            f.append("nr")
        if i == last and i and clause[i - 1] in cue_ends and _name._LEFT_RE.search(
                clause, max(0, i - 6), i):
            f.append("cue")
        # The priors of the character and its neighbours, and of the two three-character
        # names it could be the middle or the end of (surname, first, second given character).
        f.extend(("g1" + g1.get(c, "?"), "g2" + g2.get(c, "?"), "g1r" + g1.get(r1, "?"),
                  "g2r" + g2.get(r1, "?"), "g2R" + g2.get(r2, "?"), "g1l" + g1.get(l1, "?"),
                  "sp" + sp.get(c, "?"), "spl" + sp.get(l1, "?"), "spL" + sp.get(l2, "?"),
                  "gq" + sp.get(l2, "?") + g1.get(l1, "?") + g2.get(c, "?"),
                  "gp" + sp.get(l1, "?") + g1.get(c, "?") + g2.get(r1, "?")))
        pt = ptag[i + 1]
        f.extend(("x" + pt, "xd" + pt + d, "xl" + ptag[i] + pt, "xr" + pt + ptag[i + 2]))
        out.append(f)
    return out


def labels(n: int, names: Sequence[tuple[int, int]]) -> list[str]:
    """B/I/O tags of a clause of ``n`` characters holding ``names``."""
    tags = ["O"] * n
    for a, b in names:
        tags[a] = "B"
        for k in range(a + 1, b):
            tags[k] = "I"
    return tags


def spans_of(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Names from B/I tags: a B and the I after it, 2-4 characters."""
    out: list[tuple[int, int]] = []
    start = None
    for i, tag in enumerate([*tags, "O"]):
        if tag != "I":
            if start is not None and 2 <= i - start <= 4:
                out.append((start, i))
            start = i if tag == "B" else None
    return out


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of the clauses of ``text`` that hold a surname character."""
    return [(m.start(), m.group()) for m in _CLAUSE.finditer(text)
            if _HAS_SURNAME.search(m.group())]


# The model read instead of the shipped one inside :func:`other_model` (the benchmarks score
# the models they train).
_other: list[Path] = []


@contextmanager
def other_model(path: Path) -> Iterator[None]:
    """Tag with the CRFsuite model at ``path`` instead of the shipped one inside the block,
    both through python-crfsuite and through the C decoder."""
    _other[:] = [path]
    _tagger.cache_clear()
    _weights.cache_clear()
    try:
        yield
    finally:
        _other.clear()
        _tagger.cache_clear()
        _weights.cache_clear()


@cache
def _tagger() -> Any:
    try:
        import pycrfsuite
    except ImportError as err:
        raise AccurateNamesUnavailableError(
            f"--names accurate needs the optional extra '{EXTRA}': "
            f"pip install 'cnprivacy[{EXTRA}]'") from err
    tagger = pycrfsuite.Tagger()
    with resources.as_file(_model_file()) as model:
        tagger.open(str(model))
    return tagger


def _model_file() -> Traversable:
    """The model both taggers read: the shipped one, or :func:`other_model`'s."""
    return _other[0] if _other else resources.files(
        "cnprivacy.discovery.pitypes").joinpath(MODEL_FILE)


@cache
def _weights() -> name_crf.Weights:
    """The model's weights as the C decoder reads them (:mod:`.name_crf`)."""
    return name_crf.read_weights(_model_file().read_bytes())


def _decoder() -> Any:
    """What tags clauses: the model decoded by the C accelerator when it is built (the same
    tags and probabilities, two to three times faster), else python-crfsuite's tagger. A new
    one each call: it holds the last clause's scores for its marginals."""
    tagger = _tagger()  # accurate mode needs the extra either way
    crf = native("_crf")
    return tagger if crf is None else name_crf.Decoder(_weights(), crf)


def load() -> None:
    """Open the model and read the tables its features need now (raises
    :class:`AccurateNamesUnavailableError` without the extra)."""
    _tagger()
    if native("_crf") is not None:
        _weights()
    _tables()
    _priors()
    _person_words()
    if native("_cjk") is not None:
        _native_config()
        _name._scored_tables("features")  # the default finder's spans the features read


#: A name right after a strong cue (收件人：, 尊敬的, 客户) that the CRF did not tag is kept when
#: the CRF gives a name starting there at least this probability. News, the model's training
#: text, has few such cues, so it learned them poorly (customer-service text is full of them);
#: the floor keeps out the cue's chance neighbours in prose (致富, 职工和家属).
CUE_FLOOR: Final = 0.01


def _cued(clause: str) -> list[tuple[int, int]]:
    """The default finder's names after a strong context cue (the C walk when built)."""
    cjk = native("_cjk")
    if cjk is not None:
        return cast(list[tuple[int, int]], cjk.names(clause, _name._native_tables(), True))
    return _name._cued_names_python(clause, strong_only=True)


def _clause_names(tagger: Any, clause: str, cue_floor: float,
                  seen: list[bool] | None = None) -> list[tuple[int, int]]:
    """The names of one clause, sorted; leaves ``tagger`` set on the clause (its marginals)
    and, given ``seen``, fills it with whether the model saw each character (a character far
    from every surname gets the one outside feature)."""
    feats = _clause_features(clause)
    if seen is not None:
        seen[:] = [f is not _OUTSIDE for f in feats]
    spans = spans_of(tagger.tag(feats))
    cued = _cued(clause)
    if cued:
        for a, b in cued:
            if all(b <= x or y <= a for x, y in spans) and tagger.marginal("B", a) >= cue_floor:
                spans.append((a, b))
        spans.sort()
    return spans


def _clause_features(clause: str) -> list[list[str]]:
    """The CRF's features of ``clause``, which read the default finder's spans at its
    features bias."""
    return features(clause, _name.find_names_for(clause, "features"))


def find_names_accurate(text: str, cue_floor: float = CUE_FLOOR) -> list[tuple[int, int]]:
    """Spans of personal names in ``text``, sorted, none overlapping: the names of each clause
    and their repetitions elsewhere in the text (:func:`_repeated`)."""
    tagger = _decoder()
    out: list[tuple[int, int]] = []
    parts = clauses(text)
    for offset, clause in parts:
        out.extend((offset + a, offset + b) for a, b in _clause_names(tagger, clause, cue_floor))
    more = _repeated(text, parts, out, tagger)
    return sorted(out + more) if more else out


#: A name found in a text is a name again where the same characters recur in it (news and
#: tickets name a person in full, then again: 李庆振说… 李庆振表示…), when the CRF gives a name
#: starting there at least this probability; the best tagging of each clause alone misses some
#: of those. The floor keeps out recurrences inside words (a name 张明 in 张明天). Chosen on
#: development text (docs/bench/names.md): the cross-validated MSRA training split (folds 0-1,
#: 4,037 names) read as ``cnprivacy scan`` reads a file, 2,000 lines a call, F1 0.9420 by the
#: clause alone; 0.9437 at a floor of 0.01, 0.9450 at 0.05, 0.9449 at 0.1, 0.9448 at 0.2.
REPEAT_FLOOR: Final = 0.05


def _repeated(text: str, parts: list[tuple[int, str]], found: list[tuple[int, int]],
              tagger: Any) -> list[tuple[int, int]]:
    """Recurrences in ``text`` of the names ``found`` in it, outside every found name, whose
    start the CRF gives at least :data:`REPEAT_FLOOR` (``parts``: the text's clauses)."""
    if not found:
        return []
    busy = bytearray(len(text))
    for a, b in found:
        busy[a:b] = b"\x01" * (b - a)
    # The names by their first two characters (every name has two or more), longest first (a
    # recurrence of 欧阳振华 is not one of 欧阳振); one pass over the text, not one search a
    # name (a scan block holds thousands).
    by_head: dict[str, list[str]] = {}
    for name in sorted({text[a:b] for a, b in found}, key=len, reverse=True):
        by_head.setdefault(name[:2], []).append(name)
    firsts = {head[0] for head in by_head}
    # Where their first characters stand: a regular expression walks a long text in C (a
    # Python loop over a 2,000-line block cost 15 % of the finder); compiling one costs more
    # than a line.
    starts: Iterable[int] = (
        (m.start() for m in re.finditer("[" + "".join(map(re.escape, firsts)) + "]", text))
        if len(text) > 1000 else (a for a, ch in enumerate(text) if ch in firsts))
    candidates = []
    for a in starts:
        heads = None if busy[a] else by_head.get(text[a:a + 2])
        if heads:
            name = next((n for n in heads if text.startswith(n, a)), "")
            b = a + len(name)
            if name and not any(busy[a:b]):  # not inside or across a found name
                candidates.append((a, b))
                busy[a:b] = b"\x01" * (b - a)
    if not candidates:
        return []
    offsets = [o for o, _ in parts]
    out: list[tuple[int, int]] = []
    tagged = -1
    for a, b in candidates:
        c = bisect_right(offsets, a) - 1
        if c < 0 or b > offsets[c] + len(parts[c][1]):
            continue  # in a clause with no surname (a name found after a cue may start without one)
        offset, clause = parts[c]
        if c != tagged:  # the decoder holds the marginals of the clause it tagged last
            tagger.tag(_clause_features(clause))
            tagged = c
        if tagger.marginal("B", a - offset) >= REPEAT_FLOOR:
            out.append((a, b))
    return out


#: De-identification leaves a name whole when no character of it is masked, and a masked word
#: that was no name costs little; so when names are found for masking (``recall=True``), a
#: character is also masked when the CRF gives it at least this probability of being inside a
#: name (tag B or I), even where the best tagging says O. Chosen for the shipped CRF on text
#: its models had not learned (``bench/names_cv.py --crf-offset 3.0 --crf-copies 2
#: --crf-swaps 1``, the five folds of the People's Daily NER dev split, each fold's model also
#: on the Weibo NER dev split): the highest floor at which each fold's masking leaves at most
#: 4 % of Weibo dev's names whole (a margin under the issue's 5 %) and at most 2 % of NER
#: dev's. At 0.001 that is 2.9 % and 0.5 %, masking 3.2 % and 2.4 % of their characters
#: outside every person name; at 0.002, the floor for the CRF before it learned swapped names,
#: 4.4 % of Weibo dev's names are left (2.5 % and 1.8 % masked) (docs/bench/names.md; the same
#: floor was chosen for the CRF before this one, which read the scan's spans; for the CRF
#: retrained on the default finder with character classes, folds 0-1 leave at it none of NER
#: dev's names and 2.2 % of Weibo dev's). A lone character masked this way is no name left for
#: ``deid --verify`` (:func:`.name.left_in_output`).
RECALL_FLOOR: Final = 0.001


def find_names_recall(text: str, floor: float = RECALL_FLOOR, *,
                      word_ends: bool = True) -> list[tuple[int, int]]:
    """Spans to mask as personal names in ``text``: every character inside a name that the
    default finder masks (its recall bias), inside a name of :func:`find_names_accurate`, or
    (a Han character) that the CRF puts inside a name with probability at least ``floor``;
    runs of such characters are one span, cut where a found name starts (sorted, none
    overlapping). For de-identification, where a name left costs more than a word
    over-masked. With ``word_ends`` the floor spares a character that ends a common word
    whose other characters stay unmasked (方 of 对方): :func:`_ends_word`.

    The default finder's masking is taken whole so that choosing the accurate model never
    leaves a name that default de-identification masks: on the Weibo NER dev split, with the
    models of 2026-12-05, this left 3 of 68 names whole instead of 4, for 48 more characters
    masked outside every name (250 of 14,647; with the models shipped since: 3 of 68 and 311
    characters). ``bench/names_cv.py`` reports the same union on its folds."""
    tagger = _decoder()
    marked = bytearray(len(text))
    # Where a found name starts outside every other found name: a run of marked characters is
    # cut there, so that names written together stay one span each (李庆振和刘泽民刘顺尧 masks
    # to 李***刘**刘**, the surname of each kept as deid keeps it, not to 李********).
    starts = bytearray(len(text) + 1)
    inner = bytearray(len(text) + 1)

    def found(a: int, b: int) -> None:
        marked[a:b] = b"\x01" * (b - a)
        starts[a] = 1
        inner[a + 1:b] = b"\x01" * (b - a - 1)

    for a, b in _name.find_names(text, True):
        found(a, b)
    seen: list[bool] = []
    common = _word_ends() if word_ends else frozenset()
    parts = clauses(text)
    crf: list[tuple[int, int]] = []
    for offset, clause in parts:
        for a, b in _clause_names(tagger, clause, CUE_FLOOR, seen):
            found(offset + a, offset + b)
            crf.append((offset + a, offset + b))
        # A character more than three after every surname is in no name of 2-4 characters
        # that starts with one; its probability is the same small constant everywhere (it has
        # the one outside feature), which a low floor would otherwise mask wholesale. Digits,
        # spaces, punctuation and symbols are in no name either, though the CRF gives those
        # near a name the floor's small probabilities too (工单 #2026… masked its space and
        # digits), and it reads every Latin letter as one class, so its probability there says
        # nothing of a name (工单号WO-88213 masked WO): the floor marks Han characters only,
        # and the mask characters of a name already masked (刘**), so that the run holding
        # them is recognised below.
        for i, ch in enumerate(clause):
            if seen[i] and not marked[offset + i] and (_han(ch) or ch in _MASKS) and (
                    tagger.marginal("B", i) + tagger.marginal("I", i) >= floor):
                if common and _ends_word(clause, i, marked, offset, common):
                    continue
                marked[offset + i] = 1
    for a, b in _repeated(text, parts, crf, tagger):
        found(a, b)
    out: list[tuple[int, int]] = []
    start = -1
    for i, m in enumerate([*marked, 0]):
        if start >= 0 and (not m or (starts[i] and not inner[i])):
            # A run holding a mask character is a name already masked (刘**), which the CRF
            # still scores as a name: `deid --verify` on masked output must not count it left.
            if not _MASKS.intersection(text[start:i]):
                out.append((start, i))
            start = -1
        if m and start < 0:
            start = i
    return out


_MASKS = frozenset("*＊")


#: Words of call transcripts, tickets and complaint files that end in a surname character and
#: that jieba's dictionary lacks or counts below the common-word bar of :func:`_ends_word`
#: (坐席 35, 座席 31, 下单 38, 感谢信 26, 投诉信 7; 工单, 催单, 派单 absent). 坐席： opens
#: every agent line of a transcript, and the floor masked its 席 on each (坐*：您好). None of
#: them is a name, and the rule spares only a character the floor alone would mask, never a
#: name either finder found.
SERVICE_WORDS: Final = frozenset({
    "坐席", "座席", "专席", "工单", "催单", "退单", "下单", "改单", "补单", "接单", "派单",
    "投诉信", "举报信", "感谢信", "表扬信",
})


@cache
def _word_ends() -> frozenset[str]:
    """The words :func:`_ends_word` reads: jieba's common words and :data:`SERVICE_WORDS`."""
    return _name._common_words() | SERVICE_WORDS


def _ends_word(clause: str, i: int, marked: bytearray, offset: int,
               common: frozenset[str]) -> bool:
    """Whether character ``i`` of ``clause`` ends a common word (jieba, frequency >= 50, no
    name; or one of :data:`SERVICE_WORDS`) whose other characters nothing masks: 方 of 对方,
    信 of 来信, 席 of 坐席. Such a character is a surname only by its shape; the floor alone
    does not mask it."""
    return any(i >= k and clause[i - k:i + 1] in common
               and not any(marked[offset + i - k:offset + i]) for k in (1, 2))


def _han(ch: str) -> bool:
    """A Han character (the unified ideographs, their extension A and the planes beyond)."""
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"


def check_names_mode(mode: str) -> None:
    """Raise ValueError for an unknown mode and ImportError (naming the extra) when
    ``accurate`` cannot run here; load its model now so the first text pays nothing."""
    if mode not in _name.NAMES_MODES:
        raise ValueError(f"names mode {mode!r} is not one of {', '.join(_name.NAMES_MODES)}")
    if mode == _name.NAMES_ACCURATE:
        load()


def find_names_in(text: str, mode: str, *, recall: bool = False) -> list[tuple[int, int]]:
    """Spans of personal names in free text with the finder ``mode`` (see
    :data:`.name.NAMES_MODES`); ``recall`` finds them for masking (the default finder with its
    recall bias, :func:`.name.find_names`; :func:`find_names_recall` for ``accurate``)."""
    if mode == _name.NAMES_FAST:
        return _name.find_names(text, recall)
    if mode == _name.NAMES_ACCURATE:
        return find_names_recall(text) if recall else find_names_accurate(text)
    raise ValueError(f"names mode {mode!r} is not one of {', '.join(_name.NAMES_MODES)}")
