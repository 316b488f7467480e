"""Chinese personal names: a surname table, given-name plausibility, context, a scored model.

A name is a surname (single or compound) plus one or two given-name characters. In a cell that
is enough with the lexicon check (jieba's dictionary, offline, rejects ordinary words such as
高兴 unless jieba tags them as person names, ``nr``). In free text two finders run: a name right
after a strong context cue (客户, 姓名：, 收件人 ...), and a linear model that scores every
surname position from its characters, its neighbours and jieba's words across its edges
(weights in ``name_weights.json``, learned by ``bench/train_names.py`` from the People's Daily
1998-01 corpus, the People's Daily NER dev split, the Weibo NER train split, CLUENER 2020,
BosonNLP's NER corpus, the Resume NER train and dev splits and the MSRA NER training split
less the sentences it shares with held-out text; a character's weight includes
the weight learned for its class of characters, ``bench/char_clusters.py``, so that characters
seldom seen weigh what their class does); candidates above zero are kept best first, none
overlapping another. That is the default (``fast``); ``accurate``
(:mod:`.name_accurate`, a character CRF that takes this finder's spans as features, optional
extra ``names``) is picked by :func:`.name_accurate.find_names_in`.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Callable
from functools import cache, partial
from importlib import resources
from typing import Final, cast

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import CONFIG_VERSIONS, enabled, native
from cnprivacy.discovery.pitypes._keys import spaceless_key
from cnprivacy.discovery.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES

NAME: Final = T.PERSON_NAME
VALIDATOR: Final = "surname table, given-name characters, jieba lexicon (and context in text)"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "identity"
HINTS: Final = ("姓名", "名字", "联系人", "收件人", "收货人", "客户名", "name")

# Characters that do not occur in given names (function words, units, place/organisation
# suffixes); a candidate containing one is not a name.
_NOT_GIVEN = frozenset(
    "的了是在和与及或就都而说有这那个们我你他她它吗呢吧啊么年月日号路街区市省县镇村元块钱"
    "公司银行电话手机码址邮箱证件卡户账单订购买卖送收寄件人员工务部门店厂局院校所处科室栋楼层"
    "驾驶参负责"
    "不没也还又再很太更最已被把让给对从向往到于以为因所如若但并且而则即便已经将要会能可应该"
    "上下左右前后里外内今昨时分秒周次个位名些种样点件条项第共总每各本该其此"
)

# Characters that do not occur in given names in running text: particles, and the characters
# of _NOT_GIVEN seen in fewer than two given names of the People's Daily tune split (其, 元, 行
# and 工 are common there and stay candidates). The scored model's candidates stop before
# them; it learns every other character's weight.
_NOT_GIVEN_TEXT = frozenset(
    "的了是吗呢吧啊么们着过"
    "都更又不再收次点务参于驾块号被这件厂将单很秒它最电院外门证负内下还送右第给各你已昨话总员"
    "说邮寄街码卡箱省共往责买把他且每订所没对钱位即校样该分楼县市室手就那店后并与左到户驶些局"
    "条个或账区处购种此司她卖项层址但便")

# Characters that Chinese transliterations of foreign names are written with (阿尔维斯,
# 穆巴拉克, 海德尔): the usual syllable characters of the Xinhua News Agency's renderings, as
# we listed them. A candidate made only of them gets features of its own (``t1``-``t3``, with
# ``tn``/``tp`` when the run goes on to the right or began on the left), whose weights the
# model learns, and a single surname followed by three of them is a four-character candidate
# too: the People's Daily conventions score transliterated names that start with a surname
# character, and on the NER dev split's folds most names the finder missed were such.
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁东杜多厄恩尔法凡范"
    "菲费芬丰冯弗福富盖甘冈戈格贡古瓜圭哈海汉豪赫黑亨洪胡华怀霍基吉加贾杰金卡凯坎康考柯科克肯"
    "孔库夸奎昆拉莱赖兰朗劳勒雷蕾里利莉丽连列林琳留卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙米密莫墨默"
    "姆穆纳娜乃奈南内尼涅纽努诺欧帕潘庞佩皮珀普奇齐恰乔切钦琴丘让热瑞若萨塞桑瑟森沙莎尚绍舍申"
    "什施舒斯松苏索塔泰坦汤唐特滕提图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休雅亚扬耶伊因英尤约"
    "泽扎詹兹佐契琼肖卓夫娃娅茨丝黛奴朱")

_STRONG_LEFT = (
    "姓名", "名字", "客户", "顾客", "用户", "会员", "联系人", "收件人", "收货人", "寄件人", "患者",
    "病人", "员工", "职工", "学生", "家长", "申请人", "投保人", "被保险人", "受益人", "持卡人",
    "户主", "法定代表人", "负责人", "经办人", "签收人", "乘客", "租客", "业主", "住户", "本人",
    "我叫", "名叫", "叫做", "尊敬的", "亲爱的", "监护人", "司机", "骑手", "学员", "房东", "借款人",
    "担保人", "车主", "房主", "承租人", "出租人", "委托人", "收款人", "付款人", "开户人", "户名",
    "账户名", "联系", "致", "我是", "他是", "她是",
)
_RIGHT_CUES = (
    "先生", "女士", "小姐", "同学", "老师", "医生", "经理", "主任", "师傅", "阿姨", "来电", "致电",
    "反映", "投诉", "表示", "称", "说", "的", "电话", "手机", "身份证", "证件", "住址", "地址",
    "性别", "年龄", "今年", "出生", "男", "女", "于", "在", "已", "办理", "联系", "签收", "预订",
    "入住", "报名", "申请", "和", "住", "住在", "住址", "来电", "来访", "来到", "家", "手", "电",
    "邮", "现", "目前", "名下", "本人",
    "同志", "收", "寄", "先", "告", "向", "将", "为", "要", "需", "被", "把", "给", "也", "还", "就", "都",
    "请", "让", "因", "从", "与", "及", "等", "您好", "你好",
)
# Right cues by first character: one dict look-up instead of ~80 startswith calls per candidate.
_RIGHT_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _cue in _RIGHT_CUES:
    _RIGHT_BY_FIRST[_cue[0]] = (*_RIGHT_BY_FIRST.get(_cue[0], ()), _cue)
del _cue
_LEFT_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _STRONG_LEFT), key=len, reverse=True)) + ")"
    "[:：]?\\s*$"
)
# Last characters of the left cues: a cheap test before the cue pattern runs.
_CUE_ENDS = frozenset(c[-1] for c in _STRONG_LEFT) | frozenset(":： \t")
_SURNAME = "(?:" + "|".join(sorted(COMPOUND_SURNAMES)) + "|[" + "".join(sorted(SINGLE_SURNAMES)) + "])"
# A surname counts only after a non-Chinese character or the last character of a cue; the
# pattern consumes that character so that ``re`` can skip ahead on a character class (about
# 5x faster than testing every surname character of the text).
_CONTEXT = "\\x00-\\u4dff\\ua000-\\U0010ffff" + "".join(
    sorted(c for c in _CUE_ENDS if "\u4e00" <= c <= "\u9fff"))
_CANDIDATE_RE = re.compile(f"[{_CONTEXT}]{_SURNAME}(?=[\u4e00-\u9fff])")


@cache
def _short_words() -> list[tuple[str, int, str]]:
    """(word, frequency, tag) of jieba's dictionary entries of two or three characters."""
    return [(w, int(f), t) for w, f, t in dictionary_entries(2, 3)]


def dictionary_entries(shortest: int, longest: int) -> list[tuple[str, str, str]]:
    """(word, frequency, tag) of jieba's dictionary entries of ``shortest`` to ``longest``
    characters (one pattern over the file: a loop over its 350 000 lines cost a third of a
    second)."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return re.findall(rf"^(\S{{{shortest},{longest}}}) (\d+) (\S+)$", text, flags=re.MULTILINE)


@cache
def _common_words() -> frozenset[str]:
    """Common 2-3 character words (jieba frequency >= 50), used to see where a name ends:
    马燕|驾驶, 吴磊|参加."""
    return frozenset(w for w, f, t in _short_words() if f >= 50 and not t.startswith("nr"))


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(ordinary words, jieba person names) of 2-3 characters that start with a surname."""
    words: set[str] = set()
    persons: set[str] = set()
    for word, freq, tag in _short_words():
        if word[0] not in SINGLE_SURNAMES and word[:2] not in COMPOUND_SURNAMES:
            continue
        if tag.startswith("nr"):
            persons.add(word)
        elif freq >= 20:
            words.add(word)
    return frozenset(words), frozenset(persons)


def _surname_len(value: str) -> int:
    if value[:2] in COMPOUND_SURNAMES:
        return 2
    if value[:1] in SINGLE_SURNAMES:
        return 1
    return 0


def _plausible(name: str, strict: bool = False) -> bool:
    s = _surname_len(name)
    given = name[s:]
    if s == 0 or not 1 <= len(given) <= 2:
        return False
    for ch in given:  # a plain loop: this runs for every candidate in free text
        if ch in _NOT_GIVEN or not "\u4e00" <= ch <= "\u9fff":
            return False
    words, persons = _lexicon()
    if name in persons:
        return True
    # Without a context cue, a 3-character candidate whose first two characters are an ordinary
    # word (明天见, 高兴地) is more likely text than a name.
    return name not in words and not (strict and len(given) == 2 and name[:2] in words)


def is_name(value: str) -> bool:
    """A whole cell that is a Chinese personal name (2-4 characters, surname first)."""
    v = value.strip()
    return 2 <= len(v) <= 4 and _plausible(v)


def _right_score(text: str, end: int) -> int:
    """How well the text after a candidate closes a name: 100 for a boundary (non-CJK or end),
    10 per character of a context cue there (先生, 来电), 5 when a common word starts there
    (驾驶, 参加), 0 for none."""
    if end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff":
        return 100
    cues = _RIGHT_BY_FIRST.get(text[end], ())
    cue = max((len(c) for c in cues if text.startswith(c, end)), default=0)
    if cue:
        return 10 * cue
    words = _common_words()
    if text[end:end + 2] in words or text[end:end + 3] in words:
        return 5
    return 0


def find_names(text: str, recall: bool = False) -> list[tuple[int, int]]:
    """Spans of personal names in free text: the C accelerator when it is built (both
    finders in one call), else :func:`_find_names_python` (the reference; tests compare the
    two). ``recall`` finds them for masking, where a name left whole costs more than a word
    masked needlessly: the scored model adds its higher ``recall_bias`` (see :data:`BIASES`)
    and keeps more candidates; ``scan`` keeps the precise default."""
    return find_names_for(text, "recall" if recall else "scan")


def find_names_for(text: str, use: str) -> list[tuple[int, int]]:
    """:func:`find_names` with the bias for ``use`` (a key of :data:`BIASES`); the scan's
    names through its filters (:func:`scan_filter`)."""
    return text_finder(use)(text)


def names_reference(text: str, use: str = "scan") -> list[tuple[int, int]]:
    """:func:`find_names_for` in pure Python, the reference the accelerated path is tested
    against: :func:`_find_names_python`, the fixed-phrase filter and, for the scan, its
    filters (:func:`scan_filter`)."""
    found = _without_phrases(text, _find_names_python(text, use))
    return scan_filter(text, found) if use == "scan" and found else found


def text_finder(use: str) -> Callable[[str], list[tuple[int, int]]]:
    """:func:`find_names_for` with ``use`` as a one-argument callable whose accelerator and
    tables were looked up once, not once a line: a scan calls it for every line, and those
    lookups cost about as much as the C walk itself on short lines. Built once for each use
    and state of the accelerator switch (:func:`.pure_python` blocks get the reference)."""
    return _text_finder(use, enabled())


@cache
def _text_finder(use: str, accelerated: bool) -> Callable[[str], list[tuple[int, int]]]:
    """:func:`text_finder`; ``accelerated`` keys the cache (``native`` answers for it)."""
    cjk = native("_cjk")
    phrases = _packed_phrases()
    # Without the phrase table (a phrase beyond the BMP, which jieba's dictionary has none
    # of) the reference runs: the same spans, in Python.
    if cjk is None or phrases is None:
        return partial(names_reference, use=use)
    scored, tables, shared = cjk.scored, _scored_tables(use), _native_tables()
    if use != "scan":
        return lambda text: scored(text, tables, shared, phrases)
    ordinary = _not_names()

    def find(text: str) -> list[tuple[int, int]]:
        # The accelerator dropped the weak cued names (the cue floor of the scan's tables).
        found: list[tuple[int, int]] = scored(text, tables, shared, phrases)
        # Most found names are no word of the list: a plain loop of look-ups, no call.
        for a, b in found:
            if b - a == 2 and text[a:b] in ordinary:
                return _less_ordinary_words(text, found)
        return found
    return find


@cache
def _not_names() -> frozenset[str]:
    """The 2-character words People's Daily 1998-01 uses as ordinary words or places, at
    least twice (``name_not_names.txt``, written by ``bench/name_words.py``)."""
    raw = resources.files("cnprivacy.discovery.pitypes").joinpath(_NOT_NAMES_FILE).read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in raw.splitlines()
                     if line.strip() and not line.startswith("#"))


_NOT_NAMES_FILE: Final = "name_not_names.txt"


def scan_filter(text: str, found: list[tuple[int, int]],
                weights: dict[str, float] | None = None) -> list[tuple[int, int]]:
    """The scan's names: ``found`` less ordinary words (:func:`_less_ordinary_words`) and
    less the names taken after a cue that the model scores below :data:`CUE_SCORE_FLOOR`
    (:func:`_less_weak_cues`). ``weights`` (the scan's by default) score the spans:
    ``bench/names_cv.py`` passes a fold's."""
    return _less_ordinary_words(text, _less_weak_cues(text, found, weights), weights)


def _less_weak_cues(text: str, found: list[tuple[int, int]],
                    weights: dict[str, float] | None = None) -> list[tuple[int, int]]:
    """``found`` less the spans after a strong left cue that the model scores below
    :data:`CUE_SCORE_FLOOR`. A cue takes the characters after it as a name whatever they
    are, and several cues end words that the next word merely follows: 职工和学生, 联系和交流,
    脱贫致富, 致公党, 会员皮肤, 叫做万绿丛中. The model reads the cue as a feature (``cl``) and
    still scores most such spans far below zero (down to -60), while no cued name of the
    development and training text scored below -8.6 (名叫斯派克). The model's own names score
    above zero, so only cued spans can fall below the floor; a cued span that is no candidate
    of the model (:func:`_scorable`) keeps the cue's word. The accelerator applies the same
    floor to its cued names (the last scalar of :func:`_scored_tables`)."""
    return [(a, b) for a, b in found
            if not _cue_left(text, a) or not _scorable(text, a, b)
            or _span_score(text, a, b, weights) >= CUE_SCORE_FLOOR]


def _scorable(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one of the model's candidates (:func:`score_candidates`):
    a given name of one or two characters, none of them a character that no given name holds
    (three: a transliteration). A cued span that is none keeps the cue's word."""
    s = 2 if text[start:start + 2] in COMPOUND_SURNAMES else 1
    g = end - start - s
    given = text[start + s:end]
    return ((1 <= g <= 2 or (g == 3 and s == 1 and _TRANSLIT.issuperset(text[start:end])))
            and all("\u4e00" <= ch <= "\u9fff" and ch not in _NOT_GIVEN_TEXT for ch in given))


def _less_ordinary_words(text: str, found: list[tuple[int, int]],
                         weights: dict[str, float] | None = None) -> list[tuple[int, int]]:
    """``found`` less the 2-character spans that are ordinary words or places by
    :func:`_not_names` (金黄, 叶子, 明星, 江西 …), unless the model scores them at
    :data:`ORDINARY_WORD_FLOOR` or more (记者叶子报道 17.5, 叶子表示 7.1; 金黄的稻田 2.1) or a field
    label stands before them (客户叶子, 收件人：叶子; not 我是, 他是 or 她是: 我是明星粉丝 is no
    name). jieba tags most of these words ``nr``, which the model reads as a sign of a name.

    Chosen on development text: on the Weibo NER dev split this took 2 false names of 8 and
    no right one; on the MSRA training split 58 false names and 14 right ones (training text
    of the weights, not of the list); on People's Daily NER dev 4 false names and no right
    one. Floors of 6 and 8 tied there, and were best; 4 kept more false names. Sparing every
    span after any strong cue (我是 too) or before a cue of two characters, as a first version
    did, kept one false name more on the Weibo NER train split (我是米粉) and changed nothing
    elsewhere.

    ``weights`` (the scan's by default) scores the spans: ``bench/names_cv.py`` passes a
    fold's."""
    ordinary = _not_names()
    return [(a, b) for a, b in found
            if b - a != 2 or text[a:b] not in ordinary
            or _span_score(text, a, b, weights) >= ORDINARY_WORD_FLOOR
            or (_cue_left(text, a) and text[max(0, a - 2):a] not in _COPULAS)]


#: Strong left cues that name no field: after them a word is as often what someone is as who.
_COPULAS: Final = frozenset({"我是", "他是", "她是"})
#: The least score of a name taken after a strong left cue (:func:`_less_weak_cues`), with
#: the scan's weights. Chosen on development and training text (``bench/names_cv.py`` folds
#: of the Weibo NER train split, the People's Daily NER dev split, the MSRA training split,
#: CLUENER dev, BosonNLP): no cued name there scored below -8.6; -10 drops 4 of 5 false cued
#: names on the Weibo folds, 7 of 7 on People's Daily dev and 89 of 94 on MSRA train.
CUE_SCORE_FLOOR: Final = -10.0
#: The score from which a 2-character ordinary word (:func:`_not_names`) stays a name
#: (:func:`_less_ordinary_words`); the scan's names need a score above 0.
ORDINARY_WORD_FLOOR: Final = 6.0


def _span_score(text: str, start: int, end: int, weights: dict[str, float] | None = None) -> float:
    """The score of ``text[start:end]`` as a name with ``weights`` (the scan's by default;
    :func:`score_candidates` for one candidate)."""
    weights = _weights("scan") if weights is None else weights
    s = 2 if text[start:start + 2] in COMPOUND_SURNAMES else 1
    return weights[""] + sum(weights.get(k, 0.0) for k in candidate_features(text, start, s, end - start - s))


def _cue_left(text: str, start: int) -> bool:
    """Whether a strong left cue (:data:`_STRONG_LEFT`) ends just before ``start``."""
    prev = text[start - 1] if start else ""
    return bool((prev in _CUE_ENDS or prev.isspace())
                and _LEFT_RE.search(text, max(0, start - 6), start))


def _cue_right(text: str, end: int) -> int:
    """The length of the longest right cue (:data:`_RIGHT_CUES`) at ``end``, 0 for none."""
    nxt = text[end] if end < len(text) else ""
    return max((len(c) for c in _RIGHT_BY_FIRST.get(nxt, ()) if text.startswith(c, end)), default=0)


def _without_phrases(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``found`` less the spans inside a fixed phrase (:func:`_inside_phrase`): with
    :func:`_find_names_python`, the reference of :func:`find_names`."""
    return [s for s in found if not _inside_phrase(text, *s)] if found else found


@cache
def _fixed_phrases() -> frozenset[str]:
    """jieba's four-character entries that are not person names: idioms and set phrases
    (偷梁换柱, 断章取义, 严阵以待, 国家杜马)."""
    return frozenset(w for w, _f, t in dictionary_entries(4, 4) if not t.startswith("nr"))


@cache
def _packed_phrases() -> bytes | None:
    """:func:`_fixed_phrases` as the accelerator's open-addressing table (keys of four BMP
    characters, 16 bits each, placed by :func:`_open_table`), or None when a
    phrase holds a character beyond the BMP (none in jieba's dictionary): find_names then
    filters in Python."""
    phrases = _fixed_phrases()
    if any(len(p) != 4 or max(map(ord, p)) > 0xFFFF for p in phrases):
        return None
    return _open_table([_packed_key(p, 16) for p in phrases], len(phrases))[0].tobytes()


def _inside_phrase(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a four-character idiom or set phrase other
    than itself (梁换柱 in 偷梁换柱). On People's Daily dev and the NER dev split no name did,
    and this removed 14 and 6 false names; the weights alone had not learned it."""
    phrases = _fixed_phrases()
    for k in range(max(0, end - 4), start + 1):
        if k + 4 <= len(text) and (k != start or end - start != 4) and text[k:k + 4] in phrases:
            return True
    return False


#: The person-name finders of free text: ``fast`` (:func:`find_names`, the default) and
#: ``accurate`` (a character CRF, :mod:`.name_accurate`, needs the optional extra ``names``;
#: :func:`.name_accurate.find_names_in` runs either).
NAMES_FAST: Final = "fast"
NAMES_ACCURATE: Final = "accurate"
NAMES_MODES: Final = (NAMES_FAST, NAMES_ACCURATE)


def left_in_output(start: int, end: int) -> bool:
    """Whether a name span found in de-identified output counts as a name left there (``deid
    --verify``): a name has two characters at least, a surname and a given name. A lone
    character is found only for masking (``--names accurate``'s recall floor reaches a
    character of an ordinary word now and then, 利 of 会议顺利) and is no name left."""
    return end - start >= 2


def _find_names_python(text: str, use: str = "scan") -> list[tuple[int, int]]:
    """The pure-Python reference of :func:`find_names_for`: names after a strong context cue
    (:func:`_cued_names_python`) and the scored model's names that overlap none of them."""
    cued = _cued_names_python(text, strong_only=True)
    scored = _best_first([c for c in score_candidates(text, _weights(use)) if c[0] > 0])
    return _union(cued, scored) if cued else scored


def _union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``a`` and the spans of ``b`` that overlap none of ``a``."""
    out = list(a)
    for x, y in b:
        if all(y <= p or q <= x for p, q in a):
            out.append((x, y))
    return sorted(out)


def _cued_names_python(text: str, strong_only: bool = False) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    last_end = 0
    for m in _CANDIDATE_RE.finditer("\n" + text):
        # In the padded text the match is (previous character, surname); in ``text`` the
        # surname starts at m.start().
        start = m.start()
        if start < last_end:
            continue
        prev = text[start - 1] if start else ""
        strong = prev in _CUE_ENDS and bool(_LEFT_RE.search(text, max(0, start - 6), start))
        weak = not strong_only and (not prev or not "\u4e00" <= prev <= "\u9fff")
        if not (strong or weak):
            continue
        s = m.end() - 1 - start
        best, best_score = None, 0
        for glen in (2, 1):
            end = start + s + glen
            if end > len(text) or not _plausible(text[start:end], strict=not strong):
                continue
            score = _right_score(text, end)
            if score > best_score:
                best, best_score = end, score
        if best is not None:
            found.append((start, best))
            last_end = best
    return found



# Bits of the accelerator's character classes (see _native/_cjk.c).
CONTEXT, CUE_END, SINGLE, COMPOUND, NOT_GIVEN, NOT_GIVEN_TEXT = 1, 2, 4, 8, 16, 128


def _groups(cues: tuple[str, ...], pick: Callable[[str], str]
            ) -> tuple[bytes, tuple[tuple[str, ...], ...]]:
    """Cues grouped by one of their characters: a BMP table (character -> group number + 1)
    and the groups."""
    by: dict[str, list[str]] = {}
    for cue in cues:
        by.setdefault(pick(cue), []).append(cue)
    table = bytearray(65536)
    groups = []
    for i, (ch, members) in enumerate(sorted(by.items()), start=1):
        table[ord(ch)] = i
        groups.append(tuple(members))
    if len(groups) > 255:
        raise ValueError("too many cue groups for a byte table")
    return bytes(table), tuple(groups)


@cache
def _native_tables() -> tuple[object, ...]:
    """The accelerator's configuration, built once from this module's rules and lists and
    passed whole (the C checks its version and length before reading it)."""
    context = re.compile(f"[{_CONTEXT}]")
    classes = bytearray(65536)
    for code in range(65536):
        ch = chr(code)
        classes[code] = ((CONTEXT if context.fullmatch(ch) else 0)
                         | (CUE_END if ch in _CUE_ENDS else 0)
                         | (SINGLE if ch in SINGLE_SURNAMES else 0)
                         | (NOT_GIVEN if ch in _NOT_GIVEN else 0))
    for name in COMPOUND_SURNAMES:
        classes[ord(name[0])] |= COMPOUND
    left_of, left_cues = _groups(_STRONG_LEFT, lambda c: c[-1])
    right_of, right_cues = _groups(_RIGHT_CUES, lambda c: c[0])
    words, persons = _lexicon()
    return (CONFIG_VERSIONS["_cjk"], bytes(classes), left_of, left_cues, right_of, right_cues,
            frozenset(COMPOUND_SURNAMES), persons, words, _common_words())


def surname_length(value: str) -> int:
    """2 for a compound surname followed by a given name (欧阳娜娜), else 1."""
    return 2 if value[:2] in COMPOUND_SURNAMES and len(value) > 2 else 1


key = spaceless_key


def mask(value: str) -> str:
    """The surname only."""
    v = value.strip()
    keep = surname_length(v)
    return v[:keep] + "*" * (len(v) - keep)


# --- The scored model of names in running text ----------------------------------------------
# Every position where a surname stands is a candidate of one or two given-name characters; a
# linear model (weights learned by ``bench/train_names.py`` from real annotated text: news,
# Weibo posts and resumes; docs/bench/names.md) scores each from its characters and their
# neighbours: the surname, the given-name characters, one and two characters either side,
# whether jieba's dictionary holds the candidate or the words across its edges, and the context
# cues above. Candidates that score above zero are kept, best first, none overlapping another.

_WEIGHTS_FILE = "name_weights.json"


def _ctx(ch: str) -> str:
    """A neighbour character as the model sees it: Chinese characters as they are, anything
    else (text edge, digits, Latin, punctuation) as one class."""
    return ch if len(ch) == 1 and "\u4e00" <= ch <= "\u9fff" else "#"


@cache
def _words() -> frozenset[str]:
    """jieba's 2-3 character words that are not person names (frequency >= 20)."""
    return frozenset(w for w, f, t in _short_words() if f >= 20 and not t.startswith("nr"))


def candidate_features(text: str, start: int, s: int, g: int) -> list[str]:
    """The model's features of ``text[start:start + s + g]`` as a name (surname of ``s``
    characters, given name of ``g``). The weights file holds a weight per feature."""
    end = start + s + g
    cand = text[start:end]
    sur, c1 = cand[:s], cand[s]
    words, persons = _words(), _lexicon()[1]
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    nxt2 = text[end:end + 2]
    # Two characters either side, seen only up to the first non-Chinese character: a name
    # scores the same at the start of a line as after the line before it.
    lc, rc = _ctx(prev), _ctx(nxt)
    l2 = (_ctx(text[start - 2]) if start >= 2 and lc != "#" else "#") + lc
    r2 = rc + (_ctx(text[end + 1]) if end + 1 < len(text) and rc != "#" else "#")
    f = [f"s:{sur}", f"n:{g}", f"sn:{sur}{g}", f"g1:{c1}", f"l1:{lc}", f"r1:{rc}",
         f"l2:{l2}", f"r2:{r2}"]
    if g == 3:
        del f[2]  # a four-character candidate is a transliteration: no surname-length pair
    if g == 2:
        f.append(f"g2:{cand[-1]}")
        if cand[s:] in words:
            f.append("gw")
    if cand in persons:
        f.append("nr")
    elif cand in words:
        f.append("w")
    if g == 2 and cand[:s + 1] in words:
        f.append("sw")
    if prev and prev + sur[0] in words:
        f.append("lw")
    if nxt and cand[-1] + nxt in words:
        f.append("bw")
    if nxt2 in words or text[end:end + 3] in words:
        f.append("rw")
    if _cue_left(text, start):
        f.append("cl")
    if _cue_right(text, end) >= 2:
        f.append("cr")
    if _TRANSLIT.issuperset(cand):
        f.append(f"t{g}")
        if nxt in _TRANSLIT:
            f.append(f"tn{g}")
        if prev in _TRANSLIT:
            f.append(f"tp{g}")
    return f


#: The biases of the weights file, by what they serve: ``scan`` (chosen for precision, what
#: ``scan`` reports), ``recall`` (higher: more candidates kept, chosen so that
#: de-identification leaves few names whole) and ``features`` (the spans the accurate
#: finder's CRF reads among its features, with more candidates than the scan keeps: it
#: learned what they are worth). See bench/train_names.py.
BIASES: Final = {"scan": "bias", "recall": "recall_bias", "features": "features_bias"}


@cache
def _weights_file() -> tuple[dict[str, float], dict[str, float]]:
    """The weights file read once: its weights and its biases by use (:data:`BIASES`)."""
    raw = resources.files("cnprivacy.discovery.pitypes").joinpath(_WEIGHTS_FILE).read_text(
        encoding="utf-8")
    data = json.loads(raw)
    return ({k: float(v) for k, v in data["weights"].items()},
            {use: float(data[key]) for use, key in BIASES.items()})


@cache
def _weights(use: str = "scan") -> dict[str, float]:
    """The model's weights, the bias for ``use`` (a key of :data:`BIASES`) under ``""``."""
    weights, biases = _weights_file()
    return weights | {"": biases[use]}


_SURNAME_RE = re.compile(f"(?={_SURNAME}[\u4e00-\u9fff])")


def score_candidates(text: str, weights: dict[str, float]) -> list[tuple[float, int, int]]:
    """(score, start, end) of every candidate in ``text``."""
    bias = weights.get("", 0.0)
    get = weights.get
    out = []
    n = len(text)
    for m in _SURNAME_RE.finditer(text):
        start = m.start()
        s = 2 if text[start:start + 2] in COMPOUND_SURNAMES else 1
        for g in (1, 2, 3):
            end = start + s + g
            if end > n:
                break
            ch = text[end - 1]
            if ch in _NOT_GIVEN_TEXT or not "\u4e00" <= ch <= "\u9fff":
                break
            if g == 3 and (s != 1 or not _TRANSLIT.issuperset(text[start:end])):
                break  # four characters: a transliterated name only
            score = bias + sum(get(k, 0.0) for k in candidate_features(text, start, s, g))
            out.append((score, start, end))
    return out


def _best_first(scored: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    scored.sort(key=lambda c: -c[0])
    taken: list[tuple[int, int]] = []
    for _score, a, b in scored:
        if all(b <= x or y <= a for x, y in taken):
            taken.append((a, b))
    taken.sort()
    return taken


#: The model's scalar features, in the order of the accelerator's ``scalars`` (which end
#: with one more number, the cue floor: :func:`_scored_tables`).
_SCALARS = ("", "n:1", "n:2", "gw", "nr", "w", "sw", "lw", "bw", "rw", "cl", "cr", "n:3",
            "t1", "t2", "t3", "tn1", "tn2", "tn3", "tp1", "tp2", "tp3")


@cache
def _scored_tables(use: str = "scan") -> tuple[object, ...]:
    """The accelerator's configuration of the scored model: the weights as per-character
    tables (index 0 holds the weight of ``#``), compound-surname and two-character dicts and
    scalars, and the lexicon and cue tables the features read; with the bias for ``use``
    (:data:`BIASES`) and, for the scan, :data:`CUE_SCORE_FLOOR` as the last scalar (the
    accelerator drops a cued name scoring below it; -inf for the other uses)."""
    if use != "scan":  # the same tables; the bias and the cue floor (item 8) differ
        base = _scored_tables("scan")  # the key find_names uses: built once
        scalars = cast(tuple[float, ...], base[8])
        # No cue floor (-inf): only the scan drops weak cued names (_less_weak_cues).
        return (*base[:8], (_weights(use)[""], *scalars[1:-1], -math.inf), *base[9:])
    w = _weights()
    tables = [array("d", bytes(65536 * 8)) for _ in range(7)]
    compounds: dict[str, tuple[float, float, float]] = {
        c: (w.get(f"s:{c}", 0.0), w.get(f"sn:{c}1", 0.0), w.get(f"sn:{c}2", 0.0))
        for c in COMPOUND_SURNAMES}
    l2: dict[str, float] = {}
    r2: dict[str, float] = {}
    for key, value in w.items():
        kind, _, arg = key.partition(":")
        if kind == "l2":
            l2[arg] = value
        elif kind == "r2":
            r2[arg] = value
        elif kind in ("s", "g1", "g2", "l1", "r1") and len(arg) == 1:
            index = {"s": 0, "g1": 3, "g2": 4, "l1": 5, "r1": 6}[kind]
            tables[index][0 if arg == "#" else ord(arg)] = value
        elif kind == "sn" and len(arg) == 2:
            tables[1 if arg[1] == "1" else 2][ord(arg[0])] = value
    classes = bytearray(cast(bytes, _native_tables()[1]))
    for ch in _NOT_GIVEN_TEXT:
        classes[ord(ch)] |= NOT_GIVEN_TEXT
    left_of, left_cues = _groups(_STRONG_LEFT, lambda c: c[-1])
    right_of, right_cues = _groups(_RIGHT_CUES, lambda c: c[0])
    translit = bytearray(65536)  # the classes table has no free bit left
    for ch in _TRANSLIT:
        translit[ord(ch)] = 1
    return (CONFIG_VERSIONS["_cjk"], bytes(classes), b"".join(t.tobytes() for t in tables),
            compounds, *_packed(l2), *_packed(r2), (*(w.get(k, 0.0) for k in _SCALARS), CUE_SCORE_FLOOR),
            *_packed_lexicon(), left_of, left_cues, right_of, right_cues, bytes(translit))


@cache
def _packed_lexicon() -> tuple[bytes, bytes]:
    """:func:`_words` and jieba's person names (``_lexicon()[1]``) as packed key tables
    (:func:`_packed`), for the scored model's and the accurate finder's accelerators (built
    once: they do not change with the weights)."""
    return (_packed(dict.fromkeys(_words(), 0.0))[0],
            _packed(dict.fromkeys(_lexicon()[1], 0.0))[0])


def _packed(table: dict[str, float]) -> tuple[bytes, bytes]:
    """An open-addressing table of 2-3 character strings for the accelerator: each string
    packed as 21 bits per character into a uint64 key (:func:`_open_table`), and its value."""
    items = [(text, value) for text, value in table.items() if 2 <= len(text) <= 3]
    keys, slots = _open_table([_packed_key(text, 21) for text, _ in items], len(table))
    values = array("d", bytes(8 * len(keys)))
    for (_, value), slot in zip(items, slots, strict=True):
        values[slot] = value
    return keys.tobytes(), values.tobytes()


def _packed_key(text: str, bits: int) -> int:
    """``text`` as one integer key, ``bits`` per character (the C packs it the same way)."""
    key = 0
    for i, ch in enumerate(text):
        key |= ord(ch) << (bits * i)
    return key


def _open_table(keys: list[int], entries: int) -> tuple[array[int], list[int]]:
    """The accelerator's open-addressing table of uint64 ``keys`` (0: an empty slot): the
    smallest power of two of slots above twice ``entries``, each key placed by a
    multiplicative hash with linear probing (the same ``slot_of`` as the C); and the slot of
    each key, in order."""
    size = 2
    while size < 2 * entries + 2:
        size *= 2
    mask = size - 1
    table = array("Q", bytes(8 * size))
    slots = []
    for key in keys:
        slot = ((key * 0x9E3779B97F4A7C15) % (1 << 64) >> 20) & mask
        while table[slot] not in (0, key):
            slot = (slot + 1) & mask
        table[slot] = key
        slots.append(slot)
    return table, slots
