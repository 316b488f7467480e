"""An incident's clocks: the report within 1, 2 or 4 hours, the 30-day summary report and the
PIPL art 57 notice, as absolute due times in China Standard Time.

Hour clocks run on the wall clock from discovery (发现或获知, Measures art 4): nights, weekends
and public holidays count. The summary report is due within 30 days (日, calendar days, not
working days) after handling ends; the day handling ends is not counted (Civil Code art 201) and
the due time is that day's end. Civil Code art 203 would move a period ending on a public holiday
to the next working day; whether it reaches this administrative time limit is not settled, so
the earlier day is shown and marked for review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cnprivacy.law.loader import LawBook
from cnprivacy.records.deadline import CHINA, Deadline, day_end
from cnprivacy.records.incident.grading import (
    MEASURES,
    Grade,
    china_day,
    citation,
    citation_zh,
    grade,
)
from cnprivacy.records.incident.model import Effect, GradeLevel, Incident, OperatorType, ReportKind

RECORD_KIND = "incident"
INITIAL = "incident_initial_report"
SUMMARY = "incident_summary_report"
NOTICE = "incident_individual_notice"

# Operator type -> (hours parameter, escalation parameter and unit, body reported to).
_CLOCKS: dict[OperatorType, tuple[str, str, str, str, str]] = {
    OperatorType.CII: ("cii_report_hours", "cii_escalation_minutes", "minutes",
                       "the protection department and the police", "保护工作部门、公安机关"),
    OperatorType.STATE_ORGAN: ("state_organ_report_hours", "state_organ_escalation_hours", "hours",
                               "the organ's own cyber unit", "本部门网信工作机构"),
    OperatorType.OTHER: ("operator_report_hours", "operator_escalation_hours", "hours",
                         "the provincial CAC", "属地省级网信部门"),
}


def _initial(incident: Incident, lawbook: LawBook, graded: Grade) -> Deadline | None:
    day = china_day(incident.discovered_at)
    because = list(graded.because)
    review = graded.needs_review
    kind = incident.operator_type
    if kind is None:
        # The shortest clock until the type is known: reporting early is never late.
        kind = min(_CLOCKS, key=lambda k: _hours(lawbook, _CLOCKS[k][0], day))
        because.append("operator_type unknown: the shortest clock is shown until it is recorded")
        review = True
    hours_name, escalation_name, unit, body, body_zh = _CLOCKS[kind]
    hours = _hours(lawbook, hours_name, day)
    resolved = lawbook.value(MEASURES, hours_name, day)
    assert resolved is not None  # _hours checked it
    because.append(f"operator_type = {kind.value}: {resolved.describe()} from discovery "
                   f"({incident.discovered_at.astimezone(CHINA).isoformat()})")
    if graded.reportable is None:
        because.append("grade not settled: the clock runs until the incident is graded below 较大")
        review = True
    if graded.level is not None and graded.level.rank >= GradeLevel.MAJOR.rank:
        passed = lawbook.value(MEASURES, escalation_name, day)
        if passed is not None:
            because.append(f"{graded.level.zh}: {body} pass it on within {passed.value} {unit} "
                           "of receiving it (their duty)")
    return Deadline(
        due=incident.discovered_at.astimezone(CHINA) + dt.timedelta(hours=hours),
        kind=INITIAL, record_kind=RECORD_KIND, record_id=incident.id,
        title=f"Report incident {incident.id} to {body} (at least the first items)",
        title_zh=f"向{body_zh}报告网络安全事件 {incident.id}",
        citation=citation(lawbook, MEASURES, "4"), citation_zh=citation_zh(lawbook, MEASURES, "4"),
        because=tuple(because), needs_review=review)


def _hours(lawbook: LawBook, name: str, day: dt.date) -> float:
    resolved = lawbook.value(MEASURES, name, day)
    if resolved is None or not isinstance(resolved.value, int | float):
        raise ValueError(f"{MEASURES}.{name} has no value on {day}")
    return float(resolved.value)


def _summary(incident: Incident, lawbook: LawBook, graded: Grade) -> Deadline | None:
    if incident.handling_ended_at is None:
        return None
    ended = china_day(incident.handling_ended_at)
    resolved = lawbook.value(MEASURES, "summary_report_days", ended)
    if resolved is None or not isinstance(resolved.value, int):
        return None
    return Deadline(
        due=day_end(ended + dt.timedelta(days=resolved.value)), kind=SUMMARY,
        record_kind=RECORD_KIND, record_id=incident.id,
        title=f"Summary report on incident {incident.id} (cause, response, harm, "
              "accountability, rectification, lessons)",
        title_zh=f"网络安全事件 {incident.id} 总结报告",
        citation=citation(lawbook, MEASURES, "summary-report"),
        citation_zh=citation_zh(lawbook, MEASURES, "summary-report"),
        because=(f"handling ended {ended} (China); {resolved.describe()}, calendar days, the "
                 "end day not counted", "not moved for a public holiday (Civil Code art 203 "
                 "might move it; the earlier day is shown)"),
        needs_review=True)


@dataclass(frozen=True)
class NoticeDuty:
    """PIPL art 57: remedy at once and tell the authority and the individuals."""

    required: bool | None
    because: tuple[str, ...]
    citation: str


def notice_duty(incident: Incident, lawbook: LawBook) -> NoticeDuty:
    cite = citation(lawbook, "pipl", "57")
    covered = {Effect.LEAK, Effect.ALTERATION, Effect.LOSS}  # art 57: 泄露、篡改、丢失
    if incident.individuals == 0 or (incident.effects is not None
                                     and not covered & set(incident.effects)):
        return NoticeDuty(False, ("no individual's PI leaked, altered or lost",), cite)
    if incident.no_notice_reason:
        return NoticeDuty(False, ("the measures taken avoid the harm (PIPL art 57 ¶2): "
                                  "individuals need not be told unless the authority requires it",
                                  "the authority must still be notified"), cite)
    if incident.individuals is None and incident.effects is None and not incident.activities:
        return NoticeDuty(None, ("unknown whether PI is affected: record effects or individuals",),
                          cite)
    return NoticeDuty(True, ("PI leaked, altered or lost (or may be): tell the individuals at "
                             "once — categories, cause, possible harm, remedies, what they can "
                             "do, contact (PIPL art 57); by phone, SMS, IM, e-mail or notice "
                             "(NDSMR art 11); no hour limit: 'immediately'",), cite)


def _notice(incident: Incident, lawbook: LawBook) -> Deadline | None:
    duty = notice_duty(incident, lawbook)
    if duty.required is False:
        return None
    return Deadline(
        due=incident.discovered_at.astimezone(CHINA), kind=NOTICE, record_kind=RECORD_KIND,
        record_id=incident.id, title=f"Tell the individuals affected by incident {incident.id}",
        title_zh=f"将事件 {incident.id} 通知个人", citation=duty.citation,
        citation_zh=citation_zh(lawbook, "pipl", "57"), because=duty.because,
        needs_review=duty.required is None)


def report_clock(incident: Incident, lawbook: LawBook) -> list[Deadline]:
    """Every clock of the incident, met or not, soonest first."""
    graded = grade(incident, lawbook)
    out = []
    notice = _notice(incident, lawbook)
    if notice is not None:
        out.append(notice)
    if graded.level is not None and graded.reportable is not False:
        for make in (_initial, _summary):
            found = make(incident, lawbook, graded)
            if found is not None:
                out.append(found)
    return sorted(out, key=lambda d: d.due)


def met_at(incident: Incident, deadline: Deadline,
           as_of: dt.datetime | None = None) -> dt.datetime | None:
    """When the deadline was met (the earliest report or notice of its kind), by ``as_of``."""
    if deadline.kind == NOTICE:
        times = [n.at for n in incident.notices]
    else:
        wanted = ReportKind.INITIAL if deadline.kind == INITIAL else ReportKind.SUMMARY
        times = [r.at for r in incident.reports if r.kind is wanted]
    times = [t for t in times if as_of is None or t <= as_of]
    return min(times, default=None)


@dataclass(frozen=True)
class ClockState:
    deadline: Deadline
    met_at: dt.datetime | None
    state: str              # met, late, due, overdue; immediately (a notice not yet made)
    margin: dt.timedelta    # due minus the time met, or minus as_of when not met (negative: late)


def clock_states(incident: Incident, lawbook: LawBook, as_of: dt.datetime) -> list[ClockState]:
    """Each clock as it stands at ``as_of`` (reports made after it are not counted)."""
    out = []
    for deadline in report_clock(incident, lawbook):
        done = met_at(incident, deadline, as_of)
        if deadline.kind == NOTICE:
            # "Immediately", no hour limit: a notice is met when made (whether it was prompt
            # is a person's judgement); until then it is owed now.
            state = "met" if done is not None else "immediately"
            margin = deadline.due - (done or as_of)
        elif done is not None:
            state = "met" if done <= deadline.due else "late"
            margin = deadline.due - done
        else:
            state = "due" if as_of <= deadline.due else "overdue"
            margin = deadline.due - as_of
        out.append(ClockState(deadline, done, state, margin))
    return out


def incident_deadlines(incidents: Iterable[Incident], lawbook: LawBook,
                       as_of: dt.datetime | dt.date) -> list[Deadline]:
    """The calendar's entries: every clock not met by ``as_of``, soonest first (a date means
    the end of that day in China)."""
    if not isinstance(as_of, dt.datetime):
        as_of = day_end(as_of)
    elif as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    out = [d for incident in incidents for d in report_clock(incident, lawbook)
           if met_at(incident, d, as_of) is None]
    return sorted(out, key=lambda d: (d.due, d.record_id, d.kind))
