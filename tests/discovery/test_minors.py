"""Minors under 14 from the PIPL law data (pipl.minor_sensitive_age, 不满十四周岁) and under 18
(minors_protection_law.minor_age, 未满十八周岁), both sides of each birthday boundary, on the
text and the table path, accelerated and pure Python."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from stdnum.iso7064 import mod_11_2

import cnprivacy.law
from cnprivacy.discovery.pitypes.resident_id import is_minor, under_age
from cnprivacy.discovery.profile_fragment import profile_fragment
from cnprivacy.discovery.scanner import Scanner, ScanOptions
from cnprivacy.engine.parameters import adult_age_limit, minor_age_limit

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


def test_adult_age_comes_from_the_law_as_of_the_scan_date() -> None:
    assert adult_age_limit(AS_OF) == 18
    assert adult_age_limit(date(1992, 1, 1)) == 18        # the law in force
    assert adult_age_limit(date(1991, 12, 31)) is None    # before: no such rule


def test_turning_18_on_the_scan_date_is_not_under_18() -> None:
    assert not is_minor(_rid("20080301"), AS_OF, 18)      # 18th birthday today
    assert is_minor(_rid("20080302"), AS_OF, 18)          # 18th birthday tomorrow
    assert is_minor(_rid("20120301"), AS_OF, 18)          # 14 today: still a minor
    assert not is_minor(_rid("20080302"), AS_OF, None)


# Born on the 14th or 18th birthday's day as of AS_OF, or the day after: both sides of both.
_BIRTHS = ("20120301", "20120302", "20080301", "20080302", "19900307")


def _ages(as_of: date) -> ScanOptions:
    return ScanOptions(as_of=as_of, minor_age=minor_age_limit(as_of),
                       adult_age=adult_age_limit(as_of))


def _text_counts(as_of: date) -> tuple[int | None, int | None, list[str]]:
    lines = [f"身份证{_rid(b, f'{i}{i}{i}')}，电话1381234567{i}" for i, b in enumerate(_BIRTHS)]
    rep = Scanner(_ages(as_of)).scan_lines("t.txt", "utf-8", lines * 3)
    return rep.minors_under_14, rep.minors_under_18, rep.sensitive_categories


def _table_counts(as_of: date) -> tuple[int | None, int | None, list[str]]:
    ids = [_rid(b, f"{i}{i}{i}") for i, b in enumerate(_BIRTHS)] * 40
    batch = pa.RecordBatch.from_pydict({"身份证号": ids})
    rep = Scanner(_ages(as_of)).scan_batches("t.csv", "csv", "utf-8", iter([batch]))
    return rep.minors_under_14, rep.minors_under_18, rep.sensitive_categories


@pytest.mark.parametrize("counts", [_text_counts, _table_counts], ids=["text", "table"])
@pytest.mark.parametrize("accelerated", [True, False], ids=["native", "python"])
def test_children_and_minors_are_counted_apart(
        counts: object, accelerated: bool, request: pytest.FixtureRequest) -> None:
    if not accelerated:
        request.getfixturevalue("pure_python")
    assert callable(counts)
    # 2012-03-02 is under 14 and 18; 2012-03-01 (14 today) and 2008-03-02 only under 18;
    # 2008-03-01 turns 18 today.
    assert counts(AS_OF) == (1, 3, ["minor_under_14"])
    # A day later 2012-03-02 turns 14 and 2008-03-02 turns 18.
    assert counts(date(2026, 3, 2)) == (0, 2, [])
    # A day earlier 2008-03-01 is still 17.
    assert counts(date(2026, 2, 28)) == (2, 4, ["minor_under_14"])
    # Before the PIPL only minors are counted (all four were under 18 then).
    assert counts(date(2021, 10, 31)) == (0, 4, [])


def test_totals_and_profile_fragment_carry_minors_under_18(tmp_path: Path) -> None:
    one, two = tmp_path / "a.csv", tmp_path / "b.csv"
    one.write_text("身份证\n" + "\n".join(_rid(b, "111") for b in _BIRTHS[:3]) + "\n",
                   encoding="utf-8")
    two.write_text("身份证\n" + "\n".join(_rid(b, "111") for b in _BIRTHS[1:]) + "\n",
                   encoding="utf-8")
    result = Scanner(_ages(AS_OF)).scan([str(one), str(two)])
    assert [s.minors_under_18 for s in result.sources] == [2, 2]
    # The person born 2012-03-02 is in both files: counted once.
    assert (result.totals.minors_under_14, result.totals.minors_under_18) == (1, 3)
    assert result.to_dict()["totals"]["minors_under_18"] == 3
    assert result.to_dict()["sources"][0]["minors_under_18"] == 2
    org = profile_fragment(result)["organization"]
    assert (org["minors_under_14_processed"], org["minors_processed"]) == (1, 3)
    base = {"organization": {"name": "X", "country": "CN", "minors_processed": 7}}
    assert profile_fragment(result, base)["organization"]["minors_processed"] == 7
