"""Bank cards by context (issue 13): a Luhn-valid number of 13-19 digits right after card
context is a card whatever its prefix; without context the scheme table decides, as before.
Both sides of each rule, with and without the C accelerators (the same spans)."""

from __future__ import annotations

import random

import pytest
from stdnum import luhn

from cnprivacy.deid.detection import discovery_detector
from cnprivacy.discovery import detect
from cnprivacy.discovery import types as T
from cnprivacy.discovery._native import native, pure_python
from cnprivacy.discovery.detect import find_tuples
from cnprivacy.discovery.pitypes import bank_card, resident_id


def _card(prefix: str, digits: int) -> str:
    body = (prefix + "4539148803436467012345")[:digits - 1]
    return body + luhn.calc_check_digit(body)


MAESTRO = _card("50", 16)       # outside the scheme table
DOMESTIC = _card("58", 19)      # outside the scheme table
ONE = _card("1", 16)            # no scheme starts with 1
UNIONPAY = _card("62", 16)      # in the table


def _cards(text: str) -> list[str]:
    fast = find_tuples(text)
    with pure_python():
        slow = find_tuples(text)
    assert fast == slow
    return [text[a:b] for a, b, k in fast if k == T.BANK_CARD]


def test_prefixes_outside_the_table_are_not_cards_by_themselves() -> None:
    for number in (MAESTRO, DOMESTIC, ONE):
        assert not bank_card.is_valid(number)
        assert _cards(f"订单号{number}已发货") == []
    assert _cards(f"订单号{UNIONPAY}已发货") == [UNIONPAY]


@pytest.mark.parametrize("cue", ["银行卡", "卡号", "借记卡", "信用卡", "储蓄卡", "尾号", "绑定工商银行卡",
                                 "卡号：", "银行卡号为 ", "card no. ", "Card Number: "])
def test_card_context_makes_a_card_whatever_the_prefix(cue: str) -> None:
    for number in (MAESTRO, DOMESTIC, ONE):
        assert _cards(f"客户{cue}{number}，请核对") == [number]


def test_grouped_and_full_width_numbers_after_context() -> None:
    grouped = " ".join(DOMESTIC[i:i + 4] for i in range(0, 19, 4))
    assert _cards(f"绑定银行卡：{grouped}") == [grouped]
    wide = MAESTRO.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert _cards(f"卡号{wide}") == [wide]


def test_context_does_not_rescue_a_wrong_check_digit_or_a_far_number() -> None:
    wrong = MAESTRO[:-1] + str((int(MAESTRO[-1]) + 1) % 10)
    assert _cards(f"银行卡{wrong}") == []
    assert _cards(f"银行卡已冻结，客服工单编号是{MAESTRO}") == []  # more than 8 characters away
    assert _cards(f"银行卡\n{MAESTRO}") == []  # context does not cross a line
    assert _cards(f"卡号{MAESTRO}9") == []  # 17 digits that do not check
    assert _cards(f"卡号{MAESTRO[:12]}") == []  # 12 digits: too short


def test_an_identifier_already_found_keeps_its_type() -> None:
    assert [k for _, _, k in find_tuples("卡号13812345678")] == [T.CN_MOBILE]


def test_deid_detector_masks_cards_found_by_context() -> None:
    spans = discovery_detector().find_spans(f"已绑定银行卡{MAESTRO}")
    assert [(s.start, s.end, s.type) for s in spans] == [(6, 6 + len(MAESTRO), T.BANK_CARD)]


def _messy_card_text(r: random.Random) -> str:
    """A line of card cues, numbers of 10-20 digits (some Luhn-valid, some cards of the table,
    mobiles), single and double separators, full-width digits, letters and commas."""
    parts = []
    for _ in range(r.randint(1, 6)):
        parts.append(r.choice(["银行卡", "卡号", "尾号", "card no ", "订单", "，", ",", "a", "X", " ",
                               "", "\n", "电话", "－"]))
        n = r.randint(10, 20)
        body = "".join(r.choice("0123456789") for _ in range(n - 1))
        number = body + luhn.calc_check_digit(body) if r.random() < 0.6 else body + "7"
        if r.random() < 0.2:
            number = "138" + number[3:11]
        if r.random() < 0.3:
            sep = r.choice([" ", "-", "－", "  "])
            step = r.choice([3, 4, 6])
            number = sep.join(number[i:i + step] for i in range(0, len(number), step))
        if r.random() < 0.2:
            number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        parts.append(number)
    return "".join(parts)


def test_the_accelerator_skips_the_context_check_only_where_it_finds_nothing() -> None:
    """The C pass says whether the context check could look at a number; where it says no,
    the check run anyway finds nothing (so skipping it changes no span)."""
    digitruns = native("_digitruns")
    if digitruns is None:
        pytest.skip("C accelerator not built")
    r = random.Random(13)
    said_no = 0
    for _ in range(3000):
        text = _messy_card_text(r)
        card = detect.native_scan(digitruns, text, resident_id.today_ymd())[3]
        if not card:
            said_no += 1
            known = {a: b for a, b, _ in detect._structured_native(text, digitruns)[0]}
            assert bank_card.cards_by_context(text, known) == [], text
        fast = find_tuples(text)
        with pure_python():
            assert find_tuples(text) == fast, text
    assert 300 < said_no < 2700  # both answers are exercised
    # The pieces it decides itself: a card already found is skipped, a number not found is not.
    assert detect.native_scan(digitruns, f"卡号{UNIONPAY}", 20260101)[3] is False
    assert detect.native_scan(digitruns, f"卡号{MAESTRO}", 20260101)[3] is True


def test_a_block_of_lines_finds_the_cards_its_lines_find() -> None:
    # A scan gives the finders 2,000 lines at a time; most windows before a long number
    # there hold no cue and are passed over without the number's checks.
    r = random.Random(13)
    lines = []
    for i in range(400):
        number = _card(r.choice(["50", "58", "1", "62"]), r.choice([13, 16, 19]))
        if i % 3 == 0:
            lines.append(f"用户绑定银行卡{number}，已核实")
        elif i % 3 == 1:
            lines.append(f"订单{number}已发货，卡券已领取")     # 卡 on the line, not before the number
        else:
            lines.append(f"流水号{number[:-1]}{(int(number[-1]) + 1) % 10}")
    block = "\n".join(lines)
    expected, offset = [], 0
    for line in lines:
        expected += [(a + offset, b + offset) for a, b, _ in bank_card.cards_by_context(line)]
        offset += len(line) + 1
    got = [(a, b) for a, b, _ in bank_card.cards_by_context(block)]
    assert got == expected
    assert len(got) == 134  # every line with 绑定银行卡, and no other
