"""The organisation profile: a form for the organisation's facts, the whole profile as YAML,
import and export. Each save is a new version (``web_profiles`` is append-only) and an audit
entry with the fields before and after.

Validation is the profile's own (``profile.validate`` and the pydantic model): the form shows
each problem beside its field.
"""

from __future__ import annotations

import json
import types
from datetime import date
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from cnprivacy._yaml import load_text
from cnprivacy.errors import InputError
from cnprivacy.profile import Profile, validate
from cnprivacy.profile.models import Organization
from cnprivacy.web.deps import Principal, need, render, workspace
from cnprivacy.web.security import Permission
from cnprivacy.web.uploads_io import read_upload

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]

MAX_PROFILE_BYTES = 2 * 1024 * 1024


def _kind(annotation: Any) -> tuple[str, list[str]]:
    """The form control for a field's type: (input kind, choices)."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if annotation is bool:
        return "bool", []
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice", [str(m.value) for m in annotation]
    if annotation is int:
        return "int", []
    if annotation is date:
        return "date", []
    return "text", []


FIELDS: list[tuple[str, str, list[str], str]] = [
    (name, *_kind(info.annotation), info.description or "")
    for name, info in Organization.model_fields.items()]


def _form_value(kind: str, raw: str) -> Any:
    raw = raw.strip()
    if raw == "":
        return None
    if kind == "bool":
        return {"yes": True, "no": False}.get(raw, raw)
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            return raw  # the model says why
    return raw


def _errors(err: ValidationError) -> tuple[dict[str, str], list[str]]:
    """Messages by organisation field, and the others (never the input: it may be PI)."""
    beside: dict[str, str] = {}
    other: list[str] = []
    for e in err.errors():
        loc = [str(p) for p in e["loc"]]
        msg = str(e["msg"]).removeprefix("Value error, ")
        if len(loc) >= 2 and loc[0] == "organization":
            beside.setdefault(loc[1], msg)
        else:
            other.append(f"{'.'.join(loc)}: {msg}")
    return beside, other


def _page(request: Request, data: dict[str, Any] | None, status_code: int = 200,
          **extra: Any) -> HTMLResponse:
    ws = workspace(request)
    org = (data or {}).get("organization") or {}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    return render(request, "profile.html", status_code=status_code, fields=FIELDS, org=org,
                  yaml_text=extra.pop("yaml_text", text), versions=ws.store.profile_versions(),
                  **extra)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def save(request: Request, who: Principal, data: dict[str, Any], how: str) -> None:
    """Store a validated profile as the next version and log what changed."""
    ws = workspace(request)
    saved = ws.saved_profile()
    old = saved.data if saved else {}
    version = ws.store.save_profile(data, who.user.name)
    before, after = _changed(old.get("organization") or {}, data.get("organization") or {})
    for section in sorted((old.keys() | data.keys()) - {"organization"}):
        if old.get(section) != data.get(section):
            before[section], after[section] = old.get(section), data.get(section)
    ws.store.log(who.user.name, f"save profile ({how})", f"profile version {version}",
                 before=before, after=after)


@router.get("/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request, who: Reader, saved: bool = False) -> HTMLResponse:
    current = workspace(request).saved_profile()
    return _page(request, current.data if current else None, saved_message=saved)


@router.post("/profile", response_class=HTMLResponse, include_in_schema=False)
async def profile_form(request: Request, who: Editor) -> Response:
    form = await request.form()
    current = workspace(request).saved_profile()
    data: dict[str, Any] = dict(current.data) if current else {}
    org = dict(data.get("organization") or {})
    for name, kind, _, _ in FIELDS:
        value = form.get(f"org.{name}")
        if not isinstance(value, str):
            continue
        parsed = _form_value(kind, value)
        if parsed is None:
            org.pop(name, None)  # left empty: unknown, never zero
        else:
            org[name] = parsed
    data["organization"] = org
    try:
        Profile.model_validate(data)
        validate(data, "form")
    except ValidationError as err:
        beside, other = _errors(err)
        return _page(request, data, 422, field_errors=beside, other_errors=other)
    except InputError as err:
        field = (err.field or "").removeprefix("organization.")
        return _page(request, data, 422, field_errors={field: err.problem}, other_errors=[])
    save(request, who, data, "form")
    return RedirectResponse("/profile?saved=true", status_code=303)


def _from_text(request: Request, who: Principal, text: str, source: str, how: str) -> Response:
    try:
        data = load_text(text, source)
        if not isinstance(data, dict):
            raise InputError(source, "top level must be a mapping with an 'organization' section")
        validate(data, source, text)
    except InputError as err:
        return _page(request, None, 422, yaml_error=err.one_line(), yaml_text=text)
    # as the DPO wrote it (their order and sections, for export), dates as ISO text
    save(request, who, json.loads(json.dumps(data, default=str)), how)
    return RedirectResponse("/profile?saved=true", status_code=303)


@router.post("/profile/yaml", response_class=HTMLResponse, include_in_schema=False)
def profile_yaml(request: Request, who: Editor,
                 text: Annotated[str, Form(max_length=MAX_PROFILE_BYTES)]) -> Response:
    return _from_text(request, who, text, "profile (YAML)", "YAML")


@router.post("/profile/import", response_class=HTMLResponse, include_in_schema=False)
async def profile_import(request: Request, who: Editor, file: Annotated[UploadFile, File()]) -> Response:
    raw = await read_upload(file, MAX_PROFILE_BYTES)
    name = file.filename or "upload"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _page(request, None, 422, yaml_error=f"{name}: not UTF-8 text (save the profile as "
                     "UTF-8)")
    if "\x00" in text:
        return _page(request, None, 422, yaml_error=f"{name}: binary data, not a YAML profile")
    return _from_text(request, who, text, name, f"import of {name}")


@router.get("/profile/export.yaml", include_in_schema=False)
def profile_export(request: Request, who: Reader) -> Response:
    current = workspace(request).saved_profile()
    text = yaml.safe_dump(current.data if current else {}, allow_unicode=True, sort_keys=False)
    return Response(text, media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="profile.yaml"'})
