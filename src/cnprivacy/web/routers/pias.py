"""Impact assessments (PIPL arts 55-56): the list, drafting one from a register activity,
setting judgements from YAML, the legal review, the PI protection officer's approval, and the
report as Markdown or HTML (as ``cnprivacy pia ...``).

The workflow's rules (who may approve whose review, what must be confirmed, the keep-until
date) are ``records.pia.book.Assessments``'; the roles here only decide who may press which
button: ``legal`` reviews, ``dpo`` approves. Every step is a new version and an audit entry.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cnprivacy._yaml import load_text
from cnprivacy.records import Assessments, grade_pia, render_pia
from cnprivacy.records.pia.book import Step
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.records.pia.models import unconfirmed
from cnprivacy.records.pia.triggers import required
from cnprivacy.web.deps import BadRequest, Principal, day_param, need, render, workspace
from cnprivacy.web.security import Permission

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]
Editor = Annotated[Principal, Depends(need(Permission.EDIT))]
Reviewer = Annotated[Principal, Depends(need(Permission.REVIEW))]
Approver = Annotated[Principal, Depends(need(Permission.APPROVE))]
MAX_YAML = 256 * 1024


def _book(request: Request, pia_id: str | None = None) -> Assessments:
    """The assessments; with ``pia_id``, after checking it is on record (else 404)."""
    book = Assessments(workspace(request).register.store)
    if pia_id is not None and pia_id not in book.latest():
        raise HTTPException(404, f"no impact assessment {pia_id!r}")
    return book


def _logged(request: Request, who: Principal, what: str, before: str | None, step: Step) -> None:
    if step.version is not None:
        workspace(request).store.log(who.user.name, what, f"pia {step.pia.id} v{step.version}",
                                     before={"status": before} if before else None,
                                     after={"status": step.pia.status.value})


def _open_judgements_yaml(pia: Any) -> str:
    """The unconfirmed judgements as the edit format (``cnprivacy pia edit``), with the draft's
    proposals filled in: the form starts from them, to be confirmed with a reason."""
    import yaml

    from cnprivacy.records.pia.models import judgement_fields

    nested: dict[str, Any] = {}
    for path, j in judgement_fields(pia).items():
        if j.confirmed:
            continue
        given = {k: v for k, v in j.model_dump(mode="json", include={"value", "reason"}).items()
                 if v is not None}
        head, _, leaf = path.partition(".")
        if leaf:
            nested.setdefault(head, {})[leaf] = {**given, "confirmed": False}
        else:
            nested[head] = {**given, "confirmed": False}
    return yaml.safe_dump(nested, allow_unicode=True, sort_keys=False) if nested else ""


@router.get("/pias", response_class=HTMLResponse, include_in_schema=False)
def pias_page(request: Request, who: Reader) -> HTMLResponse:
    rows = [{"v": v, "unconfirmed": len(unconfirmed(v.data))}
            for v in _book(request).latest().values()]
    return render(request, "pias.html", rows=rows, today=date.today().isoformat(),
                  activities=sorted(workspace(request).register.versions()))


@router.post("/pias", include_in_schema=False)
def draft_pia(request: Request, who: Editor, activity: Annotated[str, Form(min_length=1)],
              as_of: Annotated[str | None, Form()] = None) -> Response:
    ws = workspace(request)
    found = ws.register.get(activity)
    if found is None:
        raise BadRequest(f"activity: no activity {activity!r} in the register")
    entry = None
    profile = ws.profile()
    if profile is not None:  # its entry for the activity fills facts the register leaves unknown
        entry = next((p for p in profile[1].processing if p.id == activity), None)
    step = _book(request).new(found, ws.law, day_param(as_of), who.user.name, profile=entry)
    _logged(request, who, "draft impact assessment", None, step)
    return RedirectResponse(f"/pias/{step.pia.id}", status_code=303)


@router.get("/pias/{pia_id}", response_class=HTMLResponse, include_in_schema=False)
def pia_page(request: Request, who: Reader, pia_id: str) -> HTMLResponse:
    book = _book(request)
    if pia_id not in book.latest():
        return render(request, "error.html", status_code=404,
                      message=f"no impact assessment {pia_id!r}")
    v = book.get(pia_id)
    role = who.user.role
    from cnprivacy.web.security import allowed

    return render(request, "pia.html", v=v, pia=v.data,
                  grading=grade_pia(v.data, workspace(request).law).to_dict(),
                  open_fields=unconfirmed(v.data), open_yaml=_open_judgements_yaml(v.data),
                  required=required(v.data.triggers),
                  history=book.history(pia_id), may_review=allowed(role, Permission.REVIEW),
                  may_approve=allowed(role, Permission.APPROVE))


@router.post("/pias/{pia_id}/edit", include_in_schema=False)
def edit_pia(request: Request, who: Editor, pia_id: str,
             text: Annotated[str, Form(min_length=1, max_length=MAX_YAML)]) -> Response:
    before: Any = _book(request, pia_id).get(pia_id).data.status.value
    edit = parse_edit(load_text(text, "judgements"), "judgements")
    step = _book(request).edit(pia_id, edit, who.user.name)
    _logged(request, who, "edit impact assessment", before, step)
    return RedirectResponse(f"/pias/{pia_id}", status_code=303)


@router.post("/pias/{pia_id}/review", include_in_schema=False)
def review_pia(request: Request, who: Reviewer, pia_id: str) -> Response:
    before = _book(request, pia_id).get(pia_id).data.status.value
    step = _book(request).review(pia_id, who.user.name)
    _logged(request, who, "review impact assessment (legal)", before, step)
    return RedirectResponse(f"/pias/{pia_id}", status_code=303)


@router.post("/pias/{pia_id}/approve", include_in_schema=False)
def approve_pia(request: Request, who: Approver, pia_id: str) -> Response:
    before = _book(request, pia_id).get(pia_id).data.status.value
    step = _book(request).approve(pia_id, who.user.name, workspace(request).law)
    _logged(request, who, "approve impact assessment (PI protection officer)", before, step)
    return RedirectResponse(f"/pias/{pia_id}", status_code=303)


@router.get("/pias/{pia_id}/report.{fmt}", include_in_schema=False)
def pia_report(request: Request, who: Reader, pia_id: str, fmt: str,
               lang: str | None = None) -> Response:
    if fmt not in ("md", "html"):
        raise BadRequest("format: must be md or html")
    language = lang if lang in ("zh", "en") else "zh"
    text = render_pia(_book(request, pia_id).get(pia_id).data, workspace(request).law, fmt, language)
    media = "text/markdown" if fmt == "md" else "text/html"
    return Response(text, media_type=f"{media}; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{pia_id}-{language}.{fmt}"'})
