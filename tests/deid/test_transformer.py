from __future__ import annotations

from datetime import date

import pytest

from cnprivacy.deid.detection import SpanDetector
from cnprivacy.deid.envelope import SM4Envelope
from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.policy import Policy
from cnprivacy.deid.transformer import Deidentifier, KeyRequiredError


def _policy(**data: object) -> Policy:
    return Policy.model_validate(data)


def test_text_keeps_everything_outside_spans(detector: SpanDetector) -> None:
    deid = Deidentifier(Policy(), detector)
    text = "客户来电 13812345678，邮箱 zhang.wei@example.com。"
    out = deid.transform_text(text)
    assert out == "客户来电 138****5678，邮箱 z***@example.com。"
    assert deid.counts[("cn_mobile", "mask")] == 1


def test_keyed_policy_needs_a_key(detector: SpanDetector) -> None:
    with pytest.raises(KeyRequiredError, match="--key-file"):
        Deidentifier(_policy(types={"cn_mobile": "pseudonymise"}), detector)


def test_column_rule_wins_and_column_type_fails_closed(detector: SpanDetector,
                                                       key: DeidKey) -> None:
    deid = Deidentifier(_policy(columns={"phone": "encrypt", "dob": {
        "transform": "generalise", "to": "year"}}), detector, key)
    token = deid.transform_cell("phone", "13812345678", "cn_mobile")
    assert SM4Envelope(key).decrypt(token) == "13812345678"
    assert deid.transform_cell("dob", "1990-03-12", None) == "1990"
    # A mistyped ID (bad check digit) in an ID column is still masked as an ID.
    assert deid.transform_cell("sfz", "110105194912310021", "cn_resident_id") == \
        "110105********0021"
    # Without a column type, a value no detector recognises is left alone.
    assert deid.transform_cell("note", "无", None) == "无"


def test_unparseable_generalisation_is_suppressed(detector: SpanDetector) -> None:
    deid = Deidentifier(_policy(columns={"dob": {"transform": "generalise", "to": "age_band"}}),
                        detector, as_of=date(2026, 1, 1))
    assert deid.transform_cell("dob", "不详", None) == ""
    assert deid.counts[("column dob", "suppress (not generalisable)")] == 1


def test_suppress_in_text_leaves_a_type_tag(detector: SpanDetector) -> None:
    deid = Deidentifier(_policy(types={"cn_mobile": "suppress"}), detector)
    assert deid.transform_text("电话13812345678。") == "电话[cn_mobile]。"
    assert deid.transform_cell("c", "13812345678", "cn_mobile") == ""


def test_pseudonyms_link_across_cells_and_text(detector: SpanDetector, key: DeidKey) -> None:
    deid = Deidentifier(_policy(types={"cn_mobile": "pseudonymise"}), detector, key)
    cell = deid.transform_cell("phone", "13812345678", "cn_mobile")
    text = deid.transform_text("回电 138 1234 5678")
    assert cell.startswith("mob_") and text == f"回电 {cell}"


def test_column_classification_share(detector: SpanDetector) -> None:
    mobiles = ["13812345678", "13900001111", "13700002222"]
    assert detector.classify("c", [*mobiles, "无", "", "  "]) == "cn_mobile"  # 3 of 4
    assert detector.classify("c", [*mobiles[:2], "无", "未知"]) == "cn_mobile"  # 2 of 4
    assert detector.classify("c", [mobiles[0], "无", "未知", "x"]) is None  # 1 of 4
    assert detector.classify("c", ["1.5", "2.0"]) is None
    assert detector.classify("c", []) is None
