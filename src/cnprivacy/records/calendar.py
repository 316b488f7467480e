"""The compliance calendar: every deadline from every record, soonest first, and its iCalendar.

Sources are any iterables of :class:`~cnprivacy.records.deadline.Deadline`;
:func:`deadlines_on_record` gathers those of every record kind in a store (filings, impact
assessments, incidents). The .ics follows RFC 5545 through the
``icalendar`` package (line folding at 75 octets, CRLF, escaping, UID, DTSTAMP): a deadline at a
day's end is an all-day event on that day, one at a minute (an incident report) a timed event in
Asia/Shanghai with its VTIMEZONE; a window's opening day is an event of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from cnprivacy.law.loader import LawBook
from cnprivacy.records.deadline import CHINA, Deadline
from cnprivacy.records.filing.deadlines import filing_deadlines
from cnprivacy.records.filing.registry import Filings
from cnprivacy.records.incident.book import IncidentBook
from cnprivacy.records.incident.clock import incident_deadlines
from cnprivacy.records.pia.book import Assessments
from cnprivacy.records.pia.deadlines import pia_deadlines
from cnprivacy.records.register import VersionStore

PRODID = "-//cnprivacy//compliance calendar//EN"
_DAY_END = dt.time(23, 59)


def merge(*sources: Iterable[Deadline], until: dt.date | None = None) -> list[Deadline]:
    """Every deadline of every source due by ``until`` (all when None), soonest first."""
    out = [d for source in sources for d in source
           if until is None or d.due.astimezone(CHINA).date() <= until]
    return sorted(out, key=lambda d: (d.due, d.record_kind, d.record_id, d.kind))


def deadlines_on_record(store: VersionStore, law: LawBook, as_of: dt.date,
                        until: dt.date | None = None) -> list[Deadline]:
    """Every deadline the records in ``store`` give on ``as_of``: filings (due, expiry, renewal
    windows), impact assessments (keep-until, planned reviews) and incidents (each report's
    clock not yet met), merged soonest first."""
    pias = [v.data for v in Assessments(store).latest().values()]
    return merge(filing_deadlines(Filings(store).all(), law, as_of), pia_deadlines(pias, law),
                 incident_deadlines(IncidentBook(store).incidents(), law, as_of), until=until)


def overdue(d: Deadline, as_of: dt.date) -> bool:
    return d.due.astimezone(CHINA).date() < as_of


def window_open(d: Deadline, day: dt.date) -> bool:
    """Whether ``day`` falls in the deadline's window (from its first day to its due day, both
    included, in China); False for a deadline without a window."""
    if d.opens is None:
        return False
    return d.opens.astimezone(CHINA).date() <= day <= d.due.astimezone(CHINA).date()


def to_dict(d: Deadline, as_of: dt.date) -> dict[str, Any]:
    return {"due": d.due.isoformat(), "opens": d.opens.isoformat() if d.opens else None,
            "overdue": overdue(d, as_of), "window_open": window_open(d, as_of),
            "kind": d.kind, "record_kind": d.record_kind,
            "record_id": d.record_id, "title": d.title, "title_zh": d.title_zh,
            "citation": d.citation, "citation_zh": d.citation_zh, "because": list(d.because),
            "needs_review": d.needs_review}


def _uid(d: Deadline, part: str) -> str:
    # Stable across exports, so a re-imported calendar updates its events instead of doubling.
    key = f"{d.record_kind}|{d.record_id}|{d.kind}|{part}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@cnprivacy"


def _all_day(d: Deadline) -> bool:
    local = d.due.astimezone(CHINA)
    return local.time() == _DAY_END


def _event(d: Deadline, stamp: dt.datetime, *, opening: bool = False) -> Any:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", _uid(d, "opens" if opening else "due"))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    when = (d.opens if opening else d.due)
    assert when is not None
    local = when.astimezone(CHINA)
    if opening or _all_day(d):
        event.add("dtstart", local.date())
        event.add("dtend", local.date() + dt.timedelta(days=1))
    else:
        event.add("dtstart", local)
        event.add("dtend", local + dt.timedelta(minutes=30))
    prefix = "Window opens: " if opening else ""
    event.add("summary", prefix + d.title)
    lines = [d.title_zh, *d.because, d.citation]
    if d.opens is not None and not opening:
        lines.insert(1, f"window opens {d.opens.astimezone(CHINA).date()}")
    if d.needs_review:
        lines.append("needs_review: check this date before relying on it")
    event.add("description", "\n".join(lines))
    event.add("categories", [d.kind])
    event.add("transp", "TRANSPARENT")
    if not opening:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", d.title)
        alarm.add("trigger", dt.timedelta(days=-7) if _all_day(d) else dt.timedelta(minutes=-15))
        event.add_component(alarm)
    return event


def to_ics(deadlines: Iterable[Deadline], stamp: dt.datetime, name: str = "cnprivacy") -> bytes:
    """An RFC 5545 calendar (bytes, CRLF lines) of the deadlines; ``stamp`` is DTSTAMP."""
    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{name} compliance deadlines")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    items = list(deadlines)
    events = []
    for d in items:
        events.append(_event(d, stamp))
        if d.opens is not None:
            events.append(_event(d, stamp, opening=True))
    if any(not _all_day(d) for d in items):
        cal.add_component(Timezone.from_tzid("Asia/Shanghai"))
    for event in events:
        cal.add_component(event)
    return bytes(cal.to_ical())
