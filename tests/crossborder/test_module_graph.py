"""Import structure: no cycle anywhere in the package, and cross-border modules in layers.

The graph is read from the source with ``ast`` (imports inside functions included: a lazy import
that closes a loop is still a loop), so the test needs nothing but the package itself.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import cnprivacy

PACKAGE = Path(cnprivacy.__file__).parent
XB = "cnprivacy.rules.crossborder"
# Each cross-border module may import only the ones listed before it.
XB_LAYERS = ("instruments", "places", "deadlines", "model", "work", "original", "exemptions",
             "routes", "dues", "changes", "decision", "obligations")
# Modules that must not construct a rule context or call the pure decision themselves: they go
# through ``cnprivacy.engine.crossborder_decision``.
ADAPTERS = ("cnprivacy.cli", "cnprivacy.store", "cnprivacy.report")


def _modules(root: Path) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules ``name`` imports (``from pkg import sub`` names the submodule)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[:len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:
                    found.add(sub)
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = _modules(root)
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 50 and f"{XB}.decision" in graph
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


def test_crossborder_modules_import_only_lower_layers() -> None:
    graph = import_graph(PACKAGE)
    inside = {m for m in graph if m.startswith(f"{XB}.")}
    assert inside == {f"{XB}.{m}" for m in XB_LAYERS}, "a new module needs its place in XB_LAYERS"
    for i, module in enumerate(XB_LAYERS):
        allowed = {f"{XB}.{m}" for m in XB_LAYERS[:i]}
        wrong = {m for m in graph[f"{XB}.{module}"] if m.startswith(XB)} - allowed
        assert not wrong, f"{module} imports {sorted(wrong)}, not below it"


def test_adapters_ask_the_engine_for_the_decision() -> None:
    for name, path in _modules(PACKAGE).items():
        if not name.startswith(ADAPTERS):
            continue
        calls = {node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call)}
        assert not calls & {"RuleContext", "decide_crossborder"}, name


def test_a_lazy_import_that_closes_a_loop_is_seen(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import thing\n")
    (pkg / "b.py").write_text("def thing():\n    from pkg import a\n    return a\n")
    (pkg / "c.py").write_text("from . import a\nfrom .b import thing\n")
    graph = import_graph(pkg)
    assert graph == {"pkg": set(), "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"},
                     "pkg.c": {"pkg.a", "pkg.b"}}
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter(graph).prepare()
