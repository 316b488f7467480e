"""`cnprivacy pia ...`: impact assessments (PIPL arts 55-56; GB/T 39335-2020) beside the register.

Each step (draft, edit, review, approval) is a new version with who and when; the grading, the
triggers and the deadlines come from ``cnprivacy.records`` (this module only reads arguments,
calls it and prints). Bad input is one line naming the file and field, exit 2, nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from cnprivacy.cli._common import parse_date
from cnprivacy.cli._record import (
    DEFAULT_DB,
    ByOption,
    DbOption,
    _echo_history,
    _format,
    _guarded,
    _register,
    _who,
)
from cnprivacy.errors import CnPrivacyError, InputError
from cnprivacy.records.models import Version

pia_app = typer.Typer(no_args_is_help=True, help="Personal information protection impact "
                      "assessments (PIPL arts 55-56, GB/T 39335-2020): drafted from the register, "
                      "reviewed, approved, kept.")

IdArg = Annotated[str, typer.Argument(metavar="ID", help="Assessment id, e.g. PIA-0001.")]
NamedBy = Annotated[str, typer.Option("--by", help="Who signs this step (required).")]
FormatOption = Annotated[str, typer.Option("--format", help="text or json")]


def _book(db: str) -> Any:
    from cnprivacy.records import Assessments

    return Assessments(_register(db).store)


def _grading_dict(pia: Any) -> dict[str, Any]:
    from cnprivacy.law.loader import load_lawbook
    from cnprivacy.records import grade_pia

    result: dict[str, Any] = grade_pia(pia, load_lawbook()).to_dict()
    return result


def _version_dict(v: Version[Any], grading: bool = False) -> dict[str, Any]:
    from cnprivacy.records.pia.models import unconfirmed
    from cnprivacy.records.pia.triggers import required

    out: dict[str, Any] = {
        "id": v.record_id, "version": v.version, "changed_at": v.changed_at.isoformat(),
        "changed_by": v.changed_by, "reason": v.reason, "changes": v.changes,
        "assessment": v.data.model_dump(mode="json"),
        "required_by_art_55": required(v.data.triggers), "unconfirmed": unconfirmed(v.data)}
    if grading:
        out["grading"] = _grading_dict(v.data)
    return out


def _say_step(pia_id: str, version: int | None, what: str) -> None:
    typer.echo(f"{pia_id}: {what} (version {version})" if version is not None
               else f"{pia_id}: unchanged")


@pia_app.command("new")
def new(activity: Annotated[str, typer.Option("--activity", help="Activity id in the register.")],
        as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the assessment "
                                                  "(YYYY-MM-DD; default today).")] = None,
        profile: Annotated[Path | None, typer.Option(
            "--profile", help="Organisation profile: its entry for the activity fills facts the "
            "register leaves unknown.")] = None,
        db: DbOption = DEFAULT_DB, by: ByOption = None) -> None:
    """Draft an assessment of an activity from the register and the art 55 triggers; prints its id."""
    from cnprivacy.law.loader import load_lawbook

    day = parse_date(as_of)
    try:
        entry = None
        if profile is not None:
            from cnprivacy.profile import load_profile

            entry = next((p for p in load_profile(profile).processing if p.id == activity), None)
        register = _register(db)
        found = register.get(activity)
        if found is None:
            raise InputError("command line", f"no activity {activity!r} in the register",
                             field="--activity")
        step = _book(db).new(found, load_lawbook(), day, _who(by), profile=entry)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    from cnprivacy.records.pia.models import unconfirmed
    from cnprivacy.records.pia.triggers import required

    pia = step.pia
    holding = [t.kind.value for t in pia.triggers if t.holds]
    need = required(pia.triggers)
    typer.echo(pia.id)
    typer.echo(f"drafted {pia.id} for activity {activity} (register version "
               f"{found.version}); art 55 cases present: {', '.join(holding) or 'none'}"
               f"{'' if need is not None else ' (some facts unknown)'}; "
               f"{len(unconfirmed(pia))} judgements await confirmation", err=True)


@pia_app.command("show")
def show(pia_id: IdArg, db: DbOption = DEFAULT_DB, fmt: FormatOption = "text") -> None:
    """The latest version of an assessment with its grading."""
    try:
        _format(fmt, ("text", "json"))
        v = _book(db).get(pia_id)
        data = _version_dict(v, grading=True)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    pia, g = v.data, data["grading"]
    typer.echo(f"{pia.id} ({pia.status.value}; version {v.version}, {v.changed_at.isoformat()} "
               f"by {v.changed_by}) — activity {pia.activity_id}, assessed on "
               f"{pia.assessed_on.isoformat()}")
    for t in pia.triggers:
        holds = "unknown" if t.holds is None else "yes" if t.holds else "no"
        typer.echo(f"  art {t.article} {t.kind.value}: {holds} — {'; '.join(t.because)}")
    for d in g["dimensions"]:
        typer.echo(f"  impact {d['dimension']}: {d['base'] or '?'} -> {d['impact'] or '?'}, "
                   f"risk {d['risk'] or '?'}")
    typer.echo(f"  likelihood: {g['likelihood'] or '?'}; overall risk: {g['risk'] or '?'}"
               + (" (needs review)" if g["needs_review"] else ""))
    if pia.keeping is not None:
        typer.echo(f"  keep until: {pia.keeping.keep_until.isoformat()} ({pia.keeping.citation})")
    open_fields = data["unconfirmed"]
    typer.echo(f"  unconfirmed: {', '.join(open_fields) if open_fields else 'none'}")


@pia_app.command("list")
def list_(db: DbOption = DEFAULT_DB,
          fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table") -> None:
    """Every assessment's latest version, by id."""
    try:
        _format(fmt, ("table", "json"))
        versions = list(_book(db).latest().values())
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if fmt == "json":
        typer.echo(json.dumps([_version_dict(v) for v in versions], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    from cnprivacy.records.pia.models import unconfirmed

    table = Table("id", "activity", "assessed on", "status", "version", "unconfirmed",
                  "keep until")
    for v in versions:
        p = v.data
        table.add_row(p.id, p.activity_id, p.assessed_on.isoformat(), p.status.value,
                      str(v.version), str(len(unconfirmed(p))),
                      p.keeping.keep_until.isoformat() if p.keeping else "")
    Console(width=160).print(table)


@pia_app.command("edit")
def edit(pia_id: IdArg,
         file: Annotated[Path, typer.Argument(help="YAML/JSON with the judgements to set.")],
         db: DbOption = DEFAULT_DB, by: ByOption = None) -> None:
    """Set judgements from a file (refused whole on a bad field); a reviewed draft goes back to draft."""
    from cnprivacy.records import read_pia_edit

    try:
        changes = read_pia_edit(file)
        step = _book(db).edit(pia_id, changes, _who(by))
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _say_step(pia_id, step.version, f"edited, now {step.pia.status.value}")


@pia_app.command("review")
def review(pia_id: IdArg, by: NamedBy, db: DbOption = DEFAULT_DB) -> None:
    """Record the legal review of a draft."""
    try:
        step = _book(db).review(pia_id, by)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _say_step(pia_id, step.version, f"reviewed by {by}")


@pia_app.command("approve")
def approve(pia_id: IdArg, by: NamedBy, db: DbOption = DEFAULT_DB) -> None:
    """Approval by the PI protection officer: needs a review and every judgement confirmed."""
    from cnprivacy.law.loader import load_lawbook

    try:
        step = _book(db).approve(pia_id, by, load_lawbook())
    except CnPrivacyError as err:
        raise _guarded(err) from None
    kept = step.pia.keeping
    _say_step(pia_id, step.version, f"approved by {by}" + (
        f"; keep report and records until at least {kept.keep_until.isoformat()}" if kept else ""))


@pia_app.command("history")
def history(pia_id: IdArg, db: DbOption = DEFAULT_DB, fmt: FormatOption = "text") -> None:
    """Every version of an assessment, oldest first: who did what, when."""
    try:
        _format(fmt, ("text", "json"))
        versions = _book(db).history(pia_id)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    _echo_history(versions, fmt, _version_dict, tag=lambda v: v.data.status.value)


@pia_app.command("export")
def export(pia_id: IdArg,
           fmt: Annotated[str, typer.Option("--format", help="md or html")] = "md",
           lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh",
           output: Annotated[Path | None, typer.Option("-o", "--out", help="File to write "
                                                       "(default: print).")] = None,
           db: DbOption = DEFAULT_DB) -> None:
    """The assessment report in Markdown or HTML, complete in Chinese or in English."""
    from cnprivacy.fileio import check_target, write_atomically
    from cnprivacy.law.loader import load_lawbook
    from cnprivacy.records import render_pia

    try:
        _format(fmt, ("md", "html"))
        if lang not in ("zh", "en"):
            raise InputError("command line", "must be one of zh, en", field="--lang")
        if output is not None:
            check_target(output, protect=[db])
        text = render_pia(_book(db).get(pia_id).data, load_lawbook(), fmt, lang)
        if output is not None:
            write_atomically(output, text)
    except CnPrivacyError as err:
        raise _guarded(err) from None
    if output is None:
        typer.echo(text, nl=False)
    else:
        typer.echo(f"wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``pia`` group to the main app."""
    app.add_typer(pia_app, name="pia")


__all__ = ["pia_app", "register"]
