"""``assess`` and ``crossborder`` on the company's actual state: the filings on record.

Two pure steps around the unchanged engine:

1. :func:`on_record` writes what the filings establish into a copy of the profile (the facts the
   rules already read: a transfer's assessment result, contract, certificate and its facts as
   filed; the officer report, the facial filing, AI filing numbers, the last audit). The rules
   then open the renewal obligations at the right dates and fire the refiling triggers.
2. :func:`settle` marks each obligation a filing on record meets: ``applies`` becomes
   ``not_applicable`` with a first ``because`` line naming the filing, and the deadline goes;
   partly met filing duties keep only the deadlines still open. Every finding a filing bears on
   gets a line naming it.

A filing counts from its submission (or decision) day and, if it has a validity, to its last
valid day; one made after ``as_of`` is not yet on record that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cnprivacy.engine import Assessment, Finding, Options, assess, crossborder_decision
from cnprivacy.errors import InputError
from cnprivacy.law import LawBook, load_lawbook
from cnprivacy.profile import Profile
from cnprivacy.profile.models import AIServiceKind, Transfer
from cnprivacy.records.filing.deadlines import filing_due, last_valid_day, superseded_by
from cnprivacy.records.filing.kinds import KINDS
from cnprivacy.records.filing.models import GRANTED, MADE, Filing, FilingKind, FilingStatus
from cnprivacy.records.filing.triggers import filed_facts
from cnprivacy.rules.base import ParameterUndefined, Status
from cnprivacy.rules.crossborder import Decision
from cnprivacy.rules.crossborder.deadlines import DeadlineKind
from cnprivacy.rules.crossborder.model import SA, SC

_AI_KIND = {FilingKind.ALGORITHM: AIServiceKind.RECOMMENDATION_ALGORITHM,
            FilingKind.DEEP_SYNTHESIS: AIServiceKind.DEEP_SYNTHESIS,
            FilingKind.GENERATIVE_AI: AIServiceKind.GENERATIVE_AI}
# Obligations a filing bears on without meeting them (its renewal, its triggers, the next one).
_BEARS_ON = {FilingKind.SECURITY_ASSESSMENT: ("crossborder.assessment_extension",
                                              "crossborder.resubmission_on_change"),
             FilingKind.ASSESSMENT_EXTENSION: ("crossborder.resubmission_on_change",),
             FilingKind.STANDARD_CONTRACT: ("crossborder.resubmission_on_change",),
             FilingKind.CERTIFICATION: ("crossborder.certification_renewal",),
             FilingKind.COMPLIANCE_AUDIT: ("pipl.compliance_audit_biennial",
                                           "pipl.compliance_audit_regular")}


def made_on(f: Filing) -> dt.date | None:
    return f.submitted_on or f.decided_on


def in_effect(f: Filing, filings: Sequence[Filing], law: LawBook, as_of: dt.date) -> bool:
    """Made by ``as_of`` and, for a filing with a validity, granted and not past it."""
    made = made_on(f)
    if f.status not in MADE or made is None or made > as_of:
        return False
    if KINDS[f.kind].validity_years is None and f.expires_on is None:
        return True
    if f.status not in GRANTED or (f.decided_on and f.decided_on > as_of):
        return False
    end = last_valid_day(f, law, {g.id: g for g in filings})
    return end is None or as_of <= end


def describe(f: Filing, filings: Sequence[Filing], law: LawBook, as_of: dt.date) -> str:
    """One line naming a filing and where it stands on ``as_of``."""
    spec = KINDS[f.kind]
    parts = [f"filing {f.id} ({spec.title}", f.status.value]
    day = f.decided_on if f.status in GRANTED else made_on(f)
    pending = f.decided_on is not None and f.decided_on > as_of
    if f.decided_on is not None and f.decided_on > as_of and f.submitted_on is not None:
        parts[-1], day = "submitted", f.submitted_on  # the answer came after the date
    if day:
        parts[-1] += f" {day}"
    if f.number:
        parts.append(f"no. {f.number}")
    if f.status is FilingStatus.PLANNED:
        due = filing_due(f, law)
        if due is not None:
            parts.append(f"due {due[0]}" + (", overdue" if due[0] < as_of else ""))
    end = None if pending else last_valid_day(f, law, {g.id: g for g in filings})
    if end is not None:
        parts.append(f"valid to {end}" if as_of <= end else f"expired after {end}")
    later = superseded_by(f, filings)
    if later is not None:
        parts.append(f"replaced by {later.id}")
    covered = f.transfers or f.ai_services or f.activities
    text = ", ".join(parts) + ")"
    return text + (f" covers {', '.join(covered)}" if covered else "")


@dataclass(frozen=True)
class OnRecord:
    """The profile as the filings on record leave it, and what each obligation is told."""

    profile: Profile
    filings: tuple[Filing, ...]
    as_of: dt.date
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _current(filings: Sequence[Filing], as_of: dt.date) -> list[Filing]:
    """Filings dated by ``as_of`` (planned ones included), not withdrawn or rejected."""
    out = []
    for f in filings:
        if f.status in (FilingStatus.WITHDRAWN, FilingStatus.REJECTED):
            continue
        made = made_on(f)
        if f.status is not FilingStatus.PLANNED and (made is None or made > as_of):
            continue
        out.append(f)
    return out


def _latest(fs: list[Filing]) -> Filing | None:
    return max(fs, key=lambda f: (f.decided_on or f.submitted_on or dt.date.min, f.id),
               default=None)


def on_record(profile: Profile, filings: Sequence[Filing], law: LawBook,
              as_of: dt.date) -> OnRecord:
    """A copy of ``profile`` with the facts the filings on record establish on ``as_of``.

    The record wins over the profile where both state a fact (it is the company's record of
    what it filed); each such replacement is named in the notes."""
    filings = tuple(filings)
    current = _current(filings, as_of)
    by_id = {f.id: f for f in filings}
    notes: dict[str, list[str]] = {}
    for f in current:
        line = "on record: " + describe(f, filings, law, as_of)
        for key in (*KINDS[f.kind].meets, *_BEARS_ON.get(f.kind, ())):
            notes.setdefault(key, []).append(line)
    transfers = [_transfer(t, current, law, by_id, notes, as_of) for t in profile.transfers]
    org = profile.organization
    org_update: dict[str, object] = {}
    for kind, done, reached in ((FilingKind.PIPO_REPORT, "pi_officer_reported",
                                 "pi_officer_threshold_reached_on"),
                                (FilingKind.FACIAL_RECOGNITION, "facial_filed",
                                 "facial_threshold_reached_on")):
        mine = [f for f in current if f.kind is kind]
        if any(f.status in MADE for f in mine):
            org_update[done] = True
        start = next((f.triggered_on for f in mine if f.triggered_on), None)
        if start is not None and getattr(org, reached) is None:
            org_update[reached] = start
    audits = [made_on(f) for f in current
              if f.kind is FilingKind.COMPLIANCE_AUDIT and f.status in MADE]
    last = max((d for d in audits if d is not None), default=None)
    if last is not None and (org.last_compliance_audit is None or last > org.last_compliance_audit):
        org_update["last_compliance_audit"] = last
    services = []
    for svc in profile.ai_services:
        mine = [f for f in current if f.kind in _AI_KIND and _AI_KIND[f.kind] is svc.kind
                and svc.id in f.ai_services]
        update: dict[str, object] = {}
        made = _latest([f for f in mine if f.status in MADE])
        if made is not None and not svc.filing_number:
            update["filing_number"] = made.number or f"on record as {made.id}"
        start = next((f.triggered_on for f in mine if f.triggered_on), None)
        if start is not None and svc.launch_date is None:
            update["launch_date"] = start
        services.append(svc.model_copy(update=update) if update else svc)
    projected = profile.model_copy(update={
        "organization": org.model_copy(update=org_update) if org_update else org,
        "transfers": transfers, "ai_services": services})
    return OnRecord(projected, filings, as_of, {k: tuple(v) for k, v in notes.items()})


def _transfer(t: Transfer, current: list[Filing], law: LawBook, by_id: dict[str, Filing],
              notes: dict[str, list[str]], as_of: dt.date) -> Transfer:
    mine = [f for f in current if t.id in f.transfers]
    if not mine:
        return t
    update: dict[str, object] = {}
    source: dict[str, Filing] = {}

    def put(name: str, value: object, f: Filing) -> None:
        update[name], source[name] = value, f

    sa = _latest([f for f in mine if f.kind in (FilingKind.SECURITY_ASSESSMENT,
                                                FilingKind.ASSESSMENT_EXTENSION)
                  and f.status in GRANTED | {FilingStatus.EXPIRED}
                  and f.decided_on is not None and f.decided_on <= as_of])
    contracts = [f for f in mine if f.kind in (FilingKind.STANDARD_CONTRACT,
                                               FilingKind.GBA_STANDARD_CONTRACT)]
    sc = _latest([f for f in contracts if f.status in MADE]) or _latest(contracts)
    cert = _latest([f for f in mine if f.kind is FilingKind.CERTIFICATION
                    and f.status in GRANTED and f.decided_on is not None
                    and f.decided_on <= as_of])
    if sa is not None:
        start = sa.decided_on
        if sa.kind is FilingKind.ASSESSMENT_EXTENSION:
            # The extended validity runs on from the extended result's last day, so the
            # rules' "approved + validity" gives the extension's own last day.
            base = by_id.get(sa.extends) if sa.extends else None
            start = last_valid_day(base, law, by_id) if base is not None else None
        if start is not None:
            put("assessment_approved_on", start, sa)
            put("mechanism_in_place", "security_assessment", sa)
    elif cert is not None:
        put("certified_on", cert.decided_on, cert)
        put("mechanism_in_place", "certification", cert)
    elif sc is not None:
        put("mechanism_in_place", "gba_standard_contract"
            if sc.kind is FilingKind.GBA_STANDARD_CONTRACT else "standard_contract", sc)
    if sc is not None and sc.effective_on is not None:
        put("contract_effective", sc.effective_on, sc)
    filed = sa or (sc if sc is not None and sc.status in MADE else None)
    if filed is not None:
        facts = filed_facts(filed, t)
        if facts is None and filed.extends in by_id:
            facts = filed_facts(by_id[str(filed.extends)], t)
        if facts is not None:
            put("previous", facts, filed)
    for name, value in update.items():
        before = getattr(t, name)
        if name != "previous" and before is not None and before != value:
            for key in KINDS[source[name].kind].meets:
                notes.setdefault(key, []).append(
                    f"transfers[{t.id}].{name}: the profile's {before} replaced by {value} "
                    f"from filing {source[name].id}")
    return t.model_copy(update=update)


def _report_year(f: Filing) -> int | None:
    """The year a yearly report covers: as stated, else the year before its submission."""
    made = made_on(f)
    return f.period_year if f.period_year is not None else (made.year - 1 if made else None)


def _met(finding: Finding, line: str) -> Finding:
    if finding.status is not Status.APPLIES:
        return finding
    return dataclasses.replace(finding, status=Status.NOT_APPLICABLE, deadline=None,
                               deadline_estimated=False,
                               because=(f"met: {line}", *finding.because))


def _covered(record: OnRecord, law: LawBook, kinds: set[FilingKind]) -> dict[str, Filing]:
    """Transfer id -> a filing of these kinds in effect on the day that covers it."""
    out: dict[str, Filing] = {}
    for f in record.filings:
        if f.kind in kinds and in_effect(f, record.filings, law, record.as_of):
            for tid in f.transfers:
                out.setdefault(tid, f)
    return out


def _transfer_duty(finding: Finding, needed: list[str], covered: dict[str, Filing],
                   dues: dict[str, dt.date] | None = None) -> Finding:
    if not needed or finding.status is not Status.APPLIES:
        return finding
    done = [t for t in needed if t in covered]
    if not done:
        return finding
    lines = [f"{t}: met by filing {covered[t].id}" for t in done]
    if len(done) == len(needed):
        return _met(finding, "; ".join(lines))
    if dues is None:
        return dataclasses.replace(finding, because=(*finding.because, *lines))
    left = [day for t, day in dues.items() if t not in covered]
    return dataclasses.replace(finding, because=(*finding.because, *lines),
                               deadline=min(left) if left else finding.deadline)


def _settle_one(f: Finding, record: OnRecord, law: LawBook, dec: Decision | None) -> Finding:
    key, as_of = f.obligation, record.as_of
    now = [g for g in record.filings if in_effect(g, record.filings, law, as_of)]
    if dec is not None and key in ("crossborder.standard_contract_filing",
                                   "crossborder.gba_contract_filing"):
        sc = key.endswith("standard_contract_filing")
        due_kind = DeadlineKind.SC_FILING if sc else DeadlineKind.GBA_FILING
        fkind = FilingKind.STANDARD_CONTRACT if sc else FilingKind.GBA_STANDARD_CONTRACT
        dues = {d.transfer: d.day for d in dec.dues_of(due_kind)}
        return _transfer_duty(f, list(dues), _covered(record, law, {fkind}), dues)
    if dec is not None and key == "crossborder.security_assessment":
        needed = [t.id for t in dec.transfers if t.mechanism is SA and t.date.year == dec.year
                  and t.date <= as_of]
        return _transfer_duty(f, needed, _covered(record, law, {
            FilingKind.SECURITY_ASSESSMENT, FilingKind.ASSESSMENT_EXTENSION}))
    if dec is not None and key == "crossborder.standard_contract_or_certification":
        needed = [t.id for t in dec.transfers if t.mechanism is SC and t.counted]
        return _transfer_duty(f, needed, _covered(record, law, {
            FilingKind.STANDARD_CONTRACT, FilingKind.CERTIFICATION}))
    for org_kind in (FilingKind.PIPO_REPORT, FilingKind.FACIAL_RECOGNITION):
        if key in KINDS[org_kind].meets:
            hit = _latest([g for g in now if g.kind is org_kind])
            return f if hit is None else _met(f, describe(hit, record.filings, law, as_of))
    for kind, svc_kind in _AI_KIND.items():
        if key in KINDS[kind].meets:
            wanted = [s.id for s in record.profile.ai_services if s.kind is svc_kind]
            covered = {s: g for g in now if g.kind is kind for s in g.ai_services}
            if wanted and all(s in covered for s in wanted):
                return _met(f, "; ".join(f"{s}: filing {covered[s].id}" for s in wanted))
            return f
    if key in KINDS[FilingKind.MINORS_AUDIT_REPORT].meets and f.deadline is not None:
        year = f.deadline.year - 1  # the report due then covers the year before
        hit = _latest([g for g in now if g.kind is FilingKind.MINORS_AUDIT_REPORT
                       and _report_year(g) == year])
        return f if hit is None else _met(f, describe(hit, record.filings, law, as_of))
    return f


def settle(assessment: Assessment, record: OnRecord, law: LawBook, options: Options) -> Assessment:
    """The assessment with the obligations the filings meet marked, each naming its filing."""
    dec: Decision | None = None
    if record.filings:
        try:
            dec = crossborder_decision(record.profile, options, law=law)
        except (ParameterUndefined, InputError):
            dec = None
    findings = []
    for f in assessment.findings:
        lines = record.notes.get(f.obligation, ())
        if lines:
            f = dataclasses.replace(f, because=(*f.because, *lines))
        f = _settle_one(f, record, law, dec)
        if f.status in options.statuses:
            findings.append(f)
    counts = Counter(f.status.value for f in findings)
    return dataclasses.replace(assessment, findings=tuple(findings),
                               counts={s.value: counts.get(s.value, 0) for s in Status})


def assess_on_record(profile: Profile, filings: Sequence[Filing], options: Options, *,
                     law: LawBook | None = None) -> Assessment:
    """``engine.assess`` on the state the filings on record leave: see the module docstring."""
    law = law or load_lawbook()
    record = on_record(profile, filings, law, options.as_of)
    every = dataclasses.replace(options, statuses=frozenset(Status))
    return settle(assess(record.profile, every, law=law), record, law, options)


def annotate_decision(dec: Decision, record: OnRecord, law: LawBook) -> Decision:
    """The decision with each transfer's ``because`` naming the filings on record for it."""
    transfers = []
    for t in dec.transfers:
        lines = tuple("on record: " + describe(f, record.filings, law, record.as_of)
                      for f in _current(record.filings, record.as_of) if t.id in f.transfers)
        transfers.append(dataclasses.replace(t, because=(*t.because, *lines)) if lines else t)
    return dataclasses.replace(dec, transfers=tuple(transfers))
