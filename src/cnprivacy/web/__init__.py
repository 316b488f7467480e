"""The web workspace: a FastAPI application over the same core and database as the CLI.

Server-rendered pages (Jinja2) for a compliance team, a JSON API under ``/api/``, users with
roles, sessions and an append-only audit log. An adapter: every rule, count and deadline comes
from the core (``engine``, ``store``, ``records``, ``law``).
"""

from cnprivacy.web.app import create_app
from cnprivacy.web.workspace import WebConfig, Workspace

__all__ = ["WebConfig", "Workspace", "create_app"]
