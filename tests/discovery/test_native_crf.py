"""The C features of the accurate name finder equal its pure-Python reference.

``features`` in ``_native/_cjk.c`` against ``name_accurate._features_python``, list for list
and string for string, on the evaluation corpora, generated text built to reach every feature
(surnames and compound surnames near cues, words and jieba's person names, digits, Latin and
full-width characters, characters beyond the BMP, clause edges), with and without the default
finder's spans; and the dispatch: the accelerator when built, the reference when switched off.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnprivacy.discovery._native import CONFIG_VERSIONS, native, pure_python
from cnprivacy.discovery.pitypes import name as N
from cnprivacy.discovery.pitypes import name_accurate as A

from .evalcorpus import Corpus, make_corpus

_BUILT = pytest.mark.skipif(native("_cjk") is None, reason="C accelerator not built (no compiler)")

_PIECES = ["客户", "姓名：", "联系人 ", "尊敬的", "收件人:", "记者", "欧阳", "司马", "诸葛", "上官",
           "欧阳明", "司马光", "王", "李明", "张伟", "刘泽民", "钱其琛", "温宪", "叶利钦", "穆巴拉克",
           "说", "先生", "来电", "阳光", "权威", "高兴", "中国", "人民", "经济", "１２", "2024",
           "abc", "Ｘ", "，", "、", "“", "”", " ", "\t", "\u3000", "：", "𠀀", "\U0001F600", "^", "$",
           "#", "²", "①", "\x00", "\U0001d7d8", "邓小平理论", "记者温宪报道", "同志"]
_CHARS = ("王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐欧阳司马明华伟芳丽强军平民泽"
          "的了是在和说会议今天国中人1２aZ：: \t，。𠀀\U0001F600^$#²")


def _check(clause: str, default: Sequence[tuple[int, int]]) -> None:
    cjk = native("_cjk")
    assert cjk is not None
    got = cjk.features(clause, default, A._native_config())
    want = A._features_python(clause, default)
    assert got == want, clause
    # The positions outside every name are the one shared list, as the caller tests them.
    assert [f is A._OUTSIDE for f in got] == [f is A._OUTSIDE for f in want], clause


def _spans(clause: str, rng: random.Random) -> list[tuple[int, int]]:
    """Some non-overlapping spans of 2-4 characters inside the clause."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(clause) - 1:
        if rng.random() < 0.3:
            b = min(len(clause), i + rng.randint(1, 4))
            out.append((i, b))
            i = b
        i += 1
    return out


def _clauses(lines: list[str]) -> list[str]:
    return [m.group() for line in lines for m in A._CLAUSE.finditer(line)]


@_BUILT
def test_features_agree_on_the_corpora(corpus: Corpus, heldout: Corpus) -> None:
    rng = random.Random(5)
    clauses = _clauses(corpus.lines + heldout.lines)
    assert len(clauses) > 1000
    for clause in clauses:
        _check(clause, N.find_names(clause))
        _check(clause, ())
        _check(clause, _spans(clause, rng))


@_BUILT
def test_features_agree_on_a_fresh_corpus() -> None:
    pytest.importorskip("faker")
    for clause in _clauses(make_corpus(rows=1, lines=300, seed=11).lines):
        _check(clause, N.find_names(clause))


@_BUILT
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet=_CHARS, max_size=6)),
                max_size=14), st.randoms(use_true_random=False))
def test_generated_clauses_agree(parts: list[str], rng: random.Random) -> None:
    clause = "".join(parts)
    _check(clause, N.find_names(clause))
    _check(clause, ())
    _check(clause, _spans(clause, rng))


@_BUILT
def test_edges_agree() -> None:
    for clause in ("", "王", "欧", "阳", "𠀀", "a", "1", "王明", "欧阳", "司马", "欧阳娜娜", "𠀀王明",
                   "王明𠀀", "王𠀀明", "\U0001F600欧阳明说", "客户王", "客户：王明", "尊敬的 欧阳明",
                   "收件人:\t李四", "记者温宪报道", "王明\x00", "张三\x00", "\x00王明", "1２３王a",
                   "王\U0001d7d8明", "刘泽民刘顺尧刘剑锋", "叶利钦和穆巴拉克", "阳光权威", "王" * 40):
        _check(clause, ())
        _check(clause, N.find_names(clause))
        if len(clause) >= 2:
            _check(clause, [(0, 2)])
            _check(clause, [(len(clause) - 2, len(clause))])
    # Spans at the clause's ends and the Python list indexing of the reference.
    _check("王明说", [(0, 3)])
    _check("王明说", [(2, 3)])
    _check("王明说", [(-1, 0)])
    _check("王明说", [(1, 1)])


@_BUILT
def test_features_refuse_bad_spans_as_the_reference_does() -> None:
    cjk = native("_cjk")
    assert cjk is not None
    for bad in ([(5, 6)], [(0, 9)], [(-9, 0)]):
        with pytest.raises(IndexError):
            A._features_python("王明说", bad)
        with pytest.raises(IndexError):
            cjk.features("王明说", bad, A._native_config())


@_BUILT
def test_features_refuse_a_configuration_of_another_shape() -> None:
    cjk = native("_cjk")
    assert cjk is not None
    config = A._native_config()
    assert config[0] == CONFIG_VERSIONS["_cjk"]
    with pytest.raises(ValueError, match="configuration"):
        cjk.features("王明说", (), config[:-1])
    with pytest.raises(ValueError, match="configuration"):
        cjk.features("王明说", (), (CONFIG_VERSIONS["_cjk"] + 1, *config[1:]))
    with pytest.raises(ValueError, match="sizes"):
        cjk.features("王明说", (), (*config[:12], config[12][:-1], *config[13:]))


def test_features_dispatch() -> None:
    clause = "新华社记者温宪报道"
    default = N.find_names(clause)
    want = A._features_python(clause, default)
    assert A.features(clause, default) == want
    with pure_python():
        assert A.features(clause, default) == want


@_BUILT
def test_the_configuration_follows_the_priors(monkeypatch: pytest.MonkeyPatch) -> None:
    # Training swaps the default finder's weights and clears _priors: the C must then read
    # the new buckets, as the reference does.
    clause = "记者温宪报道"
    before = A.features(clause, ())
    monkeypatch.setattr(N, "_weights", lambda use="scan": {"": 0.0, "g1:宪": 9.0})
    A._priors.cache_clear()
    try:
        assert A.features(clause, ()) == A._features_python(clause, ()) != before
    finally:
        monkeypatch.undo()
        A._priors.cache_clear()
    assert A.features(clause, ()) == before
