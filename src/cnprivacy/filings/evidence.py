"""What a pack is built from: the profile, the route decision, the ledger's counts, a scan
receipt, the law data and the pack input. Adapters gather these; the builders only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from cnprivacy.errors import CnPrivacyError
from cnprivacy.filings.inputs import PackInput
from cnprivacy.filings.pia_source import PIA_FIELDS
from cnprivacy.law import LawBook
from cnprivacy.law.workdays import WorkCalendar
from cnprivacy.profile import Profile
from cnprivacy.profile.models import DataCategory
from cnprivacy.records.filing.models import Filing
from cnprivacy.records.models import ScanEvidence
from cnprivacy.rules.crossborder import Decision


@dataclass(frozen=True)
class LedgerFigures:
    """Distinct people from the transfer ledger (keyed hashes, counted exactly)."""

    year: int
    individuals: int
    sensitive_individuals: int
    by_transfer: Mapping[str, tuple[int, int]]
    history: Mapping[int, int] = field(default_factory=dict)  # year -> distinct people exported
    snapshot_entry: int | None = None
    reference: str = "ledger"

    def receipt_reference(self) -> str:
        after = f" after entry {self.snapshot_entry}" if self.snapshot_entry is not None else ""
        return f"{self.reference}: snapshot of {self.year}{after}"


@dataclass(frozen=True)
class Evidence:
    profile: Profile
    decision: Decision
    law: LawBook
    calendar: WorkCalendar
    inputs: PackInput
    input_name: str
    ledger: LedgerFigures | None = None
    scan: ScanEvidence | None = None
    profile_name: str = "profile"
    # Children under 14 and minors under 18 from the scan report's totals (minors' audit).
    scan_minors: tuple[int | None, int | None] | None = None
    # The approved impact assessment the judgement texts were read from (``--pia``), if any.
    pia_id: str | None = None
    # The filings registry (``--on-record``): when given, whether a pack is due and by when is
    # read as ``assess --db`` reads it (a filing on record meets its obligation; its expiry
    # reopens it), so the deadline comes from the registry's state, not the profile alone.
    filings: tuple[Filing, ...] | None = None

    def where(self, field: str) -> str:
        """Where to fill a pack-input field: the PIA record first for a field it holds."""
        if self.pia_id is not None and field in PIA_FIELDS:
            return f"the PIA record (pia edit) {self.pia_id}, or {self.input_name}: {field}"
        return f"{self.input_name}: {field}"

    @property
    def filing_date(self) -> date:
        return self.inputs.filing_date or self.decision.as_of


@dataclass(frozen=True)
class Problem:
    """One thing that stops the pack: what is missing or inconsistent, and where to fix it."""

    what: str
    where: str

    def line(self) -> str:
        return f"{self.what} — fill in: {self.where}"


class PackProblems(CnPrivacyError):
    """The pack failed its completeness or consistency checks; nothing was written."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.kind = kind
        self.problems = problems
        super().__init__(f"filing {kind}: {len(problems)} problem(s); no pack written")


# PI categories as GB/T 35273-2020 Annex A names them (our reading of the annex; the contract's
# 附录一 asks for categories "by GB/T 35273").
GBT_35273_CATEGORY: dict[DataCategory, str] = {
    DataCategory.IDENTITY: "个人身份信息",
    DataCategory.CONTACT: "个人基本资料（联系电话、电子邮件地址等）",
    DataCategory.ACCOUNT: "网络身份标识信息",
    DataCategory.DEVICE: "个人常用设备信息",
    DataCategory.NETWORK_ACTIVITY: "个人上网记录",
    DataCategory.EMPLOYMENT: "个人教育工作信息（工作）",
    DataCategory.EDUCATION: "个人教育工作信息（教育）",
    DataCategory.PROPERTY: "个人财产信息",
    DataCategory.BIOMETRIC: "个人生物识别信息",
    DataCategory.FACIAL: "个人生物识别信息（面部识别特征）",
    DataCategory.RELIGIOUS_BELIEF: "其他信息（宗教信仰）",
    DataCategory.SPECIFIC_IDENTITY: "其他信息（特定身份）",
    DataCategory.MEDICAL_HEALTH: "个人健康生理信息",
    DataCategory.FINANCIAL_ACCOUNT: "个人财产信息（金融账户）",
    DataCategory.LOCATION_TRACKING: "个人位置信息（行踪轨迹）",
    DataCategory.MINOR_UNDER_14: "其他信息（不满十四周岁未成年人的个人信息）",
}
