"""Stage 2 of the decision: the route a transfer needs from the totals of its year.

The totals (art 5(4), 7, 8), the CIIO and important-data triggers (art 7) and the CAC Q&As of
2026-01 (the declaration covers the whole year; a voluntary assessment binds) set the route;
the GBA contract adds an option for flows between the nine Guangdong cities and HK/Macao, with no
volume cap (it stays open above the assessment thresholds). State organs (PIPL art 36) and CIIOs
(PIPL art 40, 2024 Provisions art 7) need the assessment whatever the volume.
"""

from __future__ import annotations

from cnprivacy.rules.crossborder.instruments import GBA, P24, PIPL, QA01
from cnprivacy.rules.crossborder.model import RANK, SA, SC, Mechanism
from cnprivacy.rules.crossborder.original import choose_original_route, original_totals
from cnprivacy.rules.crossborder.work import Decider, TransferWork


class YearTotals:
    """The totals one set of transfers reaches, and what they trigger."""

    def __init__(self, d: Decider, individuals: int, sensitive: int, label: str) -> None:
        self.individuals, self.sensitive = individuals, sensitive
        if not d.current:
            self.sa_ind, self.sa_sens, self.lines = original_totals(d, individuals, sensitive, label)
            self.below = False
            return
        self.sa_ind, l1 = d.meets(f"{label}.individuals", individuals, P24, "assessment_individuals")
        self.sa_sens, l2 = d.meets(f"{label}.sensitive_individuals", sensitive, P24,
                                   "assessment_sensitive_individuals")
        self.below, l3 = d.meets(f"{label}.individuals", individuals, P24, "exemption_individuals")
        self.lines = [l1, l2, l3]

    @property
    def reached_assessment(self) -> bool:
        return self.sa_ind or self.sa_sens


def choose_route(d: Decider, w: TransferWork, year: YearTotals, whole_year: bool) -> None:
    """Set the route of a transfer no exemption settled, from its year's totals."""
    t, ciio = w.t, d.org.ciio
    w.because.extend(year.lines)
    if d.org.state_organ and d.flag(PIPL, "state_organ_export_assessment"):
        w.mechanism = SA
        w.because.append("a state organ (or a body authorised to manage public affairs, PIPL art 37) "
                         "exporting personal information: security assessment whatever the volume "
                         "(PIPL art 36)")
        w.cite(d.cite(PIPL, "36"))
        return
    if not d.current:
        choose_original_route(d, w, year.reached_assessment)
        return
    if t.important_data:
        w.mechanism = SA
        w.because.append(f"important data: security assessment (art {'7(1)' if ciio else '7(2)'})")
        w.cite(d.cite(P24, "7"))
        return
    if ciio:
        w.mechanism = SA
        w.because.append("a CIIO exporting personal information: security assessment whatever the "
                         "volume (art 7(1); PIPL art 40); the below-100,000 exemption is not open to "
                         "CIIOs (art 5(4))")
        w.cite(d.cite(P24, "7"))
        w.cite(d.cite(PIPL, "40"))
        return
    if year.reached_assessment and whole_year:
        w.mechanism = SA
        w.because.append("the year's exports reached the assessment threshold: the declaration covers "
                         "all PI exported this year, including under a contract or certification "
                         "(CAC Q&A 2026-01)")
        w.cite(d.cite(P24, "7"))
        w.cite(d.cite(QA01, "declaration_scope"))
        return
    has_sensitive = bool(t.sensitive_individuals)
    has_general = bool(t.individuals) or not has_sensitive
    parts: list[Mechanism] = []
    if has_general:
        if year.sa_ind:
            parts.append(SA)
        elif year.below:
            parts.append(Mechanism.EXEMPT)
        else:
            parts.append(SC)
    if has_sensitive:
        parts.append(SA if year.sa_sens else SC)
    mechanism = max(parts, key=RANK.__getitem__)
    w.mechanism = mechanism
    if mechanism is Mechanism.EXEMPT:
        w.exemption = "below_threshold"
        w.because.append("a processor other than a CIIO below 100,000 people's non-sensitive PI this "
                         "year, no sensitive PI: exempt (art 5(4))")
        w.cite(d.cite(P24, "5(4)"))
    elif mechanism is SA:
        w.because.append("the year's volume reaches the security-assessment threshold (art 7(2))")
        w.cite(d.cite(P24, "7"))
    else:
        w.because.append("standard contract or certification (art 8)")
        w.cite(d.cite(P24, "8"))
    if t.voluntary_security_assessment:
        if d.flag(QA01, "voluntary_assessment_binds"):
            w.mechanism = SA
            w.exemption = None
            w.because.append("a voluntarily declared security assessment binds (CAC Q&A 2026-01)")
            w.cite(d.cite(QA01, "voluntary_assessment"))
        else:
            w.because.append("voluntary security assessment declared; the CAC's statement that it "
                             "binds dates from 2026-01-30")


def gba_eligible(d: Decider, w: TransferWork) -> bool:
    """Whether the GBA standard contract is open to this transfer."""
    return (d.in_gba_city is True and d.ctx.defined(GBA, "filing_working_days")
            and w.t.recipient.country in d.gba_regions and d.org.ciio is False
            and not d.org.state_organ and w.t.important_data is False)


def gba_above_cap(d: Decider, w: TransferWork, gba: bool) -> bool:
    """Whether a GBA flow at the assessment route may still use the GBA contract (no volume cap).

    Not when the assessment comes from a voluntary declaration, which binds (CAC Q&A 2026-01).
    """
    return (gba and w.mechanism is SA and d.flag(GBA, "no_volume_cap")
            and not w.t.voluntary_security_assessment)


def available(d: Decider, options: tuple[str, ...]) -> tuple[str, ...]:
    """The options open on the date: no standard contract before 2023-06-01."""
    if d.standard_contract_in_force:
        return options
    return tuple(o for o in options if o != "standard_contract")


def route_options(mechanism: Mechanism, gba: bool, gba_no_cap: bool = False) -> tuple[str, ...]:
    """The instruments that satisfy a route (``gba_no_cap``: the GBA contract at the assessment
    route, for a GBA flow above the volume thresholds)."""
    if mechanism is SA:
        return ("security_assessment", "gba_standard_contract") if gba_no_cap else (
            "security_assessment",)
    if mechanism is SC:
        return ("standard_contract", "certification", "gba_standard_contract") if gba else (
            "standard_contract", "certification")
    return ()
