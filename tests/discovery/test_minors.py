"""Minors under 14 from the PIPL law data (pipl.minor_sensitive_age, 不满十四周岁), both sides
of the birthday boundary, on the text and the table path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pyarrow as pa
import pytest
from stdnum.iso7064 import mod_11_2

import cnprivacy.law
from cnprivacy.discovery.pitypes.resident_id import is_minor, under_age
from cnprivacy.discovery.scanner import Scanner, ScanOptions
from cnprivacy.engine.parameters import minor_age_limit

AS_OF = date(2026, 3, 1)


def _rid(birth: str, seq: str = "123") -> str:
    body = "440305" + birth + seq
    return body + mod_11_2.calc_check_digit(body)


def test_age_comes_from_the_law_as_of_the_scan_date() -> None:
    assert minor_age_limit(AS_OF) == 14
    assert minor_age_limit(date(2021, 11, 1)) == 14       # PIPL in force
    assert minor_age_limit(date(2021, 10, 31)) is None    # before: no such rule


def test_turning_14_on_the_scan_date_is_not_under_14() -> None:
    assert not is_minor(_rid("20120301"), AS_OF, 14)      # 14th birthday today
    assert is_minor(_rid("20120302"), AS_OF, 14)          # 14th birthday tomorrow
    assert not is_minor(_rid("20120302"), AS_OF, None)
    assert not under_age(20260302, AS_OF, 14)              # not born yet
    assert under_age(20260301, AS_OF, 14)                  # born today


def test_lte_wording_means_one_year_more(monkeypatch: pytest.MonkeyPatch) -> None:
    book = cnprivacy.law.load_lawbook()
    real = book.value("pipl", "minor_sensitive_age", AS_OF)
    assert real is not None

    class _Book:
        def value(self, *_: object) -> object:
            return replace(real, parameter=real.parameter.model_copy(
                update={"comparison": "lte"}))

    monkeypatch.setattr(cnprivacy.law, "load_lawbook", lambda: _Book())
    assert minor_age_limit(AS_OF) == 15


def _text_report(as_of: date) -> tuple[int | None, list[str]]:
    lines = [f"家长来电，孩子身份证{_rid('20120301', '111')}。",
             f"学生身份证{_rid('20120302', '222')}，电话13812345678",
             f"客户身份证{_rid('19900307', '333')}"]
    options = ScanOptions(as_of=as_of, minor_age=minor_age_limit(as_of))
    rep = Scanner(options).scan_lines("t.txt", "utf-8", lines)
    return rep.minors_under_14, rep.sensitive_categories


def test_text_path_boundary_and_dates() -> None:
    assert _text_report(AS_OF) == (1, ["minor_under_14"])
    assert _text_report(date(2026, 3, 2)) == (0, [])      # the second child turns 14
    assert _text_report(date(2021, 10, 31)) == (0, [])    # before PIPL: not a category


def _table_report(as_of: date) -> tuple[int | None, list[str]]:
    ids = [_rid("20120301", "111"), _rid("20120302", "222"), _rid("19900307", "333")] * 50
    batch = pa.RecordBatch.from_pydict({"身份证号": ids})
    options = ScanOptions(as_of=as_of, minor_age=minor_age_limit(as_of))
    rep = Scanner(options).scan_batches("t.csv", "csv", "utf-8", iter([batch]))
    return rep.minors_under_14, rep.sensitive_categories


def test_table_path_boundary_and_dates() -> None:
    assert _table_report(AS_OF) == (1, ["minor_under_14"])
    assert _table_report(date(2026, 3, 2)) == (0, [])
    assert _table_report(date(2021, 10, 31)) == (0, [])
