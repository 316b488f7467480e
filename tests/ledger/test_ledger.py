"""The ledger on SQLite and on PostgreSQL: exact distinct counts, routes, corrections, export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from cnprivacy.errors import InputError
from cnprivacy.ledger import LedgerKey, hash_groups, read_identifiers
from cnprivacy.profile.models import Organization, Recipient, Transfer
from cnprivacy.store.ledger_store import EntryInput, Ledger

from .conftest import resident_ids, write_ids

ORG = Organization(name="Ledger Test Co.", country="CN", city="Beijing", ciio=False)


def _transfer(tid: str, day: date, country: str = "SG", **extra: object) -> Transfer:
    return Transfer(id=tid, date=day, recipient=Recipient(name="R", country=country), basis="other",
                    important_data=False, no_personal_information=False, collected_abroad=False,
                    access_inside_china=False, **extra)  # type: ignore[arg-type]


def _entry(ledger: Ledger, tmp_path: Path, tid: str, day: date, ids: list[str], **kw: object
           ) -> EntryInput:
    path = write_ids(tmp_path / f"{tid}-{len(ids)}.csv", ids)
    column = read_identifiers(path, "id")
    assert column.rejected == 0
    return EntryInput(transfer=_transfer(tid, day), digests=hash_groups(ledger.key, column.groups),
                      identifiers_read=column.read, source=path.name, **kw)  # type: ignore[arg-type]


@pytest.fixture
def ledger(ledger_url: str, tmp_path: Path) -> Ledger:
    opened, created = Ledger.init(ledger_url, tmp_path / "ledger.key", ORG)
    assert created
    return opened


def test_a_person_sent_twice_counts_once(ledger: Ledger, tmp_path: Path) -> None:
    r1 = ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 60000)))
    assert r1.after.individuals == 60000 and r1.after.mechanism == "exempt"
    # 50,000 new people and 30,000 already sent in t1 (and duplicates inside the file)
    ids = resident_ids(30000, 110000) + resident_ids(30000, 31000)
    r2 = ledger.record(_entry(ledger, tmp_path, "t2", date(2026, 3, 1), ids))
    assert r2.identifiers_read == 81000 and r2.identifiers_distinct == 80000
    assert r2.after.individuals == 110000
    assert r2.after.mechanism == "standard_contract_or_certification"
    assert any("exempt to standard_contract_or_certification" in w for w in r2.warnings)
    st = ledger.status(date(2026, 6, 1))
    data = st.to_dict()
    assert (data["individuals"], data["exact"]) == (110000, True)
    assert data["since_last_record"]["individuals"] == 50000
    approx = ledger.status(date(2026, 6, 1), approximate=True).to_dict()
    bound = 4 * approx["error_bound"]["relative_standard_error"] * 110000
    assert abs(approx["individuals"] - 110000) <= bound


def test_sensitive_and_threshold_crossing_lists_the_declaration(ledger: Ledger, tmp_path: Path) -> None:
    ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 9999),
                         sensitive=True))
    res = ledger.record(_entry(ledger, tmp_path, "t2", date(2026, 3, 1), resident_ids(9000, 9001),
                               sensitive=True))
    assert res.after.sensitive_individuals == 9999  # the same person again: still below 10,000
    assert res.after.mechanism == "standard_contract_or_certification"
    res = ledger.record(_entry(ledger, tmp_path, "t3", date(2026, 4, 1), resident_ids(20000, 20001),
                               sensitive=True))
    assert res.after.sensitive_individuals == 10000
    assert res.after.mechanism == "security_assessment"
    assert res.after.declaration_covers == ("t1", "t2", "t3")
    assert any("must now cover: t1, t2, t3" in w for w in res.warnings)


def test_years_are_counted_apart(ledger: Ledger, tmp_path: Path) -> None:
    ledger.record(_entry(ledger, tmp_path, "old", date(2025, 12, 31), resident_ids(0, 120000)))
    ledger.record(_entry(ledger, tmp_path, "new", date(2026, 1, 1), resident_ids(0, 5000)))
    assert ledger.status(date(2026, 2, 1)).to_dict()["individuals"] == 5000
    assert ledger.status(date(2025, 12, 31)).to_dict()["individuals"] == 120000


def test_corrections_append_and_replace(ledger: Ledger, tmp_path: Path) -> None:
    first = ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 150000)))
    fixed = ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 90000),
                                 corrects=first.entry_id, reason="wrong extract"))
    assert fixed.after.individuals == 90000 and fixed.after.mechanism == "exempt"
    with pytest.raises(InputError, match="already corrected"):
        ledger.record(EntryInput(transfer=_transfer("t1", date(2026, 2, 1)), corrects=first.entry_id,
                                 void=True, reason="again"))
    ledger.record(EntryInput(transfer=_transfer("t1", date(2026, 2, 1)), corrects=fixed.entry_id,
                             void=True, reason="transfer never happened"))
    assert ledger.status(date(2026, 6, 1)).to_dict()["individuals"] == 0
    rows = ledger.export_rows()
    assert [r["entry"] for r in rows] == [1, 2, 3]
    assert rows[0]["corrected_by"] == 2 and rows[1]["corrects"] == 1 and rows[2]["void"]
    assert rows[1]["reason"] == "wrong extract"
    json.dumps(rows)


def test_append_only_in_the_database(ledger: Ledger, tmp_path: Path) -> None:
    ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 10)))
    for stmt in ("UPDATE ledger_entries SET transfer_id = 'x'", "DELETE FROM ledger_hash_blocks",
                 "DELETE FROM ledger_entries"):
        with pytest.raises(Exception, match="append-only"), ledger.engine.begin() as conn:
            conn.execute(text(stmt))
    assert ledger.status(date(2026, 6, 1)).to_dict()["individuals"] == 10


def test_no_raw_identifier_is_stored(ledger: Ledger, tmp_path: Path) -> None:
    ids = resident_ids(424242, 424252)
    ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), ids))
    with ledger.engine.connect() as conn:
        dump = []
        for table in ("ledger_meta", "ledger_entries", "ledger_hash_blocks", "ledger_snapshots"):
            dump.extend(repr(tuple(r)) for r in conn.execute(text(f"SELECT * FROM {table}")))
    blob = "\n".join(dump)
    assert not any(i in blob for i in ids)
    assert not any(i.encode().hex() in blob for i in ids)


def test_wrong_key_is_refused(ledger: Ledger, ledger_url: str, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    LedgerKey.generate().save(other)
    with pytest.raises(InputError, match="does not belong"):
        Ledger.open(ledger_url, other)
    assert Ledger.open(ledger_url, tmp_path / "ledger.key").key == ledger.key


def test_init_twice_keeps_key_and_data(ledger: Ledger, ledger_url: str, tmp_path: Path) -> None:
    ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 10)))
    again, created = Ledger.init(ledger_url, tmp_path / "ledger.key")
    assert not created
    assert again.status(date(2026, 6, 1)).to_dict()["individuals"] == 10


def test_decision_uses_distinct_counts(ledger: Ledger, tmp_path: Path) -> None:
    from cnprivacy.profile import Profile

    # the profile's per-transfer sums say 120,000 (contract route); only 70,000 are distinct
    ledger.record(_entry(ledger, tmp_path, "t1", date(2026, 2, 1), resident_ids(0, 60000)))
    ledger.record(_entry(ledger, tmp_path, "t2", date(2026, 3, 1), resident_ids(10000, 70000)))
    profile = Profile(organization=ORG, transfers=[
        _transfer("t1", date(2026, 2, 1), individuals=60000, sensitive_individuals=0),
        _transfer("t2", date(2026, 3, 1), individuals=60000, sensitive_individuals=0)])
    dec = ledger.decide_profile(profile, date(2026, 6, 1))
    assert (dec.individuals, dec.mechanism.value, dec.counts_source) == (70000, "exempt", "ledger")



def test_opening_an_uninitialised_database_says_run_init(tmp_path: Path) -> None:
    key = tmp_path / "k.key"
    LedgerKey.generate().save(key)
    with pytest.raises(InputError, match="run `cnprivacy ledger init`"):
        Ledger.open(str(tmp_path / "empty.db"), key)


def test_record_cli_bad_files_exit_2_without_writing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cnprivacy.cli import app

    runner = CliRunner()
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")}
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["ledger", "init", "--db", db], env=env).exit_code == 0
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"\x00\xffPAR" * 50)
    for path, column in ((junk, "id"), (tmp_path / "missing.csv", "id"),
                         (write_ids(tmp_path / "ok.csv", ["110101199003074514"]), "nope")):
        result = runner.invoke(app, ["ledger", "record", "--db", db, "--transfer", "t", "--date",
                                     "2026-02-01", "--country", "SG", "--file", str(path),
                                     "--column", column], env=env)
        assert result.exit_code == 2, result.stdout
        assert len(result.stderr.strip().splitlines()) == 1 and path.name in result.stderr
        assert "110101199003074514" not in result.stderr
    assert Ledger.open(db, tmp_path / "l.key").export_rows() == []
