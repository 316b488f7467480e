"""Scans and app audits of uploaded files. The file lives only while the core reads it; what is
kept is counts and findings (no examples, no values: never raw PI)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cnprivacy.errors import InputError
from cnprivacy.web.deps import BadRequest, Principal, need, render, workspace
from cnprivacy.web.security import Permission
from cnprivacy.web.uploads_io import held, read_upload, safe_name

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]
MAX_SCAN = 50 * 1024 * 1024
MAX_APK = 200 * 1024 * 1024


def scan_summary(result: Any, name: str) -> dict[str, Any]:
    """The counts of a ``ScanResult``: per source, column types and span counts; no examples."""
    sources = []
    for src in result.sources:
        sources.append({
            "kind": src.kind, "rows": src.rows, "individuals": src.individuals,
            "individuals_exact": src.individuals_exact,
            "sensitive_categories": list(src.sensitive_categories),
            "sensitive_individuals": src.sensitive_individuals,
            "columns": [{"type": c.type, "matched": c.matched, "checked": c.checked}
                        for c in src.columns],
            "spans": dict(src.span_counts)})
    return {"as_of": result.as_of, "totals": result.totals.to_dict(), "sources": sources,
            "errors": [e.message.replace(e.source, name) for e in result.errors]}


def app_summary(report: Any) -> dict[str, Any]:
    doc = report.to_dict()
    return {"package": doc["package"], "version_name": doc["version_name"],
            "target_sdk": doc["target_sdk"],
            "dangerous_permissions": sorted(p["name"] for p in doc["permissions"] if p["dangerous"]),
            "sdks": [s["name"] for s in doc["sdks"]],
            "findings": [{"id": f["id"], "severity": f["severity"], "basis": f["basis"],
                          "basis_zh": f["basis_zh"],
                          "title": f["title"], "title_zh": f["title_zh"]} for f in doc["findings"]]}


@router.get("/uploads", response_class=HTMLResponse, include_in_schema=False)
def uploads_page(request: Request, who: Reader) -> HTMLResponse:
    from cnprivacy.discovery.pitypes.name_accurate import available

    return render(request, "uploads.html", results=workspace(request).store.results(),
                  accurate_names=available())


@router.post("/uploads/scan", include_in_schema=False)
async def scan_upload(request: Request, who: Editor, file: Annotated[UploadFile, File()],
                      names: Annotated[str, Form()] = "fast") -> Response:
    from cnprivacy.discovery.scanner import Scanner, ScanOptions
    from cnprivacy.engine.parameters import adult_age_limit, minor_age_limit

    day = date.today()
    options = ScanOptions(as_of=day, minor_age=minor_age_limit(day), adult_age=adult_age_limit(day),
                          names=names)
    try:  # the core refuses an unknown finder, or accurate without its extra, before any work
        scanner = Scanner(options)
    except (ValueError, ImportError) as err:
        raise BadRequest(f"names: {err}") from None
    raw = await read_upload(file, MAX_SCAN)
    name = safe_name(file.filename, "upload.csv")
    with held(raw, name) as path:
        result = scanner.scan([str(path)])
    ws = workspace(request)
    rid = ws.store.add_result(who.user.name, "scan", name,
                              {**scan_summary(result, name), "names": names})
    ws.store.log(who.user.name, "scan upload", f"result {rid}",
                 after={"file": name, "names": names, "totals": result.totals.to_dict()})
    return RedirectResponse("/uploads", status_code=303)


@router.post("/uploads/app", include_in_schema=False)
async def app_upload(request: Request, who: Editor, file: Annotated[UploadFile, File()]) -> Response:
    from cnprivacy.appaudit.audit import audit_apk

    raw = await read_upload(file, MAX_APK)
    name = safe_name(file.filename, "app.apk")
    try:
        with held(raw, name) as path:
            report = audit_apk(str(path))
    except InputError as err:
        raise BadRequest(f"{name}: {err.problem}") from None
    ws = workspace(request)
    rid = ws.store.add_result(who.user.name, "app", name, app_summary(report))
    ws.store.log(who.user.name, "app audit upload", f"result {rid}",
                 after={"file": name, "findings": len(report.findings)})
    return RedirectResponse("/uploads", status_code=303)
