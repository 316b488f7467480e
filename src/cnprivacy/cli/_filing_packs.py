"""`cnprivacy filing sc|sa|sa-extend|...`: filing packs in the regulators' formats.

The commands gather the evidence (profile, the route decision, the ledger's distinct counts, a
scan report's receipt, the pack input) and hand it to :mod:`cnprivacy.filings`; the builders
check it and return the pack in memory. A pack that fails its checks prints every problem and
exits 2 with nothing written; a complete one is written as a new folder in one move.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cnprivacy.cli._common import fail
from cnprivacy.cli._record import DEFAULT_DB, DbOption
from cnprivacy.errors import CnPrivacyError, InputError

if TYPE_CHECKING:  # the filings package pulls in python-docx: loaded when a command runs
    from cnprivacy.filings import Evidence, LedgerFigures, Pack, PackInput

ProfileArg = Annotated[Path, typer.Argument(help="Organization profile (YAML or JSON).")]
InputOpt = Annotated[Path | None, typer.Option(
    "--input", "-i", help="Pack input (YAML): the judgement texts no record holds; with --pia, "
    "what it states wins field by field (see docs/filings.md).")]
PiaOpt = Annotated[str | None, typer.Option(
    "--pia", help="Approved impact assessment (e.g. PIA-0001) in --db: its dates, team, "
    "conclusion, risks, measures, data categories and systems fill the pack.")]
OnRecordOpt = Annotated[bool, typer.Option(
    "--on-record", help="Read the filings registry in --db: a filing on record meets the "
    "obligation behind the pack and its expiry reopens it, as `assess --db` does; the pack's "
    "due date follows.")]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="New folder to write the pack into.")]
LedgerOpt = Annotated[str | None, typer.Option(
    "--ledger", help="Ledger database (path or SQLAlchemy URL): counts of people exported.")]
KeyOpt = Annotated[Path | None, typer.Option("--key", help="Ledger key file.")]
ScanOpt = Annotated[Path | None, typer.Option(
    "--scan", help="A `cnprivacy scan --format json` report: its receipt goes into the manifest.")]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="Also render each DOCX to PDF (LibreOffice).")]
CalendarOpt = Annotated[Path | None, typer.Option(
    "--calendar", help="YAML holiday schedule for years chinesecalendar lacks.")]

_MAX_SCAN_BYTES = 64 * 2**20


def _ledger_figures(target: str, key: Path | None, year: int) -> LedgerFigures:
    """Distinct people per transfer and per year, read from the ledger (the store counts)."""
    from cnprivacy.cli._ledger import open_ledger
    from cnprivacy.store.ledger_figures import ledger_figures

    return ledger_figures(open_ledger(target, key), year, f"ledger {target}")


def _judgements(pack_input: Path | None, db: str, pia: str | None) -> tuple[PackInput, str]:
    """The pack input and the name problems point to: the YAML, the PIA record, or both."""
    from cnprivacy.filings import load_pack_input

    if pack_input is None and pia is None:
        raise InputError("command line", "give the pack input (-i FILE), an approved impact "
                         "assessment (--pia ID), or both", field="--input")
    given = load_pack_input(pack_input) if pack_input is not None else None
    name = str(pack_input) if pack_input is not None else "the pack input (-i)"
    if pia is None:
        assert given is not None
        return given, name
    from cnprivacy.cli._record import _register
    from cnprivacy.filings import PiaJudgements
    from cnprivacy.records import Assessments

    record = Assessments(_register(db).store).get(pia).data
    return PiaJudgements(record, given, name).pack_input(), name


def _run(kind: str, build: Callable[[Evidence], Pack], profile: Path, pack_input: Path | None,
         out: Path, ledger: str | None, key: Path | None, scan: Path | None, pdf: bool,
         calendar: Path | None, db: str = DEFAULT_DB, pia: str | None = None,
         on_record: bool = False) -> None:
    from cnprivacy.engine import Options, crossborder_decision
    from cnprivacy.fileio import read_bounded, write_folder
    from cnprivacy.filings import Evidence, PackProblems, scan_minors
    from cnprivacy.filings.pdf import render_pdfs
    from cnprivacy.law import load_lawbook
    from cnprivacy.law.workdays import DEFAULT_CALENDAR, load_calendar
    from cnprivacy.profile import load_profile
    from cnprivacy.records.scan_import import read_scan_report
    from cnprivacy.rules.base import ParameterUndefined

    try:
        if out.exists() or out.is_symlink():
            raise InputError(str(out), "already exists; give a new folder for the pack")
        prof = load_profile(profile)
        inputs, input_name = _judgements(pack_input, db, pia)
        day = inputs.filing_date or date.today()
        cal = load_calendar(calendar) if calendar else DEFAULT_CALENDAR
        options = Options(as_of=day, calendar=cal)
        filings = None
        if on_record:
            from cnprivacy.cli._record import _register
            from cnprivacy.records.filing.registry import Filings
            from cnprivacy.records.filing.state import on_record as filled_from_record

            filings = tuple(Filings(_register(db).store).all())
            prof = filled_from_record(prof, filings, load_lawbook(), day).profile
        figures = None
        if ledger is not None:
            from cnprivacy.cli._ledger import open_ledger

            decision = open_ledger(ledger, key).decide_profile(prof, day, False, cal)
            figures = _ledger_figures(ledger, key, day.year)
        else:
            decision = crossborder_decision(prof, options)
        evidence_scan = None
        minors = None
        if scan is not None:
            raw = read_bounded(scan, _MAX_SCAN_BYTES)
            evidence_scan = read_scan_report(raw, str(scan), scan.name)
            minors = scan_minors(raw, str(scan))
        ev = Evidence(profile=prof, decision=decision, law=load_lawbook(), calendar=cal,
                      inputs=inputs, input_name=input_name, ledger=figures,
                      scan=evidence_scan, profile_name=str(profile), scan_minors=minors,
                      pia_id=pia, filings=filings)
        pack = build(ev)
        if pdf:
            docs = {f.name: f.data for f in pack.files if f.name.endswith(".docx")}
            for name, data in render_pdfs(docs).items():
                pack.add(name, f"PDF of {name[:-4]}docx for review (LibreOffice)", data)
        files = pack.outputs()
        write_folder(out, files)
    except PackProblems as err:
        typer.echo(f"error: {err}", err=True)
        for problem in err.problems:
            typer.echo(f"  - {problem.line()}", err=True)
        raise typer.Exit(2) from None
    except InputError as err:
        if err.source == "profile":
            err = InputError(str(profile), err.problem, field=err.field, line=err.line)
        raise fail(err.one_line()) from None
    except ParameterUndefined:
        raise fail(f"filing_date {day}: before the export measures, no route exists") from None
    except CnPrivacyError as err:
        raise fail(str(err)) from None
    typer.echo(f"{kind} pack written to {out}: {len(files)} files; manifest.json lists each with "
               "its purpose, SHA-256 and the receipts of every number")
    for item in pack.deadlines:
        typer.echo(f"due {item['due']}: {item['what']} ({item['citation']})"
                   + (" — OVERDUE on the filing date" if item.get("overdue_on_filing_date") else ""))


def sc(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, ledger: LedgerOpt = None,
       key: KeyOpt = None, scan: ScanOpt = None, pdf: PdfOpt = False,
       calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None) -> None:
    """Standard-contract filing pack: PIPIA report, 附录一, checklist and deadline (Decree 13)."""
    from cnprivacy.filings import build_sc_pack

    _run("sc", build_sc_pack, profile, pack_input, out, ledger, key, scan, pdf, calendar, db, pia)


def sa(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, ledger: LedgerOpt = None,
       key: KeyOpt = None, scan: ScanOpt = None, pdf: PdfOpt = False,
       calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None) -> None:
    """Security-assessment declaration pack: self-assessment report, data items, links, form."""
    from cnprivacy.filings import build_sa_pack

    _run("sa", build_sa_pack, profile, pack_input, out, ledger, key, scan, pdf, calendar, db, pia)


def sa_extend(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, ledger: LedgerOpt = None,
              key: KeyOpt = None, scan: ScanOpt = None, pdf: PdfOpt = False,
              calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None) -> None:
    """Extension of a security assessment: the ≤ 20% growth test and the 60-working-day window."""
    from cnprivacy.filings import build_sa_extension_pack

    _run("sa-extend", build_sa_extension_pack, profile, pack_input, out, ledger, key, scan, pdf,
         calendar, db, pia)


def cert(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, ledger: LedgerOpt = None,
         key: KeyOpt = None, scan: ScanOpt = None, pdf: PdfOpt = False,
         calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None, on_record: OnRecordOpt = False) -> None:
    """PI export certification materials: PIPIA (Decree 20 art 6) and application summary."""
    from cnprivacy.filings import build_cert_pack

    _run("cert", build_cert_pack, profile, pack_input, out, ledger, key, scan, pdf, calendar, db, pia,
         on_record)


def pipo(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, scan: ScanOpt = None,
         pdf: PdfOpt = False, calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None, on_record: OnRecordOpt = False) -> None:
    """PI protection officer report with per-scenario statistics (PIPO notice 2025-07-18)."""
    from cnprivacy.filings import build_pipo_pack

    _run("pipo", build_pipo_pack, profile, pack_input, out, None, None, scan, pdf, calendar, db, pia,
         on_record)


def facial(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, scan: ScanOpt = None,
           pdf: PdfOpt = False, calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None, on_record: OnRecordOpt = False) -> None:
    """Facial-recognition filing forms with the PIPIA (Facial Recognition Measures art 15)."""
    from cnprivacy.filings import build_facial_pack

    _run("facial", build_facial_pack, profile, pack_input, out, None, None, scan, pdf, calendar, db,
         pia, on_record)


def minors_audit(profile: ProfileArg, out: OutOpt, pack_input: InputOpt = None, scan: ScanOpt = None,
                 pdf: PdfOpt = False, calendar: CalendarOpt = None, db: DbOption = DEFAULT_DB,
        pia: PiaOpt = None, on_record: OnRecordOpt = False) -> None:
    """Minors' PI compliance audit report: children < 14 and minors < 18 counted separately."""
    from cnprivacy.filings import build_minors_audit_pack

    _run("minors-audit", build_minors_audit_pack, profile, pack_input, out, None, None, scan, pdf,
         calendar, db, pia, on_record)


def register(app: typer.Typer) -> None:
    """Add the pack commands to the ``filing`` group."""
    app.command("cert")(cert)
    app.command("pipo")(pipo)
    app.command("facial")(facial)
    app.command("minors-audit")(minors_audit)
    app.command("sc")(sc)
    app.command("sa")(sa)
    app.command("sa-extend")(sa_extend)
