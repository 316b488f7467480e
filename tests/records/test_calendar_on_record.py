"""The calendar gathers the deadlines of every record kind in one store, soonest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cnprivacy.records import Assessments, Register
from cnprivacy.records.calendar import deadlines_on_record
from cnprivacy.records.filing.registry import Filings, read_filings
from cnprivacy.records.incident.book import IncidentBook
from cnprivacy.records.incident.read import parse_incident
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.records.register import MemoryStore

from .pia.helpers import AS_OF, LAW, NOW, full_edit
from .samples import membership

_FILINGS = Path(__file__).resolve().parents[2] / "examples" / "filings.yaml"


def test_filings_assessments_and_incidents_meet_in_one_calendar() -> None:
    store = MemoryStore()
    register = Register(store)
    register.save([membership()], "dpo", now=NOW)
    book = Assessments(store)
    found = register.get("membership")
    assert found is not None
    pia_id = book.new(found, LAW, AS_OF, "dpo", now=NOW).pia.id
    book.edit(pia_id, parse_edit(full_edit(next_review_on="2027-01-15"), "j.yaml"), "dpo",
              now=NOW)
    book.review(pia_id, "legal", now=NOW)
    book.approve(pia_id, "officer", LAW, now=NOW)
    IncidentBook(store).save(parse_incident(
        {"id": "INC-1", "discovered_at": "2026-06-10T23:30+08:00", "operator_type": "other"},
        "inc.yaml"), "dpo")
    Filings(store).save(read_filings(_FILINGS), "dpo")

    found_deadlines = deadlines_on_record(store, LAW, dt.date(2026, 6, 10))
    kinds = {d.record_kind for d in found_deadlines}
    assert kinds == {"filing", "pia", "incident"}
    dues = [d.due for d in found_deadlines]
    assert dues == sorted(dues)
    # the incident's 4-hour report, discovered at 23:30, falls due after midnight China time
    report = next(d for d in found_deadlines if d.kind == "incident_initial_report")
    assert report.due.isoformat() == "2026-06-11T03:30:00+08:00"
    # ``until`` cuts the list at a day
    assert all(d.due.date() <= dt.date(2026, 6, 30)
               for d in deadlines_on_record(store, LAW, dt.date(2026, 6, 10),
                                            dt.date(2026, 6, 30)))
