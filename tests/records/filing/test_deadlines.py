"""Golden deadlines of filings, on both sides of each date boundary.

Working days come from ``law.workdays`` (China's official calendar); the numbers from the law
data: standard contract filing 10 working days (Decree 13 art 7), facial filing 30 working days
(Facial Measures art 15), assessment validity 2 years under Decree 11 and 3 years from
2024-03-22 (Decree 16 art 9) with its 60-working-day extension window, certificate 3 years and
apply again 6 months before (Decree 20 art 8), minors' report by 31 January, audits every 2 years.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cnprivacy.law import load_lawbook
from cnprivacy.law.workdays import DEFAULT_CALENDAR as CAL
from cnprivacy.records.calendar import window_open
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.filing.deadlines import filing_deadlines, last_valid_day
from cnprivacy.records.filing.models import Filing
from cnprivacy.records.filing.state import in_effect

from .samples import filing

LAW = load_lawbook()
D = dt.date


def _by_kind(filings: list[Filing], as_of: dt.date) -> dict[tuple[str, str], object]:
    return {(d.record_id, d.kind): d for d in filing_deadlines(filings, LAW, as_of)}


def test_standard_contract_filing_is_due_10_working_days_after_the_contract_takes_effect() -> None:
    sc = filing(id="SC", effective_on="2026-02-12", transfers=["t1"])
    on_day = filing_deadlines([sc], LAW, D(2026, 3, 4))
    assert [(d.kind, d.due.date()) for d in on_day] == [("filing_due", D(2026, 3, 4))]
    # 2026-02-12 + 10 working days crosses the Spring Festival holiday.
    assert CAL.add_workdays(D(2026, 2, 12), 10).day == D(2026, 3, 4)
    assert on_day[0].due.tzinfo is not None and on_day[0].due.astimezone(CHINA).hour == 23
    assert "Standard Contract Measures art. 7" in on_day[0].citation
    assert not any("overdue" in b for b in on_day[0].because)
    after = filing_deadlines([sc], LAW, D(2026, 3, 5))
    assert any("overdue since 2026-03-04" in b for b in after[0].because)


def test_facial_filing_is_due_30_working_days_after_the_threshold() -> None:
    face = filing(id="FACE", kind="facial_recognition", triggered_on="2025-09-26")
    (due,) = filing_deadlines([face], LAW, D(2025, 10, 1))
    assert due.due.date() == D(2025, 11, 13) == CAL.add_workdays(D(2025, 9, 26), 30).day


def test_a_due_date_set_by_hand_wins_and_undated_plans_give_nothing() -> None:
    fixed = filing(id="X", kind="pipo_report", due_on="2026-05-01", triggered_on="2026-01-05")
    assert [d.due.date() for d in filing_deadlines([fixed], LAW, D(2026, 1, 6))] == [D(2026, 5, 1)]
    assert filing_deadlines([filing(id="Y", kind="algorithm")], LAW, D(2026, 1, 6)) == []


OLD_SA = filing(id="SA-OLD", kind="security_assessment", status="approved",
                submitted_on="2022-10-01", decided_on="2022-12-30", transfers=["t1"])


def test_a_decree_11_result_is_valid_2_years_to_the_corresponding_day() -> None:
    assert last_valid_day(OLD_SA, LAW, {}) == D(2024, 12, 30)
    assert in_effect(OLD_SA, [OLD_SA], LAW, D(2024, 12, 30))       # last valid day
    assert not in_effect(OLD_SA, [OLD_SA], LAW, D(2024, 12, 31))   # the day after
    assert not in_effect(OLD_SA, [OLD_SA], LAW, D(2022, 12, 29))   # before the result


def test_the_extension_window_is_the_60_working_days_before_expiry() -> None:
    found = _by_kind([OLD_SA], D(2024, 10, 1))
    renewal = found[("SA-OLD", "filing_renewal")]
    expiry = found[("SA-OLD", "filing_expiry")]
    assert renewal.due.date() == expiry.due.date() == D(2024, 12, 30)  # type: ignore[attr-defined]
    opens = renewal.opens.astimezone(CHINA).date()  # type: ignore[attr-defined]
    assert opens == D(2024, 10, 8)
    # First day of the window: exactly 60 working days before expiry; the working day before
    # it (2024-09-30, before the National Day holiday) is the 61st, outside.
    assert CAL.add_workdays(opens, 60).day == D(2024, 12, 30)
    assert CAL.subtract_workdays(D(2024, 12, 30), 61).day == D(2024, 9, 30)
    assert "Cross-Border Data Flow Provisions art. 9" in renewal.citation  # type: ignore[attr-defined]
    # Both sides of the window: the day before its first day, its first and last days, the day after.
    assert not window_open(renewal, D(2024, 10, 7))  # type: ignore[arg-type]
    assert window_open(renewal, D(2024, 10, 8))  # type: ignore[arg-type]
    assert window_open(renewal, D(2024, 12, 30))  # type: ignore[arg-type]
    assert not window_open(renewal, D(2024, 12, 31))  # type: ignore[arg-type]


def test_after_expiry_only_the_expiry_stays_marked_expired() -> None:
    on_last_day = _by_kind([OLD_SA], D(2024, 12, 30))
    assert set(on_last_day) == {("SA-OLD", "filing_expiry"), ("SA-OLD", "filing_renewal")}
    day_after = filing_deadlines([OLD_SA], LAW, D(2024, 12, 31))
    assert [d.kind for d in day_after] == ["filing_expiry"]
    assert any("expired after 2024-12-30" in b for b in day_after[0].because)


def test_a_result_after_2024_03_22_is_valid_3_years_and_2027_is_estimated() -> None:
    sa = filing(id="SA", kind="security_assessment", status="approved",
                submitted_on="2024-04-01", decided_on="2024-05-06", transfers=["t1"])
    assert last_valid_day(sa, LAW, {}) == D(2027, 5, 6)
    renewal = _by_kind([sa], D(2026, 1, 1))[("SA", "filing_renewal")]
    # chinesecalendar has no 2027 schedule: the window's start is weekdays only, flagged.
    assert renewal.needs_review  # type: ignore[attr-defined]


def test_a_stated_last_day_wins_over_the_computed_one() -> None:
    sa = filing(id="SA", kind="security_assessment", status="approved", decided_on="2024-05-06",
                expires_on="2027-05-05", transfers=["t1"])
    assert last_valid_day(sa, LAW, {}) == D(2027, 5, 5)


def test_an_extension_replaces_the_result_it_extends() -> None:
    ext = filing(id="EXT", kind="assessment_extension", status="approved",
                 submitted_on="2024-10-10", decided_on="2024-12-01", extends="SA-OLD",
                 transfers=["t1"])
    found = filing_deadlines([OLD_SA, ext], LAW, D(2025, 1, 1))
    assert {d.record_id for d in found} == {"EXT"}
    assert last_valid_day(ext, LAW, {"SA-OLD": OLD_SA}) == D(2027, 12, 30)
    assert in_effect(ext, [OLD_SA, ext], LAW, D(2027, 12, 30))
    assert not in_effect(ext, [OLD_SA, ext], LAW, D(2027, 12, 31))


def test_a_certificate_is_applied_for_again_6_months_before_expiry() -> None:
    cert = filing(id="CERT", kind="certification", status="approved", submitted_on="2026-01-05",
                  decided_on="2026-01-10", transfers=["t1"])
    found = _by_kind([cert], D(2026, 2, 1))
    assert found[("CERT", "filing_expiry")].due.date() == D(2029, 1, 10)  # type: ignore[attr-defined]
    assert found[("CERT", "filing_renewal")].due.date() == D(2028, 7, 10)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("fields", "due"), [
    ({"status": "submitted", "submitted_on": "2026-01-20", "period_year": 2025}, D(2027, 1, 31)),
    ({"status": "submitted", "submitted_on": "2026-01-20"}, D(2027, 1, 31)),
    ({"status": "planned", "period_year": 2026}, D(2027, 1, 31)),
])
def test_the_minors_audit_report_is_due_by_31_january(fields: dict[str, object],
                                                       due: dt.date) -> None:
    report = filing(id="MIN", kind="minors_audit_report", **fields)
    (found,) = filing_deadlines([report], LAW, D(2026, 2, 1))
    assert found.due.date() == due


def test_the_next_compliance_audit_is_2_years_after_the_last() -> None:
    audit = filing(id="AUD", kind="compliance_audit", status="submitted", submitted_on="2025-06-30")
    (found,) = filing_deadlines([audit], LAW, D(2026, 1, 1))
    assert (found.kind, found.due.date()) == ("audit_due", D(2027, 6, 30))
    later = filing(id="AUD2", kind="compliance_audit", status="submitted", submitted_on="2026-05-01")
    assert [d.record_id for d in filing_deadlines([audit, later], LAW, D(2026, 6, 1))] == ["AUD2"]


@pytest.mark.parametrize("status", ["withdrawn", "rejected"])
def test_withdrawn_and_rejected_filings_give_no_deadline(status: str) -> None:
    f = filing(id="W", status=status, effective_on="2026-02-12", submitted_on="2026-02-13",
               decided_on="2026-02-20")
    assert filing_deadlines([f], LAW, D(2026, 3, 1)) == []


def test_deadlines_come_soonest_first() -> None:
    fs = [filing(id="B", effective_on="2026-03-02"), filing(id="A", effective_on="2026-02-12")]
    found = filing_deadlines(fs, LAW, D(2026, 2, 1))
    assert [d.record_id for d in found] == ["A", "B"]
    assert found[0].due < found[1].due
