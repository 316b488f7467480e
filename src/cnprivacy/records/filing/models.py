"""A filing or report the company made or owes: what it is, where it stands, what it covers.

One :class:`Filing` per filing, declaration, certificate or report (standard contract filing,
security assessment and its extension, certification, the PI protection officer report, the
facial-recognition filing, algorithm / deep synthesis / generative AI filings, the minors' yearly
audit report, PI compliance audits). It is stored as versions of kind ``filing`` in the record's
one history. As everywhere in the record, a fact left out is *unknown*.

``facts`` keeps each covered transfer's facts as filed (purpose, method, scope, categories ...),
so that a later change of the transfer can be matched against the refiling triggers of Decree 11
art 14 and Decree 13 art 8 (:mod:`cnprivacy.records.filing.triggers`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cnprivacy.profile.models import DataCategory

#: The record kind filings are stored under (``records.kinds``).
KIND_FILING = "filing"

NonNegative = Annotated[int, Field(ge=0)]
Ident = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FilingKind(StrEnum):
    """What was filed; the law each kind follows is in :mod:`cnprivacy.records.filing.kinds`."""

    STANDARD_CONTRACT = "standard_contract"              # Decree 13 art 7
    GBA_STANDARD_CONTRACT = "gba_standard_contract"      # GBA guidelines
    SECURITY_ASSESSMENT = "security_assessment"          # Decree 11; Decree 16 art 7
    ASSESSMENT_EXTENSION = "assessment_extension"        # Decree 16 art 9
    CERTIFICATION = "certification"                      # Decree 20
    PIPO_REPORT = "pipo_report"                          # PIPO notice 2025-07-18
    FACIAL_RECOGNITION = "facial_recognition"            # Facial Recognition Measures art 15
    ALGORITHM = "algorithm"                              # Algorithm Provisions art 24
    DEEP_SYNTHESIS = "deep_synthesis"                    # Deep Synthesis Provisions
    GENERATIVE_AI = "generative_ai"                      # GenAI Measures art 17
    MINORS_AUDIT_REPORT = "minors_audit_report"          # Minors Online Regulations art 37
    COMPLIANCE_AUDIT = "compliance_audit"                # Audit Measures art 4


class FilingStatus(StrEnum):
    PLANNED = "planned"        # owed, not yet submitted
    SUBMITTED = "submitted"    # handed in, no answer yet
    ACCEPTED = "accepted"      # filed (备案通过) or report received
    APPROVED = "approved"      # an assessment passed, a certificate issued, an extension granted
    REJECTED = "rejected"
    EXPIRED = "expired"        # marked by hand; an approval past its validity is also read as such
    WITHDRAWN = "withdrawn"


#: Statuses under which a filing counts as made (its obligation is met while it is valid).
MADE = frozenset({FilingStatus.SUBMITTED, FilingStatus.ACCEPTED, FilingStatus.APPROVED})
#: Statuses under which a filing's validity runs (an answer was given).
GRANTED = frozenset({FilingStatus.ACCEPTED, FilingStatus.APPROVED})


class FiledTransfer(_Strict):
    """A covered transfer's facts as filed (the profile's ``transfers[]`` fields of the same name).

    A fact left out was not stated in the filing and is not compared later."""

    transfer: Ident
    purpose: str | None = None
    method: str | None = None
    scope: str | None = None
    data_categories: list[DataCategory] | None = None
    sensitive: bool | None = Field(default=None, description="Sensitive PI was included.")
    storage_location: str | None = None
    recipient_use: str | None = None
    overseas_retention_months: NonNegative | None = None


class Filing(_Strict):
    """One filing, declaration, certificate or report, as the record holds it."""

    id: Ident
    kind: FilingKind
    status: FilingStatus
    title: str | None = Field(default=None, max_length=2000)
    authority: str | None = Field(default=None, max_length=500,
                                  description="Who received it, e.g. the Guangdong provincial CAC.")
    number: str | None = Field(default=None, max_length=200,
                               description="Filing number (备案编号) or certificate number.")
    # The day the duty arose: the contract took effect, the threshold was reached, the service
    # launched. A planned filing's due date runs from it.
    triggered_on: dt.date | None = None
    due_on: dt.date | None = Field(default=None, description="A due date set by the authority or "
                                   "a plan, used instead of the computed one.")
    submitted_on: dt.date | None = None
    decided_on: dt.date | None = Field(default=None, description="Accepted, approved or rejected "
                                       "on (the assessment result's or certificate's issue day).")
    effective_on: dt.date | None = Field(default=None, description="The day the standard contract "
                                         "(or the extended validity) took effect.")
    expires_on: dt.date | None = Field(default=None, description="The last valid day as the result "
                                       "or certificate states it (else computed from the law data).")
    period_year: int | None = Field(default=None, ge=2000, le=2100,
                                    description="The year a yearly report or audit covers.")
    extends: Ident | None = Field(default=None, description="For an extension: the assessment "
                                  "filing it extends.")
    transfers: list[Ident] = Field(default=[], description="Cross-border transfer ids it covers "
                                   "(the profile's transfers[].id).")
    activities: list[Ident] = Field(default=[], description="Processing activity ids it covers.")
    ai_services: list[Ident] = Field(default=[], description="AI service ids it covers.")
    facts: list[FiledTransfer] = Field(default=[], description="Each covered transfer's facts "
                                       "as filed.")
    withdrawn_reason: str | None = Field(default=None, max_length=2000)
    notes: str | None = Field(default=None, max_length=5000)

    @field_validator("transfers", "activities", "ai_services")
    @classmethod
    def _no_repeats(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("an id is listed twice")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Filing:
        # Messages start with the field they concern ("decided_on: ..."): the reader names it.
        if self.submitted_on and self.decided_on and self.decided_on < self.submitted_on:
            raise ValueError("decided_on: is before submitted_on")
        start = self.decided_on or self.effective_on
        if start and self.expires_on and self.expires_on < start:
            raise ValueError("expires_on: is before the filing was decided or took effect")
        if self.status in GRANTED and self.decided_on is None and self.kind not in _NO_DECISION:
            raise ValueError(f"decided_on: status {self.status.value} needs the day of the result")
        if self.status in MADE and self.submitted_on is None and self.decided_on is None:
            raise ValueError(f"submitted_on: status {self.status.value} needs the day it was submitted")
        filed = {f.transfer for f in self.facts}
        if len(filed) != len(self.facts):
            raise ValueError("facts: a transfer is listed twice")
        if not filed <= set(self.transfers):
            raise ValueError("facts: names a transfer the filing does not cover (transfers)")
        if self.extends is not None and self.kind is not FilingKind.ASSESSMENT_EXTENSION:
            raise ValueError("extends: only for an assessment_extension")
        return self


# Kinds whose "accepted" needs no decision date: a report is received when submitted, an audit
# is done when it is done (its day is ``submitted_on``).
_NO_DECISION = frozenset({FilingKind.PIPO_REPORT, FilingKind.MINORS_AUDIT_REPORT,
                          FilingKind.COMPLIANCE_AUDIT})
