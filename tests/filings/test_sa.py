"""The security-assessment packs: report structure, data items, links, form, forecast, extension."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from openpyxl import load_workbook

from cnprivacy.filings import LedgerFigures, PackProblems, build_sa_extension_pack, build_sa_pack
from cnprivacy.filings.forecast import forecast, growth_test
from cnprivacy.filings.inputs import DataItem
from cnprivacy.filings.sa import dedupe

from .helpers import SA_INPUT, evidence, raw_input, read_docx, texts

HEADERS = ("序号", "数据项名称", "内容描述", "出境必要性", "示例", "备注")
SA_ROUTE = ("transfers.hk-crm.individuals=1200000",)
# Approved on 2024-04-01 (3 years under the 2024 Provisions art 9): expires 2027-04-01, the
# 60-working-day window opens in January 2027; the year's transfers are moved into 2027.
APPROVED = (*SA_ROUTE, "transfers.hk-crm.assessment_approved_on=2024-04-01",
            "transfers.hk-crm.date=2027-01-05", "transfers.de-analytics.date=2027-01-06")


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw_input(SA_INPUT))
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            data[section][field] = value
        else:
            data[section] = value
    return data


def _problems(data: dict[str, Any], build: Any = build_sa_pack, **kw: Any) -> list[str]:
    with pytest.raises(PackProblems) as err:
        build(evidence(data, **kw))
    return [p.line() for p in err.value.problems]


def test_report_tables_and_form_for_the_example() -> None:
    pack = build_sa_pack(evidence(_data(), overrides=SA_ROUTE))
    assert [f.name for f in pack.files] == ["01_数据出境风险自评估报告.docx", "02_出境数据项与出境链路.xlsx",
                                             "03_申报表字段.json", "03_申报表字段.xlsx"]
    doc = read_docx(pack.files[0].data)
    body = texts(doc)
    for heading in ("一、评估工作简述", "二、出境活动整体情况", "（二）拟出境数据情况",
                    "三、拟出境活动的风险自评估情况及结论", "（八）自评估结论"):
        assert heading in body
    items = doc.tables[0]
    assert [c.text for c in items.rows[0].cells] == list(HEADERS)
    # 手机号码 is listed twice in the input: once in the table.
    assert [r.cells[1].text for r in items.rows[1:]] == ["会员姓名", "手机号码", "订单编号"]
    links = doc.tables[2]
    assert [c.text for c in links.rows[0].cells] == ["序号", "一方", "域名", "网络地址", "传输方式"]
    assert [r.cells[1].text for r in links.rows[1:]] == ["境内", "境外"]
    assert any("1260000人" in t and "未经台账去重" in t for t in body)
    method = next(t for t in body if t.startswith("预测方法"))
    assert "未经台账去重" in method and "按自然人去重" not in method
    book = load_workbook(io.BytesIO(pack.files[1].data))
    assert book.sheetnames == ["hk-member-service", "de-analytics", "出境链路"]
    sheet = book["hk-member-service"]
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert sheet["B3"].value == "手机号码" and sheet["E3"].value == "138****5678"
    assert sheet.max_row == 4
    form = json.loads(pack.files[2].data)
    assert form["individuals_exported_this_year"] == 1260000
    assert [s["id"] for s in form["scenarios"]] == ["hk-member-service", "de-analytics"]
    assert form["legal_representative"].startswith("（经办人")  # never a person's details
    rows = load_workbook(io.BytesIO(pack.files[3].data))["申报表"].iter_rows(min_row=2)
    cells = {r[0].value: r[1].value for r in rows}
    assert cells["individuals_exported_this_year"] == "1260000"
    assert cells["scenarios[0].id"] == "hk-member-service"
    assert any("kept once" in n and "手机号码" in n for n in pack.needs_review)


def test_the_route_must_be_a_security_assessment() -> None:
    lines = _problems(_data())  # the bundled profile's year needs a standard contract
    assert any("decides standard_contract_or_certification for hk-crm" in line for line in lines)


def test_the_declaration_covers_every_transfer_of_the_year() -> None:
    data = _data()
    data["scenarios"] = data["scenarios"][:1]
    lines = _problems(data, overrides=SA_ROUTE)
    assert any("must cover de-analytics" in line for line in lines)


def test_links_need_both_sides_and_items_their_columns() -> None:
    data = _data()
    data["export"]["links"] = data["export"]["links"][:1]
    del data["scenarios"][1]["items"][0]["necessity"]
    lines = _problems(data, overrides=SA_ROUTE)
    assert any("境外一方" in line and "side: overseas" in line for line in lines)
    assert any("出境必要性 of data item 会员编号" in line for line in lines)


def test_an_unmasked_example_stops_the_pack() -> None:
    data = _data()
    data["scenarios"][0]["items"][1]["example"] = "13812345678"
    lines = _problems(data, overrides=SA_ROUTE)
    assert any("scenarios[0].items[1].example holds what looks like personal information" in line
               for line in lines)
    assert not any("13812345678" in line for line in lines)


def test_dedupe_ignores_spacing_and_case_within_a_scenario() -> None:
    kept, dropped = dedupe([DataItem(name="Email"), DataItem(name=" email "), DataItem(name="手机 号码"),
                            DataItem(name="手机号码")])
    assert [i.name for i in kept] == ["Email", "手机 号码"] and dropped == ["email", "手机号码"]


def test_forecast_states_its_method_and_uses_the_ledger_history() -> None:
    flat = forecast(100, date(2026, 12, 31), {})
    assert flat.years == ((2027, 100), (2028, 100), (2029, 100)) and "不假设增长" in flat.method
    half = forecast(100, date(2026, 7, 2), {})  # day 183 of 365
    assert half.base == round(Fraction(100 * 365, 183))
    grown = forecast(121, date(2026, 12, 31), {2024: 100, 2025: 110, 2026: 121})
    assert grown.growth == Fraction(1, 10)
    assert grown.years == ((2027, 133), (2028, 146), (2029, 161))
    assert "2024年（100人）至2025年（110人）" in grown.method


@pytest.mark.parametrize(("expected", "passed"), [(1_200_000, True), (1_200_001, False),
                                                  (900_000, True)])
def test_growth_test_allows_twenty_percent_inclusive(expected: int, passed: bool) -> None:
    assert growth_test(1_000_000, expected, 20).passed is passed


def _extension(**ext: Any) -> dict[str, Any]:
    data = _data()
    data["filing_date"] = "2027-01-20"
    data["assessment"]["completed_on"] = "2027-01-15"
    data["extension"] = {"approved_individuals": 1_000_000, "same_purpose_scope_parties": True,
                         "major_incident": False, **ext}
    return data


def test_extension_pack_with_the_window_and_the_growth_test() -> None:
    pack = build_sa_extension_pack(evidence(_extension(forecast_individuals=1_200_000),
                                            overrides=APPROVED))
    window = pack.deadlines[0]
    assert window["due"] == "2027-04-01" and window["opens"] is not None
    assert window["opens"] <= "2027-01-20" < window["due"]
    assert window["estimated"] is True  # no official 2027 holiday schedule in the package yet
    body = texts(read_docx(pack.files[0].data))
    assert any("增长20.00%" in t and "符合延期条件" in t for t in body)
    limit = [r for r in pack.receipts if r.figure == "extension growth limit (percent)"]
    assert limit and limit[0].value == 20 and "art 9" in limit[0].citation


def test_extension_refused_above_twenty_percent_or_outside_the_window() -> None:
    lines = _problems(_extension(forecast_individuals=1_200_001), build_sa_extension_pack,
                      overrides=APPROVED)
    assert any("不符合延期条件" in line for line in lines)
    early = _extension(forecast_individuals=1_000_000)
    early["filing_date"] = "2027-01-04"
    early["assessment"]["completed_on"] = "2027-01-02"
    lines = _problems(early, build_sa_extension_pack, overrides=APPROVED)
    assert any("window opens on" in line for line in lines)
    lines = _problems(_extension(), build_sa_extension_pack, overrides=SA_ROUTE)
    assert any("assessment_approved_on" in line for line in lines)


def test_ledger_history_feeds_the_count_and_the_forecast() -> None:
    ledger = LedgerFigures(year=2026, individuals=1_250_000, sensitive_individuals=2500,
                           by_transfer={"hk-crm": (1_190_000, 2500), "de-analytics": (60_000, 0)},
                           history={2024: 1_000_000, 2025: 1_100_000, 2026: 1_250_000},
                           snapshot_entry=42)
    pack = build_sa_pack(evidence(_data(), ledger=ledger, overrides=SA_ROUTE))
    first = pack.receipts[0]
    assert (first.value, first.source) == (1_250_000, "ledger") and "after entry 42" in first.reference
    form = json.loads(pack.files[2].data)
    assert "10.00%" in form["forecast_method"]
