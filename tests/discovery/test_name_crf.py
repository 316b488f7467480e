"""The accurate finder's C decoder gives python-crfsuite's tags and probabilities.

``pitypes/name_crf.py`` reads the shipped CRFsuite model itself and ``_native/_crf.c`` decodes
it; both are checked here against python-crfsuite's tagger on the same features: the weights
against its dump, the tags and every marginal on the evaluation corpora and generated clauses,
the finder's output with the accelerator on and off, and a damaged model file.
"""

from __future__ import annotations

import random
import struct
from array import array
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnprivacy.discovery._native import native, pure_python
from cnprivacy.discovery.pitypes import name as N
from cnprivacy.discovery.pitypes import name_accurate as A
from cnprivacy.discovery.pitypes import name_crf

from .evalcorpus import Corpus

pytestmark = [
    pytest.mark.skipif(not A.available(), reason="the 'names' extra (python-crfsuite) is not installed"),
    pytest.mark.skipif(native("_crf") is None, reason="C accelerator not built (no compiler)"),
]

_PIECES = ["客户", "姓名：", "尊敬的", "记者", "欧阳", "王", "李明", "刘泽民", "钱其琛", "温宪",
           "叶利钦", "说", "先生", "阳光", "权威", "中国", "１２", "abc", "，", "、", " ", "𠀀",
           "\x00", "邓小平理论", "同志", "总经理", "和"]


def _decoder() -> name_crf.Decoder:
    crf = native("_crf")
    assert crf is not None
    return name_crf.Decoder(A._weights(), crf)


def _agree(clauses: Sequence[str]) -> int:
    """Assert that both taggers agree on every clause; the number of positions compared."""
    tagger, ours = A._tagger(), _decoder()
    compared = 0
    for clause in clauses:
        feats = A.features(clause, N.find_names_for(clause, "features"))
        assert ours.tag(feats) == tagger.tag(feats), clause
        for t in range(len(feats)):
            for label in "OBI":
                # The same sums in the same order: equal to the last bit with the pinned
                # python-crfsuite; the tolerance is for a CRFsuite built with its SSE exp.
                assert ours.marginal(label, t) == pytest.approx(
                    tagger.marginal(label, t), rel=1e-12, abs=1e-300), (clause, t, label)
        compared += len(feats)
    return compared


def test_the_weights_are_those_of_the_model() -> None:
    weights = A._weights()
    assert weights.labels == ("O", "B", "I")
    info = A._tagger().info()  # python-crfsuite's dump: six decimals
    n = len(weights.labels)
    kept = [(a, label) for a in weights.index for label in weights.labels
            if weights.state[weights.index[a] * n + weights.labels.index(label)] != 0.0]
    assert set(kept) == set(info.state_features)
    for (attr, label), weight in info.state_features.items():
        got = weights.state[weights.index[attr] * n + weights.labels.index(label)]
        assert got == pytest.approx(weight, abs=5e-6), (attr, label)
    for (a, b), weight in info.transitions.items():
        got = weights.trans[weights.labels.index(a) * n + weights.labels.index(b)]
        assert got == pytest.approx(weight, abs=5e-6)


def test_tags_and_marginals_agree_on_the_corpora(corpus: Corpus, heldout: Corpus) -> None:
    clauses = [c for line in corpus.lines + heldout.lines for _o, c in A.clauses(line)]
    assert _agree(clauses) > 20_000


def test_tags_and_marginals_agree_on_the_issues_sentences() -> None:
    _agree(["外交部长钱其琛说，双方应加强合作", "新华社记者温宪报道", "公司总经理李庆振介绍了今年的计划",
            "出席会议的有刘泽民刘顺尧刘剑锋等同志", "收件人：梅杰，请尽快取件", "冬天的阳光照进了院子",
            "王", "王明", "王明\x00说", "\x00王明", "王" * 60])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=16))
def test_generated_clauses_agree(parts: list[str]) -> None:
    _agree(["".join(parts)])


def test_the_finder_finds_the_same_with_and_without_the_accelerator(corpus: Corpus) -> None:
    rng = random.Random(3)
    texts = [*rng.sample(corpus.lines, 400), "出席会议的有刘泽民刘顺尧刘剑锋等同志。"]
    fast = [(A.find_names_accurate(t), A.find_names_recall(t)) for t in texts]
    assert any(found for found, _ in fast)
    with pure_python():
        assert isinstance(A._decoder(), type(A._tagger()))
        slow = [(A.find_names_accurate(t), A.find_names_recall(t)) for t in texts]
    assert fast == slow
    assert isinstance(A._decoder(), name_crf.Decoder)


def test_an_empty_sequence_tags_to_nothing() -> None:
    assert _decoder().tag([]) == []


def test_a_damaged_model_is_refused() -> None:
    data = resources.files("cnprivacy.discovery.pitypes").joinpath(A.MODEL_FILE).read_bytes()
    for bad, match in ((b"", "truncated"), (b"XCRF" + data[4:], "first-order"),
                       (data[:40], "truncated"), (data[:200_000], "truncated|CQDB|feature")):
        with pytest.raises(name_crf.CrfModelError, match=match):
            name_crf.read_weights(bad)
    off_features = struct.unpack_from("<I", data, 28)[0]
    broken = bytearray(data)
    broken[off_features:off_features + 4] = b"XXXX"
    with pytest.raises(name_crf.CrfModelError, match="feature chunk"):
        name_crf.read_weights(bytes(broken))


def test_the_c_functions_check_their_arguments() -> None:
    crf = native("_crf")
    assert crf is not None
    trans = array("d", [0.0] * 9)
    with pytest.raises(ValueError, match="doubles"):
        crf.viterbi(b"\0" * 24, array("d", [0.0] * 4), 3)
    with pytest.raises(ValueError, match="whole number"):
        crf.marginals(b"\0" * 20, trans, 3)
    with pytest.raises(ValueError, match="an array of doubles"):
        crf.scores([["a"]], {"a": 0}, array("f", [0.0] * 3), 3)
    with pytest.raises(TypeError, match="list"):
        crf.scores(["王"], {}, array("d"), 3)
    with pytest.raises(ValueError, match="out of range"):
        crf.scores([["a"]], {"a": 5}, array("d", [0.0] * 3), 3)
    with pytest.raises(ValueError, match="labels"):
        crf.viterbi(b"", trans, 0)
    # One position, no transition: the best label is the highest state score, and the
    # marginals are its softmax.
    state = crf.scores([["a", "b", "zzz"]], {"a": 0, "b": 1}, array("d", [1.0, 0.0, 0.5,
                                                                         0.5, 0.0, 0.0]), 3)
    assert list(memoryview(state).cast("d")) == [1.5, 0.0, 0.5]
    assert crf.viterbi(state, trans, 3) == b"\x00"
    probs = list(memoryview(crf.marginals(state, trans, 3)).cast("d"))
    assert sum(probs) == pytest.approx(1.0)
    assert probs[0] > probs[2] > probs[1]


def test_another_model_is_read_by_both_taggers_inside_the_block(tmp_path: Path) -> None:
    shipped = resources.files("cnprivacy.discovery.pitypes").joinpath(A.MODEL_FILE).read_bytes()
    weights = name_crf.read_weights(shipped)
    assert A.find_names_accurate("外交部长钱其琛说") == [(4, 7)]
    # A model that knows three made-up attributes and none of the finder's: it tags no name.
    pycrfsuite = pytest.importorskip("pycrfsuite")
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([["a"], ["b"]], ["O", "O"])
    trainer.append([["a"], ["c"]], ["B", "I"])
    model = tmp_path / "tiny.crfsuite"
    trainer.train(str(model))
    with A.other_model(model):
        assert A._weights().labels != weights.labels or A._weights().index != weights.index
        assert A.find_names_accurate("外交部长钱其琛说") == []
        with pure_python():
            assert A.find_names_accurate("外交部长钱其琛说") == []
    assert A._weights().index == weights.index
    assert A.find_names_accurate("外交部长钱其琛说") == [(4, 7)]
