"""Each filing kind's law: the instrument and article it follows, and where its numbers live.

The numbers (10 working days, 3 years, 60 working days, 6 months, 31 January ...) are dated
parameters in ``law/instruments/*.yaml``; this table only names them, so a change of the law is
a change of the data. ``meets`` lists the ``assess`` obligations a filing on record fulfils.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cnprivacy.law import LawBook
from cnprivacy.records.filing.models import FilingKind

SAM = "security_assessment_measures"
SCM = "standard_contract_measures"
P24 = "xborder_provisions_2024"
CERT = "certification_measures"
GBA = "gba_standard_contract"

Param = tuple[str, str]  # (instrument id, parameter name)


@dataclass(frozen=True)
class KindLaw:
    title: str
    title_zh: str
    instrument: str
    article: str
    covers: str                        # "transfers", "organization" or "ai_services"
    due_working_days: Param | None = None   # filing period from ``triggered_on``
    validity_years: Param | None = None     # read on the day of the result
    meets: tuple[str, ...] = ()
    # Refiling triggers while the filing stands: (instrument, flag prefix, article).
    triggers: tuple[str, str, str] | None = None


KINDS: dict[FilingKind, KindLaw] = {
    FilingKind.STANDARD_CONTRACT: KindLaw(
        "Standard contract filing", "个人信息出境标准合同备案", SCM, "7", "transfers",
        due_working_days=(SCM, "filing_working_days"),
        meets=("crossborder.standard_contract_filing",
               "crossborder.standard_contract_or_certification"),
        triggers=(SCM, "refile_on_", "8")),
    FilingKind.GBA_STANDARD_CONTRACT: KindLaw(
        "GBA standard contract filing", "粤港澳大湾区个人信息跨境流动标准合同备案", GBA, "filing",
        "transfers", due_working_days=(GBA, "filing_working_days"),
        meets=("crossborder.gba_contract_filing",)),
    FilingKind.SECURITY_ASSESSMENT: KindLaw(
        "Data export security assessment", "数据出境安全评估申报", P24, "7", "transfers",
        validity_years=(SAM, "validity_years"),
        meets=("crossborder.security_assessment",),
        triggers=(SAM, "redeclare_on_", "14")),
    FilingKind.ASSESSMENT_EXTENSION: KindLaw(
        "Extension of a security assessment result", "延长数据出境安全评估结果有效期", P24, "9",
        "transfers", validity_years=(P24, "assessment_extension_years"),
        meets=("crossborder.security_assessment", "crossborder.assessment_extension"),
        triggers=(SAM, "redeclare_on_", "14")),
    FilingKind.CERTIFICATION: KindLaw(
        "PI export certification", "个人信息出境认证", CERT, "8", "transfers",
        validity_years=(CERT, "validity_years"),
        meets=("crossborder.standard_contract_or_certification",)),
    FilingKind.PIPO_REPORT: KindLaw(
        "PI protection officer report", "个人信息保护负责人信息报送", "pipo_notice", "2",
        "organization", due_working_days=("pipo_notice", "new_reporting_workdays"),
        meets=("pipl.pi_officer_reporting",)),
    FilingKind.FACIAL_RECOGNITION: KindLaw(
        "Facial recognition filing", "人脸识别技术应用备案", "facial_measures", "15", "organization",
        due_working_days=("facial_measures", "filing_period_working_days"),
        meets=("facial.filing",)),
    FilingKind.ALGORITHM: KindLaw(
        "Algorithm recommendation filing", "算法备案", "algorithm_provisions", "24", "ai_services",
        due_working_days=("algorithm_provisions", "filing_period_working_days"),
        meets=("ai.algorithm_filing",)),
    FilingKind.DEEP_SYNTHESIS: KindLaw(
        "Deep synthesis algorithm filing", "深度合成服务算法备案", "deep_synthesis_provisions", "19",
        "ai_services", due_working_days=("algorithm_provisions", "filing_period_working_days"),
        meets=("ai.deep_synthesis_filing",)),
    FilingKind.GENERATIVE_AI: KindLaw(
        "Generative AI filing", "生成式人工智能服务备案", "genai_measures", "17", "ai_services",
        due_working_days=("algorithm_provisions", "filing_period_working_days"),
        meets=("ai.genai_assessment_and_filing",)),
    FilingKind.MINORS_AUDIT_REPORT: KindLaw(
        "Minors' PI compliance audit report", "未成年人个人信息保护合规审计情况报送",
        "minors_audit_announcement", "reporting", "organization",
        meets=("minors.audit_report_by_january",)),
    FilingKind.COMPLIANCE_AUDIT: KindLaw(
        "PI protection compliance audit", "个人信息保护合规审计", "pi_audit_measures", "4",
        "organization"),
}


def cite(law: LawBook, instrument: str, article: str) -> str:
    """Instrument, article and official source, as findings cite them."""
    inst = law[instrument]
    where = f"art. {article}" if article[:1].isdigit() else f"({article})"
    text = f"{inst.short} {where} — {inst.name_zh}"
    if inst.document_number:
        text += f" {inst.document_number}"
    source = inst.cited_source
    return text + f" [{source.key}: {source.url or source.title}]"


def number(law: LawBook, param: Param, day: date) -> int | None:
    """A numeric parameter on ``day``; None when the law sets none then."""
    resolved = law.value(param[0], param[1], day)
    if resolved is None or resolved.value is None:
        return None
    return int(str(resolved.value))


def text(law: LawBook, param: Param, day: date) -> str | None:
    resolved = law.value(param[0], param[1], day)
    return None if resolved is None or resolved.value is None else str(resolved.value)
