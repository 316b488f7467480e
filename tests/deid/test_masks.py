from __future__ import annotations

import pytest

from cnprivacy.deid.masks import mask_value


@pytest.mark.parametrize(("entity_type", "value", "masked"), [
    ("cn_resident_id", "11010519491231002X", "110105********002X"),
    ("cn_mobile", "13812345678", "138****5678"),
    ("cn_mobile", "+86 138-1234-5678", "+86 138-****-5678"),
    ("cn_mobile", "１３８１２３４５６７８", "１３８****５６７８"),
    ("bank_card", "6222021234567890128", "622202*********0128"),
    ("email", "zhang.wei@example.com", "z***@example.com"),
    ("person_name", "张伟", "张*"),
    ("person_name", "欧阳娜娜", "欧阳**"),
    ("person_name", "欧阳", "欧*"),
    ("ip_address", "192.168.3.77", "192.168.*.*"),
    ("gps_coordinate", "31.230416, 121.473701", "31.2*****, 121.4*****"),
    ("cn_passport", "E12345678", "E******78"),
])
def test_type_aware_defaults(entity_type: str, value: str, masked: str) -> None:
    assert mask_value(entity_type, value) == masked


def test_policy_overrides_and_short_values() -> None:
    assert mask_value("cn_mobile", "13812345678", keep_first=0, keep_last=2) == "*********78"
    assert mask_value(None, "AB", char="#") == "A#"
    assert mask_value("person_name", "张") == "*"
    assert mask_value(None, "") == ""


def test_landline_keeps_exactly_the_area_code() -> None:
    assert mask_value("cn_landline", "028-85551234") == "028-******34"
    assert mask_value("cn_landline", "0755-26661234") == "0755-******34"
