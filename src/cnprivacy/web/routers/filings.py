"""The filings registry and the calendar of every deadline on record (as ``cnprivacy filing
add|list`` and ``cnprivacy calendar``), with the iCalendar download.

Validity, due dates, renewal windows and what is overdue come from the core
(``records.filing``, ``records.calendar.deadlines_on_record`` and ``overdue``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cnprivacy.errors import InputError
from cnprivacy.records import calendar
from cnprivacy.records.deadline import CHINA, Deadline
from cnprivacy.records.filing.deadlines import last_valid_day
from cnprivacy.records.filing.kinds import KINDS
from cnprivacy.records.filing.registry import Filings, read_filings
from cnprivacy.records.filing.state import in_effect
from cnprivacy.web.deps import BadRequest, Principal, day_param, need, render, workspace
from cnprivacy.web.i18n import lang_of
from cnprivacy.web.security import Permission
from cnprivacy.web.uploads_io import held, read_upload, safe_name

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]
MAX_BYTES = 2 * 1024 * 1024


def _registry(request: Request) -> Filings:
    return Filings(workspace(request).register.store)


@router.get("/filings", response_class=HTMLResponse, include_in_schema=False)
def filings_page(request: Request, who: Reader, as_of: str | None = None,
                 changed: int | None = None) -> HTMLResponse:
    day = day_param(as_of)
    law = workspace(request).law
    versions = list(_registry(request).versions().values())
    filings = [v.data for v in versions]
    by_id = {f.id: f for f in filings}
    rows = [{"v": v, "valid_to": last_valid_day(v.data, law, by_id),
             "in_effect": in_effect(v.data, filings, law, day)} for v in versions]
    lang = lang_of(request)
    return render(request, "filings.html", rows=rows, day=day, changed=changed,
                  kind_title=lambda k: KINDS[k].title_zh if lang == "zh" else KINDS[k].title)


@router.post("/filings", include_in_schema=False)
async def add_filings(request: Request, who: Editor,
                      file: Annotated[UploadFile, File()]) -> Response:
    raw = await read_upload(file, MAX_BYTES)
    name = safe_name(file.filename, "filings.yaml")
    registry = _registry(request)
    try:
        with held(raw, name) as path:
            filings = read_filings(path)
    except InputError as err:
        raise BadRequest(err.one_line().replace(str(path), name)) from None
    registry.check_extends(filings, name)
    changes = registry.save(filings, who.user.name, f"upload of {name}")
    changed = [c for c in changes if c.version is not None]
    for c in changed:
        workspace(request).store.log(who.user.name, "save filing", f"filing {c.record_id} "
                                     f"v{c.version}", after={"changed": list(c.changes)})
    return RedirectResponse(f"/filings?changed={len(changed)}", status_code=303)


def _deadlines(request: Request, as_of: str | None, until: str | None) -> tuple[date, list[Deadline]]:
    day = day_param(as_of)
    last = day_param(until) if until else None
    if last is not None and last < day:
        raise BadRequest(f"until: {last} is before as_of {day}")
    ws = workspace(request)
    return day, calendar.deadlines_on_record(ws.register.store, ws.law, day, last)


@router.get("/calendar", response_class=HTMLResponse, include_in_schema=False)
def calendar_page(request: Request, who: Reader, as_of: str | None = None,
                  until: str | None = None) -> HTMLResponse:
    day, deadlines = _deadlines(request, as_of, until)
    rows = [{**calendar.to_dict(d, day),
             "due_cst": d.due.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")} for d in deadlines]
    return render(request, "calendar.html", rows=rows, day=day, until=until or "")


@router.get("/calendar.ics", include_in_schema=False)
def calendar_ics(request: Request, who: Reader, as_of: str | None = None,
                 until: str | None = None) -> Response:
    _, deadlines = _deadlines(request, as_of, until)
    return Response(calendar.to_ics(deadlines, datetime.now(UTC)), media_type="text/calendar",
                    headers={"content-disposition": 'attachment; filename="cnprivacy.ics"'})
