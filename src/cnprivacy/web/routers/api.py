"""The JSON API under ``/api/``: the OpenAPI document, assessments and cross-border decisions
of a profile sent in the body (exactly the CLI's JSON), and the stored workspace's data.

Authentication: ``Authorization: Bearer TOKEN`` (tokens from the account page), or the session
cookie with the ``X-CSRF-Token`` header for changes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from cnprivacy.engine import Options, assess, crossborder_decision
from cnprivacy.law import next_status_change
from cnprivacy.law.workdays import DEFAULT_CALENDAR
from cnprivacy.profile import json_schema, validate
from cnprivacy.report import assessment as report
from cnprivacy.report.jsontext import indented
from cnprivacy.rules.base import ParameterUndefined
from cnprivacy.web.deps import BadRequest, Principal, day_param, need, workspace
from cnprivacy.web.security import Permission

router = APIRouter(prefix="/api", tags=["api"])
#: A date the tool computes with (1900-01-01 to 2199-12-31, ``daterange``); the pattern keeps
#: the document honest about the years.
AsOf = Annotated[date | None, Query(description="Date (YYYY-MM-DD); default today.",
                                    json_schema_extra={"pattern": "^(19|20|21)[0-9]{2}-"})]
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Admin = Annotated[Principal, Depends(need(Permission.ADMIN))]

_PROFILE_BODY = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
                 "required": True}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The profile or a parameter is not valid (one line naming the field)."},
    401: {"description": "No valid session or token."},
    403: {"description": "The role may not do this."},
}


def _day(as_of: date | None) -> date:
    return day_param(as_of.isoformat() if as_of else None)


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


def _profile(body: Any) -> Any:
    if not isinstance(body, dict):
        raise BadRequest("request body: top level must be a mapping with an 'organization' section")
    return validate(body, "request body")


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, who: Reader) -> JSONResponse:
    app = request.app
    if app.openapi_schema is None:
        doc = get_openapi(title=app.title, version=app.version, description=app.description,
                          routes=app.routes)
        schema = json_schema()
        defs = schema.pop("$defs", {})
        schema.pop("$schema", None)
        text = json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        components.update(json.loads(json.dumps(defs).replace("#/$defs/", "#/components/schemas/")))
        components["Profile"] = json.loads(text)
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
        app.openapi_schema = doc
    return JSONResponse(app.openapi_schema)


@router.post("/assess", openapi_extra={"requestBody": _PROFILE_BODY}, responses=_ERRORS,
             summary="Every obligation of a profile as of a date (the JSON of `cnprivacy assess`)")
async def api_assess(request: Request, who: Reader, as_of: AsOf = None) -> Response:
    day, raw = _day(as_of), await _raw(request)
    ws = workspace(request)
    key = ("assess", hashlib.sha256(raw).hexdigest(), day)

    def answer() -> str:
        result = assess(_profile(_parse(raw)), Options(as_of=day, calendar=DEFAULT_CALENDAR),
                        law=ws.law)
        return report.to_json(result)

    # the same body on the same date is the same assessment: kept once made
    return _json(await run_in_threadpool(ws.text, key, answer))


@router.post("/crossborder", openapi_extra={"requestBody": _PROFILE_BODY}, responses=_ERRORS,
             summary="The cross-border decision of a profile (the JSON of `cnprivacy crossborder`)")
async def api_crossborder(request: Request, who: Reader, as_of: AsOf = None) -> Response:
    raw, day = await _raw(request), _day(as_of)
    try:
        # the work runs off the event loop, as for the pages (plain functions run in threads)
        decision = await run_in_threadpool(
            lambda: crossborder_decision(_profile(_parse(raw)),
                                         Options(as_of=day, calendar=DEFAULT_CALENDAR)))
    except ParameterUndefined:
        raise BadRequest("as_of: before the Security Assessment Measures (in force 2022-09-01) "
                         "no export thresholds exist") from None
    return _json(indented(decision.to_dict()))


async def _raw(request: Request) -> bytes:
    raw = await request.body()
    if len(raw) > 2 * 1024 * 1024:
        raise BadRequest("request body: larger than 2 MiB")
    return raw


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("request body: not JSON") from None


@router.get("/obligations", responses=_ERRORS,
            summary="The stored profile's assessment as of a date (as `cnprivacy assess --format json`)")
def api_obligations(request: Request, who: Reader, as_of: AsOf = None) -> Response:
    ws, day = workspace(request), _day(as_of)
    found = ws.current(day)
    if found is None:
        raise BadRequest("no organisation profile yet")
    version, result = found
    return _json(ws.text(("obligations", version, day), lambda: report.to_json(result)))


@router.get("/law", responses=_ERRORS, summary="Instruments and their status on a date")
def api_law(request: Request, who: Reader, as_of: AsOf = None) -> dict[str, Any]:
    day = _day(as_of)
    book = workspace(request).law
    rows = []
    for inst in book.in_listing_order(day):
        nxt = next_status_change(inst, day)
        rows.append({"id": inst.id, "short": inst.short, "name_en": inst.name_en,
                     "name_zh": inst.name_zh, "kind": inst.kind.value,
                     "status": book.status(inst.id, day).value,
                     "next_change": None if nxt is None else
                     {"date": nxt[0].isoformat(), "status": nxt[1].value}})
    return {"as_of": day.isoformat(), "instruments": rows}


@router.get("/register", responses=_ERRORS, summary="The processing register's latest versions")
def api_register(request: Request, who: Reader) -> list[dict[str, Any]]:
    return [{"id": v.record_id, "version": v.version, "changed_at": v.changed_at.isoformat(),
             "changed_by": v.changed_by, "activity": v.data.model_dump(mode="json")}
            for v in workspace(request).register.versions().values()]


@router.get("/ledger", responses=_ERRORS, summary="The transfer ledger's entries (no hashes)")
def api_ledger(request: Request, who: Reader) -> Response:
    return _json(json.dumps(workspace(request).ledger_rows(), ensure_ascii=False, default=str))


@router.get("/audit", responses=_ERRORS, summary="The audit log, newest first (admins)")
def api_audit(request: Request, who: Admin,
              limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> list[dict[str, Any]]:
    return [e.__dict__ for e in workspace(request).store.audit_log(limit)]


@router.get("/me", responses=_ERRORS, summary="Who the token or session belongs to")
def api_me(who: Reader) -> dict[str, str]:
    return {"name": who.user.name, "role": who.user.role}


__all__ = ["router"]
