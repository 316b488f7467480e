"""Every package says exactly what it offers: ``__all__`` lists its public names, no more, no less.

A package's public names are read from its ``__init__``: what it defines (functions, classes,
constants not starting with an underscore) and what it re-exports from its own modules. Names it
imports from elsewhere (``InputError``, ``Path``) are its tools, not its offer. A package may
also list its own submodules (the PI-type registry does); each must then be one.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import cnprivacy

_SKIP = {"cnprivacy.store.migrations", "cnprivacy.store.migrations.versions"}  # Alembic's scripts


def _packages() -> list[str]:
    found = ["cnprivacy"]
    for info in pkgutil.walk_packages(cnprivacy.__path__, "cnprivacy."):
        if info.ispkg and info.name not in _SKIP:
            found.append(info.name)
    return sorted(found)


def _targets(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _declared_by_source(name: str, package: ModuleType) -> set[str]:
    """Names the ``__init__`` defines or re-exports from inside the package."""
    tree = ast.parse(Path(package.__file__ or "").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            inside = node.level > 0 or (node.module or "").startswith(name + ".") \
                or node.module == name
            if inside:
                names.update(a.asname or a.name for a in node.names)
        else:
            names.update(_targets(node))
    return {n for n in names if (not n.startswith("_") or n == "__version__")
            and not isinstance(getattr(package, n, None), ModuleType)}


@pytest.mark.parametrize("name", _packages())
def test_all_is_exact(name: str) -> None:
    package = importlib.import_module(name)
    declared = getattr(package, "__all__", None)
    assert declared is not None, f"{name} has no __all__"
    assert len(declared) == len(set(declared)), f"{name}.__all__ repeats a name"
    for entry in declared:
        assert hasattr(package, entry), f"{name}.__all__ names {entry}, which it lacks"
    modules = {n for n in declared if isinstance(getattr(package, n), ModuleType)}
    for sub in modules:
        assert getattr(package, sub).__name__ == f"{name}.{sub}", f"{name}.__all__: {sub}"
    assert set(declared) - modules == _declared_by_source(name, package), name


def test_the_walk_finds_the_packages() -> None:
    assert {"cnprivacy.law", "cnprivacy.rules.crossborder", "cnprivacy.discovery"} <= set(_packages())
