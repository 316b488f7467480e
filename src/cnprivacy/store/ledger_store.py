"""The transfer ledger on a database: record (one transaction), status, export, distinct counts.

Only keyed hashes of identifiers are stored. Counts are exact (``COUNT(DISTINCT)`` over the
hashes of the year's active entries) or approximate (merged HyperLogLog sketches, no hashes
read). The route comes from the same decision ``cnprivacy crossborder`` uses.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import SQLAlchemyError

from cnprivacy.engine import Options, crossborder_decision
from cnprivacy.errors import InputError
from cnprivacy.law.workdays import DEFAULT_CALENDAR, WorkCalendar
from cnprivacy.ledger.countries import check_recipient_country
from cnprivacy.ledger.hashing import LedgerKey
from cnprivacy.ledger.sketch import HLL_ERROR, merge_sketches
from cnprivacy.profile import Profile
from cnprivacy.profile.models import Organization, Transfer
from cnprivacy.rules.crossborder import Decision
from cnprivacy.rules.crossborder.model import RANK, Mechanism
from cnprivacy.store import bulk
from cnprivacy.store.database import current_revision, head_revision, migrate, open_engine
from cnprivacy.store.schema import entries, meta, snapshots

DEFAULT_ORG = Organization(name="(ledger)", country="CN")
#: Counts are 32-bit integer columns on every backend (PostgreSQL's INTEGER).
MAX_COUNT = 2**31 - 1


@dataclass(frozen=True)
class Snapshot:
    entry_id: int
    year: int
    individuals: int
    sensitive_individuals: int
    mechanism: str
    declaration_covers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"after_entry": self.entry_id, "year": self.year, "individuals": self.individuals,
                "sensitive_individuals": self.sensitive_individuals, "mechanism": self.mechanism,
                "declaration_covers": list(self.declaration_covers)}


@dataclass(frozen=True)
class EntryInput:
    """What one ``record`` adds: the transfer's metadata and, optionally, its people's hashes."""

    transfer: Transfer
    sensitive: bool = False
    digests: bytes | None = None       # 16-byte keyed hashes, concatenated (may repeat)
    identifiers_read: int | None = None
    individuals: int | None = None     # declared count when no identifiers are given
    corrects: int | None = None
    reason: str | None = None
    void: bool = False
    source: str | None = None


@dataclass(frozen=True)
class RecordResult:
    entry_id: int
    identifiers_read: int | None
    identifiers_distinct: int | None
    before: Snapshot | None
    after: Snapshot
    warnings: tuple[str, ...] = ()


@dataclass
class LedgerStatus:
    as_of: date
    year: int
    approximate: bool
    decision: Decision
    active_entries: int
    last: Snapshot | None
    previous: Snapshot | None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        dec = self.decision
        by_id = dec.by_id()
        changed = None
        if self.last is not None:
            prev = self.previous
            changed = {
                "last_entry": self.last.entry_id,
                "individuals": self.last.individuals - (prev.individuals if prev else 0),
                "sensitive_individuals": self.last.sensitive_individuals
                - (prev.sensitive_individuals if prev else 0),
                "mechanism": {"from": prev.mechanism if prev else None, "to": self.last.mechanism},
            }
        return {
            "as_of": self.as_of.isoformat(), "year": self.year,
            "individuals": dec.individuals, "sensitive_individuals": dec.sensitive_individuals,
            "exact": not self.approximate,
            "error_bound": {"relative_standard_error": round(HLL_ERROR, 5),
                            "three_sigma": round(3 * HLL_ERROR, 5)} if self.approximate else None,
            "mechanism": dec.mechanism.value, "options": list(dec.options),
            "declaration_covers": list(dec.declaration_covers), "needs_info": list(dec.missing),
            "active_entries": self.active_entries, "since_last_record": changed,
            "transfers": [{"id": t.id, "date": t.date.isoformat(), "mechanism": t.mechanism.value,
                           "exemption": t.exemption, "counted": t.counted}
                          for t in by_id.values()],
            "warnings": self.warnings, "because": list(dec.because),
        }


class LedgerCounter:
    """Distinct people across the active entries of a year (the decision's DistinctCounts)."""

    def __init__(self, conn: Connection, approximate: bool = False) -> None:
        self.conn, self.approximate = conn, approximate
        self._years: dict[int, dict[str, list[Any]]] = {}

    def active(self, year: int) -> dict[str, list[Any]]:
        if year not in self._years:
            self._years[year] = active_entries(self.conn, year)
        return self._years[year]

    def known_transfers(self, year: int) -> set[str]:
        return {tid for tid, rows in self.active(year).items()
                if all(r.identifiers_distinct is not None for r in rows)}

    def distinct(self, transfer_ids: Sequence[str], year: int) -> tuple[int, int]:
        rows = [r for tid in transfer_ids for r in self.active(year).get(tid, [])]
        return (self._count(rows), self._count([r for r in rows if r.sensitive]))

    def _count(self, rows: list[Any]) -> int:
        if not rows:
            return 0
        if len(rows) == 1:
            return int(rows[0].identifiers_distinct)
        if self.approximate:
            return round(merge_sketches(r.hll for r in rows).count())
        return bulk.count_distinct(self.conn, (int(r.id) for r in rows))


def active_entries(conn: Connection, year: int) -> dict[str, list[Any]]:
    """Entries of ``year`` that are neither void nor corrected, by transfer id."""
    corrected = select(entries.c.corrects).where(entries.c.corrects.is_not(None))
    rows = conn.execute(
        select(entries).where(entries.c.year == year, entries.c.void.is_(False),
                              entries.c.id.not_in(corrected)).order_by(entries.c.id)).all()
    out: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        out[row.transfer_id].append(row)
    return out


def _transfers(active: dict[str, list[Any]]) -> list[Transfer]:
    out = []
    for tid, rows in active.items():
        data = json.loads(rows[-1].transfer_json)
        people = [r.identifiers_distinct if r.identifiers_distinct is not None
                  else r.individuals_declared for r in rows]
        known = None if any(p is None for p in people) else sum(people)
        data["id"] = tid
        data["individuals"] = known
        data["sensitive_individuals"] = sum(
            (p or 0) for p, r in zip(people, rows, strict=True) if r.sensitive) if known is not None \
            else None
        out.append(Transfer.model_validate(data))
    return out


class Ledger:
    def __init__(self, engine: Engine, key: LedgerKey, target: str) -> None:
        self.engine, self.key, self.target = engine, key, target

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def init(cls, target: str, key_path: Path | None,
             organization: Organization | None = None) -> tuple[Ledger, bool]:
        """Create or upgrade the schema; create the key file if there is none. True if created."""
        if key_path is None:
            raise InputError(target, "no key file location: pass --key or set CNPRIVACY_LEDGER_KEY")
        engine = open_engine(target)
        created = not key_path.exists()
        key = LedgerKey.generate() if created else LedgerKey.load(key_path)
        saved = False
        try:
            migrate(engine)
            with engine.begin() as conn:
                stored = conn.execute(select(meta.c.value).where(meta.c.key == "key_fingerprint"))
                fingerprint = stored.scalar_one_or_none()
                if fingerprint is not None and fingerprint != key.fingerprint():
                    raise InputError(str(key_path), "this key does not belong to the ledger")
                if fingerprint is None:
                    conn.execute(insert(meta), [
                        {"key": "key_fingerprint", "value": key.fingerprint()},
                        {"key": "created_at", "value": datetime.now(UTC).isoformat()}])
                if organization is not None:
                    conn.execute(insert(meta), [{"key": f"organization@{datetime.now(UTC).isoformat()}",
                                                 "value": organization.model_dump_json()}])
                if created:
                    # Saved inside the transaction: a key that cannot be written rolls its
                    # fingerprint back, so the ledger never expects a key that does not exist.
                    key.save(key_path)
                    saved = True
        except BaseException as err:
            if saved:  # the commit failed after the key was written: take the key back
                key_path.unlink(missing_ok=True)
            if isinstance(err, SQLAlchemyError):
                raise InputError(target, f"database error: {str(err).splitlines()[0]}") from None
            raise
        return cls(engine, key, target), created

    @classmethod
    def open(cls, target: str, key_path: Path | None) -> Ledger:
        engine = open_engine(target, must_exist=True)
        if key_path is None:
            raise InputError(target, "no key file: pass --key or set CNPRIVACY_LEDGER_KEY")
        key = LedgerKey.load(key_path)
        try:
            revision = current_revision(engine)
            if revision != head_revision():
                raise InputError(target, f"ledger schema is at {revision or 'nothing'}, not "
                                 f"{head_revision()}: run `cnprivacy ledger init` first")
            with engine.connect() as conn:
                stored = conn.execute(select(meta.c.value).where(meta.c.key == "key_fingerprint"))
                fingerprint = stored.scalar_one_or_none()
        except SQLAlchemyError as err:
            raise InputError(target, f"cannot open the ledger: {str(err).splitlines()[0]}") from None
        if fingerprint != key.fingerprint():
            raise InputError(str(key_path), "this key does not belong to the ledger")
        return cls(engine, key, target)

    def organization(self, conn: Connection) -> Organization:
        row = conn.execute(select(meta.c.value).where(meta.c.key.like("organization@%"))
                           .order_by(meta.c.key.desc()).limit(1)).scalar_one_or_none()
        return Organization.model_validate_json(row) if row else DEFAULT_ORG

    # -- deciding -----------------------------------------------------------------------------
    def _decide(self, conn: Connection, org: Organization | None, as_of: date,
                approximate: bool, calendar: WorkCalendar,
                profile: Profile | None = None) -> tuple[Decision, int]:
        """The one route of the ledger's year, for ``status``, each record's snapshot and
        ``crossborder --ledger`` alike: :func:`crossborder_decision` over the recorded
        transfers, their people counted from the ledger.

        With a profile, its organization and its transfer facts are used (they may be newer
        than what was recorded), but the people of a recorded transfer are always the ledger's;
        the profile's transfers of the year that were never recorded are added with their own
        counts, and the decision's trace names them.
        """
        counter = LedgerCounter(conn, approximate)
        active = counter.active(as_of.year)
        recorded = {t.id: t for t in _transfers(active)}
        transfers = list(recorded.values())
        if profile is not None:
            people = ("individuals", "sensitive_individuals")
            transfers = [t.model_copy(update={k: getattr(recorded[t.id], k) for k in people})
                         if t.id in recorded else t for t in profile.transfers]
            transfers += [t for tid, t in recorded.items()
                          if tid not in {p.id for p in profile.transfers}]
            base = profile.model_copy(update={"transfers": transfers})
        else:
            base = Profile(organization=self.organization(conn), transfers=transfers)
        if org is not None:
            base = base.model_copy(update={"organization": org})
        options = Options(as_of=as_of, calendar=calendar)
        return (crossborder_decision(base, options, counts=counter),
                sum(len(v) for v in active.values()))

    def _last_snapshots(self, conn: Connection, year: int, limit: int = 2) -> list[Snapshot]:
        rows = conn.execute(select(snapshots).where(snapshots.c.year == year)
                            .order_by(snapshots.c.entry_id.desc()).limit(limit)).all()
        return [Snapshot(r.entry_id, r.year, r.individuals, r.sensitive_individuals, r.mechanism,
                         tuple(json.loads(r.declaration_covers))) for r in rows]

    # -- writing ------------------------------------------------------------------------------
    def record(self, item: EntryInput, organization: Organization | None = None,
               calendar: WorkCalendar = DEFAULT_CALENDAR) -> RecordResult:
        """Append one entry, its hashes and the year's new snapshot in a single transaction."""
        check_entry(item, self.target)
        t = item.transfer
        year = t.date.year
        unique = bulk.distinct(item.digests) if item.digests is not None else None
        sketch = bulk.sketch_bytes(unique) if unique is not None else None
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # one record at a time per database, so each snapshot sees every earlier one
                    # (SQLite's single writer gives the same guarantee)
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7346257)")
                if item.corrects is not None:
                    self._check_correctable(conn, item.corrects)
                before = next(iter(self._last_snapshots(conn, year, 1)), None)
                entry_id: int = conn.execute(insert(entries).returning(entries.c.id), [{
                    "transfer_id": t.id, "transfer_date": t.date, "year": year,
                    "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "recipient_country": t.recipient.country, "sensitive": item.sensitive,
                    "void": item.void, "transfer_json": t.model_dump_json(),
                    "identifiers_read": item.identifiers_read,
                    "identifiers_distinct": None if unique is None else len(unique),
                    "individuals_declared": item.individuals, "hll": sketch,
                    "corrects": item.corrects, "reason": item.reason, "source": item.source,
                }]).scalar_one()
                if unique is not None and len(unique):
                    bulk.insert_hashes(conn, entry_id, unique)
                dec, _ = self._decide(conn, organization, date(year, 12, 31), False, calendar)
                after = Snapshot(entry_id, year, dec.individuals, dec.sensitive_individuals,
                                 dec.mechanism.value, dec.declaration_covers)
                conn.execute(insert(snapshots), [{
                    "entry_id": entry_id, "year": year, "individuals": after.individuals,
                    "sensitive_individuals": after.sensitive_individuals,
                    "mechanism": after.mechanism,
                    "declaration_covers": json.dumps(list(after.declaration_covers))}])
        except SQLAlchemyError as err:
            raise InputError(self.target, f"database error, nothing recorded: "
                             f"{str(err).splitlines()[0]}") from None
        return RecordResult(entry_id, item.identifiers_read, None if unique is None else len(unique),
                            before, after, tuple(crossing_warnings(before, after)))

    def _check_correctable(self, conn: Connection, entry_id: int) -> None:
        exists = conn.execute(select(entries.c.id).where(entries.c.id == entry_id)).first()
        if exists is None:
            raise InputError(self.target, f"--corrects {entry_id}: no such entry")
        later = conn.execute(select(entries.c.id).where(entries.c.corrects == entry_id)).first()
        if later is not None:
            raise InputError(self.target, f"--corrects {entry_id}: already corrected by entry "
                             f"{later.id}; correct that one")

    # -- reading ------------------------------------------------------------------------------
    def status(self, as_of: date, organization: Organization | None = None,
               approximate: bool = False, calendar: WorkCalendar = DEFAULT_CALENDAR,
               profile: Profile | None = None) -> LedgerStatus:
        with self.engine.connect() as conn:
            dec, n = self._decide(conn, organization, as_of, approximate, calendar, profile)
            snaps = self._last_snapshots(conn, as_of.year)
        last = snaps[0] if snaps else None
        previous = snaps[1] if len(snaps) > 1 else None
        return LedgerStatus(as_of, as_of.year, approximate, dec, n, last, previous,
                            crossing_warnings(previous, last) if last else [])

    def decide_profile(self, profile: Profile, as_of: date, approximate: bool = False,
                       calendar: WorkCalendar = DEFAULT_CALENDAR) -> Decision:
        """The profile's decision with the ledger's counts: the same decision as
        ``status(..., profile=profile)`` (see :meth:`_decide`)."""
        with self.engine.connect() as conn:
            return self._decide(conn, None, as_of, approximate, calendar, profile)[0]

    def export_rows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(entries, snapshots.c.individuals.label("year_individuals"),
                                       snapshots.c.sensitive_individuals.label("year_sensitive"),
                                       snapshots.c.mechanism.label("year_mechanism"))
                                .join(snapshots, snapshots.c.entry_id == entries.c.id, isouter=True)
                                .order_by(entries.c.id)).all()
            corrected_by: dict[int, int] = dict(conn.execute(
                select(entries.c.corrects, entries.c.id).where(entries.c.corrects.is_not(None))).all())
        out = []
        for r in rows:
            out.append({
                "entry": r.id, "transfer_id": r.transfer_id, "transfer_date": r.transfer_date.isoformat(),
                "recorded_at": r.recorded_at, "recipient_country": r.recipient_country,
                "sensitive": bool(r.sensitive), "void": bool(r.void),
                "identifiers_read": r.identifiers_read, "identifiers_distinct": r.identifiers_distinct,
                "individuals_declared": r.individuals_declared, "corrects": r.corrects,
                "corrected_by": corrected_by.get(r.id), "reason": r.reason, "source": r.source,
                "year_individuals_after": r.year_individuals, "year_sensitive_after": r.year_sensitive,
                "year_mechanism_after": r.year_mechanism, "transfer": json.loads(r.transfer_json),
            })
        return out


def check_entry(item: EntryInput, source: str) -> None:
    """Refuse what an append-only ledger could only undo with more entries: a recipient that
    is no country abroad, an entry with no count of people, a correction without a reason."""
    check_recipient_country(item.transfer.recipient.country, source,
                            f"transfers.{item.transfer.id}.recipient.country")
    if item.void and item.corrects is None:
        raise InputError(source, "a void entry must name the entry it withdraws (--corrects)")
    if not item.void and item.digests is None and item.individuals is None:
        raise InputError(source, f"transfer {item.transfer.id}: no count of people: give a file "
                         "of identifiers (--file, --column) or --individuals")
    if item.individuals is not None and not 0 <= item.individuals <= MAX_COUNT:
        raise InputError(source, f"--individuals {item.individuals}: must be from 0 to "
                         f"{MAX_COUNT} (the largest count the ledger's columns hold)")
    if item.corrects is not None and not (item.reason or "").strip():
        raise InputError(source, f"--corrects {item.corrects}: a correction needs --reason "
                         "(the ledger keeps why every entry was replaced)")


def crossing_warnings(before: Snapshot | None, after: Snapshot) -> list[str]:
    """Warn when a record moves the year to a stricter route."""
    old = Mechanism(before.mechanism) if before else Mechanism.NOT_AN_EXPORT
    new = Mechanism(after.mechanism)
    if RANK[new] <= RANK[old] or RANK[new] <= RANK[Mechanism.EXEMPT]:
        return []
    was = old.value if before else "nothing recorded"
    lines = [f"entry {after.entry_id} moves {after.year} from {was} to {new.value} "
             f"({after.individuals} individuals, {after.sensitive_individuals} sensitive)"]
    if after.declaration_covers:
        lines.append("the security-assessment declaration must now cover: "
                     + ", ".join(after.declaration_covers))
    return lines
