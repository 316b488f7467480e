"""An incident as the compliance record holds it (国家网络安全事件报告管理办法; PIPL art 57).

Times are timezone-aware: a time written without an offset is read as China Standard Time (the
clocks of the Measures run in Chinese offices), one with an offset keeps it. As in the register, a
fact left out is *unknown* (``None``), not "none": grading says which unknown fact it waited for.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from cnprivacy.records.deadline import CHINA
from cnprivacy.records.models import ScanEvidence


def _in_china_when_naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=CHINA) if value.tzinfo is None else value


#: A point in time; without an offset it is China Standard Time.
Moment = Annotated[dt.datetime, AfterValidator(_in_china_when_naive)]
NonNegative = Annotated[int, Field(ge=0)]
Hours = Annotated[float, Field(ge=0)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OperatorType(StrEnum):
    """Who reports, which decides the clock (Measures art 4)."""

    CII = "cii"                  # 涉及关键信息基础设施: protection department and police, 1 hour
    STATE_ORGAN = "state_organ"  # 中央和国家机关各部门及其直属单位: own cyber unit, 2 hours
    OTHER = "other"              # 其他网络运营者: provincial CAC, 4 hours


class Effect(StrEnum):
    """What happened to the PI (PIPL art 57; Audit Measures art 5(3) adds destruction)."""

    LEAK = "leak"                # 泄露
    ALTERATION = "alteration"    # 篡改
    LOSS = "loss"                # 丢失
    DESTRUCTION = "destruction"  # 毁损


class GradeLevel(StrEnum):
    """The four grades of the annex, lowest first (the order compares them)."""

    GENERAL = "general"                    # 一般
    RELATIVELY_MAJOR = "relatively_major"  # 较大
    MAJOR = "major"                        # 重大
    ESPECIALLY_MAJOR = "especially_major"  # 特别重大

    @property
    def rank(self) -> int:
        return list(GradeLevel).index(self)

    @property
    def zh(self) -> str:
        return {"general": "一般", "relatively_major": "较大", "major": "重大",
                "especially_major": "特别重大"}[self.value]


class ReportKind(StrEnum):
    INITIAL = "initial"        # 首报 (Measures art 4)
    SUPPLEMENT = "supplement"  # 补报 / 续报
    SUMMARY = "summary"        # 总结报告, within 30 days after handling ends


class IncidentStatus(StrEnum):
    OPEN = "open"
    CONTAINED = "contained"
    CLOSED = "closed"


class ReportMade(_Strict):
    """A report sent: when, and which numbered items of the Measures' list it covered."""

    kind: ReportKind
    at: Moment
    items: list[Annotated[int, Field(ge=1, le=8)]] = []
    to: str | None = Field(default=None, description="The body reported to.")
    reference: str | None = None


class Channel(StrEnum):
    """Ways of telling individuals (NDSMR art 11)."""

    PHONE = "phone"
    SMS = "sms"
    IM = "im"
    EMAIL = "email"
    NOTICE = "notice"


class IndividualNotice(_Strict):
    """Notice to the individuals (PIPL art 57 ¶1): categories, cause, harm, remedies, contact."""

    at: Moment
    channels: list[Channel] = Field(min_length=1)
    individuals: NonNegative | None = None


class Incident(_Strict):
    """One cybersecurity or PI incident, its grading facts, reports and notices."""

    id: str = Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")
    title: str | None = Field(default=None, max_length=500)
    discovered_at: Moment = Field(description="When the operator discovered or learned of it.")
    operator_type: OperatorType | None = None
    affected_systems: list[Text] | None = None
    activities: list[str] = Field(default=[], description="Register activities whose PI is hit.")
    effects: list[Effect] | None = None
    individuals: NonNegative | None = Field(default=None, description="People whose PI is hit.")
    sensitive_individuals: NonNegative | None = None
    cii_outage_hours: Hours | None = Field(default=None, description="CII wholly down, hours.")
    cii_main_function_outage_hours: Hours | None = None
    people_services_affected: NonNegative | None = Field(
        default=None, description="People whose water, power, transport, medical care ... is hit.")
    direct_economic_loss_yuan: NonNegative | None = None
    ransomware: bool | None = None
    assessed_grade: GradeLevel | None = Field(
        default=None, description="A person's grading on the annex's qualitative criteria; the "
        "grade is never below it.")
    handling_ended_at: Moment | None = None
    reports: list[ReportMade] = []
    notices: list[IndividualNotice] = []
    no_notice_reason: str | None = Field(
        default=None, description="Measures taken avoid the harm, so individuals need not be "
        "told (PIPL art 57 ¶2); the authority may still require it.")
    status: IncidentStatus = IncidentStatus.OPEN
    evidence: list[ScanEvidence] = []

    @model_validator(mode="after")
    def _consistent(self) -> Incident:
        if (self.individuals is not None and self.sensitive_individuals is not None
                and self.sensitive_individuals > self.individuals):
            raise ValueError("sensitive_individuals is more than individuals")
        if self.handling_ended_at is not None and self.handling_ended_at < self.discovered_at:
            raise ValueError("handling_ended_at is before discovered_at")
        for i, report in enumerate(self.reports):
            if report.at < self.discovered_at:
                raise ValueError(f"reports[{i}].at is before discovered_at")
        if self.status is IncidentStatus.CLOSED and self.handling_ended_at is None:
            raise ValueError("a closed incident needs handling_ended_at")
        if any(r.kind is ReportKind.SUMMARY for r in self.reports) and self.handling_ended_at is None:
            raise ValueError("a summary report needs handling_ended_at")
        return self
