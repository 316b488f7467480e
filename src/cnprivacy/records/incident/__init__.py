"""Incidents under the 国家网络安全事件报告管理办法 (in force 2025-11-01) and PIPL art 57: the
record, its grade, its reporting clocks and the report items. Pure logic: storage is the shared
record history (``records.kinds``), the CLI and web only call these functions."""

from cnprivacy.records.incident.clock import (
    ClockState,
    NoticeDuty,
    clock_states,
    incident_deadlines,
    notice_duty,
    report_clock,
)
from cnprivacy.records.incident.grading import AuditFlag, Grade, audit_flag, grade
from cnprivacy.records.incident.items import ItemsDue, ReportItem, report_items
from cnprivacy.records.incident.model import (
    Effect,
    GradeLevel,
    Incident,
    IncidentStatus,
    OperatorType,
    ReportKind,
    ReportMade,
)

__all__ = ["AuditFlag", "ClockState", "Effect", "Grade", "GradeLevel", "Incident",
           "IncidentStatus", "ItemsDue", "NoticeDuty", "OperatorType", "ReportItem", "ReportKind",
           "ReportMade", "audit_flag", "clock_states", "grade", "incident_deadlines",
           "notice_duty", "report_clock", "report_items"]
