"""One router per area of the workspace. A new record kind (impact assessments, filings,
incidents, filing packs) adds its module here and a line to ``ROUTERS``."""

from __future__ import annotations

from fastapi import APIRouter

from cnprivacy.web.routers import (
    account,
    admin,
    api,
    crossborder,
    dashboard,
    filings,
    incidents,
    law,
    packs,
    pias,
    profile,
    register,
    uploads,
)

ROUTERS: tuple[APIRouter, ...] = (account.router, dashboard.router, profile.router,
                                  crossborder.router, register.router, incidents.router,
                                  pias.router, filings.router, packs.router,
                                  law.router, uploads.router, admin.router,
                                  api.router)

__all__ = ["ROUTERS"]
