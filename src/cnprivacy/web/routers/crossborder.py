"""The cross-border position: the year's route with the ledger's counts, what is due, the
ledger's entries, and recording a transfer (``Ledger.record``, as ``cnprivacy ledger record``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from cnprivacy.engine import xborder_text
from cnprivacy.profile.models import Recipient, Transfer
from cnprivacy.rules.base import ParameterUndefined
from cnprivacy.store.ledger_store import EntryInput
from cnprivacy.web.deps import BadRequest, Principal, day_param, need, render, workspace
from cnprivacy.web.i18n import lang_of
from cnprivacy.web.security import Permission

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]


@router.get("/crossborder", response_class=HTMLResponse, include_in_schema=False)
def crossborder(request: Request, who: Reader, as_of: str | None = None,
                recorded: int | None = None) -> HTMLResponse:
    day = day_param(as_of)
    ws = workspace(request)
    found = ws.profile()
    decision = problem = None
    if found is not None:
        try:
            decision = ws.decision(found[1], day)
        except ParameterUndefined:
            problem = ("before the Security Assessment Measures (in force 2022-09-01) no export "
                       "thresholds exist: choose a later date")
    lang = lang_of(request)
    return render(request, "crossborder.html", as_of=day, decision=decision, problem=problem,
                  xb_line=lambda text: xborder_text.line(text, lang),
                  xb_cite=lambda text: xborder_text.citation(ws.law, text, lang),
                  dues=decision.due() if decision else [], rows=ws.ledger_rows(),
                  transfers=found[1].transfers if found else [], recorded=recorded)


@router.post("/crossborder/transfers", include_in_schema=False)
def record_transfer(
    request: Request, who: Editor,
    transfer: Annotated[str, Form(min_length=1, max_length=200)],
    day: Annotated[str, Form(alias="date")] = "",
    country: Annotated[str, Form(max_length=2)] = "",
    recipient: Annotated[str, Form(max_length=200)] = "",
    individuals: Annotated[int | None, Form(ge=0)] = None,
    sensitive: Annotated[bool, Form()] = False,
) -> Response:
    ws = workspace(request)
    found = ws.profile()
    profile = found[1] if found else None
    known = {t.id: t for t in profile.transfers} if profile else {}
    if transfer in known:
        item = known[transfer]
    else:
        try:
            item = Transfer(id=transfer, date=day_param(day or None),
                            recipient=Recipient(name=recipient or "(not given)", country=country),
                            basis="other", important_data=False, no_personal_information=False,
                            collected_abroad=False, access_inside_china=False)
        except ValidationError as err:
            first = err.errors()[0]
            raise BadRequest(f"{'.'.join(str(p) for p in first['loc'])}: "
                             f"{str(first['msg']).removeprefix('Value error, ')}") from None
    result = ws.ledger.record(EntryInput(transfer=item, sensitive=sensitive, individuals=individuals,
                                         source="web"),
                              profile.organization if profile else None)
    ws.store.log(who.user.name, "record transfer", f"ledger entry {result.entry_id}",
                 before=result.before.to_dict() if result.before else None,
                 after={"transfer": item.id, "individuals_declared": individuals,
                        "sensitive": sensitive, **result.after.to_dict()})
    return RedirectResponse(f"/crossborder?recorded={result.entry_id}", status_code=303)
