"""find_spans: offsets, boundaries next to Chinese text, hard negatives, type filters."""

from __future__ import annotations

from typing import Any

from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery.detect import Span, find_spans


def _rid(region: str = "110101", birth: str = "19900307", seq: str = "123") -> str:
    body = region + birth + seq
    return body + mod_11_2.calc_check_digit(body)


def _typed(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.type) for s in find_spans(text)]


def test_identifiers_next_to_chinese_text_without_word_boundaries() -> None:
    rid = _rid()
    text = f"身份证号{rid}手机13812345678邮箱zhang@example.com。"
    assert _typed(text) == [(rid, "cn_resident_id"), ("13812345678", "cn_mobile"),
                            ("zhang@example.com", "email")]


def test_offsets_are_character_offsets_into_the_original() -> None:
    rid = _rid().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    text = f"证件：{rid}，电话：１３８ １２３４ ５６７８"
    spans = find_spans(text)
    assert [text[s.start:s.end] for s in spans] == [rid, "１３８ １２３４ ５６７８"]
    assert all(isinstance(s, Span) for s in spans)
    assert spans == sorted(spans, key=lambda s: s.start)


def test_two_numbers_separated_by_a_space_stay_two() -> None:
    assert _typed("13812345678 13987654321") == [("13812345678", "cn_mobile"),
                                                 ("13987654321", "cn_mobile")]


def test_digits_inside_longer_runs_are_not_matched() -> None:
    assert _typed("编号138123456789") == []
    assert _typed("a13812345678") == []
    assert _typed("订单202401151234567890已发货") == []


def test_hard_negatives_in_text() -> None:
    rid = _rid()
    wrong = rid[:-1] + ("1" if rid[-1] != "1" else "2")
    text = (f"订单号202405156804990369于20240115123045创建，编号12345678901，"
            f"时间戳1700000000123，核对号{wrong}，金额12.50元。")
    assert _typed(text) == []


def test_types_filter_and_contextual_names() -> None:
    text = "客户张伟来电称手机号为13812345678，住址广东省深圳市南山区科技园路1号。"
    assert _typed(text) == [("张伟", "person_name"), ("13812345678", "cn_mobile"),
                            ("广东省深圳市南山区科技园路1号", "address")]
    only = find_spans(text, {"cn_mobile"})
    assert [s.type for s in only] == ["cn_mobile"]


def test_ordinary_words_are_not_names() -> None:
    assert _typed("今天很高兴，明天见。") == []


def test_more_types() -> None:
    text = "车牌粤B12345，护照E12345678，IP 192.168.1.20，位置39.9042,116.4074，确诊糖尿病。"
    assert _typed(text) == [("粤B12345", "license_plate"), ("E12345678", "cn_passport"),
                            ("192.168.1.20", "ip_address"),
                            ("39.9042,116.4074", "gps_coordinate"),
                            ("确诊", "health_info"), ("糖尿病", "health_info")]


def test_ipv6_and_times() -> None:
    text = "登录 2001:db8::1 与 fe80::1ff:fe23:4567:890a，时间 10:20:30"
    assert _typed(text) == [("2001:db8::1", "ip_address"),
                            ("fe80::1ff:fe23:4567:890a", "ip_address")]


def test_empty_text() -> None:
    assert find_spans("") == []


def test_preload_builds_what_the_first_text_would() -> None:
    """Benchmarks time scanning after preload(): a table left to the first text was timed as
    scanning (about a second on MSRA's 0.5 MB, which read as 0.6 MB/s)."""
    from cnprivacy.discovery import detect
    from cnprivacy.discovery._native import native
    from cnprivacy.discovery.pitypes import address, name

    detect.preload()
    tables: list[Any] = [detect._native_tables, address._anchors, name._lexicon,
                         name._common_words]
    if native("_cjk") is not None:
        tables += [name._scored_tables, name._packed_phrases, address._native_tables]
    before = [f.cache_info().misses for f in tables]
    text = "记者温宪报道，地址成都市新津县金华镇清云北路2号，电话13812345678，卡号6222021234567890123"
    assert find_spans(text) and find_spans(text, recall=True)
    assert [f.cache_info().misses for f in tables] == before
