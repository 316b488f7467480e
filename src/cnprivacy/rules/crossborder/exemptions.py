"""Stage 1 of the decision: not an export, then the exemptions of the 2024 Provisions arts 3–6
and NDSMR art 35(6).

A transfer this stage settles keeps its answer; the others go on to the year's totals (routes).
A state organ's exports (PIPL art 36) and important data under an FTZ list (NDSMR art 37) are
never settled here.
"""

from __future__ import annotations

from cnprivacy.profile.models import ContractScenario, TransferBasis
from cnprivacy.rules.crossborder.instruments import NDSMR, P24, PIPL, QA10, SAM
from cnprivacy.rules.crossborder.model import Mechanism
from cnprivacy.rules.crossborder.places import POSITIVE
from cnprivacy.rules.crossborder.work import Decider, TransferWork


def apply_exemptions(d: Decider, w: TransferWork) -> None:
    """Settle ``w`` if it is not an export or is exempt; otherwise note why not and the unknowns."""
    t = w.t
    if t.access_inside_china:
        if d.flag(QA10, "access_inside_china_not_export"):
            w.settle(Mechanism.NOT_AN_EXPORT, None,
                     "overseas staff only access the data while inside mainland China: "
                     "not an export (CAC Q&A 2025-10)", d.cite(QA10, "access_inside_china"))
            return
        w.because.append("access inside China: the CAC Q&A saying this is not an export "
                         "dates from 2025-10-31; treated as an export before then")
    elif t.access_inside_china is None:
        w.missing.append(w.path("access_inside_china"))
    if d.org.state_organ and d.flag(PIPL, "state_organ_export_assessment"):
        w.because.append("a state organ (or a body authorised to manage public affairs, PIPL art "
                         "37): no exemption of the 2024 Provisions applies (PIPL art 36)")
        return
    important = t.important_data
    if important is None:
        w.missing.append(w.path("important_data"))
    if not d.current:
        _before_2024(d, w)
        return
    if t.no_personal_information:
        if important is False:
            w.settle(Mechanism.EXEMPT, "no_personal_information",
                     "no personal information and no important data: exempt (art 3)",
                     d.cite(P24, "3"))
            return
    elif t.no_personal_information is None:
        w.missing.append(w.path("no_personal_information"))
    if t.collected_abroad:
        if important is False:
            w.settle(Mechanism.EXEMPT, "collected_abroad",
                     "collected abroad, processed here and sent back with nothing domestic "
                     "added: exempt (art 4)", d.cite(P24, "4"))
            return
    elif t.collected_abroad is None:
        w.missing.append(w.path("collected_abroad"))
    if important:
        w.because.append("contains important data: the art 5 exemptions do not cover important "
                         "data (art 5, last paragraph)")
    elif _basis_exemption(d, w):
        return
    _ftz_exemption(d, w)


def _before_2024(d: Decider, w: TransferWork) -> None:
    """Before the 2024 Provisions: no exemption; only data that is neither PI nor important data
    is outside Decree 11 (art 2) and PIPL art 38."""
    t = w.t
    if t.no_personal_information and t.important_data is False:
        w.settle(Mechanism.EXEMPT, "no_personal_information",
                 "no personal information and no important data: outside the Security Assessment "
                 "Measures (art 2) and PIPL art 38", d.cite(SAM, "2"))
        return
    if t.no_personal_information is None:
        w.missing.append(w.path("no_personal_information"))
    w.because.append(f"{d.as_of} is before the 2024 Provisions (2024-03-22): none of their "
                     "exemptions exists; a PI export needs a route (PIPL art 38)")
    w.cite(d.cite(PIPL, "38"))


def _basis_exemption(d: Decider, w: TransferWork) -> bool:
    t = w.t
    if t.basis is None:
        w.missing.append(w.path("basis"))
        return False
    if t.basis is TransferBasis.CONTRACT_NECESSITY:
        scenario = t.contract_scenario
        if scenario is ContractScenario.DOMESTIC_HOTEL_BOOKING and d.flag(
                QA10, "domestic_hotel_booking_not_necessity"):
            w.because.append("domestic hotel booking by an individual in China is not contract "
                             "necessity (CAC Q&A 2025-10): no art 5(1) exemption")
            w.cite(d.cite(QA10, "contract_necessity"))
            return False
        if scenario is not None and scenario.value in d.scenarios:
            line = f"contract necessity ({scenario.value}, a statutory example): exempt (art 5(1))"
        else:
            named = scenario.value if scenario else "not named"
            line = (f"contract necessity (scenario {named}; the examples are non-exhaustive but "
                    "need real relevance and necessity): exempt (art 5(1))")
        w.settle(Mechanism.EXEMPT, "contract_necessity", line, d.cite(P24, "5(1)"))
        return True
    if t.basis is TransferBasis.HR_MANAGEMENT:
        w.settle(Mechanism.EXEMPT, "hr_management",
                 "employees' PI for cross-border HR management under lawful labour rules: "
                 "exempt (art 5(2))", d.cite(P24, "5(2)"))
        return True
    if t.basis is TransferBasis.EMERGENCY:
        w.settle(Mechanism.EXEMPT, "emergency",
                 "emergency to protect life, health or property: exempt (art 5(3))",
                 d.cite(P24, "5(3)"))
        return True
    if t.basis is TransferBasis.STATUTORY_DUTY:
        if d.flag(NDSMR, "statutory_duty_export_basis"):
            w.settle(Mechanism.EXEMPT, "statutory_duty",
                     "truly needed to perform a statutory duty or obligation: exempt (NDSMR art "
                     "35(6))", d.cite(NDSMR, "35(6)"))
            return True
        w.because.append("a statutory duty is a basis for export only from NDSMR art 35(6), in "
                         "force 2025-01-01: a route is needed before then")
    return False


def _ftz_exemption(d: Decider, w: TransferWork) -> None:
    zone = d.zone
    if zone is None:
        return
    closed = d.flag(NDSMR, "important_data_export_assessment")
    if w.t.important_data and closed:
        w.because.append(f"FTZ {zone.zone_id}: important data leaves only after a security "
                         "assessment, whatever the zone's list says (NDSMR art 37)")
        w.cite(d.cite(NDSMR, "37"))
        return
    if not zone.in_force:
        if zone.date_unknown:
            w.because.append(zone.summary(d.as_of))
            w.cite(d.cite(zone.instrument, "list"))
        else:
            w.because.append(f"FTZ {zone.zone_id}: no {zone.list_name} in force on {d.as_of} "
                             f"(list from {zone.since})")
        return
    if zone.kind == POSITIVE:
        field, listed = "ftz_general_data_listed", w.t.ftz_general_data_listed
        free = listed is True
    else:
        field, listed = "ftz_negative_list_listed", w.t.ftz_negative_list_listed
        free = listed is False
    if listed is None:
        w.missing.append(w.path(field))
        return
    if not free:
        where = "on the negative list" if zone.kind != POSITIVE else "not on the general-data list"
        w.because.append(f"FTZ {zone.zone_id}: the data is {where} ({zone.edition}): a route is "
                         "needed")
        w.cite(d.cite(zone.instrument, "list"))
        return
    unknown_important = w.t.important_data is None
    if zone.kind == POSITIVE:
        w.settle(Mechanism.EXEMPT, "ftz_general_data_list",
                 f"processor in FTZ {zone.zone_id}, data on its general-data list ({zone.edition}): "
                 "exempt (art 6)", d.cite(P24, "6"))
    else:
        w.settle(Mechanism.EXEMPT, "ftz_negative_list",
                 f"processor in FTZ {zone.zone_id}, data not on its negative list ({zone.edition}): "
                 "exempt (art 6)", d.cite(P24, "6"))
    w.cite(d.cite(zone.instrument, "list"))
    if unknown_important and closed:
        # Important data would need an assessment (NDSMR art 37): the exemption is a lower bound.
        w.missing.append(w.path("important_data"))
    elif w.t.important_data:
        w.because.append("important data under an FTZ list before NDSMR art 37 (in force "
                         "2025-01-01): art 6 read as written; whether it reached important data "
                         "is not confirmed (needs_review)")
