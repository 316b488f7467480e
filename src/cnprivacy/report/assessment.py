"""Rendering an assessment: JSON (the spec), Markdown, a self-contained HTML page, a rich table.

The report formats lay out :func:`cnprivacy.engine.summary.report_model`; nothing here decides
a status, a count or a date."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from itertools import groupby

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from cnprivacy.engine import Assessment, Finding
from cnprivacy.engine.summary import (
    ACTION_STATE,
    DUE_NEXT_DAYS,
    Citation,
    ReportItem,
    ReportModel,
    citations,
    plain_reason,
    report_model,
    trace,
)
from cnprivacy.law import LawBook, load_lawbook
from cnprivacy.report.jsontext import indented
from cnprivacy.report.labels import (
    STATUS_LABEL,
    STATUS_STYLE,
    TEXT,
    topic_label,
)
from cnprivacy.rules.base import Status

_ORDER = {Status.APPLIES: 0, Status.NEEDS_INFO: 1, Status.UPCOMING: 2, Status.PROPOSED: 3,
          Status.NOT_APPLICABLE: 4}


def to_json(assessment: Assessment) -> str:
    """The JSON ``assess`` prints and ``POST /api/assess`` returns (one writer for both)."""
    return indented(assessment.to_dict())


def _title(f: Finding, lang: str) -> str:
    return (f.title_zh or f.title) if lang == "zh" else f.title


def _grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    ordered = sorted(findings, key=lambda f: (f.topic, _ORDER[f.status], f.obligation))
    return [(topic, list(items)) for topic, items in groupby(ordered, key=lambda f: f.topic)]


def _deadline_text(f: Finding) -> str:
    if f.deadline is None:
        return ""
    return f.deadline.isoformat() + (" (est.)" if f.deadline_estimated else "")


def _model(assessment: Assessment | ReportModel, law: LawBook | None) -> ReportModel:
    if isinstance(assessment, ReportModel):
        return assessment
    return report_model(assessment, law if law is not None else load_lawbook())



def _label(c: Citation, lang: str) -> str:
    return c.label(lang)


def sources(model: ReportModel) -> list[Citation]:
    """Each instrument cited anywhere in the report once, in order of first citation."""
    seen: dict[str, Citation] = {}
    for item in model.items:
        for c in item.citations:
            seen.setdefault(c.instrument_id, c)
    return list(seen.values())


def to_markdown(assessment: Assessment | ReportModel, lang: str = "en",
                law: LawBook | None = None) -> str:
    """The report as Markdown: summary, actions, detail; traces in collapsed ``<details>``."""
    m = _model(assessment, law)
    t = TEXT[lang]
    labels = STATUS_LABEL[lang]
    days = DUE_NEXT_DAYS
    out = [f"# {t['report_title']}: {_md(m.organization)}", "",
           f"{t['as_of']}: **{m.as_of.isoformat()}**", "", f"## {t['exec_summary']}", "",
           t["counts_line"].format(applies=m.counts[Status.APPLIES], overdue=len(m.overdue),
                                   due_next=len(m.due_next), days=days,
                                   needs_info=m.counts[Status.NEEDS_INFO],
                                   upcoming=m.counts[Status.UPCOMING],
                                   drafts=m.counts[Status.PROPOSED]), ""]

    def listing(title: str, items: tuple[ReportItem, ...], day: str) -> None:
        out.extend([f"### {title}", ""])
        if not items:
            out.extend([t["none"], ""])
            return
        for i in items:
            when = getattr(i.finding, day) if day else None
            out.append(f"- {'**' + when.isoformat() + '** ' if when else ''}{_md(i.title(lang))}")
        out.append("")

    listing(t["overdue"], m.overdue, "deadline")
    listing(t["due_next"].format(days=days), m.due_next, "deadline")
    listing(t["upcoming_h"], m.upcoming, "effective")
    listing(t["drafts_h"], m.drafts, "")
    if m.needs_info:
        out += [f"### {t['needs_info_h']}", ""]
        out += [f"- {_md(i.title(lang))}: " + ", ".join(f"`{f}`" for f in i.missing)
                for i in m.needs_info]
        out.append("")
    out += [f"_{t['disclaimer']}_", "", f"## {t['actions']} ({len(m.actions)})", "",
            f"| {t['action']} | {t['owner']} | {t['state']} | {t['due']} | {t['basis']} |",
            "|---|---|---|---|---|"]
    for a in m.actions:
        c = a.item.citations[0]
        basis = f"[{_md(_label(c, lang))}]({c.url})" if c.url else _md(_label(c, lang))
        due = (a.due.isoformat() + (f" ({t['estimated']})" if a.estimated else "")) if a.due else ""
        out.append(f"| {_md(a.item.title(lang))} | {_md(a.owner(lang))} | "
                   f"{_md(ACTION_STATE[a.state](lang))} | {due} | {basis} |")
    out += ["", f"## {t['detail']}", ""]
    for g in m.topics:
        out += [f"### {topic_label(g.topic, lang)}", ""]
        skipped = [i for i in g.items if i.finding.status is Status.NOT_APPLICABLE]
        for i in g.items:
            if i.finding.status is Status.NOT_APPLICABLE:
                continue
            f = i.finding
            head = f"**{_md(i.title(lang))}** — {labels[f.status]}"
            if f.deadline:
                head += f" · {t['deadline']} {f.deadline.isoformat()}"
                if i.overdue:
                    head += f" · **{t['overdue']}**"
            out += [f"#### {head}", "", _md(i.reason(lang)), ""]
            if i.missing:
                out += [f"{t['missing_fields']}: " + ", ".join(f"`{x}`" for x in i.missing), ""]
            out += [f"> ⚠ {t['review']}: {_md(r(lang))}" for r in i.review]
            if i.review:
                out.append("")
            cites = "; ".join(f"[{_md(_label(c, lang))}]({c.url})" if c.url else _md(_label(c, lang))
                              for c in i.citations)
            out += [f"{t['basis']}: {cites}", "",
                    f"<details><summary>{t['trace']}</summary>", "", "```text",
                    *(line for line, _ in trace(m.law, i.finding, lang)), "```", "",
                    "</details>", ""]
        if skipped:
            out += [f"<details><summary>{t['not_applicable_h'].format(n=len(skipped))}</summary>", ""]
            out += [f"- {_md(i.title(lang))} — {_md(i.reason(lang))}" for i in skipped]
            out += ["", "</details>", ""]
    out += [f"## {t['sources']}", ""]
    for c in sources(m):
        name = f"《{c.name_zh}》" if lang == "zh" else f"{c.name_en} ({c.short})"
        out.append(f"- {_md(name)}: " + (f"<{c.url}>" if c.url else t["source_unlinked"]))
    r = m.assessment.receipt
    out += ["", "_" + t["generated"].format(version=r.engine_version, law=r.law_data_hash[:16],
                                             profile=r.profile_hash[:16]) + "_", ""]
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_ENV = Environment(loader=PackageLoader("cnprivacy.report", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def _trace_html(law: LawBook, item: ReportItem, lang: str) -> Markup:
    # A rule's own trace lines keep the rule's English: each line says its language, so a
    # Chinese page marks what is an untranslated technical record.
    lines = "".join(f'<li lang="{"zh-CN" if line_lang == "zh" else "en"}">{escape(line)}</li>'
                    for line, line_lang in trace(law, item.finding, lang))
    return Markup(f'<ul class="tracelines">{lines}</ul>')


def to_html(assessment: Assessment | ReportModel, lang: str = "en", law: LawBook | None = None,
            *, print_mode: bool = False) -> str:
    """One self-contained page (inline CSS, no scripts, no external assets).

    ``print_mode`` is the PDF's layout: traces go to an appendix instead of ``<details>``.
    """
    m = _model(assessment, law)
    css = (files("cnprivacy.report") / "templates" / "report.css").read_text(encoding="utf-8")
    return _ENV.get_template("assessment.html").render(
        m=m, lang=lang, t=TEXT[lang], status=STATUS_LABEL[lang], S=Status, states=ACTION_STATE,
        days=DUE_NEXT_DAYS, topic=lambda k: topic_label(k, lang),
        trace=lambda item: _trace_html(m.law, item, lang),
        sources=sources(m), print_mode=print_mode, css=Markup(css))


def to_rich(assessment: Assessment, lang: str = "en", verbose: bool = False) -> Group:
    """Tables grouped by topic, status coloured, drafts visibly marked.

    The first ``because`` line is shown by default (the deciding fact); ``verbose`` shows all.
    In Chinese the plain reason of the report model is shown instead (and the Chinese trace
    with ``verbose``), so the table too is in one language.
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
        table.add_column(t["obligation"], ratio=3, min_width=24, overflow="fold")
        table.add_column(t["basis"], ratio=1, min_width=12, overflow="fold")
        table.add_column(t["deadline"], no_wrap=True)
        table.add_column(t["why"], ratio=3, min_width=20, overflow="fold")
        for f in items:
            status = Text(labels[f.status], style=STATUS_STYLE[f.status])
            if f.status is Status.PROPOSED:
                status.append("\nDRAFT", style="bold magenta")
            if f.needs_review:
                status.append(f"\n⚠ {t['review']}", style="yellow")
            why_lines = _zh_why(f, verbose) if lang == "zh" else (
                list(f.because) if verbose else _deciding(f))
            basis = citations(load_lawbook(), f)[0].label(lang)
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
                       + " (-v for the full trace; --format html|pdf|xlsx|md|json for reports)",
                       style="dim"))
    return Group(*blocks)


def _zh_why(f: Finding, verbose: bool) -> list[str]:
    law = load_lawbook()
    if verbose:
        return [line for line, _ in trace(law, f, "zh")[1:]]
    lines = [plain_reason(law, f).zh]
    if f.missing:
        lines.append(f"{TEXT['zh']['missing_fields']}: {', '.join(f.missing)}")
    return lines


def _deciding(f: Finding) -> list[str]:
    """The lines that decide the status: missing facts first, else the first line or two."""
    if f.missing:
        return [f"missing: {', '.join(f.missing)}"]
    return list(f.because[:2]) + (["…"] if len(f.because) > 2 else [])


def print_table(assessment: Assessment, console: Console, lang: str = "en",
                verbose: bool = False) -> None:
    console.print(to_rich(assessment, lang, verbose))
