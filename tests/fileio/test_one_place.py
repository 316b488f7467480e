"""Encodings are detected, and outputs written, in cnprivacy.fileio and nowhere else.

A guard over the source: a module that imports an encoding detector, sniffs byte-order marks,
defines its own detector, or writes a file without the atomic helper fails here, naming the
file and line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "cnprivacy"
HOME = SRC / "fileio"
# The deid formats write into the temporary path that the pipeline's atomic_path hands them.
WRITES_INTO_TEMPORARY = SRC / "deid" / "formats"

_DETECTORS = {"charset_normalizer", "chardet", "cchardet"}
_BOMS = {b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"}
_DETECTOR_NAME = re.compile(r"(detect|sniff|guess)\w*encoding|encoding\w*(detect|sniff|guess)"
                            r"|^_?(decode|encoding)$", re.IGNORECASE)
_RENAMES = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("shutil", "move"),
            ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile")}
_WRITE_MODES = re.compile(r"[wax+]")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if not p.is_relative_to(HOME))


def _dotted(node: ast.AST) -> tuple[str, str] | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    return None


def _open_mode(call: ast.Call) -> str | None:
    """The mode of ``open(path, mode)`` or ``path.open(mode)`` when it is a literal."""
    func = call.func
    if isinstance(func, ast.Name) and func.id == "open":
        args = call.args[1:2]
    elif isinstance(func, ast.Attribute) and func.attr == "open":
        args = call.args[:1]
    else:
        return None
    mode = next((k.value for k in call.keywords if k.arg == "mode"), args[0] if args else None)
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else None


def _problems(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    writes_allowed = path.is_relative_to(WRITES_INTO_TEMPORARY)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            names = {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        else:
            names = set()
        if names & _DETECTORS:
            yield f"{line}: imports an encoding detector"
        if isinstance(node, ast.Attribute) and node.attr.startswith("BOM"):
            yield f"{line}: sniffs a byte-order mark ({node.attr})"
        if isinstance(node, ast.Constant) and isinstance(node.value, bytes) \
                and any(node.value.startswith(bom) for bom in _BOMS):
            yield f"{line}: sniffs a byte-order mark (bytes literal)"
        if isinstance(node, ast.FunctionDef) and _DETECTOR_NAME.search(node.name):
            yield f"{line}: defines {node.name}, an encoding detector of its own"
        if isinstance(node, ast.Attribute) and _dotted(node) in _RENAMES:
            yield f"{line}: {'.'.join(_dotted(node) or ())} (outputs go through fileio.atomic)"
        if isinstance(node, ast.Call) and not writes_allowed:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("write_text", "write_bytes"):
                yield f"{line}: {func.attr} (outputs go through fileio.atomic)"
            mode = _open_mode(node)
            devnull = bool(node.args) and _dotted(node.args[0]) == ("os", "devnull")
            if mode is not None and _WRITE_MODES.search(mode) and not devnull:
                yield f"{line}: opens a file for writing (outputs go through fileio.atomic)"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_files_are_sniffed_and_written_only_in_fileio(path: Path) -> None:
    assert list(_problems(path)) == []


def test_the_guard_catches_what_it_looks_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import codecs, os, tempfile\n"
        "from charset_normalizer import from_bytes\n"
        "def sniff_encoding(raw):\n"
        "    return raw.startswith(codecs.BOM_UTF8) or raw.startswith(b'\\xff\\xfe')\n"
        "def save(path, text):\n"
        "    fd, tmp = tempfile.mkstemp()\n"
        "    os.replace(tmp, path)\n"
        "    path.write_text(text)\n"
        "    with open(path, 'w') as fh: fh.write(text)\n"
        "    with path.open(mode='ab') as fh: fh.write(text)\n"
        "    with open(os.devnull, 'w') as fh: fh.write(text)\n"
        "    with open(path, 'rb') as fh: return fh.read()\n", encoding="utf-8")
    found = [p.split(": ", 1)[1].split(" (")[0] for p in _problems(bad)]
    assert sorted(found) == sorted([
        "imports an encoding detector", "defines sniff_encoding, an encoding detector of its own",
        "sniffs a byte-order mark", "sniffs a byte-order mark",
        "tempfile.mkstemp", "os.replace", "write_text",
        "opens a file for writing", "opens a file for writing"])
