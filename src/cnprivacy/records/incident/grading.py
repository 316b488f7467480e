"""An incident's grade under the annex of the Incident Reporting Measures, and the audit flag.

The thresholds are dated law data (``incident_reporting_measures``: PI leaks 1M/10M/100M 以上 and
the annex's 特别重大 outage, service and loss indicators; ``pi_audit_measures`` art 5 for the
ordered audit). The annex also has qualitative criteria and 重大/较大 indicators for outages and
losses that our sources do not give: a person records their reading in ``assessed_grade`` and the
grade is never below it.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass

from cnprivacy.law.loader import LawBook
from cnprivacy.records.bilingual import Text, article_zh, cite_zh, describe_zh
from cnprivacy.records.deadline import CHINA
from cnprivacy.records.incident.model import Effect, GradeLevel, Incident, OperatorType

MEASURES = "incident_reporting_measures"
AUDIT = "pi_audit_measures"

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt, "eq": operator.eq}

_LEAKED = Text("people whose PI leaked", "个人信息泄露涉及的人数")
# (parameter, incident field, grade it gives, what the fact is); highest grade first.
CRITERIA: tuple[tuple[str, str, GradeLevel, Text], ...] = (
    ("especially_serious_pi_leak_individuals", "individuals", GradeLevel.ESPECIALLY_MAJOR,
     _LEAKED),
    ("especially_serious_cii_outage_hours", "cii_outage_hours", GradeLevel.ESPECIALLY_MAJOR,
     Text("hours the CII was wholly down", "关键信息基础设施整体中断运行的小时数")),
    ("especially_serious_cii_main_function_outage_hours", "cii_main_function_outage_hours",
     GradeLevel.ESPECIALLY_MAJOR, Text("hours the CII's main functions were down",
                                       "关键信息基础设施主要功能中断运行的小时数")),
    ("especially_serious_people_services_affected", "people_services_affected",
     GradeLevel.ESPECIALLY_MAJOR,
     Text("people whose water, power, transport or other services were hit",
          "水、电、交通等服务受影响的人数")),
    ("especially_serious_economic_loss_yuan", "direct_economic_loss_yuan",
     GradeLevel.ESPECIALLY_MAJOR, Text("direct economic loss in RMB", "直接经济损失（元）")),
    ("serious_pi_leak_individuals", "individuals", GradeLevel.MAJOR, _LEAKED),
    ("major_pi_leak_individuals", "individuals", GradeLevel.RELATIVELY_MAJOR, _LEAKED),
)
_PI_LEAK_FIELDS = {"individuals"}
_CII_FIELDS = {"cii_outage_hours", "cii_main_function_outage_hours"}


def china_day(moment: dt.datetime) -> dt.date:
    """The calendar day in China of a timezone-aware moment (the day whose law applies)."""
    return moment.astimezone(CHINA).date()


# Provisions the law data cites by topic because their article numbers are not confirmed.
_TOPICS = {"grading": Text("annex 网络安全事件分级指南", "附件《网络安全事件分级指南》"),
           "summary-report": Text("summary-report provision (article number unconfirmed)",
                                  "总结报告条款（条号待核实）"),
           "report-content": Text("report-content provision (article number unconfirmed)",
                                  "报告内容条款（条号待核实）")}


def citation(lawbook: LawBook, instrument_id: str, article: str) -> str:
    """Instrument, article and official source, as every finding names them."""
    inst = lawbook[instrument_id]
    source = inst.cited_source
    where = _TOPICS[article].en if article in _TOPICS else f"art {article}"
    return f"{inst.short} {where} ({inst.name_zh}; {source.url or source.title})"


def citation_zh(lawbook: LawBook, instrument_id: str, article: str) -> str:
    """The same citation for a Chinese reader: 《国家网络安全事件报告管理办法》第四条（address）."""
    where = _TOPICS[article].zh if article in _TOPICS else article_zh(lawbook, instrument_id,
                                                                       article)
    return cite_zh(lawbook, instrument_id, where)


def cited(lawbook: LawBook, instrument_id: str, article: str) -> Text:
    return Text(citation(lawbook, instrument_id, article),
                citation_zh(lawbook, instrument_id, article))


def in_force(incident: Incident, lawbook: LawBook) -> bool:
    """Whether the Measures' clocks apply on the day the incident was discovered."""
    return lawbook.value(MEASURES, "operator_report_hours", china_day(incident.discovered_at)) is not None


@dataclass(frozen=True)
class Grade:
    level: GradeLevel | None   # None: the Measures were not in force on the discovery day
    reportable: bool | None    # 较大 or above; None while a missing fact could make it so
    reasons: tuple[Text, ...]  # each in English and Chinese
    missing: tuple[str, ...]   # unknown facts that could raise the grade
    cites: Text
    needs_review: bool

    @property
    def because(self) -> tuple[str, ...]:
        return tuple(r.en for r in self.reasons)

    @property
    def because_zh(self) -> tuple[str, ...]:
        return tuple(r.zh for r in self.reasons)

    @property
    def citation(self) -> str:
        return self.cites.en


def grade(incident: Incident, lawbook: LawBook) -> Grade:
    """The highest grade whose threshold a recorded fact meets (以上: at or above), never below a
    person's ``assessed_grade``; 较大 and above must be reported."""
    cite = cited(lawbook, MEASURES, "grading")
    day = china_day(incident.discovered_at)
    if not in_force(incident, lawbook):
        return Grade(None, None, (Text(
            f"discovered on {day} (China), before the Incident Reporting Measures took effect: "
            "no grading or hour clock",
            f"发现日（北京时间）{day} 早于《网络安全事件报告管理办法》施行之日：不分级，不适用小时时限"),),
            (), cite, False)
    level = incident.assessed_grade or GradeLevel.GENERAL
    because: list[Text] = []
    if incident.assessed_grade is not None:
        because.append(Text(
            f"assessed_grade = {level.value} ({level.zh}), a person's reading of the annex",
            f"assessed_grade = {level.zh}：人员依据附件作出的判断"))
    missing: dict[str, GradeLevel] = {}
    review = False
    leak = incident.effects is None or Effect.LEAK in incident.effects
    cii = incident.operator_type in (None, OperatorType.CII)
    for name, field, gives, what in CRITERIA:
        if field in _CII_FIELDS and not cii:
            continue
        resolved = lawbook.value(MEASURES, name, day)
        if resolved is None or not isinstance(resolved.value, int | float):
            continue
        fact = getattr(incident, field)
        if field in _PI_LEAK_FIELDS and not leak:
            continue
        if fact is None:
            missing[field] = max(missing.get(field, gives), gives, key=lambda g: g.rank)
            continue
        compare = _COMPARE[resolved.parameter.comparison or "gte"]
        if compare(fact, resolved.value):
            review = review or resolved.needs_review
            unrecorded = field in _PI_LEAK_FIELDS and incident.effects is None
            note = " (effects not recorded: counted as a leak until they are)" if unrecorded else ""
            note_zh = "（未记录影响类型：记录前按泄露计）" if unrecorded else ""
            because.append(Text(f"{field} = {fact:,} meets {resolved.describe()}: {what.en}, "
                                f"{gives.zh} or above{note}",
                                f"{field} = {fact:,}，达到 {describe_zh(resolved)}：{what.zh}，"
                                f"{gives.zh}及以上{note_zh}"))
            if gives.rank > level.rank:
                level = gives
    relevant = tuple(sorted(f for f, g in missing.items() if g.rank > level.rank))
    if level.rank >= GradeLevel.RELATIVELY_MAJOR.rank:
        reportable: bool | None = True
    elif "individuals" in relevant:
        # The count of people is the fact this record exists for; the annex's other indicators
        # (outages, losses) are listed as missing but do not hold the clock open on their own.
        reportable = None
    else:
        reportable = False
    if not because:
        because.append(Text("no encoded threshold is met", "未达到已编码的任何分级标准"))
    if level is not GradeLevel.ESPECIALLY_MAJOR:
        because.append(Text(
            "not encoded: the annex's qualitative criteria, its portal-outage, illegal-content "
            "and important/core-data indicators, and its 重大/较大 outage, loss and service "
            "indicators: judge them and record assessed_grade",
            "未编码：附件的定性标准，门户网站中断、违法有害信息、重要数据和核心数据等指标，以及重大、较大"
            "级别的中断运行、经济损失和服务影响指标：请人工判断并记录 assessed_grade"))
        review = True
    if relevant:
        because.append(Text("unknown, could raise the grade: " + ", ".join(relevant),
                            "尚不清楚、可能提高级别的事实：" + "、".join(relevant)))
    return Grade(level, reportable, tuple(because), relevant, cite, review)


@dataclass(frozen=True)
class AuditFlag:
    may_order: bool | None  # None while a count is unknown and the other does not decide it
    because: tuple[str, ...]
    citation: str


def audit_flag(incident: Incident, lawbook: LawBook) -> AuditFlag:
    """Whether the regulator may order an external compliance audit (Audit Measures art 5(3):
    an incident leaking, altering, losing or destroying PI of 100万人以上 or sensitive PI of
    10万人以上)."""
    cite = citation(lawbook, AUDIT, "5(3)")
    day = china_day(incident.discovered_at)
    people = lawbook.value(AUDIT, "ordered_audit_incident_individuals", day)
    sensitive = lawbook.value(AUDIT, "ordered_audit_incident_sensitive_individuals", day)
    if people is None or sensitive is None:
        return AuditFlag(False, (f"the Audit Measures were not in force on {day}",), cite)
    if incident.effects == []:
        return AuditFlag(False, ("effects = []: no PI leaked, altered, lost or destroyed",), cite)
    hits, unknown = [], []
    for count, resolved in ((incident.individuals, people),
                            (incident.sensitive_individuals, sensitive)):
        field = "individuals" if resolved is people else "sensitive_individuals"
        if count is None:
            unknown.append(field)
        elif isinstance(resolved.value, int) and count >= resolved.value:
            hits.append(f"{field} = {count:,} meets {resolved.describe()}")
    if hits:
        return AuditFlag(True, tuple(hits), cite)
    if unknown:
        return AuditFlag(None, ("unknown: " + ", ".join(unknown),), cite)
    return AuditFlag(False, (f"individuals below {people.value:,} and sensitive_individuals "
                             f"below {sensitive.value:,}",), cite)
