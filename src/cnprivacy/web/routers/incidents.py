"""Incidents: the list, opening one, its grade and reporting clocks with a live countdown,
recording a report, closing it (as ``cnprivacy incident ...``).

The grade, the clocks and the items outstanding are ``records.incident``'s status document; the
page only shows it. The countdown script counts from the server's absolute due times, corrected
for the browser clock's difference from the server's, and is a convenience: the figures in the
page as served are the record.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.book import IncidentBook
from cnprivacy.records.incident.document import status_document
from cnprivacy.records.incident.model import Effect, IncidentStatus, OperatorType, ReportKind
from cnprivacy.records.incident.read import counts_from_register, parse_incident, parse_time
from cnprivacy.web.deps import BadRequest, Principal, need, render, workspace
from cnprivacy.web.security import Permission

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]


def _book(request: Request) -> IncidentBook:
    return IncidentBook(workspace(request).register.store)


def _current(request: Request, incident_id: str) -> Any:
    book = _book(request)
    if incident_id not in book.versions():
        raise HTTPException(404, f"no incident {incident_id!r}")
    return book.get(incident_id).data


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def _state(request: Request, incident: Any, now: dt.datetime) -> dict[str, Any]:
    return status_document(incident, workspace(request).law, now)


def _time(value: str | None, field: str) -> dt.datetime | None:
    return parse_time(value, "form", field=field) if value else None


def _save(request: Request, who: Principal, incident: Any, reason: str, before: Any) -> int | None:
    change = _book(request).save(incident, who.user.name, reason)
    if change.version is not None:
        # ids, field names and statuses only: an incident's fields may describe people
        workspace(request).store.log(
            who.user.name, reason, f"incident {incident.id} v{change.version}",
            before={"status": before.status.value} if before is not None else None,
            after={"changed": list(change.changes), "status": incident.status.value})
    return change.version


@router.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
def incidents_page(request: Request, who: Reader) -> HTMLResponse:
    now = _now()
    docs = [_state(request, i, now) for i in _book(request).incidents()]
    for d in docs:
        pending = [c for c in d["clocks"] if c["state"] in ("due", "overdue", "immediately")]
        d["next"] = pending[0] if pending else None
    return render(request, "incidents.html", docs=docs, now=now.isoformat(),
                  activities=sorted(workspace(request).register.versions()),
                  effects=[e.value for e in Effect], operator_types=[o.value for o in OperatorType])


@router.post("/incidents", include_in_schema=False)
async def open_incident(request: Request, who: Editor,
                        discovered_at: Annotated[str, Form(min_length=1)],
                        title: Annotated[str | None, Form()] = None,
                        operator_type: Annotated[str | None, Form()] = None,
                        individuals: Annotated[str | None, Form()] = None,
                        sensitive_individuals: Annotated[str | None, Form()] = None) -> Response:
    form = await request.form()
    effects = [str(v) for v in form.getlist("effects")]
    activities = [str(v) for v in form.getlist("activities")]
    ws = workspace(request)
    book = _book(request)
    moment = parse_time(discovered_at, "form", field="discovered_at")
    data: dict[str, Any] = {"id": book.new_id(moment), "discovered_at": moment.isoformat()}
    optional = {"title": title, "operator_type": operator_type, "individuals": individuals,
                "sensitive_individuals": sensitive_individuals}
    data.update({k: v.strip() for k, v in optional.items() if v and v.strip()})
    if effects:
        data["effects"] = effects
    if activities:
        data["activities"] = activities
        for field, count in counts_from_register(ws.register.versions(), activities, "form",
                                                 "activities").items():
            data.setdefault(field, count)
    incident = parse_incident(data, "form")
    _save(request, who, incident, "open incident", None)
    return RedirectResponse(f"/incidents/{incident.id}", status_code=303)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
def incident_page(request: Request, who: Reader, incident_id: str) -> HTMLResponse:
    book = _book(request)
    if incident_id not in book.versions():
        return render(request, "error.html", status_code=404,
                      message=f"no incident {incident_id!r}")
    now = _now()
    current = book.get(incident_id)
    return render(request, "incident.html", doc=_state(request, current.data, now),
                  incident=current.data, history=book.history(incident_id), now=now.isoformat(),
                  kinds=[k.value for k in ReportKind])


@router.post("/incidents/{incident_id}/reports", include_in_schema=False)
def record_report(request: Request, who: Editor, incident_id: str,
                  kind: Annotated[str, Form()], at: Annotated[str, Form(min_length=1)],
                  items: Annotated[str | None, Form()] = None,
                  to: Annotated[str | None, Form()] = None,
                  reference: Annotated[str | None, Form()] = None) -> Response:
    if kind not in {k.value for k in ReportKind}:
        raise BadRequest("kind: must be initial, supplement or summary")
    numbers: list[int] = []
    if items and items.strip():
        try:
            numbers = sorted({int(part) for part in items.split(",") if part.strip()})
        except ValueError:
            raise BadRequest("items: must be item numbers separated by commas") from None
    elif kind == ReportKind.INITIAL.value:
        numbers = [1, 2]   # as the CLI: an initial report covers items 1 and 2
    current = _current(request, incident_id)
    moment = parse_time(at, "form", field="at")
    made = {"kind": kind, "at": moment.isoformat(), "items": numbers, "to": to or None,
            "reference": reference or None}
    reports = [r.model_dump(mode="json") for r in current.reports]
    updated = parse_incident({**current.model_dump(mode="json"), "reports": [*reports, made]},
                             "form")
    _save(request, who, updated, f"{kind} report", current)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@router.post("/incidents/{incident_id}/close", include_in_schema=False)
def close_incident(request: Request, who: Editor, incident_id: str,
                   at: Annotated[str | None, Form()] = None) -> Response:
    current = _current(request, incident_id)
    ended = _time(at, "at") or current.handling_ended_at or _now()
    updated = parse_incident({**current.model_dump(mode="json"),
                              "status": IncidentStatus.CLOSED.value,
                              "handling_ended_at": ended.isoformat()}, "form")
    _save(request, who, updated, "close incident", current)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)
