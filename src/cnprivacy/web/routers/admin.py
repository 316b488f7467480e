"""Admins only: the audit log (read, never edited) and the accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from cnprivacy.store.web_store import ROLES
from cnprivacy.web.deps import BadRequest, Principal, need, render, workspace
from cnprivacy.web.security import Permission, hash_password, one_time_password

router = APIRouter()
Admin = Annotated[Principal, Depends(need(Permission.ADMIN))]


@router.get("/admin/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(request: Request, who: Admin) -> HTMLResponse:
    return render(request, "audit.html", entries=workspace(request).store.audit_log())


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, who: Admin) -> HTMLResponse:
    return render(request, "users.html", users=workspace(request).store.users(), roles=ROLES)


@router.post("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def add_user(request: Request, who: Admin,
             name: Annotated[str, Form(min_length=1, max_length=100, pattern=r"^[\w.@-]+$")],
             role: Annotated[str, Form()]) -> HTMLResponse:
    if role not in ROLES:
        raise BadRequest(f"unknown role {role!r} ({', '.join(ROLES)})")
    ws = workspace(request)
    password = one_time_password()
    ws.store.add_user(name, role, hash_password(password), must_change_password=True)
    ws.store.log(who.user.name, "add user", f"user {name}", after={"role": role})
    return render(request, "users.html", users=ws.store.users(), roles=ROLES,
                  created=(name, password))
