"""Issue 12: what the ledger refuses or leaves out, so that only real people are counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.errors import InputError
from cnprivacy.ledger import (
    IdentifierColumn,
    IdentifierKind,
    check_recipient_country,
    read_identifiers,
    require_valid,
)
from cnprivacy.store.ledger_store import Ledger

from .conftest import resident_ids, write_ids

JUNK = ["张三", "N/A", "-", "none", "13800138000x", "110101000000000000"]


def _count(column: IdentifierColumn) -> int:
    return sum(len(values) for _, values in column.groups)


def test_names_placeholders_and_junk_are_not_people(tmp_path: Path) -> None:
    path = write_ids(tmp_path / "ids.csv", [*resident_ids(0, 5), *JUNK])
    column = read_identifiers(path, "id")
    assert (column.read, column.rejected, column.valid) == (11, 6, 5)
    assert _count(column) == 5
    assert len(column.examples) == 3
    assert not set(column.examples) & {"张三", "N/A", "none", "13800138000x"}
    assert "张三" not in column.rejected_note()


def test_declared_mobile_keys_only_mobiles(tmp_path: Path) -> None:
    path = write_ids(tmp_path / "m.csv", ["13800138000", "+86 139-0013-9000",
                                          resident_ids(0, 1)[0], "12345", "someone@example.com"])
    column = read_identifiers(path, "id", IdentifierKind.MOBILE)
    assert sorted((p, v) for p, values in column.groups for v in values) == [
        (b"mobile:", b"13800138000"), (b"mobile:", b"13900139000")]
    assert column.rejected == 3


@pytest.mark.parametrize("kind", [IdentifierKind.AUTO, IdentifierKind.MOBILE])
def test_full_width_digits_are_the_same_person(tmp_path: Path, kind: IdentifierKind) -> None:
    path = write_ids(tmp_path / "fw.csv", ["13800138000", "１３８００１３８０００",
                                           "１３８-００１３-８０００"])
    column = read_identifiers(path, "id", kind)
    assert column.rejected == 0
    assert {v for _, values in column.groups for v in values} == {b"13800138000"}


def test_full_width_resident_id_is_the_same_person(tmp_path: Path) -> None:
    rid = resident_ids(0, 1)[0]
    wide = "".join(chr(ord(c) + 0xFEE0) for c in rid)
    column = read_identifiers(write_ids(tmp_path / "r.csv", [rid, wide]), "id",
                              IdentifierKind.RESIDENT_ID)
    assert sorted((p, v) for p, values in column.groups for v in values) == [
        (b"resident_id:", rid.encode())] * 2


def test_share_of_rejected_values_boundary(tmp_path: Path) -> None:
    # 1 rejected in 100 is exactly 1%: allowed; 2 in 100 is over it: refused.
    ok = read_identifiers(write_ids(tmp_path / "a.csv", [*resident_ids(0, 99), "N/A"]), "id")
    require_valid(ok, "a.csv", "id")
    over = read_identifiers(write_ids(tmp_path / "b.csv", [*resident_ids(0, 98), "N/A", "-"]),
                            "id")
    with pytest.raises(InputError, match="2 of 100 values"):
        require_valid(over, "b.csv", "id")
    require_valid(over, "b.csv", "id", allow_rejected=True)


def test_no_valid_identifier_is_refused_even_when_allowed(tmp_path: Path) -> None:
    column = read_identifiers(write_ids(tmp_path / "n.csv", ["张三", "李四"]), "id")
    with pytest.raises(InputError, match="none of the 2 values"):
        require_valid(column, "n.csv", "id", allow_rejected=True)


@pytest.mark.parametrize("code", ["CN", "cn", "XX", "ZZ", "CHN", "1"])
def test_recipient_country_must_be_iso_and_abroad(code: str) -> None:
    with pytest.raises(InputError):
        check_recipient_country(code, "command line")


@pytest.mark.parametrize("code", ["SG", "de", "HK", "US"])
def test_recipient_countries_abroad(code: str) -> None:
    assert check_recipient_country(code, "command line") == code.upper()


def _cli(tmp_path: Path) -> tuple[CliRunner, dict[str, str], str]:
    runner = CliRunner()
    env = {"CNPRIVACY_LEDGER_KEY": str(tmp_path / "l.key")}
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["ledger", "init", "--db", db], env=env).exit_code == 0
    return runner, env, db


RECORD = ["ledger", "record", "--transfer", "t", "--date", "2026-02-01"]


@pytest.mark.parametrize("extra,message", [
    (["--country", "CN", "--individuals", "5"], "CN is China"),
    (["--country", "QQ", "--individuals", "5"], "ISO 3166-1 alpha-2"),
    (["--country", "SG"], "no count of people"),
    (["--country", "SG", "--individuals", "5", "--corrects", "1"], "needs --reason"),
    (["--country", "SG", "--individuals", str(2**63 + 1)], "--individuals"),
    (["--country", "SG", "--individuals", "5", "--format", "xml"], "text, json"),
])
def test_record_refuses_without_writing(tmp_path: Path, extra: list[str], message: str) -> None:
    runner, env, db = _cli(tmp_path)
    result = runner.invoke(app, [*RECORD, "--db", db, *extra], env=env)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert Ledger.open(db, tmp_path / "l.key").export_rows() == []


def test_record_cli_leaves_junk_out_and_says_so(tmp_path: Path) -> None:
    runner, env, db = _cli(tmp_path)
    good = write_ids(tmp_path / "g.csv", [*resident_ids(0, 200), "张三"])
    result = runner.invoke(app, [*RECORD, "--db", db, "--country", "SG", "--file", str(good),
                                 "--column", "id"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "200 people (201 identifiers read, 1 rejected)" in result.stdout
    assert "1 of 201 values" in result.stderr and "张三" not in result.stderr
    bad = write_ids(tmp_path / "b.csv", [*resident_ids(0, 10), *JUNK])
    result = runner.invoke(app, [*RECORD, "--db", db, "--country", "SG", "--file", str(bad),
                                 "--column", "id"], env=env)
    assert result.exit_code == 2 and "--allow-invalid" in result.stderr
    assert len(Ledger.open(db, tmp_path / "l.key").export_rows()) == 1
    result = runner.invoke(app, [*RECORD, "--db", db, "--country", "SG", "--file", str(bad),
                                 "--column", "id", "--allow-invalid"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "10 people" in result.stdout


def test_a_deid_key_is_not_a_ledger_key(tmp_path: Path) -> None:
    from cnprivacy.deid.keys import generate_key, write_key

    runner, _, db = _cli(tmp_path)
    deid_key = tmp_path / "deid.key"
    write_key(generate_key(), deid_key)
    secret = deid_key.read_text(encoding="utf-8").split("secret: ")[1].strip()
    result = runner.invoke(app, ["ledger", "status", "--db", db, "--key", str(deid_key)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "de-identification key" in result.stderr and "ledger key file" in result.stderr
    assert "fromhex" not in result.stderr and secret not in result.stderr


def test_status_unknown_format_lists_the_allowed(tmp_path: Path) -> None:
    runner, env, db = _cli(tmp_path)
    for args in (["status"], ["export"]):
        result = runner.invoke(app, ["ledger", *args, "--db", db, "--format", "xml"], env=env)
        assert result.exit_code == 2 and "'xml'" in result.stderr and "json" in result.stderr


def test_init_that_cannot_save_its_key_leaves_no_fingerprint(tmp_path: Path) -> None:
    import sqlite3

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    db = tmp_path / "l.db"
    with pytest.raises(InputError):
        Ledger.init(str(db), blocker / "l.key")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT value FROM ledger_meta WHERE key = 'key_fingerprint'").fetchall()
    assert stored == []
    # the next init, with a key it can write, makes a working ledger
    Ledger.init(str(db), tmp_path / "l.key")
    assert Ledger.open(str(db), tmp_path / "l.key").export_rows() == []
