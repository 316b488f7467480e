"""Every route and every role, from one table: who may read, who may change, who administers.

The table is the specification: a route missing from it (or declaring another permission than
the table says) fails ``test_the_table_covers_every_route``, so a new page cannot go unchecked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from cnprivacy.store.web_store import ROLES
from cnprivacy.web.routers import ROUTERS
from cnprivacy.web.security import Permission, allowed

from .conftest import Site, make_site

R, E, A = Permission.READ, Permission.EDIT, Permission.ADMIN
REV, APP = Permission.REVIEW, Permission.APPROVE
OPEN = None

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/health"): OPEN,
    ("GET", "/login"): OPEN,
    ("POST", "/login"): OPEN,
    ("POST", "/logout"): R,
    ("GET", "/account"): R,
    ("POST", "/account/password"): R,
    ("POST", "/account/tokens"): R,
    ("POST", "/account/tokens/{token_id}/revoke"): R,
    ("GET", "/"): R,
    ("GET", "/obligations/{key}"): R,
    ("GET", "/reports/assessment.{fmt}"): R,
    ("GET", "/profile"): R,
    ("POST", "/profile"): E,
    ("POST", "/profile/yaml"): E,
    ("POST", "/profile/import"): E,
    ("GET", "/profile/export.yaml"): R,
    ("GET", "/crossborder"): R,
    ("POST", "/crossborder/transfers"): E,
    ("GET", "/register"): R,
    ("GET", "/register/{record_id}"): R,
    ("POST", "/register/activities"): E,
    ("POST", "/register/import-scan"): E,
    ("POST", "/register/import-profile"): E,
    ("GET", "/incidents"): R,
    ("POST", "/incidents"): E,
    ("GET", "/incidents/{incident_id}"): R,
    ("POST", "/incidents/{incident_id}/reports"): E,
    ("POST", "/incidents/{incident_id}/close"): E,
    ("GET", "/pias"): R,
    ("POST", "/pias"): E,
    ("GET", "/pias/{pia_id}"): R,
    ("POST", "/pias/{pia_id}/edit"): E,
    ("POST", "/pias/{pia_id}/judgements"): E,
    ("POST", "/pias/{pia_id}/review"): REV,
    ("POST", "/pias/{pia_id}/approve"): APP,
    ("GET", "/pias/{pia_id}/report.{fmt}"): R,
    ("GET", "/filings"): R,
    ("POST", "/filings"): E,
    ("GET", "/calendar"): R,
    ("GET", "/calendar.ics"): R,
    ("GET", "/packs"): R,
    ("POST", "/packs"): E,
    ("GET", "/law"): R,
    ("GET", "/law/diff"): R,
    ("GET", "/law/{instrument_id}"): R,
    ("GET", "/uploads"): R,
    ("POST", "/uploads/scan"): E,
    ("POST", "/uploads/app"): E,
    ("GET", "/admin/audit"): A,
    ("GET", "/admin/users"): A,
    ("POST", "/admin/users"): A,
    ("GET", "/api/openapi.json"): R,
    ("POST", "/api/assess"): R,
    ("POST", "/api/crossborder"): R,
    ("GET", "/api/obligations"): R,
    ("GET", "/api/law"): R,
    ("GET", "/api/register"): R,
    ("GET", "/api/ledger"): R,
    ("GET", "/api/audit"): A,
    ("GET", "/api/me"): R,
}

PATH_VALUES = {"{key}": "pipl.pi_protection_officer", "{fmt}": "json", "{record_id}": "none",
               "{instrument_id}": "pipl", "{token_id}": "1",
               "{incident_id}": "none", "{pia_id}": "none"}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from cnprivacy.web.security import hash_password

    return make_site(Path(tmp_path_factory.mktemp("authz")), hash_password("x" * 12))


def _declared(route: APIRoute) -> Permission | None:
    found = [getattr(d.call, "permission", None) for d in route.dependant.dependencies]
    perms = [p for p in found if p is not None]
    assert len(perms) <= 1, route.path
    return perms[0] if perms else None


def _routes() -> dict[tuple[str, str], Permission | None]:
    # the app is exactly these routers (FastAPI keeps included routers as routes of their own)
    return {(method, r.path): _declared(r) for router in ROUTERS for r in router.routes
            if isinstance(r, APIRoute) for method in r.methods}


# Separation of duties: who may press which button of the impact-assessment workflow. legal
# reviews, the PI protection officer (dpo) approves, and no role does both; the admin administers
# users and reads everything but takes no step of the workflow.
DUTIES: dict[str, set[Permission]] = {
    "viewer": {R}, "editor": {R, E}, "legal": {R, E, REV}, "dpo": {R, E, APP},
    "admin": {R, E, A},
}


def test_roles_keep_review_and_approval_apart() -> None:
    for role in ROLES:
        assert {p for p in Permission if allowed(role, p)} == DUTIES[role], role
        assert not (allowed(role, REV) and allowed(role, APP)), role
    assert not allowed("admin", REV) and not allowed("admin", APP)


@pytest.mark.anyio
async def test_an_admin_is_told_why_the_workflow_buttons_are_absent(shared: Site) -> None:
    from cnprivacy.records.pia.book import Assessments

    async with shared.client("editor") as editor:
        await editor.post("/register/import-profile")
        activity = sorted(shared.ws.register.versions())[0]
        where = (await editor.post("/pias", data={"activity": activity,
                                                  "as_of": "2026-06-01"})).headers["location"]
    for role, review, approve, note in (("admin", False, False, True), ("legal", True, False, False),
                                        ("dpo", False, False, False)):
        async with shared.client(role) as client:
            page = (await client.get(f"{where}?lang=en")).text
        assert ('id="review-pia"' in page, 'id="approve-pia"' in page) == (review, approve), role
        assert ('id="duties-note"' in page) is note, role
    async with shared.client("admin") as admin:
        zh = (await admin.get(f"{where}?lang=zh")).text
        assert "不进行审核或批准" in zh.split('id="duties-note"')[1]
        assert (await admin.post(f"{where}/review")).status_code == 403
    assert Assessments(shared.ws.register.store).get(where.rsplit("/", 1)[1]).data.status.value \
        == "draft"


def test_the_table_covers_every_route(shared: Site) -> None:
    assert _routes() == ROUTES
    assert len(shared.app.router.routes) == len(ROUTERS)  # no docs pages of FastAPI's own


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace(name, value)
    return path


@pytest.mark.anyio
@pytest.mark.parametrize(("method", "path"), sorted(ROUTES))
async def test_each_role_gets_exactly_its_permission(shared: Site, method: str,
                                                     path: str) -> None:
    permission = ROUTES[(method, path)]
    url = _url(path)
    async with shared.client() as anonymous:
        got = await anonymous.request(method, url)
        if permission is OPEN:
            assert got.status_code in (200, 401, 403, 422), (method, url, got.status_code)
            return
        if path.startswith("/api/"):
            assert got.status_code == 401, (method, url)
        else:
            assert (got.status_code, got.headers.get("location")) == (303, "/login"), (method, url)
    for role in ROLES:
        async with shared.client(role) as client:
            got = await client.request(method, url)
        if allowed(role, permission):
            assert got.status_code not in (401, 403), (role, method, url, got.status_code)
        else:
            assert got.status_code == 403, (role, method, url, got.status_code)


@pytest.mark.anyio
async def test_a_viewer_changes_nothing(shared: Site) -> None:
    from cnprivacy.records.kinds import KIND_INCIDENT, KIND_PIA

    def held() -> tuple[int, ...]:
        store = shared.ws.register.store
        return (len(shared.ws.store.profile_versions()), len(shared.ws.ledger_rows()),
                len(shared.ws.register.versions()), len(shared.ws.store.results()),
                len(store.latest(KIND_INCIDENT)), len(store.latest(KIND_PIA)))

    before = held()
    async with shared.client("viewer") as viewer:
        for method, path in ROUTES:
            if ROUTES[(method, path)] in (E, REV, APP):
                got = await viewer.request(method, _url(path), data={"transfer": "t1",
                                                                    "org.name": "x"})
                assert got.status_code == 403
    assert before == held()
