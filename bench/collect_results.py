"""Assemble docs/benchmarks.md from the per-topic result pages in docs/bench/.

Run: .venv/bin/python bench/collect_results.py
Each page keeps its own command, machine notes and peers from one run; this file only orders them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["assess", "crossborder", "scan", "deid", "appaudit"]
HEADER = """# Benchmarks

Every figure below comes from a command given beside it, run on the project machine (2 cores,
24 GiB, CPython 3.11); where peers are compared, they ran in the same run on the same input.
Several sessions shared the machine while these were taken, so wall-clock figures are
pessimistic; pages say the load where it mattered. Regenerate this page with
`.venv/bin/python bench/collect_results.py` after updating a page in `docs/bench/`.

"""


def _demoted(text: str) -> list[str]:
    """The page's headings one level down (under this page's title); code blocks untouched."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        out.append("#" + line if line.startswith("#") and not fenced else line)
    return out


def main() -> None:
    pages = {p.stem: p for p in (ROOT / "docs" / "bench").glob("*.md")}
    names = [n for n in ORDER if n in pages] + sorted(set(pages) - set(ORDER))
    parts = [HEADER, "Contents: " + ", ".join(f"[{n}](#{n})" for n in names), ""]
    for name in names:
        text = pages[name].read_text(encoding="utf-8").strip()
        parts += [f'<a id="{name}"></a>', "", *_demoted(text), ""]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
