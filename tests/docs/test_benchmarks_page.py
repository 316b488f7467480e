"""docs/benchmarks.md is assembled from docs/bench/*.md and must not drift from them."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[2]
REGENERATE = "edit docs/bench/*.md, then run: .venv/bin/python bench/collect_results.py"


def _collect_results() -> ModuleType:
    # bench/ is a folder of scripts, not a package: load the assembler from its file.
    spec = importlib.util.spec_from_file_location("_collect_results", ROOT / "bench" / "collect_results.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmarks_page_is_assembled_from_the_pages() -> None:
    written = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert written == _collect_results().assemble(), (
        f"docs/benchmarks.md differs from docs/bench/*.md; {REGENERATE}")


def test_every_page_is_ordered() -> None:
    module = _collect_results()
    pages = sorted(p.stem for p in (ROOT / "docs" / "bench").glob("*.md"))
    assert sorted(module.ORDER) == pages
    assert len(set(module.ORDER)) == len(module.ORDER)


def test_an_unlisted_page_is_refused(tmp_path: Path) -> None:
    module = _collect_results()
    for name in module.ORDER:
        (tmp_path / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    (tmp_path / "stray.md").write_text("# stray\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stray"):
        module.assemble(tmp_path)


def test_headings_are_demoted_outside_code_fences(tmp_path: Path) -> None:
    module = _collect_results()
    for name in module.ORDER:
        body = f"# {name}\n\n## part\n\n```bash\n# a shell comment\n```\n"
        (tmp_path / f"{name}.md").write_text(body, encoding="utf-8")
    text = module.assemble(tmp_path)
    assert f'<a id="{module.ORDER[0]}"></a>\n\n## {module.ORDER[0]}\n\n### part\n' in text
    assert "\n# a shell comment\n" in text


def test_links_to_page_anchors_resolve() -> None:
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', (ROOT / "docs" / "benchmarks.md").read_text("utf-8")))
    sources = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    broken = []
    for path in sources:
        for anchor in re.findall(r"benchmarks\.md#([\w-]+)", path.read_text(encoding="utf-8")):
            if anchor not in anchors:
                broken.append(f"{path.relative_to(ROOT)}: #{anchor}")
    assert not broken, f"links to missing anchors of docs/benchmarks.md: {broken}"
