"""What each transfer's route and approvals make due, and by when (see :mod:`.deadlines`)."""

from __future__ import annotations

from cnprivacy.rules.crossborder.deadlines import DeadlineKind, Due, add_months, add_years
from cnprivacy.rules.crossborder.instruments import CERT, GBA, P24, QA10, SAM, SCM
from cnprivacy.rules.crossborder.model import SA, SC
from cnprivacy.rules.crossborder.work import Decider, TransferWork


def transfer_dues(d: Decider, w: TransferWork, gba: bool) -> list[Due]:
    """Filings, the important-data declaration and renewals for one decided transfer.

    ``gba``: the GBA contract is one of the transfer's options (at the contract route, or at the
    assessment route for a GBA flow, which has no volume cap).
    """
    t, ctx, out = w.t, d.ctx, []
    if w.mechanism in (SC, SA) and t.contract_effective is not None:
        if t.mechanism_in_place == "gba_standard_contract" and gba:
            n = int(ctx.param(GBA, "filing_working_days"))
            out.append(Due.of(DeadlineKind.GBA_FILING, t.id,
                              d.add_workdays(t.contract_effective, n),
                              f"file the GBA standard contract within {n} working days of "
                              f"{t.contract_effective}", d.cite(GBA, "filing")))
        elif w.mechanism is SC and t.mechanism_in_place in (None, "standard_contract") and \
                ctx.defined(SCM, "filing_working_days"):
            n = int(ctx.param(SCM, "filing_working_days"))
            out.append(Due.of(DeadlineKind.SC_FILING, t.id,
                              d.add_workdays(t.contract_effective, n),
                              f"file the standard contract and PIPIA report with the provincial CAC "
                              f"within {n} working days of {t.contract_effective}", d.cite(SCM, "7")))
    notified = d.org.important_data_notified_on
    if t.important_data and w.mechanism is SA and notified and ctx.defined(
            QA10, "important_data_declaration_months"):
        months = int(ctx.param(QA10, "important_data_declaration_months"))
        out.append(Due.of(DeadlineKind.IMPORTANT_DATA_DECLARATION, t.id,
                          add_months(notified, months),
                          f"declare the security assessment within {months} months of {notified} "
                          "(not extendable)", d.cite(QA10, "declaration_period")))
    if t.assessment_approved_on is not None and not d.current:
        out.append(_redeclaration(d, w))
    elif t.assessment_approved_on is not None:
        approved = t.assessment_approved_on
        valid = ctx.law.value(SAM, "validity_years", approved)
        years = int(str(valid.value if valid else ctx.param(P24, "assessment_validity_years")))
        expiry = add_years(approved, years)
        window = int(ctx.param(P24, "assessment_extension_window_working_days"))
        opens = d.subtract_workdays(expiry, window)
        what = (f"assessment of {approved} valid {years} years, to {expiry}: apply to extend "
                f"within the {window} working days before expiry (from {opens.day})")
        if valid is not None and valid.next_start is not None:
            what += (f"; a result issued before {valid.next_start} keeps Decree 11's {years} years "
                     "here: whether art 9's 3 years applies to it is not confirmed (needs_review)")
        out.append(Due.of(DeadlineKind.ASSESSMENT_EXTENSION, t.id, expiry, what, d.cite(P24, "9"),
                          opens=opens))
    if t.certified_on is not None and ctx.defined(CERT, "validity_years"):
        years = int(ctx.param(CERT, "validity_years"))
        months = int(ctx.param(CERT, "renewal_months_before_expiry"))
        expiry = add_years(t.certified_on, years)
        out.append(Due.of(DeadlineKind.CERTIFICATION_RENEWAL, t.id, add_months(expiry, -months),
                          f"certificate of {t.certified_on} valid {years} years, to {expiry}: apply "
                          f"again {months} months before expiry", d.cite(CERT, "8")))
    return out


def _redeclaration(d: Decider, w: TransferWork) -> Due:
    """Before 2024-03-22: declare again no later than 60 working days before the 2-year expiry
    (Decree 11 art 14 ¶2), not yet the 2024 Provisions' extension window."""
    approved = w.t.assessment_approved_on
    assert approved is not None
    years = int(d.ctx.param(SAM, "validity_years"))
    expiry = add_years(approved, years)
    n = int(d.ctx.param(SAM, "redeclare_before_expiry_working_days"))
    due = d.subtract_workdays(expiry, n)
    return Due.of(DeadlineKind.ASSESSMENT_REDECLARATION, w.t.id, due,
                  f"assessment of {approved} valid {years} years, to {expiry}: to continue, declare "
                  f"again no later than {n} working days before expiry", d.cite(SAM, "14"))
