"""The dashboard as of a date, one obligation's detail, and the assessment report downloads."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from cnprivacy.engine import Assessment, Finding
from cnprivacy.engine.summary import plain_reason, review_notes, trace
from cnprivacy.report import assessment as report
from cnprivacy.rules.base import Status
from cnprivacy.web.deps import (
    TEMPLATES,
    BadRequest,
    Principal,
    basis_text,
    day_param,
    need,
    render,
    workspace,
)
from cnprivacy.web.i18n import lang_of, words
from cnprivacy.web.security import Permission

router = APIRouter()
Reader = Annotated[Principal, Depends(need(Permission.READ))]

#: How far ahead "due soon" looks: a display window, not a legal period.
SOON = timedelta(days=30)
_ORDER = {Status.APPLIES: 0, Status.NEEDS_INFO: 1, Status.UPCOMING: 2, Status.PROPOSED: 3,
          Status.NOT_APPLICABLE: 4}


def _groups(result: Assessment) -> list[tuple[str, list[Finding]]]:
    ordered = sorted(result.findings, key=lambda f: (f.topic, _ORDER[f.status], f.obligation))
    return [(topic, list(items)) for topic, items in groupby(ordered, key=lambda f: f.topic)]


def _topic_counts(items: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in items:
        counts[f.status.value] = counts.get(f.status.value, 0) + 1
    return counts


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, who: Reader, as_of: str | None = None) -> HTMLResponse:
    day = day_param(as_of)
    ws = workspace(request)
    found = ws.current(day)
    if found is None:
        return render(request, "dashboard.html", as_of=day, result=None)
    version, result = found
    lang = lang_of(request)
    dated = sorted((f for f in result.findings if f.deadline is not None
                    and f.status in (Status.APPLIES, Status.NEEDS_INFO, Status.UPCOMING)),
                   key=lambda f: (f.deadline, f.obligation))
    overdue = [f for f in dated if f.deadline is not None and f.deadline < day]
    soon = [f for f in dated if f.deadline is not None and day <= f.deadline <= day + SOON]

    def findings() -> str:
        groups = [(topic, items, _topic_counts(items)) for topic, items in _groups(result)]
        return TEMPLATES.get_template("_findings.html").render(
            groups=groups, t=words(lang), lang=lang, as_of=day, statuses=list(Status),
            basis=lambda f: basis_text(ws, f.instrument_id, f.instrument_short, f.article, lang))

    html = Markup(ws.text(("findings", version, day, lang), findings))
    return render(request, "dashboard.html", as_of=day, result=result, findings_html=html,
                  overdue=overdue, soon=soon, statuses=list(Status))


@router.get("/obligations/{key}", response_class=HTMLResponse, include_in_schema=False)
def obligation(request: Request, who: Reader, key: str, as_of: str | None = None) -> HTMLResponse:
    day = day_param(as_of)
    ws = workspace(request)
    result = ws.assessment(day)
    finding = result.by_key().get(key) if result else None
    if finding is None:
        return render(request, "error.html", status_code=404, message=f"no obligation {key!r}")
    inst = ws.law[finding.instrument_id]
    article = None
    if finding.article:  # "66(2)" is cited as such, or as article 66
        article = inst.article(finding.article) or inst.article(finding.article.split("(")[0])
    lang = lang_of(request)
    # the engine's own words for a reader: why, what is unconfirmed, and the trace (its own
    # lines in the reader's language; a rule's lines keep their English and are marked so)
    return render(request, "obligation.html", as_of=day, f=finding, inst=inst, article=article,
                  source=inst.cited_source, why=plain_reason(ws.law, finding)(lang),
                  notes=[n(lang) for n in review_notes(ws.law, finding)],
                  trace_lines=trace(ws.law, finding, lang))


@router.get("/reports/assessment.{fmt}", include_in_schema=False)
def download(request: Request, who: Reader, fmt: str, as_of: str | None = None) -> Response:
    day = day_param(as_of)
    lang = lang_of(request)
    result = workspace(request).assessment(day)
    if result is None:
        raise BadRequest("no organisation profile yet")
    if fmt == "html":
        body, kind = report.to_html(result, lang), "text/html; charset=utf-8"
    elif fmt == "md":
        body, kind = report.to_markdown(result, lang), "text/markdown; charset=utf-8"
    elif fmt == "json":
        body, kind = report.to_json(result), "application/json"
    else:
        raise BadRequest(f"unknown report format {fmt!r} (html, md, json)")
    name = f"obligations-{day.isoformat()}-{lang}.{fmt}"
    return Response(body, media_type=kind,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
