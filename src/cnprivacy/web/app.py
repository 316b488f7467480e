"""The FastAPI application: one router per area, security headers, error pages.

Pages are rendered on the server with Jinja2; the JSON API lives under ``/api/``. FastAPI's
own documentation routes are off: the OpenAPI document is served at ``/api/openapi.json``
behind authentication like everything else but the login page and ``/health``.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.web.deps import BadRequest, Forbidden, NotAuthenticated, render
from cnprivacy.web.workspace import WebConfig, Workspace

#: Every page's Content-Security-Policy: styles and scripts only inline with this response's
#: nonce (the CSS and the little JavaScript are inlined), nothing from other origins.
_CSP = ("default-src 'none'; style-src 'nonce-{n}'; script-src 'nonce-{n}'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'")


class SecurityHeaders:
    """Pure ASGI (no per-request task as with BaseHTTPMiddleware): a nonce for the templates,
    and the headers every response carries."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app, self.secure = app, secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["nonce"] = nonce

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.format(n=nonce).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                if self.secure:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", "")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", status_code=status, message=message)


def create_app(config: WebConfig, workspace: Workspace | None = None) -> FastAPI:
    from cnprivacy.web.routers import ROUTERS

    app = FastAPI(title="cnprivacy workspace", version="1",
                  description="China's data-protection obligations, cross-border position and "
                  "compliance record for one organisation.",
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.workspace = workspace or Workspace.open(config)
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(NotAuthenticated)
    async def _login_first(request: Request, _exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "authentication required"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Exception) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        return _error(request, 400, exc.message)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        return _error(request, 400, exc.one_line())

    @app.exception_handler(CnPrivacyError)
    async def _core(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        # the message only, never the input: it may be personal information
        return _error(request, 422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    app.add_middleware(SecurityHeaders, secure=config.secure_cookies)
    return app


def app_from_environment() -> FastAPI:
    """The app ``cnprivacy serve`` hands to uvicorn (one per worker process)."""
    import os
    from pathlib import Path

    key = os.environ.get("CNPRIVACY_WEB_KEY") or None
    return create_app(WebConfig(db=os.environ["CNPRIVACY_WEB_DB"],
                                key_path=Path(key) if key else None,
                                secure_cookies=bool(os.environ.get("CNPRIVACY_WEB_HTTPS"))))
