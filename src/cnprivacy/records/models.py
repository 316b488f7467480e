"""The processing register's entries (GB/T 35273-2020 §11.3; NDSMR art 12; PIPL art 56).

One :class:`Activity` per processing activity, keyed by the same ``id`` as the profile's
``processing`` section. As in the profile, a fact left out is *unknown*, not "none": a list that
is ``None`` has not been recorded yet, an empty list means "there are none".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from cnprivacy.profile.models import SENSITIVE_CATEGORIES, DataCategory, LegalBasis

NonNegative = Annotated[int, Field(ge=0)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
# Upper-cased by pydantic's core (a Python validator per row costs a tenth of a register's load).
Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True),
                    Field(description="ISO 3166 alpha-2 code.")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecipientRole(StrEnum):
    """How the PI reaches the recipient (PIPL arts 21, 23, 20, 25, 38)."""

    ENTRUSTED = "entrusted"          # 委托处理 (PIPL art 21)
    PROVIDED = "provided"            # 向其他个人信息处理者提供 (PIPL art 23)
    JOINT = "joint"                  # 共同处理 (PIPL art 20)
    DISCLOSED = "disclosed"          # 公开 (PIPL art 25)
    EXPORTED = "exported"            # 向境外提供 (PIPL art 38)


#: Roles whose records NDSMR art 12 requires to be kept (providing and entrusting).
KEPT_ROLES = frozenset({RecipientRole.ENTRUSTED, RecipientRole.PROVIDED, RecipientRole.EXPORTED})


class Contract(_Strict):
    """The agreement on purpose, method, scope and security duties (NDSMR art 12, PIPL art 21)."""

    reference: Text
    signed_on: dt.date | None = None
    expires_on: dt.date | None = None
    covers_purpose_method_scope: bool | None = Field(
        default=None, description="States purpose, method, scope and security duties (NDSMR art 12).")

    @model_validator(mode="after")
    def _ordered(self) -> Contract:
        if self.signed_on and self.expires_on and self.expires_on < self.signed_on:
            raise ValueError("expires_on is before signed_on")
        return self


class Recipient(_Strict):
    role: RecipientRole
    name: Text
    country: Country | None = None
    purpose: str | None = None
    contract: Contract | None = None


class DataSource(_Strict):
    """Where the PI comes from; ``direct`` is False for PI obtained from others (PIPL art 27)."""

    description: Text
    direct: bool


class System(_Strict):
    name: Text
    storage_location: str | None = Field(default=None, description="Data centre, cloud region.")
    country: Country | None = None


class Retention(_Strict):
    period: Text = Field(description="As the privacy notice states it, e.g. '3 years after the "
                         "account is closed'.")
    months: NonNegative | None = None
    end_action: str | None = Field(default=None, description="Deleted, anonymised, ...")


class Responsible(_Strict):
    """A person accountable for the activity (PIPL art 52; GB/T 35273 §11.1); no contact data."""

    name: Text
    role: Text


class ScanEvidence(_Strict):
    """The receipt of a ``cnprivacy scan`` report the counts came from (no PI: counts only)."""

    report_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    report_name: str
    scanned_on: str
    sources: NonNegative
    individuals: NonNegative | None = None
    sensitive_individuals: NonNegative | None = None
    data_categories: list[str] = []


class ActivityStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"  # ended; its versions stay in the history


class Activity(_Strict):
    """One processing activity as the register holds it."""

    id: str = Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")
    status: ActivityStatus = ActivityStatus.ACTIVE
    purpose: str | None = None
    business_scenario: str | None = None
    legal_basis: LegalBasis | None = None
    data_categories: list[DataCategory] = []
    individuals: NonNegative | None = None
    sensitive_individuals: NonNegative | None = None
    sources: list[DataSource] | None = None
    systems: list[System] | None = None
    retention: Retention | None = None
    recipients: list[Recipient] | None = None
    responsible: list[Responsible] | None = None
    evidence: list[ScanEvidence] = []
    # Profile facts the register cannot derive (kept so that the profile round-trips).
    automated_decision_making: bool | None = None
    personalised_push_or_marketing: bool | None = None
    health_data_shanghai: bool | None = None
    notice_given: bool | None = None
    provides_to_third_parties: bool | None = None
    entrusts_processing: bool | None = None
    publicly_discloses: bool | None = None
    retention_defined: bool | None = None

    @property
    def sensitive_categories(self) -> list[DataCategory]:
        return [c for c in self.data_categories if c in SENSITIVE_CATEGORIES]

    @field_validator("data_categories")
    @classmethod
    def _no_repeats(cls, v: list[DataCategory]) -> list[DataCategory]:
        if len(set(v)) != len(v):
            raise ValueError("a category is listed twice")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Activity:
        if (self.individuals is not None and self.sensitive_individuals is not None
                and self.sensitive_individuals > self.individuals):
            raise ValueError("sensitive_individuals is more than individuals")
        if self.retention is not None and self.retention_defined is False:
            raise ValueError("retention_defined is false but a retention is recorded")
        roles = {r.role for r in self.recipients or []}
        for flag, role in (("provides_to_third_parties", RecipientRole.PROVIDED),
                           ("entrusts_processing", RecipientRole.ENTRUSTED),
                           ("publicly_discloses", RecipientRole.DISCLOSED)):
            if getattr(self, flag) is False and role in roles:
                raise ValueError(f"{flag} is false but a recipient has role {role.value!r}")
        return self


RecordT = TypeVar("RecordT", bound=BaseModel)


class Version(_Strict, Generic[RecordT]):
    """One row of an append-only history: who changed what, when, and the record as it then stood.

    ``data`` is the whole record of its kind (an :class:`Activity` in the register; impact
    assessments, filings and incidents are other kinds in the same history, see ``records.kinds``).
    """

    record_id: str
    version: int = Field(ge=1)
    changed_at: dt.datetime
    changed_by: str
    reason: str | None = None
    changes: list[str]
    data: RecordT
