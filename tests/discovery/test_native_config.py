"""The accelerators take one configuration tuple built from the Python rules, checked whole.

A tuple of another version or length is refused before any item is read; the tables that
used to be written out in C (card scheme lengths, the digit-run fold) are generated from the
Python rules; candidates C does not decide come back as data (no call into Python).
"""

from __future__ import annotations

import random

import pytest

from cnprivacy.discovery import detect
from cnprivacy.discovery._native import CONFIG_VERSIONS, native
from cnprivacy.discovery.pitypes import address, health, name, resident_id


def test_accelerator_refuses_a_configuration_of_another_shape() -> None:
    digitruns = native("_digitruns")
    if digitruns is None:
        pytest.skip("the C accelerator is not built here")
    config = detect._native_tables()
    assert config is not None
    today = resident_id.today_ymd()
    with pytest.raises(ValueError, match="configuration"):
        digitruns.scan("13812345678", config[:-1], today, True)
    with pytest.raises(ValueError, match="configuration"):
        digitruns.scan("13812345678", (2, *config[1:]), today, True)
    # The tables are read as bytes, without the buffer protocol.
    with pytest.raises(TypeError, match="configuration item 1: bytes"):
        digitruns.scan("13812345678", (config[0], bytearray(config[1]), *config[2:]), today, True)
    with pytest.raises(TypeError, match="configuration item 9: a tuple"):
        digitruns.scan("13812345678", (*config[:9], list(config[9])), today, True)
    # Undecided candidates come back as data for Python to validate: no call into Python.
    for text, shape in (("京A12345", 1), ("E12345678", 0)):
        spans, rest, asked, _, _card = digitruns.scan(text, config, today, False)
        assert (spans, rest, asked) == ([], [], [(0, len(text), shape)])


def test_generated_tables_follow_the_python_rules() -> None:
    from cnprivacy.discovery.normalize import fold
    from cnprivacy.discovery.pitypes import bank_card

    cards = detect.card_length_bits()
    rng = random.Random(3)
    for _ in range(5000):
        n = rng.randint(13, 19)
        value = "".join(rng.choice("0123456789") for _ in range(n))
        allowed = bool(cards[int(value[:4])] >> (n - 13) & 1)
        assert allowed == bank_card.scheme_length_ok(value), value
    table = detect.digit_run_fold()
    for ch in "0９ 　-－—xＸ,，+＋":
        assert chr(table[ord(ch)]) == ("," if ch == "，" else fold(ch).upper())
    for ch in "a@.(京":
        assert table[ord(ch)] == 0



def test_cjk_refuses_a_configuration_of_another_shape() -> None:
    cjk = native("_cjk")
    if cjk is None:
        pytest.skip("the C accelerator is not built here")
    names, anchors = name._native_tables(), address._native_tables()
    assert names[0] == anchors[0] == CONFIG_VERSIONS["_cjk"]
    with pytest.raises(ValueError, match="configuration"):
        cjk.names("客户张伟来电", names[:-1])
    with pytest.raises(ValueError, match="configuration"):
        cjk.names("客户张伟来电", (CONFIG_VERSIONS["_cjk"] + 1, *names[1:]))
    with pytest.raises(ValueError, match="configuration"):
        cjk.anchors("北京市海淀区中关村大街1号", (CONFIG_VERSIONS["_cjk"] + 1, *anchors[1:]))
    with pytest.raises(ValueError, match="configuration"):
        cjk.anchors("北京市海淀区中关村大街1号", anchors[:-1])
    # The version before the units moved into C: (version, classes, lengths, pairs, places).
    with pytest.raises(ValueError, match="configuration"):
        cjk.anchors("北京市海淀区中关村大街1号", (CONFIG_VERSIONS["_cjk"] - 1, *anchors[1:5]))
    assert cjk.anchors("北京市海淀区中关村大街1号", anchors) == [(0, 13)]
    assert cjk.names("客户张伟来电", names) == name._cued_names_python("客户张伟来电")
    scored = name._scored_tables()
    assert scored[0] == CONFIG_VERSIONS["_cjk"]
    with pytest.raises(ValueError, match="configuration"):
        cjk.scored("记者温宪报道", scored[:-1])
    with pytest.raises(ValueError, match="configuration"):
        cjk.scored("记者温宪报道", (CONFIG_VERSIONS["_cjk"] + 1, *scored[1:]))
    with pytest.raises(ValueError, match="per_char"):
        cjk.scored("记者温宪报道", (scored[0], scored[1], b"", *scored[3:]))
    with pytest.raises(ValueError, match="power-of-two"):
        cjk.scored("记者温宪报道", (*scored[:4], b"\x00" * 24, *scored[5:]))
    assert cjk.scored("记者温宪报道", scored, names) == name._find_names_python("记者温宪报道")
    terms = health._native_tables()
    assert terms[0] == CONFIG_VERSIONS["_cjk"]
    with pytest.raises(ValueError, match="configuration"):
        cjk.terms("确诊糖尿病", (CONFIG_VERSIONS["_cjk"] + 1, *terms[1:]))
    with pytest.raises(ValueError, match="groups"):
        cjk.terms("确诊糖尿病", (terms[0], terms[1], (("确诊", 1),)))
    assert cjk.terms("确诊糖尿病", terms) == [(0, 2), (2, 5)]
    # Items are read without the buffer protocol: each must be of the type the builders give.
    with pytest.raises(TypeError, match="configuration item 1: bytes"):
        cjk.anchors("北京市海淀区", (anchors[0], bytearray(anchors[1]), *anchors[2:]))
    with pytest.raises(TypeError, match="configuration item 3: a dict"):
        cjk.scored("记者温宪报道", (*scored[:3], [], *scored[4:]))
    with pytest.raises(TypeError, match="configuration item 6: a frozenset"):
        cjk.names("客户张伟来电", (*names[:6], set(names[6]), *names[7:]))
    with pytest.raises(TypeError, match="configuration item 13: an int"):
        cjk.anchors("北京市海淀区", (*anchors[:13], 14.0, *anchors[14:]))
    with pytest.raises(TypeError, match="configuration item 16: an int"):
        cjk.anchors("北京市海淀区", (*anchors[:16], 8.0))
    for item in (9, 10, 11, 12):  # organisation words, _LEVEL_ON, _TITLE_ON, _ORG_AFTER
        with pytest.raises(TypeError, match=f"configuration item {item}: a tuple"):
            cjk.anchors("北京市海淀区", (*anchors[:item], ["银行"], *anchors[item + 1:]))
        with pytest.raises(ValueError, match="non-empty strings"):
            cjk.anchors("北京市海淀区", (*anchors[:item], ("",), *anchors[item + 1:]))


def test_layout_refuses_a_configuration_of_another_shape() -> None:
    layout = native("_layout")
    if layout is None:
        pytest.skip("the C accelerator is not built here")
    assert CONFIG_VERSIONS["_layout"] == layout.CONFIG_VERSION
    with pytest.raises(ValueError, match="configuration"):
        layout.layout("abc", ["abc"], [], 1, (CONFIG_VERSIONS["_layout"],))
    other = CONFIG_VERSIONS["_layout"] + 1
    config = (other, {}, (), b"", b"", (0, 1, 2), (-1, -1, 20260301), str)
    with pytest.raises(ValueError, match="configuration version"):
        layout.layout("abc", ["abc"], [], 1, config)
    # A tuple of the previous version, (cutoff, today) in place of (cutoff, cutoff18, today),
    # is refused by its version before its shape is read.
    old = (CONFIG_VERSIONS["_layout"] - 1, {}, (), b"", b"", (0, 1, 2), (-1, 20260301), str)
    with pytest.raises(ValueError, match="configuration version"):
        layout.layout("abc", ["abc"], [], 1, old)
