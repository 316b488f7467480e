"""Rendering an assessment: JSON (the spec), Markdown, a self-contained HTML page, a rich table."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from itertools import groupby

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from cnprivacy.engine import Assessment, Finding
from cnprivacy.report.labels import (
    STATUS_COLOUR,
    STATUS_LABEL,
    STATUS_STYLE,
    TEXT,
    topic_label,
)
from cnprivacy.rules.base import Status

_ORDER = {Status.APPLIES: 0, Status.NEEDS_INFO: 1, Status.UPCOMING: 2, Status.PROPOSED: 3,
          Status.NOT_APPLICABLE: 4}


def to_json(assessment: Assessment) -> str:
    return json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2)


def _title(f: Finding, lang: str) -> str:
    return (f.title_zh or f.title) if lang == "zh" else f.title


def _grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    ordered = sorted(findings, key=lambda f: (f.topic, _ORDER[f.status], f.obligation))
    return [(topic, list(items)) for topic, items in groupby(ordered, key=lambda f: f.topic)]


def _with_deadlines(assessment: Assessment) -> list[Finding]:
    """Findings that set a deadline, soonest first (what a DPO acts on next)."""
    return sorted((f for f in assessment.findings if f.deadline is not None),
                  key=lambda f: (f.deadline, f.obligation))


def _overdue(f: Finding, assessment: Assessment, lang: str) -> str:
    if f.deadline is None or f.deadline >= assessment.as_of:
        return ""
    return " （已逾期）" if lang == "zh" else " (overdue)"


def _deadline_text(f: Finding) -> str:
    if f.deadline is None:
        return ""
    return f.deadline.isoformat() + (" (est.)" if f.deadline_estimated else "")


def to_markdown(assessment: Assessment, lang: str = "en") -> str:
    t = TEXT[lang]
    labels = STATUS_LABEL[lang]
    out = [f"# {t['title']}: {assessment.organization}", "",
           f"{t['as_of']}: **{assessment.as_of.isoformat()}**", "", f"## {t['summary']}", ""]
    out += [f"- {labels[Status(k)]}: {v}" for k, v in assessment.counts.items()]
    out += ["", f"_{t['draft_note']}_", ""]
    dated = _with_deadlines(assessment)
    if dated:
        out += [f"## {t['deadlines']}", ""]
        out += [f"- **{_deadline_text(f)}**{_overdue(f, assessment, lang)} — "
                f"{_md_escape(_title(f, lang))} (`{f.obligation}`)"
                for f in dated]
        out.append("")
    for topic, items in _grouped(assessment.findings):
        out += [f"## {topic_label(topic, lang)}", "",
                f"| {t['obligation']} | {t['status']} | {t['basis']} | {t['deadline']} | {t['why']} |",
                "|---|---|---|---|---|"]
        for f in items:
            status = labels[f.status]
            if f.needs_review:
                status += f" ⚠ {t['review']}"
            why = "<br>".join(_md_escape(b) for b in f.because)
            out.append(f"| {_md_escape(_title(f, lang))}<br>`{f.obligation}` | {status} | "
                       f"{_md_escape(f.citation)} | {_deadline_text(f)} | {why} |")
        out.append("")
    out += [f"## {t['receipt']}", "", "```json",
            json.dumps(assessment.receipt.to_dict(), ensure_ascii=False, indent=2), "```", ""]
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;
margin:2rem auto;max-width:1100px;color:#1d2939;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #eaecf0}
.meta{color:#475467}.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #eaecf0;border-radius:8px;padding:.6rem 1rem;min-width:8rem}
.card b{font-size:1.5rem;display:block}
table{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:fixed}
col.c1{width:34%}col.c2{width:16%}col.c3{width:10%}col.c4{width:40%}
td{overflow-wrap:anywhere}
th,td{border-bottom:1px solid #eaecf0;padding:.45rem;vertical-align:top;text-align:left}
.badge{display:inline-block;border-radius:999px;padding:.1rem .55rem;color:#fff;
font-size:.8rem;white-space:nowrap}.key{color:#667085;font-family:monospace;font-size:.8rem}
.draft{background:repeating-linear-gradient(45deg,#f9f5ff,#f9f5ff 8px,#fff 8px,#fff 16px)}
.review{color:#b54708;font-size:.75rem;margin-top:.3rem}ul.why{margin:0;padding-left:1rem}
.cite{color:#475467;font-size:.8rem}footer{margin-top:2rem;color:#667085;font-size:.8rem}
@media print{.card{break-inside:avoid}tr{break-inside:avoid}}
"""


def to_html(assessment: Assessment, lang: str = "en") -> str:
    """One self-contained page (inline CSS, no scripts, no external assets)."""
    t = TEXT[lang]
    labels = STATUS_LABEL[lang]
    e = html.escape
    parts = [
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>',
        '<meta charset="utf-8">',
        f"<title>{e(t['title'])}: {e(assessment.organization)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(t['title'])}</h1>",
        f'<p class="meta">{e(assessment.organization)} · {e(t["as_of"])} '
        f"<b>{assessment.as_of.isoformat()}</b></p>",
        '<div class="cards">',
    ]
    for key, count in assessment.counts.items():
        status = Status(key)
        parts.append(f'<div class="card" style="border-top:4px solid {STATUS_COLOUR[status]}">'
                     f"<b>{count}</b>{e(labels[status])}</div>")
    parts.append(f"</div><p class=\"meta\"><i>{e(t['draft_note'])}</i></p>")
    dated = _with_deadlines(assessment)
    if dated:
        parts.append(f"<h2>{e(t['deadlines'])}</h2><ul>")
        parts += [f"<li><b>{e(_deadline_text(f))}</b>{e(_overdue(f, assessment, lang))} — "
                  f"{e(_title(f, lang))} "
                  f'<span class="key">{e(f.obligation)}</span></li>' for f in dated]
        parts.append("</ul>")
    for topic, items in _grouped(assessment.findings):
        parts.append(f"<h2>{e(topic_label(topic, lang))}</h2><table>"
                     '<colgroup><col class="c1"><col class="c2"><col class="c3"><col class="c4">'
                     "</colgroup><thead><tr>"
                     f"<th>{e(t['obligation'])}</th><th>{e(t['status'])}</th>"
                     f"<th>{e(t['deadline'])}</th><th>{e(t['why'])}</th></tr></thead><tbody>")
        for f in items:
            row_class = ' class="draft"' if f.status is Status.PROPOSED else ""
            review = (f'<div class="review">⚠ {e(t["review"])}: {e("; ".join(f.needs_review))}</div>'
                      if f.needs_review else "")
            why = "".join(f"<li>{e(b)}</li>" for b in f.because)
            parts.append(
                f"<tr{row_class}><td>{e(_title(f, lang))}<div class=\"key\">{e(f.obligation)}</div>"
                f'<div class="cite">{e(f.citation)}</div></td>'
                f'<td><span class="badge" style="background:{STATUS_COLOUR[f.status]}">'
                f"{e(labels[f.status])}</span>{review}</td>"
                f"<td>{e(_deadline_text(f))}</td><td><ul class=\"why\">{why}</ul></td></tr>")
        parts.append("</tbody></table>")
    r = assessment.receipt
    parts.append(f"<footer>{e(t['receipt'])}: cnprivacy {e(r.engine_version)} · law data "
                 f"{e(r.law_data_hash[:16])} · profile {e(r.profile_hash[:16])} · "
                 f"{e(t['as_of'])} {r.as_of.isoformat()}"
                 + (f" · what-if: {e(', '.join(r.what_if))}" if r.what_if else "")
                 + "</footer></body></html>")
    return "\n".join(parts)


def to_rich(assessment: Assessment, lang: str = "en", verbose: bool = False) -> Group:
    """Tables grouped by topic, status coloured, drafts visibly marked.

    The first ``because`` line is shown by default (the deciding fact); ``verbose`` shows all.
    """
    t = TEXT[lang]
    labels = STATUS_LABEL[lang]
    blocks: list[Table | Text] = [
        Text(f"{t['title']}: {assessment.organization} — {t['as_of']} "
             f"{assessment.as_of.isoformat()}", style="bold")]
    for topic, items in _grouped(assessment.findings):
        table = Table(title=topic_label(topic, lang), title_justify="left", title_style="bold",
                      expand=True, show_lines=verbose)
        table.add_column(t["status"], no_wrap=True, min_width=10)
        table.add_column(t["obligation"], ratio=3, min_width=24)
        table.add_column(t["basis"], ratio=1, min_width=12)
        table.add_column(t["deadline"], no_wrap=True)
        table.add_column(t["why"], ratio=3, min_width=20)
        for f in items:
            status = Text(labels[f.status], style=STATUS_STYLE[f.status])
            if f.status is Status.PROPOSED:
                status.append("\nDRAFT", style="bold magenta")
            if f.needs_review:
                status.append(f"\n⚠ {t['review']}", style="yellow")
            why_lines = f.because if verbose else _deciding(f)
            basis = f"{f.instrument_short} art. {f.article}" if f.article else f.instrument_short
            # Text(), not str: profile ids like ``ai_services[trip-writer]`` are not rich markup.
            table.add_row(status, Text(_title(f, lang)).append(f"\n{f.obligation}", style="dim"),
                          Text(basis), Text(_deadline_text(f)), Text("\n".join(why_lines)))
        blocks.append(table)
    summary = Text(" · ".join(f"{labels[Status(k)]}: {v}" for k, v in assessment.counts.items()),
                   style="bold")
    blocks.append(summary)
    r = assessment.receipt
    blocks.append(Text(f"{t['receipt']}: engine {r.engine_version}, law {r.law_data_hash[:12]}, "
                       f"profile {r.profile_hash[:12]}, as of {r.as_of}"
                       + (f", what-if {', '.join(r.what_if)}" if r.what_if else "")
                       + " (-v for the full trace; --format json|markdown|html for reports)",
                       style="dim"))
    return Group(*blocks)


def _deciding(f: Finding) -> list[str]:
    """The lines that decide the status: missing facts first, else the first line or two."""
    if f.missing:
        return [f"missing: {', '.join(f.missing)}"]
    return list(f.because[:2]) + (["…"] if len(f.because) > 2 else [])


def print_table(assessment: Assessment, console: Console, lang: str = "en",
                verbose: bool = False) -> None:
    console.print(to_rich(assessment, lang, verbose))
