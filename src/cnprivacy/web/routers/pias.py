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
from cnprivacy.errors import InputError
from cnprivacy.records import Assessments, grade_pia, render_pia
from cnprivacy.records.bilingual import article_zh, problem_text
from cnprivacy.records.pia.book import Step
from cnprivacy.records.pia.citation import PIPL, cite_for_zh
from cnprivacy.records.pia.edit import parse_edit
from cnprivacy.records.pia.levels import ImpactLevel, LikelihoodLevel, english
from cnprivacy.records.pia.models import MeasureStatus, Pia, judgement_fields, unconfirmed
from cnprivacy.records.pia.triggers import required
from cnprivacy.web.deps import BadRequest, Principal, day_param, need, render, workspace
from cnprivacy.web.i18n import lang_of
from cnprivacy.web.security import Permission, allowed

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


# The scale each judgement is given on (the standard's words, highest first).
IMPACT_SCALE = [level.value for level in reversed(ImpactLevel)]
LIKELIHOOD_SCALE = [level.value for level in reversed(LikelihoodLevel)]
MAX_MEASURES_ADDED = 2  # blank rows the form offers below the recorded measures


def _scale(path: str) -> str:
    if path.startswith("impact.") or path == "residual_risk":
        return "impact"
    return "likelihood" if path.startswith("likelihood.") else "bool"


def _shown(value: Any) -> str:
    """A judgement's value as the form's control holds it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _form_rows(pia: Pia, posted: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per judgement: the recorded value, reason and confirmation, or what was posted
    (so a refused form comes back as the person filled it)."""
    rows = []
    for path, j in judgement_fields(pia).items():
        mine = (posted or {}).get(path)
        rows.append({"path": path, "leaf": path.rpartition(".")[2], "scale": _scale(path),
                     "group": path.partition(".")[0] if "." in path else "",
                     "value": mine["value"] if mine else _shown(j.value),
                     "reason": mine["reason"] if mine else (j.reason or ""),
                     "confirmed": mine["confirmed"] if mine else j.confirmed,
                     "proposed": bool(j.proposed_from) and not j.confirmed})
    return rows


def _measure_rows(pia: Pia, posted: list[dict[str, str]] | None) -> list[dict[str, str]]:
    if posted is not None:
        return posted
    rows = [{"description": m.description, "status": m.status.value, "owner": m.owner or "",
             "due": m.due.isoformat() if m.due else ""} for m in pia.measures]
    return rows + [{"description": "", "status": "planned", "owner": "", "due": ""}
                   for _ in range(MAX_MEASURES_ADDED)]


def _pia_page(request: Request, who: Principal, pia_id: str, *, status_code: int = 200,
              posted: dict[str, Any] | None = None, posted_measures: list[dict[str, str]] | None
              = None, errors: dict[str, str] | None = None,
              form_error: str | None = None) -> HTMLResponse:
    book = _book(request)
    v = book.get(pia_id)
    role = who.user.role
    law = workspace(request).law
    lang = lang_of(request)
    pia: Pia = v.data
    return render(request, "pia.html", status_code=status_code, v=v, pia=pia,
                  grading=grade_pia(pia, law).to_dict(),
                  open_fields=unconfirmed(pia), open_yaml=_open_judgements_yaml(pia),
                  required=required(pia.triggers),
                  history=book.history(pia_id), may_review=allowed(role, Permission.REVIEW),
                  may_approve=allowed(role, Permission.APPROVE),
                  is_admin_only=allowed(role, Permission.ADMIN) and not (
                      allowed(role, Permission.REVIEW) or allowed(role, Permission.APPROVE)),
                  keep_cite_zh=cite_for_zh(law, PIPL, "56"),
                  pipl_article=lambda a: article_zh(law, PIPL, a),
                  rows=_form_rows(pia, posted), measures=_measure_rows(pia, posted_measures),
                  scales={"impact": IMPACT_SCALE, "likelihood": LIKELIHOOD_SCALE},
                  level_word=lambda w: w if lang == "zh" or not w else _english(w),
                  measure_statuses=[s.value for s in MeasureStatus],
                  next_review_on=(posted or {}).get("next_review_on", _shown(pia.next_review_on)),
                  errors={k: problem_text(p, lang) for k, p in (errors or {}).items()},
                  form_error=problem_text(form_error, lang) if form_error else None)


def _english(word: str) -> str:
    for scale in (ImpactLevel, LikelihoodLevel):
        if word in scale.__members__.values():
            return english(scale(word))
    return word


@router.get("/pias/{pia_id}", response_class=HTMLResponse, include_in_schema=False)
def pia_page(request: Request, who: Reader, pia_id: str) -> HTMLResponse:
    if pia_id not in _book(request).latest():
        return render(request, "error.html", status_code=404,
                      message=f"no impact assessment {pia_id!r}")
    return _pia_page(request, who, pia_id)


def _nest(data: dict[str, Any], path: str, given: Any) -> dict[str, Any]:
    head, _, leaf = path.partition(".")
    if leaf:
        data.setdefault(head, {})[leaf] = given
    else:
        data[head] = given
    return data


def _problem_of(data: dict[str, Any]) -> str | None:
    """The core's first problem with a part of the edit (the same check as ``pia edit``)."""
    try:
        parse_edit(data, "form")
    except InputError as err:
        return err.problem
    return None


def _judged(pia: Pia) -> dict[str, dict[str, Any]]:
    """Each judgement's value and confirmation (reasons are free text: not in the audit log)."""
    return {path: {"value": _shown(j.value) or None, "confirmed": j.confirmed,
                   "reason_given": bool(j.reason)} for path, j in judgement_fields(pia).items()}


def _log_edit(request: Request, who: Principal, action: str, before: Pia, step: Step) -> None:
    """An edit's audit entry: status, and each changed judgement's value and confirmation
    before and after (reasons are free text and stay in the record only)."""
    if step.version is None:
        return
    old, new = _judged(before), _judged(step.pia)
    changed = [p for p in new if old.get(p) != new[p]]
    workspace(request).store.log(
        who.user.name, action, f"pia {step.pia.id} v{step.version}",
        before={"status": before.status.value, "measures": len(before.measures),
                **{p: old[p] for p in changed}},
        after={"status": step.pia.status.value, "measures": len(step.pia.measures),
               **{p: new[p] for p in changed}})


@router.post("/pias/{pia_id}/judgements", include_in_schema=False)
async def judge_pia(request: Request, who: Editor, pia_id: str) -> Response:
    """The judgements form: every field is checked by the core's edit format, problems are
    shown beside their fields, and nothing is saved unless all of it is valid."""
    before_pia: Pia = _book(request, pia_id).get(pia_id).data
    form = await request.form()

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    posted: dict[str, Any] = {}
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for path in judgement_fields(before_pia):
        mine: dict[str, Any] = {"value": text(f"{path}.value"), "reason": text(f"{path}.reason"),
                                "confirmed": form.get(f"{path}.confirmed") == "on"}
        posted[path] = mine
        if not (mine["value"] or mine["reason"] or mine["confirmed"]):
            continue  # left empty: the recorded judgement stays as it is
        given: dict[str, Any] = {"confirmed": mine["confirmed"]}
        if mine["value"]:
            given["value"] = {"true": True, "false": False}.get(mine["value"], mine["value"])
        if mine["reason"]:
            given["reason"] = mine["reason"]
        problem = _problem_of(_nest({}, path, given))
        if problem:
            errors[path] = problem
        _nest(data, path, given)
    measures: list[dict[str, str]] = []
    kept: list[dict[str, Any]] = []
    rows = int(text("measures_rows") or "0") if text("measures_rows").isdigit() else 0
    for i in range(min(rows, 200)):
        m = {k: text(f"measures.{i}.{k}") for k in ("description", "status", "owner", "due")}
        measures.append(m)
        if not (m["description"] or m["owner"] or m["due"]):
            continue
        one = {k: v for k, v in m.items() if v}
        problem = _problem_of({"measures": [one]})
        if problem:
            errors[f"measures.{i}"] = problem
        kept.append(one)
    if rows:
        data["measures"] = kept
    review_on = text("next_review_on")
    posted["next_review_on"] = review_on
    if review_on:
        data["next_review_on"] = review_on
        problem = _problem_of({"next_review_on": review_on})
        if problem:
            errors["next_review_on"] = problem
    if errors:
        return _pia_page(request, who, pia_id, status_code=400, posted=posted,
                         posted_measures=measures, errors=errors)
    problem = _problem_of(data)
    if problem:
        return _pia_page(request, who, pia_id, status_code=400, posted=posted,
                         posted_measures=measures, form_error=problem)
    step = _book(request).edit(pia_id, parse_edit(data, "form"), who.user.name)
    _log_edit(request, who, "edit impact assessment (form)", before_pia, step)
    return RedirectResponse(f"/pias/{pia_id}", status_code=303)


@router.post("/pias/{pia_id}/edit", include_in_schema=False)
def edit_pia(request: Request, who: Editor, pia_id: str,
             text: Annotated[str, Form(min_length=1, max_length=MAX_YAML)]) -> Response:
    before: Pia = _book(request, pia_id).get(pia_id).data
    edit = parse_edit(load_text(text, "judgements"), "judgements")
    step = _book(request).edit(pia_id, edit, who.user.name)
    _log_edit(request, who, "edit impact assessment", before, step)
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
