from __future__ import annotations

from datetime import date

import pytest

from cnprivacy.deid.generalise import (
    birth_date_of,
    generalise_address,
    generalise_date,
    generalise_gps,
    generalise_ip,
    parse_date,
)

AS_OF = date(2026, 3, 12)


@pytest.mark.parametrize("text", ["1990-03-12", "1990/3/12", "19900312", "1990年3月12日",
                                  "１９９０-03-12"])
def test_date_spellings(text: str) -> None:
    assert parse_date(text) == date(1990, 3, 12)


def test_unparseable_dates() -> None:
    assert parse_date("unknown") is None
    assert parse_date("1990-02-30") is None


def test_age_band_turns_on_the_birthday() -> None:
    # 36 on the birthday itself, 35 the day before: both sides of the boundary.
    assert generalise_date(date(1990, 3, 12), "age_band", as_of=AS_OF, band=5) == "35-39"
    assert generalise_date(date(1990, 3, 13), "age_band", as_of=AS_OF, band=5) == "35-39"
    assert generalise_date(date(1991, 3, 12), "age_band", as_of=AS_OF, band=5) == "35-39"
    assert generalise_date(date(1991, 3, 13), "age_band", as_of=AS_OF, band=5) == "30-34"
    assert generalise_date(date(1990, 3, 12), "year", as_of=AS_OF, band=5) == "1990"
    assert generalise_date(date(1990, 3, 12), "month", as_of=AS_OF, band=5) == "1990-03"


def test_birth_date_from_resident_id() -> None:
    assert birth_date_of("cn_resident_id", "11010519491231002X") == date(1949, 12, 31)
    assert birth_date_of("cn_resident_id", "110105491231002") == date(1949, 12, 31)
    assert birth_date_of("cn_resident_id", "not an id") is None


@pytest.mark.parametrize(("address", "province", "city", "district"), [
    ("广东省深圳市南山区科技园路1号", "广东省", "广东省深圳市", "广东省深圳市南山区"),
    ("北京市海淀区中关村大街27号", "北京市", "北京市", "北京市海淀区"),
    ("浙江杭州市西湖区文三路", "浙江省", "浙江省杭州市", "浙江省杭州市西湖区"),
    ("新疆维吾尔自治区乌鲁木齐市天山区", "新疆维吾尔自治区", "新疆维吾尔自治区乌鲁木齐市",
     "新疆维吾尔自治区乌鲁木齐市天山区"),
    ("杭州市西湖区文三路", None, "杭州市", "杭州市西湖区"),
])
def test_address_levels(address: str, province: str | None, city: str, district: str) -> None:
    assert generalise_address(address, "province") == province
    assert generalise_address(address, "city") == city
    assert generalise_address(address, "district") == district


def test_gps_grid_snaps_to_cell_centre() -> None:
    assert generalise_gps("31.230416, 121.473701", 0.1) == "31.25, 121.45"
    assert generalise_gps("31.230416,121.473701", 0.01) == "31.235,121.475"
    assert generalise_gps("-33.868800, 151.209300", 1) == "-33.5, 151.5"
    assert generalise_gps("31.23", 0.1) is None


def test_ip_prefix() -> None:
    assert generalise_ip("192.168.3.77", None) == "192.168.3.0/24"
    assert generalise_ip("192.168.3.77", 16) == "192.168.0.0/16"
    assert generalise_ip("2001:db8:1:2::1", None) == "2001:db8:1::/48"
    assert generalise_ip("999.1.1.1", None) is None


def test_address_falls_back_to_a_coarser_level() -> None:
    assert generalise_address("湖北省帅县城北郑街x座", "city") == "湖北省"
    assert generalise_address("广东省深圳市", "district") == "广东省深圳市"
    assert generalise_address("科技园路1号", "city") is None
