"""`cnprivacy law list|show`: the instruments and their status on a date."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from cnprivacy.cli._common import fail, parse_date
from cnprivacy.errors import InputError
from cnprivacy.law import LawBook, load_lawbook, next_status_change
from cnprivacy.law.asof import value_text

law_app = typer.Typer(help="Instruments (laws, regulations, drafts, Q&As) and their status.",
                      no_args_is_help=True)

_STATUS_STYLE = {"in_force": "green", "adopted": "cyan", "draft": "magenta",
                 "superseded": "dim", "repealed": "dim", "not_yet_published": "dim"}


def _book() -> LawBook:
    try:
        return load_lawbook()
    except InputError as err:
        raise fail(err.one_line()) from None


@law_app.command("list")
def list_cmd(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """List every instrument with its status on a date."""
    day = parse_date(as_of)
    book = _book()
    rows: list[dict[str, Any]] = []
    for inst in book.in_listing_order(day):
        status = book.status(inst.id, day)
        nxt = next_status_change(inst, day)
        rows.append({"id": inst.id, "short": inst.short, "name_en": inst.name_en,
                     "name_zh": inst.name_zh, "kind": inst.kind.value, "status": status.value,
                     "next_change": None if nxt is None else
                     {"date": nxt[0].isoformat(), "status": nxt[1].value},
                     "needs_review": bool(inst.needs_review)})
    if fmt == "json":
        typer.echo(json.dumps({"as_of": day.isoformat(), "instruments": rows},
                              ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        raise fail(f"--format: unknown format {fmt!r} (table, json)")
    # rich loads only for tables: JSON output starts without it.
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Instruments as of {day.isoformat()} ({len(rows)})", title_justify="left")
    for col in ("id", "name", "kind", "status", "next change"):
        table.add_column(col)
    for r in rows:
        nxt = r["next_change"]
        table.add_row(r["id"], f"{r['name_en']}\n{r['name_zh']}", r["kind"],
                      f"[{_STATUS_STYLE[r['status']]}]{r['status']}[/]"
                      + (" [yellow]⚠ review[/]" if r["needs_review"] else ""),
                      f"{nxt['date']} → {nxt['status']}" if nxt else "")
    Console().print(table)


@law_app.command("show")
def show_cmd(
    instrument_id: Annotated[str, typer.Argument(metavar="ID", help="Instrument id (see law list).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Show one instrument: timeline, status, articles, parameters as of a date, sources."""
    day = parse_date(as_of)
    book = _book()
    if instrument_id not in book:
        raise fail(f"law show: unknown instrument {instrument_id!r} (see `cnprivacy law list`)")
    inst = book[instrument_id]
    status = book.status(inst.id, day)
    if fmt == "json":
        data = inst.model_dump(mode="json", by_alias=True)
        data["status"] = status.value
        data["as_of"] = day.isoformat()
        data["values_as_of"] = {
            name: (None if (v := book.value(inst.id, name, day)) is None else v.value)
            for name in inst.parameters}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{inst.name_en}[/bold]\n{inst.name_zh}  ({inst.short}, {inst.kind.value})")
    console.print(f"Issuers: {', '.join(inst.issuers)}"
                  + (f"   Document: {inst.document_number}" if inst.document_number else ""))
    console.print(f"Status on {day.isoformat()}: [{_STATUS_STYLE[status.value]}]{status.value}[/]")
    tl = Table(title="Timeline", title_justify="left")
    tl.add_column("date")
    tl.add_column("event")
    tl.add_column("note")
    for entry in inst.timeline:
        tl.add_row(entry.date.isoformat(), entry.event.value, entry.note or "")
    console.print(tl)
    if inst.articles:
        arts = Table(title="Articles used by the rules", title_justify="left")
        arts.add_column("art.")
        arts.add_column("summary (our words)")
        for art in inst.articles:
            valid = ""
            if art.valid_from or art.valid_until:
                valid = f" [dim]({art.valid_from or '…'} – {art.valid_until or '…'})[/dim]"
            arts.add_row(f"{art.id} {art.zh or ''}", art.summary + valid)
        console.print(arts)
    if inst.parameters:
        params = Table(title=f"Parameters on {day.isoformat()}", title_justify="left")
        for col in ("name", "value", "since", "next", "wording"):
            params.add_column(col)
        for name, param in inst.parameters.items():
            v = book.value(inst.id, name, day)
            flag = " ⚠ review" if param.needs_review or (v and v.needs_review) else ""
            params.add_row(f"{name}\n[dim]{param.description}[/dim]",
                           "—" if v is None else f"{value_text(v.value, param.unit)}{flag}",
                           "" if v is None else v.start.isoformat(),
                           "" if v is None or v.next_start is None
                           else f"{value_text(v.next_value)} from {v.next_start}",
                           param.wording_zh or "")
        console.print(params)
    # Readers see the publications they can rely on: mirrors (role copy) and our working notes
    # stay in the data for provenance (`--format json`) but are never shown as a source.
    for src in inst.sources:
        if src.role in ("official", "commentary"):
            label = "official" if src.role == "official" else "commentary"
            console.print(f"[dim]{label}: {src.title}{' — ' + src.url if src.url else ''}[/dim]")
    for item in inst.needs_review:
        console.print(f"[yellow]⚠ needs review: {item}[/yellow]")


def obligations_markdown(book: LawBook) -> str:
    """The obligation catalogue as Markdown (docs/obligations.md is generated from this)."""
    from cnprivacy.rules import REGISTRY

    lines = ["# Obligations", "",
             "Generated by `cnprivacy law obligations > docs/obligations.md`; a test keeps it current.",
             "", f"{len(REGISTRY.obligation_keys())} obligations.", ""]
    topic = None
    for spec in sorted(REGISTRY.rules, key=lambda r: (r.topic, r.key)):
        if spec.topic != topic:
            topic = spec.topic
            lines += ["", f"## {topic}", "", "| key | obligation | 义务 | basis |", "|---|---|---|---|"]
        inst = book[spec.instrument]
        basis = f"{inst.short} art. {spec.article}" if spec.article else inst.short
        basis += "".join(f"; {book[i].short}" + (f" art. {a}" if a else "") for i, a in spec.also_cites)
        flags = (" (interpretation)" if spec.interpretation else "") + (
            " ⚠ needs review" if spec.needs_review else "")
        lines.append(f"| `{spec.key}` | {spec.title}{flags} | {spec.title_zh or ''} | {basis} |")
    return "\n".join(lines) + "\n"


@law_app.command("obligations")
def obligations_cmd() -> None:
    """List every obligation the rules decide, by topic, with its basis (Markdown)."""
    typer.echo(obligations_markdown(_book()), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(law_app, name="law")
