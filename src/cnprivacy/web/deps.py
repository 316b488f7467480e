"""What every route shares: who is asking (session cookie or API token), what their role may
do, the CSRF check on every change, and rendering a page in the asker's language.

Every route but the login page and ``/health`` depends on :func:`need`; the authorisation
tests walk ``app.routes`` and check that each one declares its permission.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from cnprivacy.daterange import EARLIEST_DAY, LATEST_DAY
from cnprivacy.records.bilingual import article_zh, history_reason, problem_text
from cnprivacy.records.deadline import CHINA
from cnprivacy.store.web_store import User
from cnprivacy.web.i18n import LANG_COOKIE, LANGS, cite, lang_of, marked, words
from cnprivacy.web.i18n_profile import org_label
from cnprivacy.web.security import SESSION_COOKIE, Permission, allowed, same, secret_hash
from cnprivacy.web.workspace import Workspace

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Principal:
    user: User
    csrf: str | None      # None for an API token (no cookie, so no cross-site forgery)


class NotAuthenticated(Exception):
    pass


class Forbidden(Exception):
    pass


class BadRequest(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


def _from_token(request: Request, ws: Workspace) -> Principal | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    user = ws.store.user_for_token(secret_hash(token.strip()))
    return None if user is None or user.disabled else Principal(user, None)


def _from_session(request: Request, ws: Workspace) -> Principal | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = ws.store.session(secret_hash(cookie))
    if found is None:
        return None
    user, csrf, expires = found
    if user.disabled or expires < datetime.now(UTC).isoformat(timespec="seconds"):
        return None
    return Principal(user, csrf)


async def _check_csrf(request: Request, principal: Principal) -> None:
    if principal.csrf is None or request.method not in UNSAFE:
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else None
    if not sent or not same(sent, principal.csrf):
        raise Forbidden("missing or wrong CSRF token")


def need(permission: Permission) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency: the asker, who must be logged in and whose role has ``permission``."""

    async def dependency(request: Request) -> Principal:
        ws = workspace(request)
        principal = _from_token(request, ws) or _from_session(request, ws)
        if principal is None:
            raise NotAuthenticated()
        if not allowed(principal.user.role, permission):
            raise Forbidden(f"role {principal.user.role} may not {permission.value}")
        await _check_csrf(request, principal)
        request.state.principal = principal
        return principal

    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency


def day_param(value: str | None, default: date | None = None) -> date:
    """A date from a query or form; a bad one is a 400 with the reason."""
    if not value:
        return default or date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise BadRequest(f"{value} is outside {EARLIEST_DAY} to {LATEST_DAY}")
    return day


def basis_text(ws: Workspace, instrument_id: str, short: str, article: str, lang: str) -> str:
    """An obligation's basis as a reader of that language cites it: 《个人信息保护法》第五十二条,
    or PIPL art. 52 (names and article labels from the law data)."""
    if lang != "zh" or instrument_id not in ws.law:
        return f"{short} art. {article}" if article else short
    inst = ws.law[instrument_id]
    label = article_zh(ws.law, instrument_id, article) if article else ""
    # a provision the law data names by topic (a court case's holding, a notice's annex) has
    # no article label: the instrument's title alone, as a Chinese reader cites it
    if re.search(r"[A-Za-z]{2,}", label) and not label.startswith("附录"):
        label = ""
    return f"《{inst.name_zh}》{label}"


def cst(moment: datetime | str | None) -> str:
    """A moment as people in China read it: ``2026-12-05 12:03`` in China Standard Time (the
    pages say so in their headings); the ISO form stays in the page's data attributes."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    principal: Principal | None = getattr(request.state, "principal", None)
    response = TEMPLATES.TemplateResponse(request, template, {
        "lang": lang, "t": words(lang), "user": principal.user if principal else None,
        "csrf": principal.csrf if principal else None,
        "can_edit": bool(principal and allowed(principal.user.role, Permission.EDIT)),
        "is_admin": bool(principal and allowed(principal.user.role, Permission.ADMIN)),
        "nonce": getattr(request.state, "nonce", ""),
        "cite": lambda en, zh=None: cite(en, zh, lang),
        "cst": cst,
        "as_json": lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
        "org_label": lambda name: org_label(name, lang),
        "problem": lambda text: problem_text(str(text), lang),
        "marked": lambda text: marked(str(text), lang),
        "reason": lambda text: history_reason(text, lang),
        "basis": lambda f: basis_text(workspace(request), f.instrument_id, f.instrument_short,
                                      f.article, lang), **context}, status_code=status_code)
    asked = request.query_params.get("lang")
    if asked in LANGS:
        response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, samesite="lax",
                            httponly=True, secure=workspace(request).config.secure_cookies)
    return response
