"""The C accelerators of the text path agree with their pure-Python references.

``_native/_cjk.c`` (names, address anchors), ``_native/_layout.c`` (span merge, per-line
records) and the whole scanner with and without them: on the evaluation corpus, the held-out
lines and generated text built to hit the rules' edges (cues, colons, white space, compound
surnames, text ends, characters outside the BMP).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery import detect
from cnprivacy.discovery import scanner as S
from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import native, pure_python
from cnprivacy.discovery.pitypes import address as A
from cnprivacy.discovery.pitypes import health as H
from cnprivacy.discovery.pitypes import name as N

from .evalcorpus import Corpus

_BUILT = pytest.mark.skipif(native("_cjk") is None or native("_layout") is None,
                            reason="C accelerators not built (no compiler)")


def _names_reference(text: str, recall: bool = False) -> list[tuple[int, int]]:
    """What find_names gives without the accelerators."""
    return N.names_reference(text, "recall" if recall else "scan")


def _rid(body: str) -> str:
    return body + mod_11_2.calc_check_digit(body)


def _blocks(corpus: Corpus, heldout: Corpus, size: int = 150) -> Iterator[str]:
    for lines in (corpus.lines, heldout.lines):
        for i in range(0, len(lines), size):
            yield "\n".join(lines[i:i + size])


@_BUILT
def test_names_and_addresses_agree_on_the_corpus(corpus: Corpus, heldout: Corpus) -> None:
    for text in _blocks(corpus, heldout):
        assert N.find_names(text) == _names_reference(text)
        # De-identification's recall bias: the same tables, a higher bias.
        assert N.find_names(text, recall=True) == _names_reference(text, recall=True)
        assert A.find_addresses(text) == A._find_addresses_python(text)


_NAMEISH = ("王李张欧阳司马诸葛上官明华伟芳丽强客户姓名联系人收件人先生女士来电称的了高兴明天"
            "北京市朝阳区建国路号栋室省深圳南山街道村上海浦东新区县镇1２A：: \t\u3000，。\n"
            "\U0001F600\u4dff\ua000")
_PIECES = ["客户", "姓名：", "联系人 ", "尊敬的", "欧阳", "司马", "诸葛亮", "王", "李明", "张伟",
           "先生", "来电", "北京市", "朝阳区", "建国路1号", "3栋", "深圳", "南山区", "街道",
           "广东省", "号", "：", "\n", "\u3000", " ", "法定代表人", "收货人:", "欧阳明", "上官"]


@_BUILT
@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet=_NAMEISH, max_size=5)),
                max_size=16))
def test_generated_text_agrees(parts: list[str]) -> None:
    text = "".join(parts)
    assert N.find_names(text) == _names_reference(text)
    assert N.find_names(text, recall=True) == _names_reference(text, recall=True)
    assert A.find_addresses(text) == A._find_addresses_python(text)


@_BUILT
def test_text_ends_and_edges_agree() -> None:
    for text in ("", "王", "王明", "欧阳", "欧阳明", "客户王", "姓名：\t 欧阳娜娜", "：王明", "客户：",
                 "北京", "北京市", "北京市朝阳区", "\U0001F600王明说", "王明\U0001F600", "明天王",
                 "收件人：欧阳", "广东省深圳市南山区", "abc李四def", "李四", "客户\n王五来电",
                 # U+0000 after a name: no word holds it (its packed key would be 0).
                 "严何\x00\x00", "严何\x00", "王明\x00\x00\x00先生"):
        assert N.find_names(text) == _names_reference(text), text
        assert N.find_names(text, True) == _names_reference(text, True), text
        assert A.find_addresses(text) == A._find_addresses_python(text), text


# Transliterated names and the words around them: four-character candidates (a single
# surname and three transliteration characters), runs that go on to the right or began on
# the left, a compound surname, a character beyond the BMP, a text edge.
_TRANSLIT_TEXTS = ("阿尔维斯告诉我", "穆巴拉克抵拉塔基亚后", "外援罗纳尔多今天在场上", "巴基斯坦和印度",
                   "小马尔蒂尼的防守", "王明和阿巴查", "海德尔等人", "尤尔科夫及该委员会", "在阿维兰热任职",
                   "阿尔维斯", "阿", "阿尔", "欧阳巴拉克说", "贾斯蒂卡最近", "斯阿尔维斯卡",
                   "阿尔维\U0001F600", "内塔尼亚胡和穆巴拉克就中东", "卢比")
_TRANSLIT_FEATURES = ("n:3", "t1", "t2", "t3", "tn1", "tn2", "tn3", "tp1", "tp2", "tp3")


@_BUILT
@pytest.mark.parametrize("weight", [4.0, -4.0, 0.0])
def test_transliteration_features_agree_whatever_their_weights(weight: float) -> None:
    # The shipped weights may give these features any sign; C and Python must agree on all.
    weights = {**N._weights(), **dict.fromkeys(_TRANSLIT_FEATURES, weight)}
    saved = N._weights
    N._weights = lambda use="scan": weights  # type: ignore[assignment]
    N._scored_tables.cache_clear()
    N._text_finder.cache_clear()  # it holds the tables it was built with
    try:
        for text in _TRANSLIT_TEXTS:
            assert N.find_names(text) == _names_reference(text), text
            assert N.find_names(text, True) == _names_reference(text, True), text
            four = [c for c in N.score_candidates(text, weights) if c[2] - c[1] == 4
                    and text[c[1]:c[1] + 2] not in N.COMPOUND_SURNAMES]
            for _score, a, b in four:  # a single surname and three: all transliterated
                assert N._TRANSLIT.issuperset(text[a:b]), text
        if weight > 0:  # the four-character candidate is reached, on both paths
            assert N.find_names("阿尔维斯告诉我") == [(0, 4)]
    finally:
        N._weights = saved  # type: ignore[assignment]
        N._scored_tables.cache_clear()
        N._text_finder.cache_clear()


@_BUILT
@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TRANSLIT_TEXTS),
                          st.text(alphabet="阿尔维斯巴拉克罗纳多王李欧阳说的，\n", max_size=6)),
                max_size=10))
def test_generated_transliterations_agree(parts: list[str]) -> None:
    text = "".join(parts)
    assert N.find_names(text) == _names_reference(text)
    assert N.find_names(text, recall=True) == _names_reference(text, recall=True)


@_BUILT
def test_scorer_reads_each_configuration_it_is_given() -> None:
    # The C scorer keeps its reading of the last two configuration tuples: a third one, an
    # equal copy and the two it keeps must each be read as what they are, in any order.
    cjk = native("_cjk")
    assert cjk is not None
    text = "经理王小明和李华说，阿尔维斯告诉我。这件事柏远也知道。"
    cues, phrases = N._native_tables(), N._packed_phrases()
    scan, recall = N._scored_tables(), N._scored_tables("recall")
    scalars = scan[8]
    assert isinstance(scalars, tuple)
    # a bias no candidate passes, and no cue floor (it would drop every cued name)
    nothing = (*scan[:8], (-1e9, *scalars[1:-1], -math.inf), *scan[9:])
    expected = {"scan": N.find_names(text), "recall": N.find_names(text, True),
                "nothing": N._without_phrases(text, N._cued_names_python(text, True))}
    assert expected["scan"] != expected["recall"]  # 柏远 only for masking
    assert expected["nothing"] != expected["scan"]
    for label, config in (("scan", scan), ("nothing", nothing), ("recall", recall),
                          ("scan", tuple(scan)), ("recall", recall), ("nothing", nothing),
                          ("scan", scan), ("nothing", tuple(nothing))):
        assert cjk.scored(text, config, cues, phrases) == expected[label], label


@_BUILT
def test_scorer_refuses_a_bad_configuration_every_time() -> None:
    # A configuration found malformed is not kept: the next call with it fails the same way.
    cjk = native("_cjk")
    assert cjk is not None
    scan = N._scored_tables()
    short_scalars = (*scan[:8], (0.0,), *scan[9:])
    for _ in range(2):
        with pytest.raises(ValueError, match="scalars"):
            cjk.scored("王小明说", short_scalars)
        with pytest.raises(ValueError, match="version"):
            cjk.scored("王小明说", (0, *scan[1:]))
        with pytest.raises(TypeError, match="item 1"):
            cjk.scored("王小明说", (scan[0], "classes", *scan[2:]))
    assert cjk.scored("经理王小明说", scan) == [(2, 5)]


@_BUILT
def test_left_cue_window_and_white_space_agree() -> None:
    # A strong left cue lifts the strict test for given names whose first two characters are
    # a word (丁卯明): the cue, colon and white space must fit in the six characters before.
    words, _ = N._lexicon()
    heads = [w for w in sorted(words) if len(w) == 2 and w[0] in N.SINGLE_SURNAMES
             and w[1] not in N._NOT_GIVEN][:5]
    for cue in N._STRONG_LEFT:
        for colon in ("", ":", "："):
            for space in ("", " ", "\t", " \t", "\u3000", "  \t "):
                for head in heads:
                    for pad in ("", "x", "某某"):
                        text = f"{pad}{cue}{colon}{space}{head}明。"
                        assert N.find_names(text) == _names_reference(text), text


@_BUILT
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12))
def test_merge_agrees(base: list[tuple[int, int]], extra: list[tuple[int, int]]) -> None:
    def tidy(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        # What the finders give: increasing starts, no overlaps.
        out: list[tuple[int, int]] = []
        for s, n in sorted(set(spans)):
            if not out or s >= out[-1][1]:
                out.append((s, s + n))
        return out

    b = [(s, e, T.CN_MOBILE) for s, e in tidy(base)]
    x = tidy(extra)
    assert native("_layout").merge(b, x, T.PERSON_NAME) == \
        detect._merge(b, [(s, e, T.PERSON_NAME) for s, e in x])


@_BUILT
def test_merge_refuses_unsorted_extras() -> None:
    with pytest.raises(ValueError):
        native("_layout").merge([], [(5, 6), (1, 2)], T.ADDRESS)


def _edge_lines() -> list[str]:
    kid, adult = _rid("11010120150302123"), _rid("11010119900307123")
    many = "，".join(_rid(f"110101199003{d:02d}123") for d in range(1, 29)) * 3  # 84 IDs
    return [
        f"患者{kid}，糖尿病", f"客户 {adult} 电话13812345678", "0086 13812345678 与 +8613812345678",
        "008613812345678，邮箱 Zhang.San@Example.COM",
        "１３８１２３４５６７８ 和 １１０１０１１９９００３０７１２３Ｘ",
        "", "没有个人信息的一行", many, f"卡号6217001234567890126 {adult.lower()}",
        "E12345678 护照", "H12345678，邮箱a@b.cn", "手机 138-1234-5678、13912345678",
        f"{kid[:6]} {kid[6:14]} {kid[14:]}", "line with\nnewline 13812345678",
    ]


def _minor_lines() -> list[str]:
    """Resident IDs on both sides of the 14th and 18th birthdays as of 2026-03-01, alone, with
    a mobile, after an adult's ID, before a child's ID, or with a sensitive span on the line."""
    ids = [_rid(f"440305{birth}{seq}") for birth in ("20120301", "20120302", "20080301",
                                                     "20080302") for seq in ("101", "202")]
    adult, child = _rid("11010119900307303"), ids[2]
    return [line for i in ids for line in (
        f"学生{i}", f"{i} 电话13812345678", f"{adult}，监护人{i}", f"{i} 糖尿病", f"{i}，{child}")]


def _pure_python() -> AbstractContextManager[None]:
    return pure_python()


@_BUILT
@pytest.mark.parametrize(("age", "adult"), [(14, None), (None, None), (14, 18), (None, 18)])
def test_layout_agrees_per_block(corpus: Corpus, heldout: Corpus, age: int | None,
                                 adult: int | None) -> None:
    as_of = date(2026, 3, 1)
    native = S._layout_function(as_of, age, adult)
    lines = corpus.lines + heldout.lines + _edge_lines() * 3 + _minor_lines()
    for i in range(0, len(lines), 120):
        block = lines[i:i + 120]
        text = "\n".join(block)
        found = detect.find_tuples(text)
        assert native(text, block, found, i + 1) == \
            S._layout_python(text, block, found, i + 1, as_of, age, adult)


@_BUILT
@pytest.mark.parametrize("types", [None, T.STRUCTURED_TYPES])
def test_scanner_reports_agree_with_the_pure_python_path(
        corpus: Corpus, heldout: Corpus, types: frozenset[str] | None) -> None:
    lines = corpus.lines + heldout.lines + _edge_lines()
    options = S.ScanOptions(as_of=date(2026, 3, 1), minor_age=14, adult_age=18, types=types,
                            block_lines=250)
    key = b"k" * 32
    fast = S.Scanner(options, key=key).scan_lines("t.txt", "utf-8", lines).to_dict()
    with _pure_python():
        slow = S.Scanner(options, key=key).scan_lines("t.txt", "utf-8", lines).to_dict()
    assert fast == slow
    assert fast["minors_under_14"] and fast["sensitive_individuals"]
    assert fast["minors_under_18"] > fast["minors_under_14"]


def test_0086_mobiles_count_as_the_same_person() -> None:
    lines = ["电话 008613812345678", "电话 +86 138 1234 5678", "电话 13812345678",
             "电话 0086-138-1234-5678"]
    for pure in (False, True):
        scanner = S.Scanner(S.ScanOptions(as_of=date(2026, 3, 1), minor_age=14))
        if pure:
            with _pure_python():
                rep = scanner.scan_lines("t.txt", "utf-8", lines)
        else:
            rep = scanner.scan_lines("t.txt", "utf-8", lines)
        assert [s.type for s in rep.spans] == [T.CN_MOBILE] * 4
        assert rep.individuals == 1


def test_span_table_reads_as_a_sequence() -> None:
    rep = S.Scanner(S.ScanOptions(as_of=date(2026, 3, 1), minor_age=14)).scan_lines(
        "t.txt", "utf-8", ["a 13812345678", "", "b x@y.cn 13912345678"])
    spans = rep.spans
    assert len(spans) == 3
    assert [(s.line, s.start, s.end, s.type) for s in spans] == [
        (1, 2, 13, T.CN_MOBILE), (3, 2, 8, T.EMAIL), (3, 9, 20, T.CN_MOBILE)]
    assert spans[-1] == spans[2] and spans[0:2] == list(spans)[0:2]
    assert rep.span_counts == {T.CN_MOBILE: 2, T.EMAIL: 1}


def test_stale_builds_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from cnprivacy.discovery import _native

    for name, interface in (("_layout", 1), ("_cjk", 1)):
        stale = types.ModuleType(f"cnprivacy.discovery._native.{name}")
        monkeypatch.setitem(sys.modules, stale.__name__, stale)
        assert _native.load(name, interface) is None
        stale.INTERFACE = interface  # type: ignore[attr-defined]
        assert _native.load(name, interface) is stale


@_BUILT
@pytest.mark.parametrize("found", [[(0, 99, T.CN_MOBILE)], [(-1, 2, T.CN_MOBILE)],
                                   [(3, 2, T.CN_MOBILE)], [(0, 2, "no_such_type")],
                                   [(0, 2)], [(0, 2, T.EMAIL), (9, 12, T.EMAIL)]])
def test_layout_refuses_bad_spans(found: list[tuple[object, ...]]) -> None:
    layout = S._layout_function(date(2026, 3, 1), 14)
    with pytest.raises((ValueError, KeyError, TypeError)):
        layout("abcdef", ["abcdef"], found, 1)  # type: ignore[arg-type]


def test_json_document_is_the_dict_with_one_span_per_line() -> None:
    import json

    rep = S.Scanner(S.ScanOptions(as_of=date(2026, 3, 1), minor_age=14)).scan_lines(
        "t.txt", "utf-8", ["客户王明来电称手机号为13812345678", "", "邮箱 a}, {b@x.cn 13912345678"])
    empty = S.SourceReport("empty", "text", None)
    result = S.ScanResult(as_of="2026-03-01", sources=[empty, rep, empty, rep])
    text = result.to_json()
    assert json.loads(text) == result.to_dict()
    span_lines = [ln for ln in text.splitlines() if '"line":' in ln]
    assert len(span_lines) == 2 * len(rep.spans) == 8
    assert all(ln.startswith("        {") for ln in span_lines)


def test_a_python_whose_pattern_parser_changed_runs_the_pure_python_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from cnprivacy.discovery import digitdfa

    def broken(pattern: str) -> digitdfa.DigitDFA:
        raise AttributeError("re._parser changed")

    text = "电话 010-62345678，手机 +86 138 1234 5678，身份证 11010119900307123X 邮箱 a@b.cn"
    expected = detect.find_tuples(text)
    detect._native_tables.cache_clear()
    monkeypatch.setattr(digitdfa, "digit_dfa", broken)
    try:
        assert detect._native_tables() is None
        assert detect.find_tuples(text) == expected
    finally:
        detect._native_tables.cache_clear()


# --- The fixed-phrase filter of find_names, in C (scored's phrases table) ----------------------
# Idioms in which the scored model finds a name (万马齐喑: 马齐), as jieba's dictionary has them;
# the filter must drop exactly the names the Python filter drops.
_IDIOMS = ("一马平川", "万马齐喑", "不敢高攀", "与你何干", "一生何求", "偷梁换柱", "断章取义",
           "严阵以待", "国家杜马", "三马同槽", "下乔迁谷")


def _compound_phrases() -> list[str]:
    """Four-character phrases that open with a compound surname: a four-character name equal
    to the phrase itself is not inside it (the k == start case)."""
    return [p for p in sorted(N._fixed_phrases()) if p[:2] in N.COMPOUND_SURNAMES][:20]


def _filter_alone_agrees(text: str) -> None:
    cjk = native("_cjk")
    phrases = N._packed_phrases()
    assert cjk is not None and phrases is not None
    for recall in (False, True):
        tables, cues = N._scored_tables("recall" if recall else "scan"), N._native_tables()
        assert cjk.scored(text, tables, cues, phrases) == N._without_phrases(
            text, cjk.scored(text, tables, cues)), text
        assert N.find_names(text, recall) == _names_reference(text, recall), text


@_BUILT
def test_phrase_filter_agrees_at_idiom_edges() -> None:
    dropped = 0
    for idiom in (*_IDIOMS, *_compound_phrases()):
        # The idiom whole, cut at either text end, and next to cues, names and astral text.
        for body in (idiom, idiom[1:], idiom[:3], idiom[2:], idiom + idiom):
            for head in ("", "他说", "客户", "王", "\U0001F600", "姓名：", "1"):
                for tail in ("", "。", "先生", "明", "\U0001F600", "来电", "a"):
                    text = head + body + tail
                    _filter_alone_agrees(text)
                    found = N._find_names_python(text)
                    dropped += len(found) - len(N._without_phrases(text, found))
    assert dropped > 100  # the filter had names to drop


@_BUILT
def test_phrase_table_holds_every_phrase() -> None:
    # A sample of the whole table, each phrase after a context that lets a name start in it.
    phrases = sorted(N._fixed_phrases())
    for phrase in phrases[::37]:
        _filter_alone_agrees(f"他说{phrase}。")
        _filter_alone_agrees(phrase)


@_BUILT
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from((*_IDIOMS, *_PIECES, "\U0001F600", "\x00\x00\x00\x00")),
                          st.text(alphabet=_NAMEISH + "".join(_IDIOMS), max_size=6)),
                max_size=14))
def test_generated_text_with_idioms_agrees(parts: list[str]) -> None:
    _filter_alone_agrees("".join(parts))


def test_without_the_phrase_table_find_names_filters_in_python(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A phrase the table cannot hold (beyond the BMP) leaves the filter to Python: the same
    # names.
    monkeypatch.setattr(N, "_packed_phrases", lambda: None)
    for idiom in _IDIOMS:
        text = f"他说{idiom}，王明来电"
        assert N.find_names(text) == _names_reference(text), text


# --- The units after a place name, in C (anchors: address._units_end and _enough) -------------
_UNIT_PIECES = ("北京市", "朝阳区", "深圳", "南山区", "湘潭", "和县", "城区", "郊区", "广东省", "西湖区",
                "铁路", "城市", "市区", "公路", "分局", "信用社", "路", "街道", "街", "号楼", "号院", "号",
                "单元", "室", "栋", "组", "村", "大道", "特别行政区", "自治区", "中心", "局", "委", "的",
                "12", "1234567", "ＡＢ３", "-", "－", "—", "3-5", "12－7", "a", "Z", "\U0001F600", "\n",
                " ", "，", "高新技术产业开发", "中关村", "公安局", "人民法院", "有限公司", "省长", "市场",
                "组织", "一家")
_UNITISH = ("北京市区县路街道号楼院室栋组村镇乡里城局委的了铁公农长场民织桥一安人法院司企"
            "123456789ABab０９Ａｚ-－ \n\U0001F600")


def _addresses_agree(text: str) -> None:
    assert A.find_addresses(text) == A._find_addresses_python(text), repr(text)


@_BUILT
def test_units_agree_at_their_bounds() -> None:
    # Fill runs either side of _FILL_MAX, number runs either side of _RUN_MAX, runs of units
    # either side of _MAX_UNITS, common units, and every unit at the text's end.
    heads = ("北京市", "深圳", "和县", "城区", "广东省深圳市", "西湖区", "湘潭", "我在北京市")
    tails = ("", "。", "的", "铁路", "1号", "\U0001F600", "\n", "局")
    for head in heads:
        for k in range(0, 11):
            for level in ("路", "街道", "市", "县", "城"):
                for tail in tails:
                    _addresses_agree(f"{head}{'高' * k}{level}{tail}")
        for k in range(0, 9):
            for number in ("1" * k, "Ａ" * k, f"{'2' * k}-{'3' * k}", f"{'4' * k}－5", f"6-{'7' * k}"):
                for word in ("号", "号楼", "单元", "室", "弄", "x"):
                    for tail in tails:
                        _addresses_agree(f"{head}{number}{word}{tail}")
        for count in range(A._MAX_UNITS - 2, A._MAX_UNITS + 3):
            for unit in ("1号", "东路", "村", "铁路", "A-1栋"):
                for tail in tails:
                    _addresses_agree(head + unit * count + tail)
    for text in ("郑州铁路分局", "淮南市城市信用社", "淮南市农业银行田东城市信用社", "北京市集团公司路",
                 "北京市朝阳区建国路88号银行大厦", "北京市北京电视台", "北京市市区", "深圳南山",
                 "深圳南山路", "城区道路",
                 "郊区和农区", "萍乡市委多年来坚持副县", "北京", "北京市", "", "京", "北京市\U0001F600路",
                 "\U0001F600北京市朝阳区", "北京市朝阳区" * 20):
        _addresses_agree(text)
    # Words after a unit (_LEVEL_ON; _TITLE_ON after a unit repeating its level, alone or after
    # 副, and after one that does not) and organisations after divisions alone (_ORG_AFTER
    # within and just beyond _ORG_AFTER_SPAN, and at the character that ends the run).
    for head in ("浙江省", "合肥市", "北京市朝阳区", "北京市朝阳区建国路"):
        for unit in ("省", "副市", "合肥市", "南刘陀村", "小组", "解放路", "城"):
            for after in ("长", "委", "民", "场", "织", "桥", "", "。"):
                _addresses_agree(head + unit + after)
        for k in range(0, A._ORG_AFTER_SPAN + 2):
            for word in ("公安局", "局", "委", "有限公司", "人民法院", "人民广场", "的公司", "一家公司"):
                _addresses_agree(f"{head}{'高' * k}{word}")
                _addresses_agree(f"{head}{'高' * k}{word}"[:-1])


@_BUILT
def test_every_place_name_agrees_with_units_after_it() -> None:
    names = sorted(A._anchors().names)
    tails = ("", "路", "市1号", "区中关村大街12号", "铁路局", "街道", "城", "的路")
    for place in names[::7]:
        for tail in tails:
            _addresses_agree(place + tail)
            _addresses_agree(f"寄往{place}{tail}，谢谢")


@_BUILT
@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_UNIT_PIECES), st.text(alphabet=_UNITISH, max_size=6)),
                max_size=16))
def test_generated_units_agree(parts: list[str]) -> None:
    _addresses_agree("".join(parts))


# --- Health terms in C (terms: health.HEALTH_RE's matches) ------------------------------------
def _health_agrees(text: str) -> None:
    assert H.find_health_terms(text) == H._find_health_terms_python(text), repr(text)


_HEALTH_PIECES = (*H._TERMS, *(t[:-1] for t in H._TERMS), *(t[1:] for t in H._TERMS), "HI", "hiv",
                  "\U0001F600", "\n", " ", "患者", "王明")


@_BUILT
def test_health_terms_agree() -> None:
    for term in H._TERMS:
        for head in ("", "确", "精神", "\U0001F600", "a"):
            for tail in ("", "。", term, term[:1], "\U0001F600"):
                _health_agrees(head + term + tail)
                _health_agrees(head + term[:-1] + tail)
    for text in ("", "精神分裂症", "乙肝肝炎", "丙肝炎", "HIVHIV", "核酸阳性新冠阳性", "双相情感障"):
        _health_agrees(text)


@_BUILT
def test_health_terms_agree_on_the_corpus(corpus: Corpus, heldout: Corpus) -> None:
    found = 0
    for text in _blocks(corpus, heldout):
        _health_agrees(text)
        found += len(H._find_health_terms_python(text))
    assert found > 100


@_BUILT
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_HEALTH_PIECES),
                          st.text(alphabet="".join(H._TERMS) + "\U0001F600 \n", max_size=6)),
                max_size=16))
def test_generated_health_text_agrees(parts: list[str]) -> None:
    _health_agrees("".join(parts))


@_BUILT
def test_a_long_block_of_cued_and_weak_cued_names_agrees_with_the_reference() -> None:
    # Thousands of candidates and cued names in one text, as a scan's block of 2,000 lines:
    # the accelerator's overlap checks and its weak-cue look-up walk the lists once.
    r = random.Random(7)
    pieces = ["客户：王小明来电", "下岗职工和失业者", "联系人 李华 电话", "脱贫致富结合起来",
              "经理张伟说", "会员皮肤哦", "欧阳娜娜和司马光", "我叫赵新民", "叶子表示同意"]
    text = "\n".join("，".join(r.choice(pieces) for _ in range(4)) for _ in range(2000))
    found = N.find_names(text)
    assert found == _names_reference(text)
    assert N.find_names(text, recall=True) == _names_reference(text, recall=True)
    words = {text[a:b] for a, b in found}
    assert {"王小明", "李华", "张伟", "赵新民"} <= words
    assert not words & {"和失业", "富结合", "皮肤哦"}
