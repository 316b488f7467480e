"""Optional C accelerators (built when a compiler is present; pure Python otherwise)."""

from __future__ import annotations

import importlib
from types import ModuleType


def load(name: str, interface: int) -> ModuleType | None:
    """The built accelerator ``name`` when its ``INTERFACE`` number is ``interface``; None
    when it was not built (no compiler) or is a stale build of another shape (an editable
    install leaves old builds in place): the caller then runs its pure-Python twin."""
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ImportError:
        return None
    if getattr(module, "INTERFACE", None) != interface:
        return None
    return module
