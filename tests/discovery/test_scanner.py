"""Scanner behaviour beyond the CLI: tracks, free-text health, Excel, HyperLogLog, offsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from cnprivacy.discovery.scanner import Scanner, ScanOptions
from cnprivacy.engine.parameters import minor_age_limit

AS_OF = date(2026, 3, 1)


def _scan(*targets: Path, **options: Any) -> list:
    scan_options = ScanOptions(as_of=AS_OF, minor_age=minor_age_limit(AS_OF), **options)
    result = Scanner(scan_options).scan([str(t) for t in targets])
    assert not result.errors, result.errors
    return result.sources


def test_gps_track_of_one_person_is_location_tracking(tmp_path: Path) -> None:
    p = tmp_path / "trips.csv"
    p.write_text("mobile,gps\n"
                 "13812345678,\"39.9042,116.4074\"\n"
                 "13812345678,\"39.9142,116.4174\"\n"   # second point: a track
                 "13987654321,\"31.2304,121.4737\"\n",  # one point only
                 encoding="utf-8")
    (src,) = _scan(p)
    assert [c.type for c in src.columns] == ["cn_mobile", "gps_coordinate"]
    assert src.sensitive_categories == ["location_tracking"]
    assert src.individuals == 2 and src.sensitive_individuals == 1


def test_gps_points_without_a_track_are_not_sensitive(tmp_path: Path) -> None:
    p = tmp_path / "stores.csv"
    p.write_text("mobile,gps\n13812345678,\"39.9042,116.4074\"\n"
                 "13987654321,\"31.2304,121.4737\"\n", encoding="utf-8")
    (src,) = _scan(p)
    assert src.sensitive_categories == [] and "location_tracking" not in src.data_categories


def test_health_text_column_makes_its_people_sensitive(tmp_path: Path) -> None:
    p = tmp_path / "visits.jsonl"
    p.write_text("\n".join([
        '{"email": "a@example.com", "note": "复诊，确诊高血压"}',
        '{"email": "b@example.com", "note": "无"}',
        '{"email": "c@example.com", "note": "咨询发票"}',
    ]) + "\n", encoding="utf-8")
    (src,) = _scan(p)
    note = next(c for c in src.columns if c.name == "note")
    assert note.free_text and note.sensitive_categories == ["medical_health"]
    assert src.sensitive_individuals == 1 and src.identifier_type == "email"


def test_excel_sheets_and_parquet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机"])
    ws.append(["张伟", "13812345678"])
    other = wb.create_sheet("空")
    other.append(["x"])
    wb.save(tmp_path / "book.xlsx")
    pq.write_table(pa.table({"phone": [13812345678, 13987654321]}), tmp_path / "p.parquet")
    sources = _scan(tmp_path / "book.xlsx", tmp_path / "p.parquet")
    assert [s.source for s in sources] == [f"{tmp_path / 'book.xlsx'}#客户",
                                           f"{tmp_path / 'book.xlsx'}#空",
                                           str(tmp_path / "p.parquet")]
    assert sources[0].individuals == 1 and sources[2].individuals == 2


def test_hyperloglog_beyond_the_exact_limit(tmp_path: Path) -> None:
    p = tmp_path / "many.csv"
    p.write_text("mobile\n" + "\n".join(f"138{i:08d}" for i in range(3000)) + "\n",
                 encoding="utf-8")
    (src,) = _scan(p, exact_limit=500)
    assert not src.individuals_exact
    assert abs(src.individuals - 3000) < 150


def test_text_offsets_across_blocks(tmp_path: Path) -> None:
    lines = [f"第{i}行：客户张伟电话１３８１２３４５６７８" if i % 3 == 0 else "无" for i in range(10)]
    p = tmp_path / "t.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src,) = _scan(p, block_lines=4)
    mobiles = [s for s in src.spans if s.type == "cn_mobile"]
    assert [s.line for s in mobiles] == [1, 4, 7, 10]
    for s in mobiles:
        assert lines[s.line - 1][s.start:s.end] == "１３８１２３４５６７８"
    assert src.individuals == 1  # the same mobile on every line


def test_types_option_limits_text_detection(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("客户张伟电话13812345678\n", encoding="utf-8")
    (src,) = _scan(p, types=frozenset({"cn_mobile"}))
    assert [s.type for s in src.spans] == ["cn_mobile"]


def test_organisation_codes_are_not_counted_as_people(tmp_path: Path) -> None:
    from stdnum.cn import uscc

    rows = []
    for i in range(10):
        body = f"91110108MA01C{i:02d}GW"[:17]
        rows.append(body + uscc.calc_check_digit(body))
    p = tmp_path / "suppliers.csv"
    p.write_text("credit_code\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (src,) = _scan(p)
    assert [c.type for c in src.columns] == ["uscc"]
    assert src.individuals is None and src.data_categories == []
    assert src.columns[0].sensitive is False and src.columns[0].data_category is None
