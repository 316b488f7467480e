"""The C accelerators, all behind this one module and one switch.

Built when a compiler is present (``setup.py``, ``optional=True``); without them every rule
runs as its pure-Python reference, with identical results. Callers ask :func:`native` for an
accelerator each time they use one, so the switch reaches every one of them: set the
environment variable ``CNPRIVACY_NO_ACCEL=1`` (read at import) to run pure Python, or wrap code
in :func:`pure_python` (tests use its fixture ``pure_python`` in ``tests/discovery``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Final

__all__ = ["CONFIG_VERSIONS", "INTERFACES", "SWITCH", "enabled", "load", "native", "pure_python"]

#: The environment variable that turns every accelerator off.
SWITCH: Final = "CNPRIVACY_NO_ACCEL"
#: Each accelerator and the ``INTERFACE`` number (argument and result shapes) its callers use.
INTERFACES: Final[dict[str, int]] = {"_digitruns": 10, "_layout": 4, "_cjk": 7, "_crf": 1}
#: The version of the configuration tuple each accelerator that takes one is passed (built
#: once in Python; the C refuses a tuple of another version or length before reading it).
CONFIG_VERSIONS: Final[dict[str, int]] = {"_digitruns": 1, "_cjk": 6, "_layout": 2}

_off = [os.environ.get(SWITCH, "") not in ("", "0")]
_loaded: dict[str, ModuleType | None] = {}


def load(name: str, interface: int) -> ModuleType | None:
    """The built accelerator ``name`` when its ``INTERFACE`` number is ``interface``; None
    when it was not built (no compiler) or is a stale build of another shape (an editable
    install leaves old builds in place): the caller then runs its pure-Python reference."""
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ImportError:
        return None
    if getattr(module, "INTERFACE", None) != interface:
        return None
    return module


def native(name: str) -> ModuleType | None:
    """The accelerator ``name`` (see :data:`INTERFACES`), or None when it is not built or the
    switch is off."""
    if _off[0]:
        return None
    if name not in _loaded:
        _loaded[name] = load(name, INTERFACES[name])
    return _loaded[name]


def enabled() -> bool:
    """Whether accelerators may run (the switch is not off)."""
    return not _off[0]


@contextmanager
def pure_python() -> Iterator[None]:
    """Every accelerator off inside the block (restored on the way out)."""
    was = _off[0]
    _off[0] = True
    try:
        yield
    finally:
        _off[0] = was
