"""The deadlines the filings on record make: filing due, expiry, renewal window, next report.

Periods in working days run on China's official calendar (``law.workdays``; the start day not
counted). Validities in years follow Civil Code arts 201-202 as the cross-border deadlines do
(``rules.crossborder.deadlines.add_years``): the start day is not counted and the period ends on
the corresponding day, which is the last valid day. A result or certificate that states its own
last day (``expires_on``) is taken as stated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from cnprivacy.law import LawBook
from cnprivacy.law.workdays import DEFAULT_CALENDAR, WorkCalendar
from cnprivacy.records.bilingual import article_zh, cite_zh
from cnprivacy.records.deadline import CHINA, Deadline, day_end
from cnprivacy.records.filing.kinds import CERT, KINDS, P24, SAM, cite, number, text
from cnprivacy.records.filing.models import GRANTED, KIND_FILING, MADE, Filing, FilingKind, FilingStatus
from cnprivacy.rules.crossborder.deadlines import add_months, add_years

_ASSESSMENTS = frozenset({FilingKind.SECURITY_ASSESSMENT, FilingKind.ASSESSMENT_EXTENSION})


def _family(kind: FilingKind) -> frozenset[FilingKind]:
    return _ASSESSMENTS if kind in _ASSESSMENTS else frozenset({kind})


def last_valid_day(f: Filing, law: LawBook, by_id: Mapping[str, Filing]) -> dt.date | None:
    """The last day a granted filing is valid, or None (no validity, or not granted)."""
    if f.status not in GRANTED and f.status is not FilingStatus.EXPIRED:
        return None
    if f.expires_on is not None:
        return f.expires_on
    spec = KINDS[f.kind]
    if spec.validity_years is None:
        return None
    if f.kind is FilingKind.ASSESSMENT_EXTENSION:
        base = by_id.get(f.extends) if f.extends else None
        end = last_valid_day(base, law, by_id) if base is not None else None
        if end is None:
            return None
        years = number(law, spec.validity_years, end)
        return None if years is None else add_years(end, years)
    if f.decided_on is None:
        return None
    years = number(law, spec.validity_years, f.decided_on)
    return None if years is None else add_years(f.decided_on, years)


def superseded_by(f: Filing, filings: Iterable[Filing]) -> Filing | None:
    """A later granted filing of the same kind (an extension for an assessment) that takes this
    one's place: an extension of it, or a new one covering the same transfers or, for a filing
    of the organisation, any later one of its kind."""
    if f.decided_on is None and f.submitted_on is None:
        return None
    mine = f.decided_on or f.submitted_on
    assert mine is not None
    for g in filings:
        if g.id == f.id or g.kind not in _family(f.kind) or g.status not in MADE:
            continue
        if g.extends == f.id and g.status in GRANTED:
            return g
        theirs = g.decided_on or g.submitted_on
        if theirs is None or theirs <= mine or g.extends is not None:
            continue
        if KINDS[f.kind].covers == "transfers":
            if f.transfers and set(f.transfers) <= set(g.transfers):
                return g
        elif KINDS[f.kind].covers == "ai_services":
            if f.ai_services and set(f.ai_services) <= set(g.ai_services):
                return g
        else:
            return g
    return None


def _label(f: Filing) -> str:
    spec = KINDS[f.kind]
    covered = f.transfers or f.ai_services or f.activities
    what = f" for {', '.join(covered)}" if covered else ""
    return f"{spec.title} {f.id}{what}"


def _label_zh(f: Filing) -> str:
    return f"{KINDS[f.kind].title_zh}（{f.id}）"


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=CHINA)


def filing_due(f: Filing, law: LawBook, calendar: WorkCalendar = DEFAULT_CALENDAR
               ) -> tuple[dt.date, tuple[str, ...], bool] | None:
    """When a planned filing is due: (day, because, estimated), or None when nothing says."""
    spec = KINDS[f.kind]
    if f.due_on is not None:
        return f.due_on, (f"due_on = {f.due_on} as recorded",), False
    if f.kind is FilingKind.MINORS_AUDIT_REPORT and f.period_year is not None:
        month_day = text(law, ("minors_audit_announcement", "report_due_month_day"),
                         dt.date(f.period_year + 1, 1, 1))
        if month_day is None:
            return None
        month, day = (int(p) for p in month_day.split("-"))
        report_day = dt.date(f.period_year + 1, month, day)
        return (report_day, (f"the report on {f.period_year} is due by {report_day} (yearly, "
                             f"{month_day})",), False)
    start = f.triggered_on or (f.effective_on if f.kind in (
        FilingKind.STANDARD_CONTRACT, FilingKind.GBA_STANDARD_CONTRACT) else None)
    if spec.due_working_days is None or start is None:
        return None
    days = number(law, spec.due_working_days, start)
    if days is None:
        return None
    due = calendar.add_workdays(start, days)
    why = f"{days} working days from {start} (the day itself not counted) = {due.day}"
    if due.estimated:
        why += " (estimated: no official holiday schedule for that year)"
    return due.day, (why,), due.estimated


def _deadline(f: Filing, law: LawBook, kind: str, due: dt.date, title: str, title_zh: str,
              because: Sequence[str], *, article: tuple[str, str] | None = None,
              opens: dt.date | None = None, review: bool = False) -> Deadline:
    inst, art = article or (KINDS[f.kind].instrument, KINDS[f.kind].article)
    return Deadline(due=day_end(due), kind=kind, record_kind=KIND_FILING, record_id=f.id,
                    title=title, title_zh=title_zh, citation=cite(law, inst, art),
                    citation_zh=cite_zh(law, inst, article_zh(law, inst, art)),
                    because=tuple(because), opens=_start(opens) if opens else None,
                    needs_review=review)


def deadlines_of(f: Filing, filings: Sequence[Filing], law: LawBook, as_of: dt.date,
                 calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[Deadline]:
    """One filing's open deadlines as of ``as_of`` (see :func:`filing_deadlines`)."""
    if f.status in (FilingStatus.WITHDRAWN, FilingStatus.REJECTED):
        return []
    by_id = {g.id: g for g in filings}
    out: list[Deadline] = []
    if f.status is FilingStatus.PLANNED:
        due = filing_due(f, law, calendar)
        if due is not None:
            day, why, estimated = due
            late = [f"overdue since {day}"] if day < as_of else []
            out.append(_deadline(f, law, "filing_due", day, f"File: {_label(f)}",
                                 f"办理{_label_zh(f)}", [*why, *late], review=estimated))
        return out
    later = superseded_by(f, filings)
    if later is not None:
        return out
    end = last_valid_day(f, law, by_id)
    if end is not None:
        out.extend(_validity(f, law, end, as_of, calendar))
    out.extend(_recurring(f, law, as_of))
    return out


def _validity_article(f: Filing, law: LawBook) -> tuple[str, str] | None:
    """Where the validity is set: the article of the validity parameter itself."""
    param = KINDS[f.kind].validity_years
    if param is None:
        return None
    article = law[param[0]].parameters[param[1]].article
    return (param[0], article) if article else None


def _validity(f: Filing, law: LawBook, end: dt.date, as_of: dt.date,
              calendar: WorkCalendar) -> list[Deadline]:
    source = "as recorded (expires_on)" if f.expires_on else "computed from the law data"
    why = [f"last valid day {end} ({source}; Civil Code arts 201-202: the start day is not "
           "counted, the period ends on the corresponding day)"]
    if end < as_of:
        why.append(f"expired after {end}: not renewed or replaced on record")
    out = [_deadline(f, law, "filing_expiry", end, f"Expires: {_label(f)}",
                     f"{_label_zh(f)}有效期届满", why, article=_validity_article(f, law))]
    if end < as_of:  # too late to extend or apply again: the expiry stays on the calendar
        return out
    if f.kind in _ASSESSMENTS:
        # The regime in force at expiry decides: the 2024 Provisions' extension window, or
        # before them Decree 11 art 14's re-declaration.
        window = number(law, (P24, "assessment_extension_window_working_days"), end)
        if window is not None:
            opens = calendar.subtract_workdays(end, window)
            out.append(_deadline(
                f, law, "filing_renewal", end, f"Apply to extend: {_label(f)}",
                f"申请延长{_label_zh(f)}评估结果有效期",
                [f"apply through the provincial CAC within the {window} working days before "
                 f"expiry: from {opens.day} to {end}", "only if the export continues and no "
                 "re-declaration trigger (Decree 11 art 14) has occurred"],
                article=(P24, "9"), opens=opens.day, review=opens.estimated))
        else:
            n = number(law, (SAM, "redeclare_before_expiry_working_days"), end)
            if n is not None:
                due = calendar.subtract_workdays(end, n)
                out.append(_deadline(
                    f, law, "filing_renewal", due.day, f"Declare again: {_label(f)}",
                    f"重新申报{_label_zh(f)}",
                    [f"to continue after {end}, declare again no later than {n} working days "
                     f"before expiry = {due.day}"], article=(SAM, "14"), review=due.estimated))
    elif f.kind is FilingKind.CERTIFICATION:
        months = number(law, (CERT, "renewal_months_before_expiry"), end)
        if months is not None:
            again = add_months(end, -months)
            out.append(_deadline(f, law, "filing_renewal", again, f"Apply again: {_label(f)}",
                                 f"重新申请{_label_zh(f)}",
                                 [f"to continue, apply again {months} months before expiry "
                                  f"({end}) = {again}"], article=(CERT, "8")))
    return out


def _recurring(f: Filing, law: LawBook, as_of: dt.date) -> list[Deadline]:
    if f.kind is FilingKind.MINORS_AUDIT_REPORT and f.status in MADE:
        made = f.submitted_on or f.decided_on
        assert made is not None  # a made filing has one (model check)
        year = f.period_year if f.period_year is not None else made.year - 1
        month_day = text(law, ("minors_audit_announcement", "report_due_month_day"), made)
        if month_day is None:
            return []
        month, day = (int(p) for p in month_day.split("-"))
        due = dt.date(year + 2, month, day)
        return [_deadline(f, law, "report_due", due,
                          f"Report the {year + 1} minors' PI audit (after {f.id})",
                          f"报送{year + 1}年度未成年人个人信息保护合规审计情况",
                          [f"{f.id} reported on {year}; the report on {year + 1} is due by {due}"],
                          article=("minors_audit_announcement", "reporting"))]
    if f.kind is FilingKind.COMPLIANCE_AUDIT and f.status in MADE:
        done = f.submitted_on or f.decided_on
        assert done is not None
        years = number(law, ("pi_audit_measures", "biennial_audit_interval_years"), done)
        if years is None:
            return []
        due = add_years(done, years)
        return [_deadline(f, law, "audit_due", due, f"Next PI compliance audit (after {f.id})",
                          "下一次个人信息保护合规审计",
                          [f"audit {f.id} done on {done}; at least every {years} years = {due}",
                           "for processors handling PI of more than 10 million people (Audit "
                           "Measures art 4); `cnprivacy assess` says whether that applies"])]
    return []


def filing_deadlines(filings: Sequence[Filing], law: LawBook, as_of: dt.date,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[Deadline]:
    """Every deadline the filings make as of ``as_of``, soonest first.

    A planned filing gives its filing due date (overdue ones included); a granted one its
    expiry and renewal window (certificates: the day to apply again), unless a later filing
    or an extension replaced it; reports and audits the next one. Withdrawn and rejected
    filings give none.
    """
    out = [d for f in filings for d in deadlines_of(f, filings, law, as_of, calendar)]
    return sorted(out, key=lambda d: (d.due, d.record_id, d.kind))
