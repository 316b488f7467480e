"""Columns: values decide, headers only help; hard negatives stay negative."""

from __future__ import annotations

import pyarrow as pa

from cnprivacy.discovery.classify import classify_column, header_hint

from .evalcorpus import Corpus


def test_every_corpus_column(corpus: Corpus) -> None:
    for name, values in corpus.columns.items():
        verdict = classify_column(name, pa.array(values))
        assert verdict.type == corpus.gold_columns[name], name
        if verdict.type is not None:
            assert verdict.ratio >= 0.99
            assert verdict.examples and all("*" in e for e in verdict.examples)


def test_header_alone_does_not_make_pi() -> None:
    verdict = classify_column("身份证号", pa.array(["unknown", "n/a", "123", "待补充"] * 10))
    assert verdict.type is None


def test_values_without_header_hint() -> None:
    verdict = classify_column("c7", pa.array(["13812345678", "13987654321", "15036083778"]))
    assert verdict.type == "cn_mobile" and verdict.matched == 3


def test_header_hint_lowers_the_bar() -> None:
    values = ["13812345678", "无", "不详", "13987654321", "-"]
    assert classify_column("c1", pa.array(values)).type is None
    assert classify_column("联系电话", pa.array(values)).type == "cn_mobile"


def test_header_hints_in_chinese_and_english() -> None:
    assert header_hint("身份证号码") == "cn_resident_id"
    assert header_hint("customer_email") == "email"
    assert header_hint("Mobile Phone") == "cn_mobile"
    assert header_hint("lat") == "gps_coordinate"
    assert header_hint("order_id") is None


def test_free_text_column() -> None:
    notes = ["客户张伟来电称手机号为13812345678，要求退款", "患者李娜确诊糖尿病，电话15912345678",
             "无"] * 20
    verdict = classify_column("备注", pa.array(notes))
    assert verdict.free_text and verdict.type == "cn_mobile"
    assert {"health_info", "person_name"} <= set(verdict.span_types)


def test_uscc_is_reported_but_not_personal() -> None:
    from stdnum.cn import uscc

    codes = []
    for i in range(20):
        body = f"91110108MA01C{i:02d}GW"[:17]
        codes.append(body + uscc.calc_check_digit(body))
    verdict = classify_column("统一社会信用代码", pa.array(codes))
    assert verdict.type == "uscc"
