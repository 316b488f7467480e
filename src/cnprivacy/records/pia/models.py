"""A personal information protection impact assessment (PIPL arts 55-56; GB/T 39335-2020).

One :class:`Pia` per assessment of one processing activity. Facts come from the register (the
data map, frozen at drafting) and the rules (the art 55 triggers); the rest are *judgements*:
inputs a person makes and confirms. A :class:`Judgement` the draft proposes from facts carries
where the proposal came from; it stays ``needs_review`` until someone confirms it with a reason.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from cnprivacy.records.keeping import Keeping
from cnprivacy.records.models import DataSource, System
from cnprivacy.records.pia.levels import ImpactLevel, LikelihoodLevel, from_input

Impact = Annotated[ImpactLevel, BeforeValidator(from_input)]
Likelihood = Annotated[LikelihoodLevel, BeforeValidator(from_input)]
Reason = Annotated[str, Field(min_length=1, max_length=4000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


T = TypeVar("T")


class Judgement(_Strict, Generic[T]):
    """A person's assessment: a value, the written reason, and whether someone confirmed it."""

    value: T | None = None
    reason: Reason | None = None
    confirmed: bool = False
    proposed_from: str | None = Field(
        default=None, description="The facts a drafted proposal came from (not a confirmation).")

    @property
    def needs_review(self) -> bool:
        return not self.confirmed

    @model_validator(mode="after")
    def _confirmed_with_reason(self) -> Judgement[T]:
        if self.confirmed and self.value is None:
            raise ValueError("confirmed without a value")
        if self.confirmed and not self.reason:
            raise ValueError("confirmed without a reason")
        return self


class TriggerKind(StrEnum):
    """The cases of PIPL art 55 that require an assessment beforehand."""

    SENSITIVE = "sensitive_pi"                 # (一) 处理敏感个人信息
    AUTOMATED_DECISION = "automated_decision"  # (二) 利用个人信息进行自动化决策
    ENTRUSTING = "entrusting"                  # (三) 委托处理个人信息
    PROVIDING = "providing"                    # (三) 向其他个人信息处理者提供个人信息
    PUBLISHING = "publishing"                  # (三) 公开个人信息
    EXPORT = "export"                          # (四) 向境外提供个人信息
    OTHER = "other_significant_impact"         # (五) 其他对个人权益有重大影响的个人信息处理活动


class Trigger(_Strict):
    kind: TriggerKind
    holds: bool | None  # None: the register leaves the fact unknown
    article: str        # e.g. "55(1)"
    citation: str
    because: list[str]


class DataMapRecipient(_Strict):
    role: str
    name: str
    country: str | None = None
    contract: str | None = None


class DataMap(_Strict):
    """The activity as the register held it when the assessment was drafted (GB/T 39335 §5.3)."""

    activity_id: str
    activity_version: int
    purpose: str | None = None
    business_scenario: str | None = None
    legal_basis: str | None = None
    data_categories: list[str] = []
    sensitive_categories: list[str] = []
    individuals: int | None = None
    sensitive_individuals: int | None = None
    sources: list[DataSource] | None = None
    systems: list[System] | None = None
    recipients: list[DataMapRecipient] | None = None
    retention: str | None = None
    evidence: list[str] = []


class ImpactGrades(_Strict):
    """Impact on rights per dimension of GB/T 39335 §5.5 / Table D.2, before modifiers."""

    autonomy: Judgement[Impact] = Judgement()        # 限制个人自主决定权
    discrimination: Judgement[Impact] = Judgement()  # 引发差别性待遇
    reputation: Judgement[Impact] = Judgement()      # 个人名誉受损和遭受精神压力
    property: Judgement[Impact] = Judgement()        # 个人财产受损


DIMENSIONS = ("autonomy", "discrimination", "reputation", "property")


class Modifiers(_Strict):
    """The standard's corrections of the impact grade (Annex D.1), each with its reason."""

    sensitive_at_scale: Judgement[bool] = Judgement()  # raises one level
    vulnerable_groups: Judgement[bool] = Judgement()   # raises one level
    deidentified: Judgement[bool] = Judgement()        # lowers one level (verified)


class LikelihoodFactors(_Strict):
    """Likelihood of a security event by the four areas of Table D.4."""

    network: Judgement[Likelihood] = Judgement()    # 网络环境和技术措施
    process: Judgement[Likelihood] = Judgement()    # 处理流程规范性
    parties: Judgement[Likelihood] = Judgement()    # 参与人员与第三方
    situation: Judgement[Likelihood] = Judgement()  # 安全态势及业务特点 (incidents, scale)


FACTORS = ("network", "process", "parties", "situation")


class MeasureStatus(StrEnum):
    IN_PLACE = "in_place"
    PLANNED = "planned"


class Measure(_Strict):
    description: Reason
    status: MeasureStatus
    owner: Name | None = None
    due: dt.date | None = None


class PiaStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"  # by legal
    APPROVED = "approved"  # by the PI protection officer


class Pia(_Strict):
    """One impact assessment: the record kept as versions of kind ``pia``."""

    id: str = Field(pattern=r"^PIA-[0-9]{4,}$")
    activity_id: str
    assessed_on: dt.date
    status: PiaStatus = PiaStatus.DRAFT
    data_map: DataMap
    triggers: list[Trigger]
    # Judgements (inputs).
    purpose_and_method: Judgement[bool] = Judgement()        # art 56(1) lawful, legitimate, necessary
    other_significant_impact: Judgement[bool] = Judgement()  # art 55(5)
    impact: ImpactGrades = ImpactGrades()
    modifiers: Modifiers = Modifiers()
    likelihood: LikelihoodFactors = LikelihoodFactors()
    likelihood_lowered: Judgement[bool] = Judgement()        # Annex D.2: measures lower one level
    measures: list[Measure] = []
    measures_adequate: Judgement[bool] = Judgement()         # art 56(3)
    residual_risk: Judgement[Impact] = Judgement()
    next_review_on: dt.date | None = None
    # Workflow.
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    risk_at_approval: Impact | None = None
    keeping: Keeping | None = None


def judgement_fields(pia: Pia) -> dict[str, Judgement[Any]]:
    """Every judgement of an assessment by its field path, in the report's order."""
    out: dict[str, Judgement[Any]] = {"purpose_and_method": pia.purpose_and_method,
                                      "other_significant_impact": pia.other_significant_impact}
    out.update({f"impact.{d}": getattr(pia.impact, d) for d in DIMENSIONS})
    out.update({f"modifiers.{m}": getattr(pia.modifiers, m) for m in Modifiers.model_fields})
    out.update({f"likelihood.{f}": getattr(pia.likelihood, f) for f in FACTORS})
    out["likelihood_lowered"] = pia.likelihood_lowered
    out["measures_adequate"] = pia.measures_adequate
    out["residual_risk"] = pia.residual_risk
    return out


def unconfirmed(pia: Pia) -> list[str]:
    """Field paths of the judgements nobody has confirmed yet."""
    return [path for path, j in judgement_fields(pia).items() if j.needs_review]
