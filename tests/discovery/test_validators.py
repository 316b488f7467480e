"""Validators: every type rejects look-alikes, not only accepts the real thing."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2

from cnprivacy.discovery.detect import validate
from cnprivacy.discovery.pitypes import bank_card, landline, mobile, resident_id


def _rid(region: str, birth: str, seq: str = "123") -> str:
    body = region + birth + seq
    return body + mod_11_2.calc_check_digit(body)


def test_resident_id_check_digit_date_and_region() -> None:
    good = _rid("110101", "19900307")
    assert resident_id.is_valid(good)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert not resident_id.is_valid(wrong)
    assert not resident_id.is_valid(_rid("110101", "19900230"))  # 30 February
    assert not resident_id.is_valid(_rid("990101", "19900307"))  # no province 99
    future = date.today().replace(year=date.today().year + 1).strftime("%Y%m%d")
    assert not resident_id.is_valid(_rid("110101", future))


def test_resident_id_with_x_in_any_case() -> None:
    for seq in ("000", "001", "002", "003", "004", "005", "006", "007", "008", "009", "010"):
        v = _rid("440301", "19850101", seq)
        if v.endswith("X"):
            assert validate("cn_resident_id", v)
            assert validate("cn_resident_id", v[:-1] + "x")
            return
    pytest.fail("no X check digit in the sample")


def test_region_table_is_only_a_hint() -> None:
    # 110199 is not in python-stdnum's county table: cn.ric rejects (or crashes on) a valid ID.
    v = _rid("110199", "19900307")
    try:
        stdnum_ok = ric.is_valid(v)
    except KeyError:
        stdnum_ok = False
    assert not stdnum_ok
    assert resident_id.is_valid(v)


def test_legacy_15_digit() -> None:
    assert resident_id.is_valid("110101900307123")
    assert not resident_id.is_valid("110101901307123")  # month 13
    assert not resident_id.is_valid("990101900307123")


def test_mobile_landline_number_plans() -> None:
    assert mobile.is_valid("13812345678")
    assert mobile.is_valid("+8613812345678") and mobile.is_valid("008613812345678")
    assert not mobile.is_valid("12345678901")
    assert not mobile.is_valid("10012345678")
    assert landline.is_valid("01062345678") and landline.is_valid("075586013388")
    assert not landline.is_valid("0755123456")  # Shenzhen numbers have 8 digits
    assert not landline.is_valid("13812345678")


def test_bank_card_luhn_prefix_and_id_lookalikes() -> None:
    assert bank_card.is_valid("4111111111111111")
    assert not bank_card.is_valid("4111111111111112")
    assert not bank_card.is_valid("1700000000000")  # 13-digit timestamp: no scheme prefix
    # An 18-digit mistyped resident ID that happens to pass Luhn is not a card.
    for last in "0123456789":
        v = _rid("610101", "19900307")[:17] + last
        if not resident_id.is_valid(v) and __import__("stdnum").luhn.is_valid(v):
            assert not bank_card.is_valid(v)


def test_uscc_and_order_numbers() -> None:
    from stdnum.cn import uscc

    code = "91110108MA01C5GW5"
    full = code + uscc.calc_check_digit(code)
    assert uscc.is_valid(full)
    assert not uscc.is_valid("202401151234567890")


@pytest.mark.parametrize(("kind", "value", "ok"), [
    ("cn_passport", "E12345678", True), ("cn_passport", "EA1234567", True),
    ("cn_passport", "X12345678", False),
    ("hk_macau_permit", "H12345678", True), ("hk_macau_permit", "C12345678", True),
    ("hk_macau_permit", "Z12345678", False),
    ("license_plate", "粤B12345", True), ("license_plate", "京AD12345", True),
    ("license_plate", "粤B-12345", True), ("license_plate", "A12345", False),
    ("ip_address", "192.168.1.20", True), ("ip_address", "2001:db8::1", True),
    ("ip_address", "300.1.1.1", False),
    ("gps_coordinate", "39.9042,116.4074", True), ("gps_coordinate", "39.9,116.4", False),
    ("email", "zhang.wei@example.com", True), ("email", "zhang.wei@", False),
    ("person_name", "王秀英", True), ("person_name", "欧阳娜娜", True),
    ("person_name", "高兴", False), ("person_name", "北京市", False),
    ("address", "广东省深圳市南山区科技园路1号", True), ("address", "我在北京工作", False),
])
def test_cell_validation(kind: str, value: str, ok: bool) -> None:
    assert validate(kind, value) is ok


def test_full_width_and_separators() -> None:
    v = _rid("110101", "19900307")
    wide = v.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert validate("cn_resident_id", wide)
    assert validate("cn_resident_id", f"{v[:6]} {v[6:14]} {v[14:]}")
    assert validate("cn_mobile", "138 1234 5678") and validate("cn_mobile", "+86 138-1234-5678")
    assert validate("cn_mobile", "１３８１２３４５６７８")


def test_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError):
        validate("shoe_size", "42")
