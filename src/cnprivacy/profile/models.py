"""The organization profile (docs/spec/profile.md), plus the sections rules need.

A count or flag left out is *unknown*, not zero: every such field defaults to ``None`` and a rule
that needs it answers ``needs_info`` naming the field. Unknown fields are an error.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

NonNegative = Annotated[int, Field(ge=0)]

_COUNTRY_HINT = "expected an ISO 3166-1 alpha-2 country code such as CN, SG or US"


def _country_code(value: object, pattern: str) -> object:
    """Say what a country field expects (pydantic's pattern message names only the regex)."""
    if not isinstance(value, str) or re.fullmatch(pattern, value) is None:
        raise ValueError(_COUNTRY_HINT)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataCategory(StrEnum):
    """The spec's vocabulary (extend, do not rename)."""

    IDENTITY = "identity"
    CONTACT = "contact"
    ACCOUNT = "account"
    DEVICE = "device"
    NETWORK_ACTIVITY = "network_activity"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    PROPERTY = "property"
    BIOMETRIC = "biometric"
    FACIAL = "facial"
    RELIGIOUS_BELIEF = "religious_belief"
    SPECIFIC_IDENTITY = "specific_identity"
    MEDICAL_HEALTH = "medical_health"
    FINANCIAL_ACCOUNT = "financial_account"
    LOCATION_TRACKING = "location_tracking"
    MINOR_UNDER_14 = "minor_under_14"


SENSITIVE_CATEGORIES: frozenset[DataCategory] = frozenset(
    {
        DataCategory.BIOMETRIC,
        DataCategory.FACIAL,
        DataCategory.RELIGIOUS_BELIEF,
        DataCategory.SPECIFIC_IDENTITY,
        DataCategory.MEDICAL_HEALTH,
        DataCategory.FINANCIAL_ACCOUNT,
        DataCategory.LOCATION_TRACKING,
        DataCategory.MINOR_UNDER_14,
    }
)


class LegalBasis(StrEnum):
    CONSENT = "consent"
    SEPARATE_CONSENT = "separate_consent"
    CONTRACT = "contract"
    HR_MANAGEMENT = "hr_management"
    LEGAL_OBLIGATION = "legal_obligation"
    EMERGENCY = "emergency"
    NEWS_REPORTING = "news_reporting"
    PUBLIC_INFORMATION = "public_information"


class TransferBasis(StrEnum):
    CONTRACT_NECESSITY = "contract_necessity"
    HR_MANAGEMENT = "hr_management"
    EMERGENCY = "emergency"
    # Addition: NDSMR art 35(6), a transfer truly needed to perform a statutory duty or obligation.
    STATUTORY_DUTY = "statutory_duty"
    OTHER = "other"


class ContractScenario(StrEnum):
    CROSS_BORDER_SHOPPING = "cross_border_shopping"
    CROSS_BORDER_DELIVERY = "cross_border_delivery"
    CROSS_BORDER_REMITTANCE = "cross_border_remittance"
    CROSS_BORDER_PAYMENT = "cross_border_payment"
    CROSS_BORDER_ACCOUNT_OPENING = "cross_border_account_opening"
    AIR_TICKET_HOTEL_BOOKING = "air_ticket_hotel_booking"
    VISA = "visa"
    EXAM = "exam"
    DOMESTIC_HOTEL_BOOKING = "domestic_hotel_booking"
    OTHER = "other"


class Organization(_Strict):
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2 of establishment")
    province: str | None = None
    city: str | None = None
    free_trade_zone: str | None = None
    ciio: bool | None = None
    important_data_processor: bool | None = None
    registered_users: NonNegative | None = None
    monthly_active_users: NonNegative | None = None
    complex_business: bool | None = None
    individuals_processed: NonNegative | None = None
    sensitive_individuals_processed: NonNegative | None = None
    minors_under_14_processed: NonNegative | None = None
    facial_recognition_individuals: NonNegative | None = None
    revenue_prior_year_cny: NonNegative | None = None
    # Additions beyond the spec minimum.
    minors_processed: NonNegative | None = Field(
        default=None, description="Distinct individuals under 18 whose PI it processes."
    )
    state_organ: bool | None = Field(
        default=None, description="A state organ, or an organisation authorised by law to manage "
        "public affairs (PIPL art 37): no fines (PIPL art 68), Audit Measures art 19, incident route.",
    )
    large_platform_designated: bool | None = Field(
        default=None,
        description="On the CAC/MPS list of large network platforms (draft PI rules; no self-assessment).",
    )
    pi_officer_threshold_reached_on: date | None = Field(
        default=None, description="Day the officer threshold was first reached (reporting deadline)."
    )
    pi_officer_reported: bool | None = None
    facial_threshold_reached_on: date | None = Field(
        default=None, description="Day stored facial data first reached the filing threshold."
    )
    facial_filed: bool | None = None
    last_compliance_audit: date | None = None
    app_distribution_platform: bool | None = Field(
        default=None, description="Runs an app store or other app distribution service "
        "(NDSMR art 41).",
    )
    blockchain_service: bool | None = Field(
        default=None, description="Provides blockchain information services to the public in "
        "mainland China (区块链信息服务).",
    )
    blockchain_service_started_on: date | None = None
    blockchain_filed: bool | None = None
    mlps_level: int | None = Field(
        default=None, ge=1, le=5, description="Highest protection level (等级保护) of the "
        "organization's networks and systems, 1-5 (CSL art 23).",
    )
    mlps_filed: bool | None = Field(
        default=None, description="Systems of level 2 or above are filed with public security.",
    )
    last_mlps_test: date | None = Field(
        default=None, description="Day of the last MLPS test (等级测评) of the highest-level system.",
    )
    pi_incident_individuals: NonNegative | None = Field(
        default=None, description="Individuals whose PI the largest PI security incident leaked, "
        "altered, lost or destroyed (Audit Measures art 5(3)); 0 if none.",
    )
    pi_incident_sensitive_individuals: NonNegative | None = Field(
        default=None, description="Individuals whose sensitive PI that incident hit; 0 if none.",
    )
    ordered_audit_rectified_on: date | None = Field(
        default=None, description="Day rectification after an audit the authority ordered was "
        "finished (Audit Measures art 11 report clock).",
    )
    audits_in_a_row_by_same_auditor: NonNegative | None = Field(
        default=None, description="Consecutive compliance audits the body (with affiliates) or "
        "audit lead planned for the next audit has already done (Audit Measures art 15).",
    )
    last_important_data_risk_assessment: date | None = None
    important_data_notified_on: date | None = Field(
        default=None, description="Day the processor was notified its data is important data "
        "(starts the two-month assessment declaration period, CAC Q&A 2025-10).",
    )
    public_place_image_collection: bool | None = Field(
        default=None, description="Collects images or identity signals in public places (PIPL 26)."
    )
    image_use_beyond_public_security: bool | None = None
    major_impact: bool | None = Field(
        default=None, description="Network data processing has an important impact on national security, "
        "the economy or people's livelihood (NDSMR art 62(8), large-platform test).",
    )
    data_trading_intermediary: bool | None = Field(
        default=None, description="Provides data-trading intermediary services (DSL arts 33, 47).",
    )

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: object) -> object:
        return _country_code(v, r"[A-Z]{2}")

    @field_validator("country")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class ProcessingActivity(_Strict):
    id: str
    purpose: str | None = None
    data_categories: list[DataCategory] = []
    legal_basis: LegalBasis | None = None
    automated_decision_making: bool | None = None
    provides_to_third_parties: bool | None = None
    publicly_discloses: bool | None = None
    # Additions.
    entrusts_processing: bool | None = Field(default=None, description="Entrusts a processor (PIPL 21).")
    personalised_push_or_marketing: bool | None = None
    health_data_shanghai: bool | None = Field(
        default=None, description="Health data processed under the Shanghai healthcare guidelines."
    )
    individuals: NonNegative | None = None
    notice_given: bool | None = Field(
        default=None, description="Individuals are told the PIPL art 17 items before processing.",
    )
    retention_defined: bool | None = Field(
        default=None, description="A retention period tied to the purpose is set (PIPL arts 17, 19).",
    )

    @property
    def sensitive_categories(self) -> list[DataCategory]:
        return [c for c in self.data_categories if c in SENSITIVE_CATEGORIES]


class Recipient(_Strict):
    name: str
    country: str = Field(pattern=r"^[A-Za-z]{2}$")
    city: str | None = None

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: object) -> object:
        return _country_code(v, r"[A-Za-z]{2}")

    @field_validator("country")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class TransferEvent(StrEnum):
    """Something that happened since a transfer was assessed or filed (not a comparable fact)."""

    RECIPIENT_LAW_CHANGED = "recipient_law_changed"  # the recipient country's data/PI law
    FORCE_MAJEURE = "force_majeure"
    CONTROL_CHANGED = "control_changed"  # actual control of the processor or the recipient
    LEGAL_DOCUMENTS_CHANGED = "legal_documents_changed"  # between processor and recipient
    OTHER = "other"  # anything else affecting security or PI rights


class PreviousTransfer(_Strict):
    """A transfer's facts as last assessed or filed, to tell which re-declaration or refiling
    trigger a change fires (Decree 11 art 14, Decree 13 art 8). Unstated facts are not compared."""

    recorded_on: dt.date | None = Field(
        default=None, description="Day of the assessment result or the filing these facts are from.")
    purpose: str | None = None
    method: str | None = None
    scope: str | None = None
    data_categories: list[DataCategory] | None = None
    sensitive: bool | None = Field(default=None, description="Sensitive PI was included.")
    storage_location: str | None = None
    recipient_use: str | None = None
    overseas_retention_months: NonNegative | None = None
    events: list[TransferEvent] = Field(
        default=[], description="What happened since: a change of the recipient country's law, "
        "force majeure, a change of control or of the legal documents, other.")


class Transfer(_Strict):
    id: str
    date: dt.date
    recipient: Recipient
    basis: TransferBasis | None = None
    contract_scenario: ContractScenario | None = None
    individuals: NonNegative | None = None
    sensitive_individuals: NonNegative | None = None
    important_data: bool | None = None
    no_personal_information: bool | None = None
    collected_abroad: bool | None = None
    access_inside_china: bool | None = None
    ftz_negative_list_listed: bool | None = None
    contract_effective: dt.date | None = None
    # Addition: for a zone with a general-data (positive) list, whether the data is on it.
    ftz_general_data_listed: bool | None = None
    # Additions.
    data_categories: list[DataCategory] = []
    voluntary_security_assessment: bool | None = None
    mechanism_in_place: Literal[
        "standard_contract", "certification", "gba_standard_contract", "security_assessment"
    ] | None = None
    assessment_approved_on: dt.date | None = None
    certified_on: dt.date | None = None
    # Facts compared with ``previous`` (re-declaration and refiling triggers).
    purpose: str | None = None
    method: str | None = None
    scope: str | None = None
    storage_location: str | None = None
    recipient_use: str | None = None
    overseas_retention_months: NonNegative | None = None
    previous: PreviousTransfer | None = None


class AppPlatform(StrEnum):
    ANDROID = "android"
    IOS = "ios"
    HARMONYOS = "harmonyos"
    MINI_PROGRAM = "mini_program"
    WEB = "web"


class App(_Strict):
    """A mobile app, mini-program or similar the organization operates."""

    id: str
    name: str | None = None
    platforms: list[AppPlatform] = []
    registered_users: NonNegative | None = None
    monthly_active_users: NonNegative | None = None
    sdks: list[str] | None = Field(default=None, description="Third-party SDKs embedded (names).")
    sdk_review_done: bool | None = None
    permissions: list[str] | None = Field(
        default=None, description="Sensitive permissions requested: contacts, call_log, sms, camera, "
        "album, location, calendar, microphone, phone_state, ...",
    )
    reads_contacts_call_logs_sms_for_third_parties: bool | None = None
    contacts_access_purposes: list[Literal["communication", "adding_friends", "data_backup",
                                           "other"]] | None = Field(
        default=None, description="Why the app reads contacts, call logs or SMS (draft app "
        "provisions' exception: 通讯联系、添加好友、数据备份).",
    )
    provides_pi_to_third_parties: bool | None = Field(
        default=None, description="The app provides users' PI to third parties (separate consent).",
    )
    biometrics: bool | None = None
    personalised_recommendation: bool | None = None
    recommendation_switch_off: bool | None = None
    requires_mobile_number: bool | None = None
    mobile_number_necessary: bool | None = None
    account_deletion: bool | None = None
    consent_withdrawal: bool | None = None
    privacy_policy_lists_sdks: bool | None = None
    pi_encrypted: bool | None = None
    privacy_rules_change_planned: date | None = None
    asks_again_after_refusal: bool | None = Field(
        default=None, description="Asks again, or frequently, for consent or a permission the "
        "user refused (NDSMR art 22(5)).",
    )
    default_consent: bool | None = Field(
        default=None, description="Takes consent by a pre-ticked box or other non-explicit means.",
    )
    auto_renewal: bool | None = Field(
        default=None, description="Sells subscriptions that renew automatically.",
    )
    auto_renewal_opt_in: bool | None = Field(
        default=None, description="Auto-renewal is chosen by the user and announced prominently "
        "before it starts and before each renewal date.",
    )
    popup_redirects: bool | None = Field(
        default=None, description="Pop-ups or shake-to-open ads jump to other pages or apps "
        "without the user's clear choice.",
    )


class AIServiceKind(StrEnum):
    RECOMMENDATION_ALGORITHM = "recommendation_algorithm"
    DEEP_SYNTHESIS = "deep_synthesis"
    GENERATIVE_AI = "generative_ai"


class AIService(_Strict):
    id: str
    kind: AIServiceKind
    name: str | None = None
    public: bool | None = Field(default=None, description="Offered to the public in mainland China.")
    public_opinion_or_mobilisation: bool | None = Field(
        default=None, description="具有舆论属性或者社会动员能力"
    )
    technical_supporter: bool | None = None
    launch_date: date | None = None
    filing_number: str | None = None
    generates_content: bool | None = None
    labels_content: bool | None = None
    uses_facial_data: bool | None = None
    unlabelled_output_on_request: bool | None = Field(
        default=None, description="Supplies content without explicit AI labels at a user's request."
    )
    calls_filed_model: bool | None = Field(
        default=None, description="Calls an already-filed model through an API or otherwise, "
        "without retraining or fine-tuning it (the registration route, 登记).",
    )
    shows_model_filing: bool | None = Field(
        default=None, description="Shows the model name and filing or registration number.",
    )
    warns_of_limits: bool | None = Field(
        default=None, description="Reminds users prominently that generated content may be "
        "inaccurate (Hangzhou Internet Court, 2026-01-26).",
    )


class Sector(StrEnum):
    HEALTHCARE = "healthcare"
    AUTOMOTIVE = "automotive"
    FINANCE = "finance"
    E_COMMERCE = "e_commerce"
    TRAVEL = "travel"
    EDUCATION = "education"
    TELECOM = "telecom"
    SMART_TERMINALS = "smart_terminals"
    GAMING = "gaming"
    OTHER = "other"


class Profile(_Strict):
    """The root of a profile file."""

    organization: Organization
    processing: list[ProcessingActivity] = []
    transfers: list[Transfer] = []
    apps: list[App] = []
    ai_services: list[AIService] = []
    sectors: list[Sector] = []

    @field_validator("processing", "transfers", "apps", "ai_services")
    @classmethod
    def _unique_ids(cls, items: list[_Strict]) -> list[_Strict]:
        seen: set[str] = set()
        for item in items:
            ident = getattr(item, "id", None)
            if ident in seen:
                raise ValueError(f"duplicate id {ident!r}")
            if ident is not None:
                seen.add(ident)
        return items
