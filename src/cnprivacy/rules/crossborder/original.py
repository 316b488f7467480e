"""The routes before the 2024 Provisions (before 2024-03-22): Decree 11 art 4's original triggers.

From 2022-09-01 a processor declared a security assessment for important data (art 4(1)); as a
CIIO or a processor of PI of 1,000,000 people or more, for any PI export (art 4(2)); and once it
had exported, since 1 January of the previous year, 100,000 people's PI or 10,000 people's
sensitive PI, for any PI export (art 4(3)). Every other PI export needed one of PIPL art 38's
routes: the standard contract (in force 2023-06-01) or certification. None of the 2024
Provisions' exemptions existed.
"""

from __future__ import annotations

from datetime import date

from cnprivacy.rules.crossborder.deadlines import add_months
from cnprivacy.rules.crossborder.instruments import PIPL, SAM, SCM
from cnprivacy.rules.crossborder.model import SA, SC
from cnprivacy.rules.crossborder.work import Decider, TransferWork


def window_start(d: Decider) -> date:
    """First day counted: 1 January of the as-of year, or of the year before under Decree 11."""
    return date(d.as_of.year - (0 if d.current else 1), 1, 1)


def original_totals(d: Decider, individuals: int, sensitive: int,
                    label: str) -> tuple[bool, bool, list[str]]:
    """Whether art 4(3)'s people and sensitive-people thresholds are reached, with the lines."""
    people = individuals + sensitive if d.flag(SAM, "original_count_includes_sensitive") \
        else individuals
    hit_people, l1 = d.meets(f"{label}.individuals + sensitive_individuals", people, SAM,
                             "original_assessment_individuals")
    hit_sensitive, l2 = d.meets(f"{label}.sensitive_individuals", sensitive, SAM,
                                "original_assessment_sensitive_individuals")
    return hit_people, hit_sensitive, [l1, l2]


def decision_lines(d: Decider) -> list[str]:
    """What the decision says about the regime it applied."""
    lines = [f"{d.as_of} is before the 2024 Provisions (2024-03-22): Decree 11 art 4's original "
             f"triggers, exports counted since 1 January of the previous year ({window_start(d)})"]
    for inst, article in ((SAM, "20"), (SCM, "13")):
        if not d.ctx.defined(inst, "rectification_months"):
            continue
        grace = d.ctx.value(inst, "rectification_months")  # dated from the day it came into force
        start = grace.start
        end = add_months(start, int(str(grace.value)))
        if d.as_of < end:
            lines.append(f"{d.ctx.law[inst].short} art {article}: exports begun before {start} "
                         f"that do not comply have until {end} to be brought into line")
    if not d.standard_contract_in_force:
        lines.append("the standard contract is in force only from 2023-06-01 (Standard Contract "
                     "Measures): before then the contract route is certification (PIPL art "
                     "38(2)); which certification rules applied is not in our sources "
                     "(needs_review)")
    return lines


def choose_original_route(d: Decider, w: TransferWork, reached: bool) -> None:
    """Set the route of a transfer before 2024-03-22 (``reached``: art 4(3)'s totals reached)."""
    t = w.t
    if t.important_data:
        w.mechanism = SA
        w.because.append("important data: security assessment (Decree 11 art 4(1))")
        w.cite(d.cite(SAM, "4"))
        return
    if d.org.ciio:
        w.mechanism = SA
        w.because.append("a CIIO exporting personal information: security assessment (Decree 11 "
                         "art 4(2); PIPL art 40)")
        w.cite(d.cite(SAM, "4(2)"))
        w.cite(d.cite(PIPL, "40"))
        return
    processed = d.org.individuals_processed
    if processed is None:
        w.missing.append("organization.individuals_processed")
    else:
        big, line = d.meets("organization.individuals_processed", processed, SAM,
                            "original_processed_individuals")
        w.because.append(line)
        if big:
            w.mechanism = SA
            w.because.append("a processor of PI of 1,000,000 people or more exporting personal "
                             "information: security assessment (Decree 11 art 4(2))")
            w.cite(d.cite(SAM, "4(2)"))
            return
    if reached:
        w.mechanism = SA
        w.because.append("exports since 1 January of the previous year reached Decree 11 art "
                         "4(3)'s threshold: security assessment for any PI export")
        w.cite(d.cite(SAM, "4(3)"))
        return
    w.mechanism = SC
    w.because.append("below Decree 11 art 4's triggers: a PIPL art 38 route (standard contract or "
                     "certification)")
    w.cite(d.cite(PIPL, "38"))
    if d.standard_contract_in_force:
        w.cite(d.cite(SCM, "4"))
