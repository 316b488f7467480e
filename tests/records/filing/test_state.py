"""``assess`` on the filings on record: met obligations, expiry, renewal and triggers."""

from __future__ import annotations

import datetime as dt

from cnprivacy.engine import Options, assess
from cnprivacy.law import load_lawbook
from cnprivacy.records.filing.state import assess_on_record, on_record
from cnprivacy.rules.base import Status

from .samples import filing, profile, transfer

LAW = load_lawbook()
D = dt.date
XB_SA = "crossborder.security_assessment"
EXT = "crossborder.assessment_extension"
RESUB = "crossborder.resubmission_on_change"
SC_FILING = "crossborder.standard_contract_filing"


def _run(prof: object, filings: list[object], day: dt.date) -> dict[str, object]:
    return assess_on_record(prof, filings, Options(as_of=day), law=LAW).by_key()  # type: ignore[arg-type]


# A 2024 export to one recipient above the assessment threshold, assessed under Decree 11
# on 2022-12-30 (2 years: last valid day 2024-12-30).
SA_PROFILE = profile(transfer("t1", "2024-06-03", 1_200_000, purpose="hotel bookings"))
OLD_SA = filing(id="SA-OLD", kind="security_assessment", status="approved", number="SA-2022-7",
                submitted_on="2022-10-01", decided_on="2022-12-30", transfers=["t1"],
                facts=[{"transfer": "t1", "purpose": "hotel bookings"}])


def test_without_filings_the_assessment_applies() -> None:
    plain = assess(SA_PROFILE, Options(as_of=D(2024, 12, 30)), law=LAW).by_key()
    assert plain[XB_SA].status is Status.APPLIES
    assert plain[EXT].status is Status.NOT_APPLICABLE


def test_a_valid_assessment_meets_the_duty_on_its_last_day() -> None:
    found = _run(SA_PROFILE, [OLD_SA], D(2024, 12, 30))
    sa = found[XB_SA]
    assert sa.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
    assert sa.because[0].startswith("met: t1: met by filing SA-OLD")  # type: ignore[attr-defined]
    ext = found[EXT]
    assert ext.status is Status.APPLIES and ext.deadline == D(2024, 12, 30)  # type: ignore[attr-defined]
    assert any("filing SA-OLD" in b and "valid to 2024-12-30" in b
               for b in ext.because)  # type: ignore[attr-defined]


def test_the_day_after_expiry_the_duty_opens_again_with_the_renewal_overdue() -> None:
    found = _run(SA_PROFILE, [OLD_SA], D(2024, 12, 31))
    sa = found[XB_SA]
    assert sa.status is Status.APPLIES  # type: ignore[attr-defined]
    assert any("expired after 2024-12-30" in b for b in sa.because)  # type: ignore[attr-defined]
    ext = found[EXT]
    assert ext.status is Status.APPLIES and ext.deadline == D(2024, 12, 30)  # type: ignore[attr-defined]
    assert any("OVERDUE" in b for b in ext.because)  # type: ignore[attr-defined]


def test_a_result_issued_after_the_date_is_not_yet_on_record() -> None:
    prof = profile(transfer("t1", "2022-11-03", 1_200_000, purpose="hotel bookings"))
    found = _run(prof, [OLD_SA], D(2022, 12, 29))
    sa = found[XB_SA]  # (the 2024 Provisions' rule does not exist yet: not_applicable)
    assert "on record: filing SA-OLD (Data export security assessment, submitted 2022-10-01, " \
        "no. SA-2022-7) covers t1" in sa.because  # type: ignore[attr-defined]
    assert not any(b.startswith("met") for b in sa.because)  # type: ignore[attr-defined]
    record = on_record(prof, [OLD_SA], LAW, D(2022, 12, 29))
    assert record.profile.transfers[0].assessment_approved_on is None
    assert on_record(prof, [OLD_SA], LAW, D(2022, 12, 30)).profile.transfers[
        0].assessment_approved_on == D(2022, 12, 30)
    before = _run(prof, [OLD_SA], D(2022, 9, 30))
    assert not any("SA-OLD" in b for b in before[XB_SA].because)  # type: ignore[attr-defined]


def test_a_changed_transfer_opens_a_new_obligation_naming_the_trigger() -> None:
    changed = profile(transfer("t1", "2024-06-03", 1_200_000, purpose="marketing"))
    found = _run(changed, [OLD_SA], D(2024, 9, 2))
    resub = found[RESUB]
    assert resub.status is Status.APPLIES  # type: ignore[attr-defined]
    text = " | ".join(resub.because)  # type: ignore[attr-defined]
    assert "purpose: hotel bookings -> marketing" in text
    assert "Security Assessment Measures art. 14(1)" in text and "filing SA-OLD" in text
    same = _run(SA_PROFILE, [OLD_SA], D(2024, 9, 2))
    assert same[RESUB].status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]


# Two 2026 contract-route transfers (together above 100,000 people, below 1 million).
SC_PROFILE = profile(transfer("t1", "2026-01-15", 80_000, contract_effective="2026-02-05"),
                     transfer("t2", "2026-01-20", 50_000, contract_effective="2026-02-12"))


def _sc(fid: str, tid: str, submitted: str = "2026-02-10") -> object:
    return filing(id=fid, status="submitted", submitted_on=submitted, transfers=[tid],
                  effective_on="2026-02-05" if tid == "t1" else "2026-02-12")


def test_standard_contract_filings_meet_the_filing_duty_transfer_by_transfer() -> None:
    day = D(2026, 3, 2)
    none = _run(SC_PROFILE, [], day)[SC_FILING]
    assert none.status is Status.APPLIES and none.deadline == D(2026, 2, 26)  # type: ignore[attr-defined]
    one = _run(SC_PROFILE, [_sc("SC-1", "t1")], day)[SC_FILING]
    assert one.status is Status.APPLIES  # type: ignore[attr-defined]
    assert one.deadline == D(2026, 3, 4)  # only t2's deadline is left  # type: ignore[attr-defined]
    assert "t1: met by filing SC-1" in one.because  # type: ignore[attr-defined]
    both = _run(SC_PROFILE, [_sc("SC-1", "t1"), _sc("SC-2", "t2", "2026-02-27")], day)[SC_FILING]
    assert both.status is Status.NOT_APPLICABLE and both.deadline is None  # type: ignore[attr-defined]
    assert both.because[0].startswith("met: ")  # type: ignore[attr-defined]


def test_a_withdrawn_filing_meets_nothing() -> None:
    gone = filing(id="SC-1", status="withdrawn", submitted_on="2026-02-10", transfers=["t1"],
                  effective_on="2026-02-05", withdrawn_reason="refiled")
    found = _run(SC_PROFILE, [gone], D(2026, 3, 2))[SC_FILING]
    assert found.status is Status.APPLIES  # type: ignore[attr-defined]
    assert not any("SC-1" in b for b in found.because)  # type: ignore[attr-defined]


PIPO_PROFILE = profile(individuals_processed=2_000_000,
                       pi_officer_threshold_reached_on="2025-09-01")


def test_the_officer_report_on_record_meets_its_duty_from_its_day() -> None:
    report = filing(id="PIPO-1", kind="pipo_report", status="submitted", submitted_on="2025-10-20")
    before = _run(PIPO_PROFILE, [report], D(2025, 10, 19))["pipl.pi_officer_reporting"]
    assert before.status is Status.APPLIES and before.deadline is not None  # type: ignore[attr-defined]
    after = _run(PIPO_PROFILE, [report], D(2025, 10, 20))["pipl.pi_officer_reporting"]
    assert after.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
    assert after.because[0] == ("met: filing PIPO-1 (PI protection officer report, "  # type: ignore[attr-defined]
                                "submitted 2025-10-20)")


def test_on_record_fills_the_profile_and_says_what_it_replaced() -> None:
    prof = profile(transfer("t1", "2024-06-03", 1_200_000, assessment_approved_on="2022-11-01"))
    record = on_record(prof, [OLD_SA], LAW, D(2024, 6, 30))
    t = record.profile.transfers[0]
    assert t.assessment_approved_on == D(2022, 12, 30)
    assert t.mechanism_in_place == "security_assessment"
    assert t.previous is not None and t.previous.purpose == "hotel bookings"
    assert any("2022-11-01 replaced by 2022-12-30 from filing SA-OLD" in line
               for line in record.notes[XB_SA])
    assert prof.transfers[0].assessment_approved_on == D(2022, 11, 1)  # the input is untouched
