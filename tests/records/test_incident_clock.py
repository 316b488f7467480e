"""Reporting clocks as absolute times in China Standard Time: per operator type, across midnight,
on a public holiday, from UTC input, and the 30-day summary report."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from cnprivacy.law.loader import load_lawbook
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident import clock_states, incident_deadlines, report_clock, report_items
from cnprivacy.records.incident.clock import INITIAL, NOTICE, SUMMARY
from cnprivacy.records.incident.read import parse_time

from .incident_samples import incident

BOOK = load_lawbook()
REPORTABLE = {"individuals": 1_000_000}


def cst(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CHINA)


def due(kind: str, **changes: object) -> dt.datetime:
    found = [d for d in report_clock(incident(**{**REPORTABLE, **changes}), BOOK) if d.kind == kind]
    assert len(found) == 1, found
    return found[0].due


@pytest.mark.parametrize(("operator_type", "hours"), [("cii", 1), ("state_organ", 2), ("other", 4)])
def test_clock_per_operator_type(operator_type: str, hours: int) -> None:
    assert due(INITIAL, operator_type=operator_type) == cst("2026-06-10T09:00") + dt.timedelta(hours=hours)


def test_unknown_operator_type_shows_the_shortest_clock_for_review() -> None:
    [initial] = [d for d in report_clock(incident(operator_type=None, **REPORTABLE), BOOK)
                 if d.kind == INITIAL]
    assert initial.due == cst("2026-06-10T10:00") and initial.needs_review


def test_opened_at_2330_is_due_after_midnight_on_the_next_day() -> None:
    found = due(INITIAL, discovered_at="2026-03-16T23:30")  # no offset: China Standard Time
    assert found == cst("2026-03-17T03:30")
    assert found.astimezone(CHINA).date() == dt.date(2026, 3, 17)
    assert found.utcoffset() == dt.timedelta(hours=8)
    assert due(INITIAL, discovered_at="2026-03-16T23:30", operator_type="cii") == cst("2026-03-17T00:30")


def test_utc_input_gives_the_same_instant_and_cst_display() -> None:
    from_utc = due(INITIAL, discovered_at="2026-03-16T15:30:00Z")
    assert from_utc == cst("2026-03-17T03:30")
    assert from_utc.isoformat() == "2026-03-17T03:30:00+08:00"
    assert parse_time("2026-03-16T15:30Z") == parse_time("2026-03-16 23:30")


def test_china_has_no_daylight_saving_time() -> None:
    for month in (1, 4, 7, 10):
        moment = dt.datetime(2026, month, 15, 12, tzinfo=CHINA)
        assert moment.utcoffset() == dt.timedelta(hours=8)
    # An incident in July read from UTC is 8 hours ahead, as in January.
    assert due(INITIAL, discovered_at="2026-07-01T00:00:00Z") == cst("2026-07-01T12:00")


def test_hour_clocks_run_through_a_public_holiday() -> None:
    holiday = dt.date(2026, 10, 1)
    assert not chinese_calendar.is_workday(holiday)  # National Day
    assert due(INITIAL, discovered_at="2026-10-01T10:00") == cst("2026-10-01T14:00")
    assert due(INITIAL, discovered_at="2026-09-30T22:00") == cst("2026-10-01T02:00")


def test_summary_report_30_calendar_days_after_handling_ends() -> None:
    # Ends on a holiday; calendar days, the end day not counted, due at that day's end in China.
    assert due(SUMMARY, handling_ended_at="2026-10-01T18:00") == cst("2026-10-31T23:59")
    # 2026-01-31T16:30Z is 1 February 00:30 in China: the China day counts.
    early = "2026-01-20T10:00"
    assert due(SUMMARY, discovered_at=early, handling_ended_at="2026-01-31T16:30:00Z") == \
        cst("2026-03-03T23:59")
    assert due(SUMMARY, discovered_at=early, handling_ended_at="2026-01-31T15:59:00Z") == \
        cst("2026-03-02T23:59")


def test_no_summary_clock_before_handling_ends() -> None:
    assert [d for d in report_clock(incident(**REPORTABLE), BOOK) if d.kind == SUMMARY] == []


def test_a_general_incident_has_no_report_clock_but_the_art57_notice() -> None:
    kinds = [d.kind for d in report_clock(incident(individuals=999_999), BOOK)]
    assert kinds == [NOTICE]


def test_no_notice_when_measures_avoid_the_harm_or_no_pi() -> None:
    assert NOTICE not in [d.kind for d in report_clock(
        incident(no_notice_reason="encrypted with keys not taken", **REPORTABLE), BOOK)]
    assert NOTICE not in [d.kind for d in report_clock(incident(effects=[]), BOOK)]
    # Destruction alone is not among art 57's leak, alteration or loss.
    assert NOTICE not in [d.kind for d in report_clock(incident(effects=["destruction"]), BOOK)]
    assert NOTICE in [d.kind for d in report_clock(incident(effects=["loss"]), BOOK)]


def test_before_the_measures_only_the_notice_remains() -> None:
    kinds = [d.kind for d in report_clock(
        incident(discovered_at="2025-10-01T10:00", **REPORTABLE), BOOK)]
    assert kinds == [NOTICE]


def test_major_incident_names_the_receiving_body_escalation() -> None:
    [initial] = [d for d in report_clock(incident(individuals=10_000_000), BOOK) if d.kind == INITIAL]
    assert any("within 1 hours" in b for b in initial.because)
    assert "art 4" in initial.citation


def _report(kind: str, at: str, items: list[int] | None = None) -> dict:
    return {"kind": kind, "at": at, "items": items or []}


def test_clock_states_on_both_sides_of_the_due_minute() -> None:
    due_at = cst("2026-06-10T13:00")
    for at, state in (("2026-06-10T13:00", "met"), ("2026-06-10T13:01", "late")):
        inc = incident(reports=[_report("initial", at, [1, 2])], **REPORTABLE)
        [s] = [s for s in clock_states(inc, BOOK, cst("2026-06-11T00:00"))
               if s.deadline.kind == INITIAL]
        assert s.state == state and s.met_at == cst(at) and s.deadline.due == due_at
    inc = incident(**REPORTABLE)
    [s] = [s for s in clock_states(inc, BOOK, cst("2026-06-10T12:59")) if s.deadline.kind == INITIAL]
    assert s.state == "due" and s.margin == dt.timedelta(minutes=1)
    [s] = [s for s in clock_states(inc, BOOK, cst("2026-06-10T13:00:01")) if s.deadline.kind == INITIAL]
    assert s.state == "overdue"


def test_a_report_after_as_of_does_not_count() -> None:
    inc = incident(reports=[_report("initial", "2026-06-10T12:00", [1, 2])], **REPORTABLE)
    [s] = [s for s in clock_states(inc, BOOK, cst("2026-06-10T11:00")) if s.deadline.kind == INITIAL]
    assert s.state == "due" and s.met_at is None


def test_items_first_now_rest_later() -> None:
    inc = incident(reports=[_report("initial", "2026-06-10T10:00", [1, 2]),
                            _report("supplement", "2026-06-11T10:00", [3, 4])],
                   ransomware=True, **REPORTABLE)
    items = report_items(inc, BOOK, cst("2026-06-10T12:00"))
    assert [i.number for i in items.first] == [1, 2]
    assert [i.number for i in items.later] == [3, 4, 5, 6, 7, 8]
    assert [i.number for i in items.outstanding] == [3, 4, 5, 6, 7, 8]
    assert "ransom" in items.first[1].text and items.needs_review
    later = report_items(inc, BOOK, cst("2026-06-12T00:00"))
    assert [i.number for i in later.outstanding] == [5, 6, 7, 8]


def test_incident_deadlines_for_the_calendar_leave_out_what_is_met() -> None:
    met = incident(id="A", reports=[_report("initial", "2026-06-10T10:00", [1, 2])],
                   notices=[{"at": "2026-06-10T11:00", "channels": ["sms"]}], **REPORTABLE)
    open_ = incident(id="B", discovered_at="2026-06-09T09:00", **REPORTABLE)
    found = incident_deadlines([met, open_], BOOK, cst("2026-06-12T00:00"))
    assert [(d.record_id, d.kind) for d in found] == [("B", NOTICE), ("B", INITIAL)]
    assert all(d.due.tzinfo is not None and d.record_kind == "incident" for d in found)
    assert incident_deadlines([met, open_], BOOK, dt.date(2026, 6, 12)) == found
    with pytest.raises(ValueError):
        incident_deadlines([met], BOOK, dt.datetime(2026, 6, 12))
