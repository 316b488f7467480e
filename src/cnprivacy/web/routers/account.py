"""Logging in and out, the health check, one's own password and API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from cnprivacy.web.deps import Principal, need, render, workspace
from cnprivacy.web.i18n import lang_of, words
from cnprivacy.web.security import (
    MIN_PASSWORD,
    SESSION_COOKIE,
    SESSION_HOURS,
    Permission,
    hash_password,
    new_secret,
    password_problem,
    same,
    secret_hash,
    session_expiry,
    verify_password,
)

router = APIRouter()
LOGIN_COOKIE = "cnp_login"
Reader = Annotated[Principal, Depends(need(Permission.READ))]


@router.get("/health", include_in_schema=False)
def health() -> JSONResponse:
    """Open to all: says the process answers, nothing about the data."""
    return JSONResponse({"status": "ok"})


def _login_page(request: Request, status_code: int = 200, failed: bool = False) -> HTMLResponse:
    """The login form with a CSRF token that is also a cookie (there is no session yet to hold
    it): a form posted from another site has neither."""
    token = new_secret()
    response = render(request, "login.html", status_code=status_code, failed=failed,
                      login_csrf=token)
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
                        secure=workspace(request).config.secure_cookies, path="/login")
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login", include_in_schema=False)
def login(request: Request, name: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=1000)],
          csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    ws = workspace(request)
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not csrf or not cookie or not same(csrf, cookie):
        return _login_page(request, 403)
    user = ws.store.user_by_name(name)
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or user.disabled:
        # the log names the attempt, never the password; the name may be a typo of a password
        ws.store.log("(anonymous)", "login failed", "session")
        return _login_page(request, 401, failed=True)
    token, csrf = new_secret(), new_secret()
    ws.store.drop_expired_sessions()
    ws.store.add_session(secret_hash(token), user.id, csrf, session_expiry())
    ws.store.log(user.name, "login", "session")
    response = RedirectResponse("/account" if user.must_change_password else "/", status_code=303)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=ws.config.secure_cookies, path="/")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, who: Reader) -> Response:
    ws = workspace(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        ws.store.drop_session(secret_hash(cookie))
    ws.store.log(who.user.name, "logout", "session")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _account(request: Request, who: Principal, **extra: Any) -> HTMLResponse:
    tokens = workspace(request).store.tokens(who.user.id)
    return render(request, "account.html", tokens=tokens, **extra)


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account(request: Request, who: Reader) -> HTMLResponse:
    return _account(request, who)


@router.post("/account/password", response_class=HTMLResponse, include_in_schema=False)
def change_password(request: Request, who: Reader,
                    current: Annotated[str, Form(max_length=1000)],
                    new: Annotated[str, Form(max_length=1000)]) -> HTMLResponse:
    ws = workspace(request)
    said = words(lang_of(request))
    if not verify_password(who.user.password_hash, current):
        return _account(request, who, password_error=said["wrong_current_password"])
    if password_problem(new):
        return _account(request, who,
                        password_error=said["password_too_short"].format(MIN_PASSWORD))
    ws.store.set_password(who.user.id, hash_password(new))
    ws.store.log(who.user.name, "change password", f"user {who.user.name}")
    return _account(request, who, password_saved=True)


@router.post("/account/tokens", response_class=HTMLResponse, include_in_schema=False)
def new_token(request: Request, who: Reader,
              label: Annotated[str, Form(min_length=1, max_length=100)]) -> HTMLResponse:
    ws = workspace(request)
    token = new_secret()
    ws.store.add_token(secret_hash(token), who.user.id, label)
    ws.store.log(who.user.name, "create API token", f"user {who.user.name}", after={"label": label})
    return _account(request, who, new_token=token)


@router.post("/account/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(request: Request, who: Reader, token_id: int) -> Response:
    ws = workspace(request)
    if ws.store.revoke_token(token_id, who.user.id):
        ws.store.log(who.user.name, "revoke API token", f"token {token_id}")
    return RedirectResponse("/account", status_code=303)
