"""PIPL obligations: officer, audits, separate consents, PIPIA, minors, foreign processors.

Shared readings of the profile used by the other topics of this slice live here too
(:func:`processes_pi`, :func:`outcome_of_activities`), so each rule stays a few lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cnprivacy.law.asof import event_date
from cnprivacy.law.schema import Event
from cnprivacy.profile import Profile
from cnprivacy.profile.models import DataCategory, LegalBasis, TransferBasis
from cnprivacy.rules.base import (
    Outcome,
    RuleContext,
    Status,
    applies,
    needs_info,
    not_applicable,
    rule,
    unmet,
)

CONSENT_BASES = frozenset({LegalBasis.CONSENT, LegalBasis.SEPARATE_CONSENT})
# Export bases under which PIPL art 13 ¶1(2)-(7) make consent unnecessary.
# Bases that PIPL art 13 lets a processor rely on without consent: contract necessity and HR
# management (¶1(2)), a statutory duty or obligation (¶1(3), the basis NDSMR art 35(6) exempts),
# emergencies (¶1(4)). Without consent there is no art 39 separate consent to ask for.
NO_CONSENT_TRANSFER_BASES = frozenset(
    {TransferBasis.CONTRACT_NECESSITY, TransferBasis.HR_MANAGEMENT, TransferBasis.EMERGENCY,
     TransferBasis.STATUTORY_DUTY}
)


def processes_pi(profile: Profile) -> bool | None:
    """Whether the organization processes any PI; None when nothing says either way."""
    org = profile.organization
    if profile.processing or (org.individuals_processed or 0) > 0:
        return True
    if any(t.no_personal_information is not True for t in profile.transfers):
        return True
    if org.individuals_processed is None:
        return None
    return False


def pi_gate(ctx: RuleContext) -> Outcome | None:
    """An outcome when the organization does not (or may not) process PI, else None."""
    found = processes_pi(ctx.profile)
    if found is None:
        return needs_info("organization.individuals_processed")
    if not found:
        return not_applicable("organization.individuals_processed = 0 and no processing "
                              "activities or transfers: no personal information is processed")
    return None


def audit_measures_gate(ctx: RuleContext) -> Outcome | None:
    """Audit Measures art 19: the Measures do not apply to state organs (PIPL art 37 bodies too)."""
    if not ctx.profile.organization.state_organ:
        return None
    return not_applicable("organization.state_organ = true: the Audit Measures do not apply to "
                          "state organs or organisations authorised to manage public affairs "
                          "(art 19)")


def outcome_of_activities(hits: Iterable[str], unknown: Iterable[str], none_reason: str) -> Outcome:
    """Applies on any hit; else needs_info on any unknown fact; else not applicable."""
    hit_lines, missing = list(hits), list(dict.fromkeys(unknown))
    if hit_lines:
        return applies(*hit_lines)
    if missing:
        return needs_info(*missing)
    return not_applicable(none_reason)


def _yes(value: bool | None, path: str, hits: list[str], unknown: list[str],
         line: str) -> None:
    if value is True:
        hits.append(f"{path} = true: {line}")
    elif value is None:
        unknown.append(path)


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@rule("pipl.pi_protection_officer", topic="pipl", instrument="pi_audit_measures", article="12",
      also_cites=[("pipl", "52"), ("pipo_notice", "1")],
      title="Appoint a PI protection officer and publish their contact",
      title_zh="指定个人信息保护负责人并公开联系方式")
def pi_protection_officer(ctx: RuleContext) -> Outcome:
    # Cited under the Audit Measures: PIPL art 52 leaves the number to the CAC, so before the
    # Measures the duty had no threshold, and between publication and 2025-05-01 it is upcoming.
    # Reading: art 12's officer is part of the audit regime art 19 excludes for state organs;
    # PIPL art 52 leaves their number to the CAC, which has set none for them.
    org = ctx.profile.organization
    return audit_measures_gate(ctx) or unmet(
        ctx, "organization.individuals_processed", org.individuals_processed,
        "pi_audit_measures", "pipo_threshold") or applies()


@rule("pipl.pi_officer_reporting", topic="pipl", instrument="pipo_notice", article="2",
      also_cites=[("pipl", "52"), ("pi_audit_measures", "12")],
      title="Report the PI protection officer to the city-level CAC",
      title_zh="向设区的市级网信部门报送个人信息保护负责人信息")
def pi_officer_reporting(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    gate = audit_measures_gate(ctx) or unmet(
        ctx, "organization.individuals_processed", org.individuals_processed,
        "pi_audit_measures", "pipo_threshold")
    if gate is not None:
        return gate
    reached = org.pi_officer_threshold_reached_on
    if reached is None:
        return needs_info("organization.pi_officer_threshold_reached_on",
                          because=["the reporting deadline runs from the day the threshold "
                                   "was reached"])
    published = event_date(ctx.law["pipo_notice"], Event.PUBLISHED)
    assert published is not None
    extra = []
    if org.pi_officer_reported:
        extra.append("organization.pi_officer_reported = true: report material changes within "
                     f"{ctx.param('pipo_notice', 'change_reporting_workdays')} working days")
    # Once reported, the first-report deadline is met; only changes remain to be reported.
    done = bool(org.pi_officer_reported)
    if reached < published:
        deadline = date.fromisoformat(str(ctx.param("pipo_notice", "existing_reporting_deadline")))
        return applies(f"threshold reached on {reached}, before the notice of {published}: "
                       f"report by {deadline}", *extra, deadline=None if done else deadline)
    days = int(ctx.param("pipo_notice", "new_reporting_workdays"))
    due = ctx.add_workdays(reached, days)
    return applies(f"threshold reached on {reached}: report within {days} working days "
                   f"(day of reaching not counted) = {due.day}", *extra,
                   deadline=None if done else due)


@rule("pipl.compliance_audit_regular", topic="pipl", instrument="pipl", article="54",
      also_cites=[("ndsmr", "27"), ("pi_audit_measures", "3")],
      title="Audit PI compliance regularly (all processors)",
      title_zh="定期开展个人信息保护合规审计")
def compliance_audit_regular(ctx: RuleContext) -> Outcome:
    gate = pi_gate(ctx)
    return gate or applies("every PI processor audits its compliance regularly, "
                           "in-house or through a professional body")


@rule("pipl.compliance_audit_biennial", topic="pipl", instrument="pi_audit_measures",
      article="4", also_cites=[("pipl", "54")],
      title="Compliance audit at least every two years (over 10 million individuals)",
      title_zh="处理超过1000万人个人信息的每两年至少开展一次合规审计")
def compliance_audit_biennial(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    gate = audit_measures_gate(ctx) or unmet(
        ctx, "organization.individuals_processed", org.individuals_processed,
        "pi_audit_measures", "biennial_audit_threshold")
    if gate is not None:
        return gate
    years = int(ctx.param("pi_audit_measures", "biennial_audit_interval_years"))
    last = org.last_compliance_audit
    if last is None:
        return applies(f"audit at least every {years} years; no last audit date given "
                       "(organization.last_compliance_audit), so no next date is computed")
    due = _plus_years(last, years)
    return applies(f"last audit {last} + {years} years = {due}", deadline=due)


def _separate_consent_by_basis(ctx: RuleContext, flag: str, what: str) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        value = getattr(act, flag)
        path = f"processing[{act.id}]"
        if value is None:
            unknown.append(f"{path}.{flag}")
        elif value:
            if act.legal_basis is None:
                unknown.append(f"{path}.legal_basis")
            elif act.legal_basis in CONSENT_BASES:
                hits.append(f"{path}.{flag} = true on {act.legal_basis.value}: {what}")
            else:
                ctx.notes.append(f"{path}.{flag} = true on {act.legal_basis.value}: no consent "
                                 "needed (PIPL art 13 ¶2)")
    return outcome_of_activities(hits, unknown, f"no consent-based activity does this ({flag})")


@rule("pipl.separate_consent_provision", topic="pipl", instrument="pipl", article="23",
      title="Separate consent to give PI to another processor",
      title_zh="向其他个人信息处理者提供个人信息取得单独同意")
def separate_consent_provision(ctx: RuleContext) -> Outcome:
    return _separate_consent_by_basis(
        ctx, "provides_to_third_parties",
        "tell people who receives their PI and obtain separate consent")


@rule("pipl.separate_consent_public_disclosure", topic="pipl", instrument="pipl", article="25",
      title="Separate consent to publish PI",
      title_zh="公开个人信息取得单独同意")
def separate_consent_public_disclosure(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        _yes(act.publicly_discloses, f"processing[{act.id}].publicly_discloses", hits, unknown,
             "publishing PI needs separate consent")
    return outcome_of_activities(hits, unknown, "no activity publishes PI")


@rule("pipl.separate_consent_public_cameras", topic="pipl", instrument="pipl", article="26",
      title="Separate consent to use public-place images beyond public security",
      title_zh="公共场所图像、身份识别信息用于维护公共安全以外目的取得单独同意")
def separate_consent_public_cameras(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    if org.public_place_image_collection is None:
        return needs_info("organization.public_place_image_collection")
    if not org.public_place_image_collection:
        return not_applicable("organization.public_place_image_collection = false")
    if org.image_use_beyond_public_security is None:
        return needs_info("organization.image_use_beyond_public_security")
    if not org.image_use_beyond_public_security:
        return not_applicable("images are used only for public security")
    return applies("images or identity signals from public places are used beyond public "
                   "security: separate consent needed")


@rule("pipl.separate_consent_sensitive", topic="pipl", instrument="pipl", article="29",
      also_cites=[("ndsmr", "22")],
      title="Separate consent to process sensitive PI",
      title_zh="处理敏感个人信息取得单独同意")
def separate_consent_sensitive(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        sensitive = [c.value for c in act.sensitive_categories]
        if not sensitive:
            continue
        path = f"processing[{act.id}]"
        if act.legal_basis is None:
            unknown.append(f"{path}.legal_basis")
        elif act.legal_basis in CONSENT_BASES:
            hits.append(f"{path} handles sensitive categories {sensitive} on "
                        f"{act.legal_basis.value}")
        else:
            ctx.notes.append(f"{path} handles {sensitive} on {act.legal_basis.value}: "
                             "no consent needed (PIPL art 13 ¶2)")
    return outcome_of_activities(hits, unknown, "no activity handles sensitive categories on consent")


@rule("pipl.separate_consent_export", topic="pipl", instrument="pipl", article="39",
      interpretation=True,
      title="Separate consent to provide PI abroad",
      title_zh="向境外提供个人信息取得单独同意")
def separate_consent_export(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for tr in ctx.profile.transfers:
        path = f"transfers[{tr.id}]"
        if tr.no_personal_information:
            continue
        if tr.no_personal_information is None:
            unknown.append(f"{path}.no_personal_information")
        elif tr.basis is None:
            unknown.append(f"{path}.basis")
        elif tr.basis in NO_CONSENT_TRANSFER_BASES:
            ctx.notes.append(f"{path}.basis = {tr.basis.value}: a non-consent basis "
                             "(PIPL art 13 ¶2), so no separate consent")
        else:
            hits.append(f"{path} to {tr.recipient.country} on basis {tr.basis.value}: tell "
                        "people about the foreign recipient and obtain separate consent")
    return outcome_of_activities(hits, unknown, "no consent-based transfer of PI abroad")


def pipia_triggers(profile: Profile) -> tuple[list[str], list[str], list[str]]:
    """PIPL art 55 cases found (hits), facts left unknown, and notes."""
    hits: list[str] = []
    unknown: list[str] = []
    notes: list[str] = []
    org = profile.organization
    for path, count in (("organization.sensitive_individuals_processed",
                         org.sensitive_individuals_processed),
                        ("organization.minors_under_14_processed", org.minors_under_14_processed),
                        ("organization.facial_recognition_individuals",
                         org.facial_recognition_individuals)):
        if count is None:
            unknown.append(path)
        elif count > 0:
            hits.append(f"{path} = {count}: sensitive PI (art 55(1))")
    for act in profile.processing:
        path = f"processing[{act.id}]"
        if act.sensitive_categories:
            hits.append(f"{path} handles sensitive categories "
                        f"{[c.value for c in act.sensitive_categories]} (art 55(1))")
        _yes(act.automated_decision_making, f"{path}.automated_decision_making", hits, unknown,
             "automated decisions (art 55(2))")
        _yes(act.provides_to_third_parties, f"{path}.provides_to_third_parties", hits, unknown,
             "provision to another processor (art 55(3))")
        _yes(act.publicly_discloses, f"{path}.publicly_discloses", hits, unknown,
             "public disclosure (art 55(3))")
        if act.entrusts_processing:
            hits.append(f"{path}.entrusts_processing = true: entrusted processing (art 55(3))")
        elif act.entrusts_processing is None:
            notes.append(f"{path}.entrusts_processing not given: entrusting it to a processor "
                         "would also need a PIPIA (art 55(3))")
    for tr in profile.transfers:
        path = f"transfers[{tr.id}]"
        if tr.no_personal_information is None:
            unknown.append(f"{path}.no_personal_information")
        elif not tr.no_personal_information:
            hits.append(f"{path}: PI provided abroad to {tr.recipient.country} (art 55(4))")
    return hits, unknown, notes


def _pipia_triggers(ctx: RuleContext) -> tuple[list[str], list[str], list[str]]:
    """The run's one reading of art 55 (``pipia`` and ``pipia_records`` both need it; on a
    register of thousands of activities and transfers it is worth reading once)."""
    return ctx.memo("pipl.pipia_triggers", lambda: pipia_triggers(ctx.profile))


@rule("pipl.pipia", topic="pipl", instrument="pipl", article="55",
      title="PI protection impact assessment before the processing",
      title_zh="事前进行个人信息保护影响评估")
def pipia(ctx: RuleContext) -> Outcome:
    hits, unknown, notes = _pipia_triggers(ctx)
    ctx.notes.extend(notes)
    return outcome_of_activities(hits, unknown, "none of the cases of art 55 (1)-(4) is present")


@rule("pipl.pipia_records", topic="pipl", instrument="pipl", article="56",
      title="Keep PIPIA reports and processing records at least three years",
      title_zh="个人信息保护影响评估报告和处理情况记录至少保存三年")
def pipia_records(ctx: RuleContext) -> Outcome:
    hits, unknown, notes = _pipia_triggers(ctx)
    ctx.notes.extend(notes)
    outcome = outcome_of_activities(hits, unknown, "no PIPIA is due, so no report to keep")
    if outcome.status is not Status.APPLIES:
        return outcome
    years = ctx.param("pipl", "pipia_record_retention_years")
    return applies(*outcome.because, f"keep the PIPIA report and records for at least {years} "
                   "years (pipl.pipia_record_retention_years)")


@rule("pipl.minors_under_14", topic="pipl", instrument="pipl", article="31",
      also_cites=[("pipl", "28"), ("ndsmr", "21")],
      title="Guardian consent and dedicated rules for PI of minors under 14",
      title_zh="处理不满十四周岁未成年人个人信息取得监护人同意并制定专门规则")
def minors_under_14(ctx: RuleContext) -> Outcome:
    org = ctx.profile.organization
    acts = [a.id for a in ctx.profile.processing
            if DataCategory.MINOR_UNDER_14 in a.data_categories]
    if acts:
        return applies(f"processing {acts} handles PI of minors under 14")
    count = org.minors_under_14_processed
    if count is None:
        return needs_info("organization.minors_under_14_processed")
    if count > 0:
        return applies(f"organization.minors_under_14_processed = {count} > 0")
    return not_applicable("organization.minors_under_14_processed = 0")


@rule("pipl.state_organ_storage_in_china", topic="pipl", instrument="pipl", article="36",
      also_cites=[("pipl", "37")],
      title="State organs store the PI they process in China; an export needs a security "
            "assessment whatever the volume",
      title_zh="国家机关处理的个人信息应当在境内存储，确需向境外提供的应当进行安全评估")
def state_organ_storage_in_china(ctx: RuleContext) -> Outcome:
    organ = ctx.profile.organization.state_organ
    if organ is None:
        return needs_info("organization.state_organ")
    if not organ:
        return not_applicable("organization.state_organ = false")
    return pi_gate(ctx) or applies(
        "organization.state_organ = true (PIPL art 37: includes organisations authorised by law "
        "to manage public affairs, for their statutory duties)",
        "store the PI in mainland China; where it truly must go abroad, a security assessment "
        "first, whatever the volume (no exemption of the 2024 Provisions)")


@rule("pipl.foreign_representative", topic="pipl", instrument="pipl", article="53",
      also_cites=[("pipl", "3"), ("ndsmr", "26")],
      title="Foreign processor: entity or representative in China, reported",
      title_zh="境外个人信息处理者在境内设立专门机构或者指定代表并报送")
def foreign_representative(ctx: RuleContext) -> Outcome:
    country = ctx.profile.organization.country
    if country == "CN":
        return not_applicable("organization.country = CN: established in mainland China")
    gate = pi_gate(ctx)
    return gate or applies(
        f"organization.country = {country}: a processor outside mainland China handling PI "
        "of people in China (PIPL art 3(2)) names an entity or representative in China and "
        "reports it to the city-level CAC")


@rule("pipl.automated_decision_making", topic="pipl", instrument="pipl", article="24",
      also_cites=[("ndsmr", "42")],
      title="Automated decisions: transparency, fairness, opt-out and explanation",
      title_zh="自动化决策透明、公平，提供拒绝方式和说明")
def automated_decision_making(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        _yes(act.automated_decision_making, f"processing[{act.id}].automated_decision_making",
             hits, unknown, "no unreasonable differential treatment; non-personalised option "
             "or easy refusal for push and marketing")
    return outcome_of_activities(hits, unknown, "no activity makes automated decisions")


@rule("pipl.entrusted_processing", topic="pipl", instrument="pipl", article="21",
      also_cites=[("ndsmr", "12")],
      title="Contract with and supervise entrusted processors",
      title_zh="委托处理个人信息约定权利义务并监督受托人")
def entrusted_processing(ctx: RuleContext) -> Outcome:
    hits: list[str] = []
    unknown: list[str] = []
    for act in ctx.profile.processing:
        _yes(act.entrusts_processing, f"processing[{act.id}].entrusts_processing", hits,
             unknown, "agree purpose, period, method, categories and safeguards; supervise")
    return outcome_of_activities(hits, unknown, "no processing activity is entrusted to another party")


@rule("pipl.data_localisation", topic="pipl", instrument="pipl", article="40",
      also_cites=[("csl", "37 (2016) / 39 (2025)")],
      needs_review="PIPL art 40 also binds processors reaching a CAC-set quantity; no such "
                   "number is in the law data, so only CIIO status is decided",
      title="Store PI collected in China inside China (CIIOs and large processors)",
      title_zh="关键信息基础设施运营者等将境内收集和产生的个人信息存储在境内")
def data_localisation(ctx: RuleContext) -> Outcome:
    ciio = ctx.profile.organization.ciio
    if ciio is None:
        return needs_info("organization.ciio")
    if ciio:
        return applies("organization.ciio = true: store PI collected and generated in China "
                       "inside China; export only after a CAC security assessment")
    return not_applicable("organization.ciio = false (the CAC quantity for other processors "
                          "is not set in the law data)")
