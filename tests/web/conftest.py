"""A workspace on a throw-away database with one user of each role, and in-process clients
(httpx's ASGI transport) logged in as each of them."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi import FastAPI

from cnprivacy.store.web_store import ROLES
from cnprivacy.web import WebConfig, Workspace, create_app
from cnprivacy.web.security import SESSION_COOKIE, new_secret, secret_hash, session_expiry

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shenzhen-travel.yaml"
# argon2 is slow on purpose: the users' hashes are made once for the whole run.
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def password_hash() -> str:
    from cnprivacy.web.security import hash_password

    return hash_password(PASSWORD)


def example_profile() -> dict[str, object]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return json.loads(json.dumps(data, default=str))  # as a JSON body carries it


@dataclass
class Site:
    app: FastAPI
    ws: Workspace
    db: str

    def session(self, role: str) -> tuple[str, str]:
        """A live session (cookie value, CSRF token) of the user named after ``role``."""
        user = self.ws.store.user_by_name(role)
        assert user is not None
        token, csrf = new_secret(), new_secret()
        self.ws.store.add_session(secret_hash(token), user.id, csrf, session_expiry())
        return token, csrf

    def client(self, role: str | None = None) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app)
        scheme = "https" if self.ws.config.secure_cookies else "http"  # Secure cookies need it
        client = httpx.AsyncClient(transport=transport, base_url=f"{scheme}://testserver")
        if role is not None:
            token, csrf = self.session(role)
            client.cookies.set(SESSION_COOKIE, token)
            client.headers["X-CSRF-Token"] = csrf
        return client


def make_site(root: Path, password_hash: str, *, profile: bool = True,
              secure: bool = False, db: str | None = None, key: Path | None = None) -> Site:
    target = db or str(root / "web.db")
    config = WebConfig(db=target, key_path=key or root / "web.key", secure_cookies=secure)
    ws = Workspace.open(config)
    for role in ROLES:
        ws.store.add_user(role, role, password_hash)
    if profile:
        ws.store.save_profile(example_profile(), "test")
    return Site(create_app(config, ws), ws, target)


@pytest.fixture
def site(tmp_path: Path, password_hash: str) -> Site:
    return make_site(tmp_path, password_hash)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def admin(site: Site) -> AsyncIterator[httpx.AsyncClient]:
    async with site.client("admin") as client:
        yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the form"
    return found.group(1)
