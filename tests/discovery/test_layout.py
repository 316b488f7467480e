"""The discovery package's layout: one module per PI type in a registry, no law inside."""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

import cnprivacy.discovery
from cnprivacy.cli import app
from cnprivacy.discovery import detect
from cnprivacy.discovery import types as T
from cnprivacy.discovery.pitypes import REGISTRY, mask, same_person_key

_PACKAGE = Path(cnprivacy.discovery.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_discovery_module_imports_the_law() -> None:
    # Discovery is handed the law parameters it needs (ScanOptions.minor_age) by its caller.
    modules = sorted(_PACKAGE.rglob("*.py"))
    assert len(modules) > 20
    for path in modules:
        bad = {n for n in _imports(path) if n == "cnprivacy.law" or n.startswith("cnprivacy.law.")}
        assert not bad, f"{path.relative_to(_PACKAGE)} imports {sorted(bad)}"


def test_the_registry_lists_every_type_with_its_module() -> None:
    assert tuple(REGISTRY) == T.ALL_TYPES
    for name, pitype in REGISTRY.items():
        module = pitype.module
        assert name == module.NAME
        assert module.__name__.startswith("cnprivacy.discovery.pitypes.")
        for attr in ("VALIDATOR", "HINTS", "SENSITIVITY", "DATA_CATEGORY", "key", "mask"):
            assert hasattr(module, attr), (name, attr)
        assert pitype.validator
        assert isinstance(same_person_key(name, "x"), str)
        assert isinstance(mask(name, "x"), str)


def test_list_types_prints_sensitivity_and_validator() -> None:
    result = CliRunner().invoke(app, ["scan", "--list-types"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(T.ALL_TYPES)
    by_type = {line.split("\t")[0]: line for line in lines}
    assert "sensitive: financial_account" in by_type[T.BANK_CARD]
    assert "sensitive: medical_health" in by_type[T.HEALTH_INFO]
    assert "sensitive: -" in by_type[T.CN_MOBILE]
    assert "MOD 11-2" in by_type[T.CN_RESIDENT_ID]
    assert all("\tvalidator: " in line for line in lines)


def test_a_bare_unspecified_ipv6_is_not_an_ip_on_either_path(pure_python: None) -> None:
    # Regression: the pure-Python path reported 'x,::' as an IP address, the C path nothing.
    # '::' (the unspecified address) is nobody's address: neither path reports it.
    for text in ("x,::", "::", "a ::", "值为 :: 或 ::", "x,::,y"):
        assert detect._structured_python(text) == [], text
        assert detect.find_tuples(text) == [], text
    assert detect._structured_python("x,::1") == [(2, 5, T.IP_ADDRESS)]
    assert not detect.validate(T.IP_ADDRESS, "::")
    assert detect.validate(T.IP_ADDRESS, "::1")


def test_the_switch_turns_every_accelerator_off(pure_python: None) -> None:
    from cnprivacy.discovery._native import INTERFACES, native

    assert all(native(name) is None for name in INTERFACES)
