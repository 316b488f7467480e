"""What every export pack checks and reads the same way: the transfer, its counts with their
receipts, the route, the assessment's date, law numbers with their citation."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date

from cnprivacy.filings.evidence import Evidence, Problem
from cnprivacy.filings.pack import Receipt
from cnprivacy.profile.models import SENSITIVE_CATEGORIES, DataCategory, Transfer
from cnprivacy.rules.crossborder.model import Mechanism

ROUTE_ZH = {
    Mechanism.NOT_AN_EXPORT: "不构成数据出境",
    Mechanism.EXEMPT: "免予申报安全评估、订立标准合同、通过认证",
    Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION: "订立个人信息出境标准合同或者通过个人信息保护认证",
    Mechanism.SECURITY_ASSESSMENT: "申报数据出境安全评估",
}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if it has fewer)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class LawNumber:
    value: int
    citation: str
    citation_zh: str = ""


def law_number(ev: Evidence, instrument: str, parameter: str, day: date) -> LawNumber:
    """A whole-number parameter on ``day`` with its citation (instrument, article), receipted."""
    resolved = ev.law.value(instrument, parameter, day)
    if resolved is None or not isinstance(resolved.value, int) or isinstance(resolved.value, bool):
        raise ValueError(f"law data has no whole-number {instrument}.{parameter} on {day}")
    inst = ev.law[instrument]
    article = resolved.parameter.article
    citation = f"{inst.name_zh} {inst.short}" + (f" art {article}" if article else "")
    article_zh = next((a.zh or "" for a in inst.articles if a.id == article), "") if article else ""
    return LawNumber(resolved.value, citation, f"《{inst.name_zh}》{article_zh}")


def law_receipt(ev: Evidence, figure: str, number: LawNumber, parameter: str) -> Receipt:
    return Receipt(figure, number.value, "law data", f"{parameter}; law data sha256 {ev.law.data_hash}",
                   number.citation)


def find_transfer(ev: Evidence, transfer_id: str | None, problems: list[Problem]) -> Transfer | None:
    if transfer_id is None:
        problems.append(Problem("which transfer the pack files", f"{ev.input_name}: transfer"))
        return None
    for transfer in ev.profile.transfers:
        if transfer.id == transfer_id:
            return transfer
    problems.append(Problem(f"transfer {transfer_id!r} is not in the profile",
                            f"{ev.input_name}: transfer, or {ev.profile_name}: transfers"))
    return None


@dataclass(frozen=True)
class Counted:
    individuals: int | None
    sensitive_individuals: int | None
    source: str
    reference: str


def transfer_counts(ev: Evidence, transfer: Transfer) -> Counted:
    """The transfer's distinct people: the ledger's when it has the transfer, else the profile's."""
    if ev.ledger is not None and transfer.id in ev.ledger.by_transfer:
        people, sensitive = ev.ledger.by_transfer[transfer.id]
        return Counted(people, sensitive, "ledger", ev.ledger.receipt_reference())
    return Counted(transfer.individuals, transfer.sensitive_individuals, "profile",
                   f"{ev.profile_name}: transfers[{transfer.id}]")


def check_counts(ev: Evidence, transfer: Transfer, counted: Counted, problems: list[Problem]) -> None:
    """The report, 附录一, the form and the ledger must state one number of people."""
    declared = ev.inputs.contract.declared_individuals
    if declared is not None and counted.individuals is not None and declared != counted.individuals:
        problems.append(Problem(
            f"people exported: the contract's 附录一 states {declared}, the {counted.source} counts "
            f"{counted.individuals}", f"{ev.input_name}: contract.declared_individuals (or correct "
            f"the {counted.source})"))
    declared_s = ev.inputs.contract.declared_sensitive_individuals
    if declared_s is not None and counted.sensitive_individuals is not None \
            and declared_s != counted.sensitive_individuals:
        problems.append(Problem(
            f"people whose sensitive PI is exported: the contract's 附录一 states {declared_s}, the "
            f"{counted.source} counts {counted.sensitive_individuals}",
            f"{ev.input_name}: contract.declared_sensitive_individuals"))
    if counted.source == "ledger" and transfer.individuals is not None \
            and transfer.individuals != counted.individuals:
        problems.append(Problem(
            f"people exported: the profile states {transfer.individuals} for {transfer.id}, the "
            f"ledger counts {counted.individuals}",
            f"{ev.profile_name}: transfers[{transfer.id}].individuals"))
    if counted.individuals is None:
        problems.append(Problem(f"number of people exported by {transfer.id}",
                                f"the ledger (cnprivacy ledger record) or {ev.profile_name}: "
                                f"transfers[{transfer.id}].individuals"))


def check_route(ev: Evidence, transfer: Transfer, wanted: Mechanism, pack: str,
                problems: list[Problem]) -> None:
    """The pack's route must be the one ``crossborder`` decides for the transfer and the year."""
    result = ev.decision.by_id().get(transfer.id)
    route = result.mechanism if result is not None else None
    if route != wanted:
        shown = route.value if route is not None else "not decided"
        problems.append(Problem(
            f"route: `cnprivacy crossborder` decides {shown} for {transfer.id} as of "
            f"{ev.decision.as_of}, not {wanted.value}; a {pack} pack does not fit",
            f"{ev.profile_name}: transfers[{transfer.id}] (or file the pack the decision names)"))


def check_recency(ev: Evidence, done: date | None, months: LawNumber, what: str,
                  problems: list[Problem]) -> None:
    filing = ev.filing_date
    if done is None:
        problems.append(Problem(f"date the {what} was completed",
                                ev.where("assessment.completed_on")))
        return
    earliest = months_before(filing, months.value)
    if done > filing:
        problems.append(Problem(f"the {what} is dated {done}, after the filing date {filing}",
                                f"{ev.where('assessment.completed_on')} or filing_date"))
    elif done < earliest:
        problems.append(Problem(
            f"the {what} of {done} is older than {months.value} months before the filing date "
            f"{filing} (earliest {earliest}; {months.citation}): assess again",
            ev.where("assessment.completed_on")))


def require(value: object, what: str, where: str, problems: list[Problem]) -> str:
    """The text of a required field, or a problem naming where to fill it."""
    if value is None or value == "" or value == []:
        problems.append(Problem(what, where))
        return ""
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return str(value)


def categories_zh(categories: list[DataCategory]) -> tuple[list[str], list[str]]:
    from cnprivacy.filings.evidence import GBT_35273_CATEGORY

    general = [GBT_35273_CATEGORY[c] for c in categories]
    sensitive = [GBT_35273_CATEGORY[c] for c in categories if c in SENSITIVE_CATEGORIES]
    return general, sensitive
