"""`cnprivacy incident ...`: incidents, their grade and reporting clocks, beside the register.

Each change is a new version in the shared record history (who, when, what changed). Times
without an offset are China Standard Time; due times are shown in China Standard Time. Nothing
here grades or counts: the core (``cnprivacy.records.incident``) does, this module renders.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from cnprivacy.cli._record import (
    DEFAULT_DB,
    ByOption,
    DbOption,
    FormatOption,
    ReasonOption,
    _echo_history,
    _format,
    _guarded,
    _register,
    _who,
)
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.book import IncidentBook
from cnprivacy.records.incident.model import Incident, IncidentStatus, ReportKind
from cnprivacy.records.incident.read import parse_incident, parse_time, read_incident_data
from cnprivacy.records.models import Version

incident_app = typer.Typer(no_args_is_help=True, help="Incidents (国家网络安全事件报告管理办法, PIPL "
                           "art 57): grade, reporting clocks in China Standard Time, report items.")

AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Date and time to judge the clocks at (default: now); no offset = CST.")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="Incident id.")]


def _book(db: str) -> IncidentBook:
    return IncidentBook(_register(db).store)


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA)


def _as_of(text: str | None) -> dt.datetime:
    return _now() if text is None else parse_time(text, field="--as-of")


def _lawbook() -> Any:
    from cnprivacy.law.loader import load_lawbook

    return load_lawbook()


def _changed(incident: Incident, data: dict[str, Any], source: str) -> Incident:
    """The incident with ``data`` merged in, validated as a whole."""
    return parse_incident({**incident.model_dump(mode="json"), **data}, source)


def _left(minutes: int) -> str:
    sign, value = ("", minutes) if minutes >= 0 else ("-", -minutes)
    days, rest = divmod(value, 24 * 60)
    text = f"{rest // 60}h{rest % 60:02d}m"
    return f"{sign}{days}d {text}" if days else f"{sign}{text}"


def _print_state(doc: dict[str, Any]) -> None:
    g = doc["grade"]
    level = f"{g['level']} ({g['level_zh']})" if g["level"] else "not graded"
    reportable = {True: "reportable", False: "not reportable", None: "reportable unless graded lower"}
    typer.echo(f"{doc['id']}: {level}, {reportable[g['reportable']]}; status {doc['status']}; "
               f"discovered {doc['discovered_at']}")
    for line in g["because"]:
        typer.echo(f"  because {line}")
    typer.echo(f"  {g['citation']}")
    for c in doc["clocks"]:
        state = {"due": f"{_left(c['minutes_left'])} left", "overdue":
                 f"OVERDUE by {_left(-c['minutes_left'])}", "met": f"met {c['met_at']}",
                 "late": f"met late {c['met_at']}",
                 "immediately": f"owed immediately, {_left(-c['minutes_left'])} since discovery "
                                "(no hour limit)"}[c["state"]]
        review = " [needs_review]" if c["needs_review"] else ""
        typer.echo(f"due {c['due']}  {c['kind']}: {state}{review}")
        typer.echo(f"  {c['title']} — {c['citation']}")
    items = doc["items"]
    typer.echo(f"report items: first {items['first']}, later {items['later']}, sent {items['sent']}")
    for i in items["outstanding"]:
        typer.echo(f"  item {i['number']} outstanding: {i['text']}")
    audit = {True: "yes", False: "no", None: "unknown"}[doc["audit_order"]["may_order"]]
    typer.echo(f"external audit may be ordered: {audit} ({'; '.join(doc['audit_order']['because'])})"
               f" — {doc['audit_order']['citation']}")


def _state(incident: Incident, as_of: dt.datetime) -> dict[str, Any]:
    from cnprivacy.records.incident.document import status_document

    return status_document(incident, _lawbook(), as_of)


def _version_dict(v: Version[Any]) -> dict[str, Any]:
    return {"id": v.record_id, "version": v.version, "changed_at": v.changed_at.isoformat(),
            "changed_by": v.changed_by, "reason": v.reason, "changes": v.changes,
            "incident": v.data.model_dump(mode="json")}


def _save_and_show(book: IncidentBook, incident: Incident, who: str, reason: str | None,
                   fmt: str, as_of: dt.datetime) -> None:
    change = book.save(incident, who, reason)
    doc = _state(incident, as_of)
    if fmt == "json":
        typer.echo(json.dumps({"version": change.version, "changes": list(change.changes), **doc},
                              ensure_ascii=False, indent=2))
        return
    typer.echo("unchanged" if change.version is None else
               f"version {change.version} ({', '.join(change.changes) or 'created'})")
    _print_state(doc)


def _counts_from_register(db: str, activities: list[str], source: str, field_name: str) -> dict[str, Any]:
    from cnprivacy.records.incident.read import counts_from_register

    return dict(counts_from_register(_register(db).versions(), activities, source, field_name))


@incident_app.command("open")
def open_(file: Annotated[Path | None, typer.Argument(help="YAML/JSON incident (options below "
                                                      "override its fields).")] = None,
          incident_id: Annotated[str | None, typer.Option("--id", help="Default: INC-date-time.")] = None,
          discovered_at: Annotated[str | None, typer.Option(
              "--discovered-at", help="When discovered or learned of; no offset = CST.")] = None,
          operator_type: Annotated[str | None, typer.Option(
              "--operator-type", help="cii, state_organ or other.")] = None,
          title: Annotated[str | None, typer.Option("--title")] = None,
          systems: Annotated[list[str] | None, typer.Option("--system", help="Affected system "
                                                            "(repeat).")] = None,
          effects: Annotated[list[str] | None, typer.Option(
              "--effect", help="leak, alteration, loss or destruction (repeat).")] = None,
          individuals: Annotated[int | None, typer.Option("--individuals")] = None,
          sensitive: Annotated[int | None, typer.Option("--sensitive-individuals")] = None,
          activities: Annotated[list[str] | None, typer.Option(
              "--activity", help="Register activity whose PI is hit (repeat); counts come from "
                                 "the register unless given.")] = None,
          scan: Annotated[Path | None, typer.Option(
              "--scan", help="A `cnprivacy scan --format json` report of the leaked data: its "
                             "counts, unless given.")] = None,
          db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
          fmt: FormatOption = "text") -> None:
    """Record a new incident; prints its id, grade and due times."""
    from cnprivacy.records.scan_import import read_scan_report

    try:
        _format(fmt, ("text", "json"))
        source = str(file) if file is not None else "command line"
        data: dict[str, Any] = read_incident_data(file) if file is not None else {}
        options = {"id": incident_id, "discovered_at": discovered_at, "operator_type": operator_type,
                   "title": title, "affected_systems": systems or None, "effects": effects or None,
                   "individuals": individuals, "sensitive_individuals": sensitive,
                   "activities": activities or None}
        data.update({k: v for k, v in options.items() if v is not None})
        if discovered_at is not None:
            data["discovered_at"] = parse_time(discovered_at, field="--discovered-at").isoformat()
        if "discovered_at" not in data:
            raise InputError(source, "required: when the incident was discovered",
                             field="discovered_at" if file is not None else "--discovered-at")
        book = _book(db)
        if data.get("activities"):
            named = ("command line", "--activity") if activities else (source, "activities")
            for field, count in _counts_from_register(db, list(data["activities"]), *named).items():
                data.setdefault(field, count)
        if scan is not None:
            try:
                raw = scan.read_bytes()
            except OSError as err:
                raise InputError(str(scan), f"cannot read: {err.strerror or err}") from None
            evidence = read_scan_report(raw, str(scan), scan.name)
            for field in ("individuals", "sensitive_individuals"):
                if getattr(evidence, field) is not None:
                    data.setdefault(field, getattr(evidence, field))
            data["evidence"] = [*data.get("evidence", []), evidence.model_dump(mode="json")]
        data.setdefault("id", "pending")
        incident = parse_incident(data, source)
        if data["id"] == "pending":
            incident = incident.model_copy(update={"id": book.new_id(incident.discovered_at)})
        elif incident.id in book.versions():
            raise InputError(source, f"incident {incident.id!r} is already on record: use "
                             "`cnprivacy incident update`", field="id")
        _save_and_show(book, incident, _who(by), reason or "opened", fmt, _now())
    except CnPrivacyError as err:
        raise _guarded(err) from None


@incident_app.command("show")
def show(incident_id: IdArg, as_of: AsOfOption = None, db: DbOption = DEFAULT_DB,
         fmt: FormatOption = "text") -> None:
    """Grade, each clock with time left or overdue, items outstanding, notice and audit flag."""
    try:
        _format(fmt, ("text", "json"))
        moment = _as_of(as_of)
        incident = _book(db).get(incident_id).data
        doc = _state(incident, moment)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    typer.echo(f"as of {doc['as_of']}")
    _print_state(doc)


@incident_app.command("list")
def list_(as_of: AsOfOption = None, db: DbOption = DEFAULT_DB,
          fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every incident with its grade and next clock."""
    try:
        _format(fmt, ("table", "json"))
        moment = _as_of(as_of)
        docs = [_state(i, moment) for i in _book(db).incidents()]
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps(docs, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "discovered (CST)", "grade", "status", "next clock", "due (CST)", "state")
    for d in docs:
        pending = [c for c in d["clocks"] if c["state"] in ("due", "overdue", "immediately")]
        nxt = pending[0] if pending else None
        table.add_row(d["id"], d["discovered_at"], d["grade"]["level_zh"] or "-", d["status"],
                      nxt["kind"] if nxt else "-", nxt["due"] if nxt else "-",
                      nxt["state"] if nxt else "-")
    Console(width=160).print(table)


@incident_app.command("report")
def report(incident_id: IdArg,
           kind: Annotated[str, typer.Option("--kind", help="initial, supplement or summary")],
           at: Annotated[str, typer.Option("--at", help="When it was sent; no offset = CST.")],
           items: Annotated[str | None, typer.Option(
               "--items", help="Item numbers covered, e.g. 1,2 (default: initial 1-2, "
                               "otherwise none stated).")] = None,
           to: Annotated[str | None, typer.Option("--to", help="Body reported to.")] = None,
           reference: Annotated[str | None, typer.Option("--reference")] = None,
           db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
           fmt: FormatOption = "text") -> None:
    """Record a report made (a new version); shows the clocks after it."""
    try:
        _format(fmt, ("text", "json"))
        if kind not in {k.value for k in ReportKind}:
            raise InputError("command line", "must be initial, supplement or summary", field="--kind")
        moment = parse_time(at, field="--at")
        numbers: list[int] = []
        if items:
            try:
                numbers = sorted({int(part) for part in items.split(",") if part.strip()})
            except ValueError:
                raise InputError("command line", "must be item numbers separated by commas",
                                 field="--items") from None
        elif kind == ReportKind.INITIAL.value:
            numbers = [1, 2]
        book = _book(db)
        current = book.get(incident_id).data
        made = {"kind": kind, "at": moment.isoformat(), "items": numbers, "to": to,
                "reference": reference}
        reports = [r.model_dump(mode="json") for r in current.reports]
        updated = _changed(current, {"reports": [*reports, made]}, "command line")
        _save_and_show(book, updated, _who(by), reason or f"{kind} report", fmt, _now())
    except CnPrivacyError as err:
        raise _guarded(err) from None


@incident_app.command("update")
def update(incident_id: IdArg,
           file: Annotated[Path, typer.Argument(help="YAML/JSON with the fields to change.")],
           db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
           fmt: FormatOption = "text") -> None:
    """Change fields (counts, effects, notices, status ...): a new version."""
    try:
        _format(fmt, ("text", "json"))
        data = read_incident_data(file)
        if "id" in data and data["id"] != incident_id:
            raise InputError(str(file), "does not match the incident being updated", field="id")
        book = _book(db)
        updated = _changed(book.get(incident_id).data, data, str(file))
        _save_and_show(book, updated, _who(by), reason, fmt, _now())
    except CnPrivacyError as err:
        raise _guarded(err) from None


@incident_app.command("close")
def close(incident_id: IdArg,
          at: Annotated[str | None, typer.Option(
              "--at", help="When handling ended (default: as recorded, else now); starts the "
                           "summary report's 30 days.")] = None,
          db: DbOption = DEFAULT_DB, by: ByOption = None, reason: ReasonOption = None,
          fmt: FormatOption = "text") -> None:
    """Mark handling ended and the incident closed; the summary report clock starts."""
    try:
        _format(fmt, ("text", "json"))
        book = _book(db)
        current = book.get(incident_id).data
        ended = (parse_time(at, field="--at") if at is not None
                 else current.handling_ended_at or _now())
        updated = _changed(current, {"status": IncidentStatus.CLOSED.value,
                                     "handling_ended_at": ended.isoformat()}, "command line")
        _save_and_show(book, updated, _who(by), reason or "closed", fmt, _now())
    except CnPrivacyError as err:
        raise _guarded(err) from None


@incident_app.command("history")
def history(incident_id: IdArg, db: DbOption = DEFAULT_DB, fmt: FormatOption = "text") -> None:
    """Every version of one incident, oldest first: who changed what, when."""
    try:
        _format(fmt, ("text", "json"))
        versions = _book(db).history(incident_id)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_history(versions, fmt, _version_dict)
    if fmt == "json":
        return
    typer.echo(yaml.safe_dump(versions[-1].data.model_dump(mode="json", exclude_none=True),
                              allow_unicode=True, sort_keys=False).rstrip())


def register(app: typer.Typer) -> None:
    """Add the ``incident`` group to the main app."""
    app.add_typer(incident_app, name="incident")


__all__ = ["incident_app", "register"]
