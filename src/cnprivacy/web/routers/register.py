"""The processing register: activities, their history, adding them from YAML and importing a
scan report's counts (``records.scan_import``, as ``cnprivacy record import-scan``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cnprivacy.errors import InputError
from cnprivacy.records.scan_import import apply_scan, read_scan_report
from cnprivacy.records.validate import read_activities
from cnprivacy.web.deps import BadRequest, Principal, need, render, workspace
from cnprivacy.web.security import Permission
from cnprivacy.web.uploads_io import held, read_upload, safe_name

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]
MAX_BYTES = 20 * 1024 * 1024


def _page(request: Request, status_code: int = 200, **extra: Any) -> HTMLResponse:
    versions = workspace(request).register.versions()
    return render(request, "register.html", status_code=status_code,
                  versions=list(versions.values()), **extra)


@router.get("/register", response_class=HTMLResponse, include_in_schema=False)
def register_page(request: Request, who: Reader, changed: str | None = None) -> HTMLResponse:
    return _page(request, changed=changed)


@router.get("/register/{record_id}", response_class=HTMLResponse, include_in_schema=False)
def activity(request: Request, who: Reader, record_id: str) -> HTMLResponse:
    history = workspace(request).register.history(record_id)
    if not history:
        return render(request, "error.html", status_code=404, message=f"no activity {record_id!r}")
    return render(request, "activity.html", history=history, latest=history[-1])


@router.post("/register/activities", include_in_schema=False)
async def add_activities(request: Request, who: Editor,
                         file: Annotated[UploadFile, File()]) -> Response:
    ws = workspace(request)
    raw = await read_upload(file, MAX_BYTES)
    name = safe_name(file.filename, "activities.yaml")
    try:
        with held(raw, name) as path:
            activities = read_activities(path)
    except InputError as err:
        raise BadRequest(err.one_line().replace(str(path), name)) from None
    changes = ws.register.save(ws.register.carry_evidence(activities), who.user.name,
                               f"upload of {name}")
    changed = [c for c in changes if c.version is not None]
    for c in changed:
        ws.store.log(who.user.name, "save activity", f"activity {c.record_id} v{c.version}",
                     after={"changed": list(c.changes)})
    return RedirectResponse(f"/register?changed={len(changed)}", status_code=303)


@router.post("/register/import-profile", include_in_schema=False)
def import_profile(request: Request, who: Editor) -> Response:
    """Fold the stored profile's `processing` activities into the register (as
    ``cnprivacy record import-profile``): each one that differs becomes a new version."""
    from cnprivacy.records.profile_map import from_profile

    ws = workspace(request)
    found = ws.profile()
    if found is None:
        raise BadRequest("no organisation profile yet")
    saved, profile = found
    current = ws.register.versions()
    activities = []
    for i, item in enumerate(profile.processing):
        before = current.get(item.id)
        activities.append(from_profile(item, before.data if before else None,
                                       f"profile version {saved.id}", f"processing[{i}]"))
    changes = ws.register.save(activities, who.user.name, f"import of profile version {saved.id}")
    changed = [c for c in changes if c.version is not None]
    for c in changed:
        ws.store.log(who.user.name, "import profile activity", f"activity {c.record_id} v{c.version}",
                     after={"changed": list(c.changes)})
    return RedirectResponse(f"/register?changed={len(changed)}", status_code=303)


@router.post("/register/import-scan", include_in_schema=False)
async def import_scan(request: Request, who: Editor,
                      activity_id: Annotated[str, Form(alias="activity", min_length=1)],
                      file: Annotated[UploadFile, File()]) -> Response:
    ws = workspace(request)
    raw = await read_upload(file, MAX_BYTES)
    name = safe_name(file.filename, "scan.json")
    current = ws.register.get(activity_id)
    if current is None:
        raise BadRequest(f"no activity {activity_id!r} in the register")
    evidence = read_scan_report(raw, name, name)
    changes = ws.register.save([apply_scan(current.data, evidence, name)], who.user.name,
                               f"import of scan report {name}")
    for c in changes:
        if c.version is not None:
            ws.store.log(who.user.name, "import scan report", f"activity {c.record_id} v{c.version}",
                         before={"version": current.version}, after={"changed": list(c.changes)})
    return RedirectResponse(f"/register?changed={sum(c.version is not None for c in changes)}",
                            status_code=303)
