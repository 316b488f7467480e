"""Names and addresses in running text (issue 13), on sentences written for these tests in the
style of news and service tickets (not copied from any corpus). Every case runs with and without
the C accelerators and must give the same spans."""

from __future__ import annotations

import pytest

from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import pure_python
from cnprivacy.discovery.detect import find_tuples


def _found(text: str, kind: str) -> list[str]:
    fast = find_tuples(text)
    with pure_python():
        slow = find_tuples(text)
    assert fast == slow
    return [text[a:b] for a, b, k in fast if k == kind]


@pytest.mark.parametrize(("text", "names"), [
    ("外交部长唐家璇说，双方将继续保持沟通。", ["唐家璇"]),
    ("本报记者孙立明报道：展览昨天开幕。", ["孙立明"]),
    ("公司总经理赵振国介绍了今年的计划。", ["赵振国"]),
    ("出席会议的有王建华、李秀英、陈志强等。", ["王建华", "李秀英", "陈志强"]),
    ("客户张伟来电称手机无法登录。", ["张伟"]),
    ("尊敬的刘芳女士，您的订单已发货。", ["刘芳"]),
    ("按照邓小平同志的要求推进改革。", ["邓小平"]),
])
def test_names_in_context(text: str, names: list[str]) -> None:
    assert _found(text, T.PERSON_NAME) == names


@pytest.mark.parametrize("text", [
    "有关部门应解释清楚这一问题。",
    "权威人士认为市场将保持稳定。",
    "阳光透过窗户照进来。",
    "开展敬老活动，关心老年人生活。",
    "我们要和首届大会的代表交流。",
    "高兴地看到明天会更好。",
])
def test_ordinary_words_are_not_names(text: str) -> None:
    assert _found(text, T.PERSON_NAME) == []


# Names with no title or cue that the scan's precise bias leaves: de-identification finds
# names with the model's recall bias (``recall=True``), where a name left whole costs more than
# a word masked needlessly. (text, name)
QUIET_NAMES = [
    ("昨天下午戚小禾去了一趟城里。", "戚小禾"),
    ("他把信交给了柏远。", "柏远"),
    ("这件事柏远也知道。", "柏远"),
    ("晚上戚小禾打来电话。", "戚小禾"),
    ("下午殷小禾去了城里。", "殷小禾"),
]


def _recall_found(text: str) -> list[str]:
    fast = find_tuples(text, recall=True)
    with pure_python():
        slow = find_tuples(text, recall=True)
    assert fast == slow
    return [text[a:b] for a, b, k in fast if k == T.PERSON_NAME]


@pytest.mark.parametrize(("text", "name"), QUIET_NAMES)
def test_deid_recall_finds_names_the_scan_leaves(text: str, name: str) -> None:
    assert _found(text, T.PERSON_NAME) == []
    assert _recall_found(text) == [name]


def test_the_recall_flag_leaves_the_scan_as_it_was() -> None:
    # The recall bias is only for masking: the same call without it is the precise scan, and
    # every name the scan finds is masked in recall mode as well.
    for text, _ in QUIET_NAMES:
        assert find_tuples(text) == find_tuples(text, recall=False)
    for text in ("外交部长唐家璇说，双方将继续保持沟通。", "出席会议的有王建华、李秀英、陈志强等。",
                 "客户张伟来电称手机无法登录。"):
        scan = [(a, b) for a, b, k in find_tuples(text) if k == T.PERSON_NAME]
        masked = [(a, b) for a, b, k in find_tuples(text, recall=True) if k == T.PERSON_NAME]
        assert scan and all(any(x < b and a < y for x, y in masked) for a, b in scan)


@pytest.mark.parametrize(("text", "address"), [
    ("我住在湘潭城塘社区，电话打不通", "湘潭城塘社区"),
    ("地址是西湖区蒋村花园小区3栋", "西湖区蒋村花园小区3栋"),
    ("请寄到成都市新津县金华镇清云北路2号", "成都市新津县金华镇清云北路2号"),
])
def test_incomplete_addresses_as_people_write_them(text: str, address: str) -> None:
    assert _found(text, T.ADDRESS) == [address]


@pytest.mark.parametrize("text", [
    "加入经济合作组织的国家越来越多。",
    "各级党委和政府要认真组织落实。",
    "这是一条振兴之路。",
    "大城市如何通过加强社区服务改善民生。",
    "城区道路交通管理进一步加强。",
    "我在北京工作。",
])
def test_spans_that_touch_no_place_are_not_addresses(text: str) -> None:
    assert _found(text, T.ADDRESS) == []


@pytest.mark.parametrize("text", [
    "郑州铁路分局月山车站的职工。",         # a railway bureau, not a road
    "福州市国税局党组书记在会上讲话。",      # an office: 局 and 党 end the unit
    "萍乡市委多年来坚持每年都举办副县级以上干部培训。",  # running text that reaches 县
    "原淮南市农业银行田东城市信用社工作人员",  # a bank's branch: 银行 ends the unit
    "福州市仓山区公安局政治部发布通报。",     # divisions alone, then an office: its name
    "永州市东安县人民法院审理了此案。",
    "他曾任职于武汉市硚口区工业局。",         # 局 ends the run of name characters
    "后在广东省广州市捷进化工有限公司工作。",  # a company's name after the divisions
    "浙江省省长出席了会议。",                 # 省长: a title, not a unit
    "石家庄市副市长王大虎在会上讲话。",
    "乌审旗旗委常委会议召开。",
    "深圳市市场监督管理局发布通告。",         # 市场: a market, not a city
    "由河北省牵头组织并参加。",               # 组织: a verb, not a village group
])
def test_organisations_and_running_text_after_a_place_are_not_addresses(text: str) -> None:
    assert _found(text, T.ADDRESS) == []


@pytest.mark.parametrize(("text", "address"), [
    ("公司在苏州市高新技术产业开发区。", "苏州市高新技术产业开发区"),  # a unit name of 7
    ("住在北京市朝阳区建国路88号", "北京市朝阳区建国路88号"),
    ("寄到重庆市南岸区马路5号", "重庆市南岸区马路5号"),
    ("办公地点在北京市海淀区学院路30号", "北京市海淀区学院路30号"),  # 学院 names a road
    ("寄到上海市浦东新区陆家嘴环路1000号恒生银行大厦", "上海市浦东新区陆家嘴环路1000号"),
    ("住安徽省合肥市长江路5号", "安徽省合肥市长江路5号"),  # 市长 in a long unit: a city's name
    ("家在湖北省荆州市公安县孱陵大道86号", "湖北省荆州市公安县孱陵大道86号"),  # 公安县, a county
    ("他在广州市花都区一家公司上班", "广州市花都区"),  # 一 ends the run before 公司
    ("住在北京市朝阳区建国路88号公司宿舍", "北京市朝阳区建国路88号"),  # a street: kept
    ("博野县南刘陀村村民张里", "博野县南刘陀村"),  # 村民 after the village's name
])
def test_long_unit_names_and_streets_still_found(text: str, address: str) -> None:
    assert _found(text, T.ADDRESS) == [address]


@pytest.mark.parametrize("text", [
    "这种偷梁换柱的做法不可取。",   # 梁换柱 scores as a name by itself
    "断章取义、各取所需。",
    "俄罗斯国家杜马今天开会。",
])
def test_no_name_inside_an_idiom_or_set_phrase(text: str) -> None:
    assert _found(text, T.PERSON_NAME) == []  # with and without the accelerator
    assert [k for *_, k in find_tuples(text, recall=True) if k == T.PERSON_NAME] == []


def test_a_name_beside_an_idiom_is_still_found() -> None:
    assert _found("客户王建国说不要断章取义。", T.PERSON_NAME) == ["王建国"]


def test_the_text_finders_follow_the_accelerator_switch() -> None:
    # The finders are built once per state of the switch: a pure-Python block must not reuse
    # the accelerated ones (the comparisons above would then compare C with C).
    from cnprivacy.discovery import detect
    from cnprivacy.discovery._native import enabled, native
    from cnprivacy.discovery.pitypes import address, health
    from cnprivacy.discovery.pitypes.name import NAMES_FAST

    with pure_python():
        merge, finders = detect._text_finders(NAMES_FAST, False, enabled())
    assert merge is detect._merge_typed
    assert dict(finders)[T.ADDRESS] is address._find_addresses_python
    assert dict(finders)[T.HEALTH_INFO] is health._find_health_terms_python
    if native("_layout") is not None:
        assert detect._text_finders(NAMES_FAST, False, enabled())[0] is not detect._merge_typed


@pytest.mark.parametrize(("text", "names"), [
    ("秋天到了，金黄的稻田一望无际。", []),   # 金黄: jieba tags it nr, the model found it
    ("记者叶子报道：新馆今天开放。", ["叶子"]),  # an ordinary word, but the model is sure
    ("叶子表示不同意这个方案。", ["叶子"]),      # a cue of two characters after it
    ("客户叶子来电咨询退款。", ["叶子"]),        # a field label before it
    ("我是明星粉丝，天天追剧。", []),            # 我是 names no field
])
def test_an_ordinary_word_is_a_name_only_with_context(text: str, names: list[str]) -> None:
    from cnprivacy.discovery.pitypes import name

    word = next(w for w in ("金黄", "叶子", "明星") if w in text)
    assert word in name._not_names()
    a = text.index(word)
    assert (a, a + 2) in name._find_names_python(text)  # what the model alone finds
    assert _found(text, T.PERSON_NAME) == names


def test_the_list_of_ordinary_words_holds_two_characters_starting_with_a_surname() -> None:
    from cnprivacy.discovery.pitypes import name
    from cnprivacy.discovery.surnames import SINGLE_SURNAMES

    words = name._not_names()
    assert len(words) > 2000
    assert all(len(w) == 2 and w[0] in SINGLE_SURNAMES for w in words)
    assert {"叶子", "金黄", "明星", "江西"} <= words
    assert not {"王刚", "李明", "张伟"} & words  # names, never used as ordinary words


@pytest.mark.parametrize(("text", "names"), [
    ("下岗职工和失业者的再就业问题。", []),      # 职工 is a cue; 和失业 a conjunction and a word
    ("把扶贫与脱贫致富结合起来。", []),          # 致 ends 致富
    ("会上强调致公党要发挥作用。", []),          # 致 starts a party's name
    ("什么叫做万绿丛中一点红。", []),            # 叫做 before an idiom
    ("一个名叫斯派克的外星人。", ["斯派克"]),    # a cued name the model doubts (-8.6), kept
    ("致张三先生：您好。", ["张三"]),
    ("我叫赵新民，每天分享一句话。", ["赵新民"]),
    ("联系人 王小二 电话见附件。", ["王小二"]),
])
def test_a_cued_name_needs_a_score_above_the_floor(text: str, names: list[str]) -> None:
    from cnprivacy.discovery.pitypes import name

    cued = name._cued_names_python(text, strong_only=True)
    assert cued  # the cue alone takes a span in each of these
    dropped = [text[a:b] for a, b in cued
               if name._span_score(text, a, b) < name.CUE_SCORE_FLOOR]
    assert bool(dropped) == (not names)
    assert _found(text, T.PERSON_NAME) == names
    assert [text[a:b] for a, b in name.names_reference(text)] == names
