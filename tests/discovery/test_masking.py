"""Masking keeps only what the contract allows."""

from __future__ import annotations

import pytest

from cnprivacy.discovery.pitypes import mask


@pytest.mark.parametrize(("kind", "value", "masked"), [
    ("cn_resident_id", "110101199003071234", "1101**********1234"),
    ("cn_resident_id", "１１０１０１１９９００３０７１２３４", "1101**********1234"),
    ("cn_mobile", "13812345678", "138****5678"),
    ("cn_mobile", "+86 138-1234-5678", "+86138****5678"),
    ("email", "zhang.wei@example.com", "z***@example.com"),
    ("bank_card", "6222 0202 0011 2233", "6222********2233"),
    ("person_name", "王秀英", "王**"),
    ("person_name", "欧阳娜娜", "欧阳**"),
    ("license_plate", "粤B12345", "粤B***45"),
    ("ip_address", "192.168.1.20", "192.168.*.*"),
    ("gps_coordinate", "39.9042,116.4074", "39.9*,116.4*"),
    ("cn_passport", "E12345678", "E******78"),
])
def test_masks(kind: str, value: str, masked: str) -> None:
    assert mask(kind, value) == masked


def test_address_keeps_only_the_first_level() -> None:
    out = mask("address", "广东省深圳市南山区科技园路1号")
    assert out.startswith("广东省") and "南山" not in out and "1号" not in out


def test_short_values_never_come_back_whole() -> None:
    assert mask("cn_resident_id", "12345") != "12345"
    assert mask("unknown_type", "secret") == "s*****"
