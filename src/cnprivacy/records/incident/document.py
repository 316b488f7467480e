"""An incident's state at a moment as one JSON-ready document (for the CLI, the web and exports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnprivacy.law.loader import LawBook
from cnprivacy.records.deadline import CHINA, Deadline
from cnprivacy.records.incident.clock import clock_states, notice_duty
from cnprivacy.records.incident.grading import AUDIT, MEASURES, audit_flag, citation_zh, grade
from cnprivacy.records.incident.items import report_items
from cnprivacy.records.incident.model import Incident


def minutes(delta: dt.timedelta) -> int:
    """Whole minutes, rounded toward zero (a clock shows 59 minutes left until the 60th ends)."""
    seconds = int(delta.total_seconds())
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def deadline_dict(d: Deadline) -> dict[str, Any]:
    return {"kind": d.kind, "due": d.due.astimezone(CHINA).isoformat(), "title": d.title,
            "title_zh": d.title_zh, "citation": d.citation, "citation_zh": d.citation_zh,
            "because": list(d.because),
            "needs_review": d.needs_review}


def status_document(incident: Incident, lawbook: LawBook, as_of: dt.datetime) -> dict[str, Any]:
    graded = grade(incident, lawbook)
    items = report_items(incident, lawbook, as_of)
    audit = audit_flag(incident, lawbook)
    notice = notice_duty(incident, lawbook)
    return {
        "id": incident.id,
        "as_of": as_of.astimezone(CHINA).isoformat(),
        "discovered_at": incident.discovered_at.astimezone(CHINA).isoformat(),
        "status": incident.status.value,
        "grade": {"level": graded.level.value if graded.level else None,
                  "level_zh": graded.level.zh if graded.level else None,
                  "reportable": graded.reportable, "because": list(graded.because),
                  "because_zh": list(graded.because_zh),
                  "missing": list(graded.missing), "citation": graded.citation,
                  "citation_zh": graded.cites.zh,
                  "needs_review": graded.needs_review},
        "clocks": [{**deadline_dict(s.deadline), "state": s.state,
                    "met_at": s.met_at.astimezone(CHINA).isoformat() if s.met_at else None,
                    "minutes_left": minutes(s.margin)} for s in clock_states(incident, lawbook, as_of)],
        "items": {"first": [i.number for i in items.first], "later": [i.number for i in items.later],
                  "sent": list(items.sent),
                  "outstanding": [{"number": i.number, "text": i.text, "text_zh": i.text_zh}
                                  for i in items.outstanding],
                  "citation": items.citation,
                  "citation_zh": citation_zh(lawbook, MEASURES, "report-content"),
                  "needs_review": items.needs_review},
        "individual_notice": {"required": notice.required, "because": list(notice.because),
                              "citation": notice.citation,
                              "citation_zh": citation_zh(lawbook, "pipl", "57"),
                              "sent": [n.at.astimezone(CHINA).isoformat() for n in incident.notices]},
        "audit_order": {"may_order": audit.may_order, "because": list(audit.because),
                        "citation": audit.citation,
                        "citation_zh": citation_zh(lawbook, AUDIT, "5(3)")},
    }
