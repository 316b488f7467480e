from __future__ import annotations

import re

import pytest
from stdnum import luhn
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2

from cnprivacy.deid.keys import DeidKey
from cnprivacy.deid.pseudonym import Pseudonymiser


def test_same_key_same_token_across_instances(key: DeidKey) -> None:
    a, b = Pseudonymiser(key), Pseudonymiser(DeidKey(key.secret))
    assert a.token("cn_mobile", "13812345678") == b.token("cn_mobile", "13812345678")
    assert re.fullmatch(r"mob_[a-z2-7]{20}", a.token("cn_mobile", "13812345678"))


def test_other_key_or_algorithm_gives_other_token(key: DeidKey, other_key: DeidKey) -> None:
    value = "11010519491231002X"
    tokens = {Pseudonymiser(key, "sm3").token("cn_resident_id", value),
              Pseudonymiser(key, "sha256").token("cn_resident_id", value),
              Pseudonymiser(other_key, "sm3").token("cn_resident_id", value)}
    assert len(tokens) == 3


@pytest.mark.parametrize(("entity_type", "variants"), [
    ("cn_mobile", ["13812345678", "138 1234 5678", "+86 138-1234-5678", "１３８１２３４５６７８"]),
    ("cn_resident_id", ["11010519491231002X", "11010519491231002x", "110105 19491231 002X"]),
    ("email", ["Zhang.Wei@Example.com", " zhang.wei@example.com"]),
    ("bank_card", ["6222 0212 3456 7890 128", "6222021234567890128"]),
])
def test_one_person_written_many_ways_gets_one_token(key: DeidKey, entity_type: str,
                                                     variants: list[str]) -> None:
    pseudonymiser = Pseudonymiser(key)
    assert len({pseudonymiser.token(entity_type, v) for v in variants}) == 1


def test_legacy_15_digit_id_links_to_its_18_digit_form(key: DeidKey) -> None:
    pseudonymiser = Pseudonymiser(key)
    assert (pseudonymiser.token("cn_resident_id", "110105491231002")
            == pseudonymiser.token("cn_resident_id", "11010519491231002X"))


def test_types_are_separated(key: DeidKey) -> None:
    pseudonymiser = Pseudonymiser(key)
    assert pseudonymiser.digest("cn_mobile", "13812345678") != pseudonymiser.digest(
        "cn_landline", "13812345678")


def test_format_preserving_resident_id(key: DeidKey) -> None:
    pseudonymiser = Pseudonymiser(key)
    for value in ("11010519491231002X", "440301199003071234", "110105491231002"):
        fake = pseudonymiser.format_preserving("cn_resident_id", value)
        assert re.fullmatch(r"\d{17}[\dX]", fake)
        assert ric.get_birth_date(fake[:17] + mod_11_2.calc_check_digit(fake[:17]))  # real date
        assert not ric.is_valid(fake)  # never a real person's number by default
        valid = pseudonymiser.format_preserving("cn_resident_id", value, "valid")
        assert ric.is_valid(valid)
        assert fake == pseudonymiser.format_preserving("cn_resident_id", value)


def test_format_preserving_mobile_card_email_name(key: DeidKey) -> None:
    pseudonymiser = Pseudonymiser(key)
    mobile = pseudonymiser.format_preserving("cn_mobile", "+86 138-1234-5678")
    assert re.fullmatch(r"1[3-9]\d{9}", mobile) and mobile != "13812345678"
    card = pseudonymiser.format_preserving("bank_card", "6222021234567890128")
    assert len(card) == 19 and card.startswith("6") and not luhn.is_valid(card)
    assert luhn.is_valid(pseudonymiser.format_preserving("bank_card", "6222021234567890128",
                                                         "valid"))
    assert pseudonymiser.format_preserving("email", "a@corp.cn").endswith("@example.invalid")
    name = pseudonymiser.format_preserving("person_name", "张伟")
    assert len(name) == 2 and name != "张伟"
    assert re.fullmatch(r"10\.\d+\.\d+\.\d+",
                        pseudonymiser.format_preserving("ip_address", "8.8.8.8"))
    assert pseudonymiser.format_preserving("ip_address", "2001:db8::1").startswith("fd")


def test_shape_preserving_fallback(key: DeidKey) -> None:
    fake = Pseudonymiser(key).format_preserving(None, "AB-1234-cd")
    assert re.fullmatch(r"[A-Z]{2}-\d{4}-[a-z]{2}", fake) and fake != "AB-1234-cd"
