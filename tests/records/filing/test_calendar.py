"""The calendar: merged deadlines soonest first, and an .ics that parses back (RFC 5545)."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from cnprivacy.law import load_lawbook
from cnprivacy.records import calendar
from cnprivacy.records.deadline import CHINA, Deadline, day_end
from cnprivacy.records.filing.deadlines import filing_deadlines

from .samples import filing

LAW = load_lawbook()
STAMP = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)


def _incident(hour: int) -> Deadline:
    """A deadline at a minute, as an incident's report clock gives (another source)."""
    return Deadline(due=dt.datetime(2026, 3, 3, hour, 15, tzinfo=CHINA), kind="incident_report",
                    record_kind="incident", record_id="INC-1", title="Report, stage 1; then more",
                    title_zh="报告，第一阶段", citation="Incident Reporting Measures (reporting)")


FILINGS = [filing(id="SC-2", effective_on="2026-02-12", transfers=["de-analytics"]),
           filing(id="SA-1", kind="security_assessment", status="approved",
                  submitted_on="2022-10-01", decided_on="2024-05-06", transfers=["sg-hotels"])]


def test_merge_takes_every_source_soonest_first_and_stops_at_until() -> None:
    merged = calendar.merge(filing_deadlines(FILINGS, LAW, dt.date(2026, 3, 1)),
                            [_incident(9)])
    assert [d.record_id for d in merged][:2] == ["INC-1", "SC-2"]
    assert [d.due for d in merged] == sorted(d.due for d in merged)
    cut = calendar.merge(filing_deadlines(FILINGS, LAW, dt.date(2026, 3, 1)), [_incident(9)],
                         until=dt.date(2026, 3, 4))
    assert [d.record_id for d in cut] == ["INC-1", "SC-2"]  # due 2026-03-04 is kept
    assert calendar.merge([_incident(9)], until=dt.date(2026, 3, 2)) == []


def test_overdue_is_judged_on_the_day_in_china() -> None:
    d = Deadline(due=day_end(dt.date(2026, 3, 4)), kind="k", record_kind="filing", record_id="x",
                 title="t", title_zh="t", citation="c")
    assert not calendar.overdue(d, dt.date(2026, 3, 4))
    assert calendar.overdue(d, dt.date(2026, 3, 5))
    assert calendar.to_dict(d, dt.date(2026, 3, 5))["overdue"] is True


def test_ics_parses_back_with_every_event_and_its_fields() -> None:
    deadlines = calendar.merge(filing_deadlines(FILINGS, LAW, dt.date(2026, 3, 1)),
                               [_incident(9)])
    raw = calendar.to_ics(deadlines, STAMP)
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    windows = sum(1 for d in deadlines if d.opens is not None)
    assert len(events) == len(deadlines) + windows
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@cnprivacy") for u in uids)
    assert all(e.decoded("DTSTAMP") == STAMP for e in events)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    incident = by_summary["Report, stage 1; then more"]  # escaped , and ; come back
    start = incident.decoded("DTSTART")
    assert start == dt.datetime(2026, 3, 3, 9, 15, tzinfo=CHINA)
    assert incident["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert next(iter(cal.walk("VTIMEZONE")))["TZID"] == "Asia/Shanghai"
    sc = by_summary["File: Standard contract filing SC-2 for de-analytics"]
    assert sc.decoded("DTSTART") == dt.date(2026, 3, 4)  # a day deadline: all-day event
    assert "Standard Contract Measures art. 7" in str(sc["DESCRIPTION"])
    assert any(str(e["SUMMARY"]).startswith("Window opens: Apply to extend") for e in events)


def test_ics_lines_are_crlf_and_folded_at_75_octets() -> None:
    long_title = "Apply to extend: " + "个人信息出境安全评估，" * 20
    d = Deadline(due=day_end(dt.date(2026, 5, 1)), kind="filing_renewal", record_kind="filing",
                 record_id="SA-1", title=long_title, title_zh=long_title, citation="c")
    raw = calendar.to_ics([d], STAMP)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    event = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
    assert str(event["SUMMARY"]) == long_title


def test_uids_are_stable_across_exports() -> None:
    first = calendar.to_ics([_incident(9)], STAMP)
    again = calendar.to_ics([_incident(9)], STAMP + dt.timedelta(days=1))
    uid = [line for line in first.split(b"\r\n") if line.startswith(b"UID")]
    assert uid == [line for line in again.split(b"\r\n") if line.startswith(b"UID")]
