"""Assemble docs/benchmarks.md from the per-topic result pages in docs/bench/.

Run: .venv/bin/python bench/collect_results.py
Each page keeps its own command, machine notes and peers from one run; this file only orders them.
The pages are the source: docs/benchmarks.md is regenerated from them, never edited by hand
(tests/docs/test_benchmarks_page.py fails when the two differ).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "bench"
OUTPUT = ROOT / "docs" / "benchmarks.md"

# Every page in docs/bench/ is listed here, so that a new page is placed on purpose rather than
# appended wherever its name sorts. Grouped by what is measured: the compliance engine and its
# register; discovery and de-identification; the app audit; the served and command-line surfaces;
# then the robustness runs (fuzzing before limits: the fuzzing page refers to a check "below").
ORDER = [
    "assess",
    "crossborder",
    "records",
    "scan",
    "names",
    "deid",
    "spark",
    "appaudit",
    "web",
    "startup",
    "fuzz",
    "limits",
]

HEADER = """# Benchmarks

Every figure below comes from a command given beside it, run on the project machine (2 cores,
24 GiB, CPython 3.11); where peers are compared, they ran in the same run on the same input.
Several sessions shared the machine while these were taken, so wall-clock figures are
pessimistic; pages say the load where it mattered. This page is generated: edit the pages in
`docs/bench/`, then regenerate it with `.venv/bin/python bench/collect_results.py`.

"""


def _demoted(text: str) -> list[str]:
    """The page's headings one level down (under this page's title); code blocks untouched."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        out.append("#" + line if line.startswith("#") and not fenced else line)
    return out


def assemble(pages_dir: Path = PAGES) -> str:
    """The text of docs/benchmarks.md built from the pages in ``pages_dir``, in ORDER.

    Raises ValueError when a page is missing from ORDER or ORDER names a page that does not exist,
    so the assembled page never silently drops or misplaces a topic.
    """
    pages = {p.stem: p for p in pages_dir.glob("*.md")}
    unlisted = sorted(set(pages) - set(ORDER))
    absent = [n for n in ORDER if n not in pages]
    if unlisted or absent:
        raise ValueError(
            f"{pages_dir}: ORDER in bench/collect_results.py does not match the pages "
            f"(not in ORDER: {unlisted or 'none'}; no such page: {absent or 'none'})")
    parts = [HEADER, "Contents: " + ", ".join(f"[{n}](#{n})" for n in ORDER), ""]
    for name in ORDER:
        text = pages[name].read_text(encoding="utf-8").strip()
        parts += [f'<a id="{name}"></a>', "", *_demoted(text), ""]
    return "\n".join(parts)


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step, so an interrupted run leaves the old page whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> int:
    try:
        text = assemble()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _write_atomically(OUTPUT, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
