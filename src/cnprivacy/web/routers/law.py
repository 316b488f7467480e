"""The law library: every instrument and its status on a date, one instrument in full, and
what changes between two dates (statuses and dated parameters, read from the law data)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from cnprivacy.law import next_status_change
from cnprivacy.web.deps import Principal, day_param, need, render, workspace
from cnprivacy.web.security import Permission

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]


@router.get("/law", response_class=HTMLResponse, include_in_schema=False)
def library(request: Request, who: Reader, as_of: str | None = None) -> HTMLResponse:
    day = day_param(as_of)
    book = workspace(request).law
    rows = [(inst, book.status(inst.id, day), next_status_change(inst, day))
            for inst in book.in_listing_order(day)]
    return render(request, "law.html", as_of=day, rows=rows)


@router.get("/law/diff", response_class=HTMLResponse, include_in_schema=False)
def law_diff(request: Request, who: Reader, date_from: str | None = None,
             date_to: str | None = None) -> HTMLResponse:
    d1, d2 = day_param(date_from), day_param(date_to)
    book = workspace(request).law
    changes: list[dict[str, Any]] = []
    for inst in book.in_listing_order(d2):
        before, after = book.status(inst.id, d1), book.status(inst.id, d2)
        params = []
        for name, param in inst.parameters.items():
            v1, v2 = book.value(inst.id, name, d1), book.value(inst.id, name, d2)
            a, b = (None if v1 is None else v1.value), (None if v2 is None else v2.value)
            if a != b:
                params.append((name, param, v1, v2))
        if before != after or params:
            changes.append({"inst": inst, "before": before, "after": after, "params": params})
    return render(request, "law_diff.html", d1=d1, d2=d2, changes=changes)


@router.get("/law/{instrument_id}", response_class=HTMLResponse, include_in_schema=False)
def instrument(request: Request, who: Reader, instrument_id: str,
               as_of: str | None = None) -> HTMLResponse:
    day = day_param(as_of)
    book = workspace(request).law
    if instrument_id not in book:
        return render(request, "error.html", status_code=404,
                      message=f"no instrument {instrument_id!r}")
    inst = book[instrument_id]
    params = [(name, p, book.value(inst.id, name, day)) for name, p in inst.parameters.items()]
    sources = [s for s in inst.sources if s.role in ("official", "commentary")]
    return render(request, "instrument.html", as_of=day, inst=inst,
                  status=book.status(inst.id, day), params=params, sources=sources)
