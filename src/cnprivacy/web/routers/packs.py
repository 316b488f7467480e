"""Filing packs from the stored organisation profile and an uploaded pack input (as
``cnprivacy filing sc|sa|...``): the builders in ``cnprivacy.filings`` check completeness and
make the documents; a pack that fails shows every problem, a complete one downloads as a zip.

With transfers recorded in the workspace ledger for the filing year, the route decision is the
ledger's (``Workspace.decision``) and the people counts its own (``store.ledger_figures``), as
the CLI with ``--ledger``; without, the profile's, as the CLI without it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from cnprivacy.errors import InputError
from cnprivacy.web.deps import BadRequest, Principal, need, render, workspace
from cnprivacy.web.security import Permission
from cnprivacy.web.uploads_io import held, read_upload, safe_name

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]
MAX_BYTES = 2 * 1024 * 1024
#: The packs built from a profile and a pack input alone, standard contract first.
KINDS = ("sc", "sa", "sa-extend", "cert", "pipo", "facial", "minors-audit")


def _builder(kind: str) -> Callable[[Any], Any]:
    import cnprivacy.filings as f

    return {"sc": f.build_sc_pack, "sa": f.build_sa_pack, "sa-extend": f.build_sa_extension_pack,
            "cert": f.build_cert_pack, "pipo": f.build_pipo_pack, "facial": f.build_facial_pack,
            "minors-audit": f.build_minors_audit_pack}[kind]


@router.get("/packs", response_class=HTMLResponse, include_in_schema=False)
def packs_page(request: Request, who: Reader) -> HTMLResponse:
    return render(request, "packs.html", kinds=KINDS, problems=None, kind="sc",
                  has_profile=workspace(request).saved_profile() is not None)


@router.post("/packs", include_in_schema=False)
async def build_pack(request: Request, who: Editor, kind: Annotated[str, Form()],
                     file: Annotated[UploadFile, File()]) -> Response:
    from cnprivacy.engine import Options, crossborder_decision
    from cnprivacy.filings import Evidence, LedgerFigures, PackProblems, load_pack_input
    from cnprivacy.law.workdays import DEFAULT_CALENDAR
    from cnprivacy.rules.base import ParameterUndefined
    from cnprivacy.store.ledger_figures import ledger_figures

    if kind not in KINDS:
        raise BadRequest(f"kind: must be one of {', '.join(KINDS)}")
    ws = workspace(request)
    found = ws.profile()
    if found is None:
        raise BadRequest("no organisation profile yet")
    saved, profile = found
    raw = await read_upload(file, MAX_BYTES)
    name = safe_name(file.filename, "pack-input.yaml")
    try:
        with held(raw, name) as path:
            inputs = load_pack_input(path)
    except InputError as err:
        raise BadRequest(err.one_line().replace(str(path), name)) from None
    day = inputs.filing_date or date.today()
    try:
        figures: LedgerFigures | None = ledger_figures(ws.ledger, day.year, "workspace ledger")
        if figures is not None and figures.by_transfer:
            decision = ws.decision(profile, day)
        else:  # nothing recorded that year: the profile's figures, as the CLI without --ledger
            figures, decision = None, crossborder_decision(
                profile, Options(as_of=day, calendar=DEFAULT_CALENDAR))
        evidence = Evidence(profile=profile, decision=decision, law=ws.law,
                            calendar=DEFAULT_CALENDAR, inputs=inputs, input_name=name,
                            ledger=figures, scan=None, profile_name=f"profile version {saved.id}",
                            scan_minors=None)
        pack = _builder(kind)(evidence)
    except PackProblems as err:
        return render(request, "packs.html", status_code=422, kinds=KINDS, kind=kind,
                      has_profile=True, problems=[p.line() for p in err.problems],
                      message=str(err))
    except ParameterUndefined:
        raise BadRequest(f"filing_date {day}: before the export measures, no route exists") \
            from None
    ws.store.log(who.user.name, "build filing pack", f"{kind} pack",
                 after={"files": len(pack.files), "profile_version": saved.id,
                        "filing_date": day.isoformat()})
    return Response(pack.zip_bytes(), media_type="application/zip", headers={
        "content-disposition": f'attachment; filename="{kind}-pack-{day.isoformat()}.zip"'})
