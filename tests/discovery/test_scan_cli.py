"""`cnprivacy scan` as a user runs it: files, folders, databases, errors, profile, canary."""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from stdnum.iso7064 import mod_11_2
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.profile import validate as validate_profile

from .evalcorpus import Corpus

runner = CliRunner()
AS_OF = "2026-03-01"


def _rid(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    return body + mod_11_2.calc_check_digit(body)


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scan", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> tuple[int, dict, str]:
    code, out, err = _run(*args, "--format", "json", "--as-of", AS_OF, "--no-progress")
    return code, json.loads(out), err


def _people_csv(path: Path, encoding: str = "utf-8") -> Path:
    rows = ["姓名,身份证,手机,银行卡,备注"]
    rows.append(f"张伟,{_rid('110101', '19900307', '123')},13812345678,4111111111111111,无")
    rows.append(f"王秀英,{_rid('440305', '20120302', '456')},13987654321,,孩子")   # minor
    rows.append(f"李娜,{_rid('440305', '20120301', '789')},15036083778,,")       # turns 14
    rows.append(f"张伟,{_rid('110101', '19900307', '123')},13812345678,,重复")    # same person
    path.write_bytes(("\n".join(rows) + "\n").encode(encoding))
    return path


def test_gbk_csv_counts_people_sensitive_and_minors(tmp_path: Path) -> None:
    code, data, err = _json(str(_people_csv(tmp_path / "people.csv", "gbk")))
    assert code == 0, err
    (src,) = data["sources"]
    assert src["encoding"] == "gb18030" and src["rows"] == 4
    assert src["individuals"] == 3 and src["identifier"] == "身份证"
    assert src["minors_under_14"] == 1                # born 2012-03-02; 2012-03-01 turns 14
    assert src["sensitive_individuals"] == 2          # the card holder and the minor
    assert set(src["sensitive_categories"]) == {"financial_account", "minor_under_14"}
    types = {c["name"]: c["type"] for c in src["columns"]}
    assert types == {"姓名": "person_name", "身份证": "cn_resident_id", "手机": "cn_mobile",
                     "银行卡": "bank_card"}
    card = next(c for c in src["columns"] if c["type"] == "bank_card")
    assert card["sensitive"] is True and card["examples"] == ["4111********1111"]


def test_folder_with_a_broken_file_reports_the_others(tmp_path: Path, corpus: Corpus) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    corpus.write_csv(folder / "a.csv")
    corpus.write_jsonl(folder / "b.jsonl")
    corpus.write_text(folder / "tickets.txt", encoding="utf-16")
    (folder / "bad.jsonl").write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    (folder / "image.bin").write_bytes(bytes(range(256)) * 4)   # unknown + binary: skipped
    code, data, err = _json(str(folder))
    assert code == 2
    assert err.strip().splitlines() == [f"error: {folder / 'bad.jsonl'}:2: not JSON Lines: "
                                        "Expecting value"]
    names = [s["source"] for s in data["sources"]]
    assert names == [str(folder / n) for n in ("a.csv", "b.jsonl", "tickets.txt")]
    assert data["skipped"] == [str(folder / "image.bin")]
    text = data["sources"][2]
    assert text["encoding"] == "utf-16" and text["spans"]
    first = text["spans"][0]
    line = corpus.lines[first["line"] - 1]
    assert (first["start"], first["end"], first["type"]) in corpus.gold_spans[first["line"] - 1]
    assert 0 <= first["start"] < first["end"] <= len(line)
    for tab in data["sources"][:2]:
        assert {c["name"] for c in tab["columns"]} == {
            k for k, v in corpus.gold_columns.items() if v}
        assert tab["individuals"] == len(set(corpus.columns["身份证号"]))


def test_sqlite_url_and_file(tmp_path: Path) -> None:
    db = tmp_path / "crm.db"
    con = sqlite3.connect(db)
    con.execute("create table customers (name text, mobile text, note text)")
    con.executemany("insert into customers values (?, ?, ?)",
                    [("张伟", "13812345678", "x"), ("李娜", "13987654321", "y"),
                     ("张伟", "138 1234 5678", "z")])
    con.execute("create table empty_table (x text)")
    con.commit()
    con.close()
    for target in (f"sqlite:///{db}", str(db)):
        code, data, _ = _json(target)
        assert code == 0
        by_name = {s["source"].split("#")[1]: s for s in data["sources"]}
        assert by_name["customers"]["individuals"] == 2        # mobiles normalised
        assert by_name["customers"]["identifier_type"] == "cn_mobile"
        assert by_name["empty_table"]["rows"] == 0


@pytest.fixture()
def pg_url() -> Iterator[tuple[str, str]]:
    """A database of its own: the scan reads every schema, and other tests (the ledger's)
    create and drop schemas in `test` concurrently."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    admin_url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    try:
        admin = sqlalchemy.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        admin_conn = admin.connect()
    except Exception:  # no server: this machine only
        pytest.skip("PostgreSQL not reachable")
    name = f"scan_test_{uuid.uuid4().hex[:8]}"
    admin_conn.execute(sqlalchemy.text(f"create database {name}"))
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    engine = sqlalchemy.create_engine(url)
    table = "customers"
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"create table {table} (id serial, sfz text, email text)"))
        conn.execute(sqlalchemy.text(f"insert into {table} (sfz, email) values "
                                     f"('{_rid('310101', '19800101', '001')}', 'a@example.com'),"
                                     f"('{_rid('310101', '19800101', '002')}', 'b@example.com')"))
    engine.dispose()
    try:
        yield url, table
    finally:
        admin_conn.execute(sqlalchemy.text(f"drop database if exists {name} with (force)"))
        admin_conn.close()
        admin.dispose()


def test_postgresql_table(pg_url: tuple[str, str]) -> None:
    url, table = pg_url
    code, data, _ = _json(url)
    assert code == 0
    (src,) = [s for s in data["sources"] if s["source"].endswith(f"#{table}")]
    assert src["individuals"] == 2 and src["identifier"] == "sfz"
    assert {c["type"] for c in src["columns"]} == {"cn_resident_id", "email"}


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    code, out, err = _run("postgresql+psycopg://nobody:secretpw@127.0.0.1:1/none",
                          str(_people_csv(tmp_path / "p.csv")), "--no-progress")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: postgresql+psycopg://nobody:***@")
    assert "secretpw" not in out + err
    assert "p.csv" in out


def test_missing_path_and_bad_format(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "nope.csv"), "--no-progress")
    assert code == 2 and err.strip() == f"error: {tmp_path / 'nope.csv'}: no such file, " \
        "folder or database URL"
    code, _, err = _run(str(tmp_path), "--format", "xml")
    assert code == 2 and "--format" in err


def test_emit_profile_validates(tmp_path: Path) -> None:
    out = tmp_path / "fragment.yaml"
    code, _, _ = _run(str(_people_csv(tmp_path / "p.csv")), "--emit-profile", str(out),
                      "--as-of", AS_OF, "--no-progress")
    assert code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    org = data["organization"]
    assert (org["individuals_processed"], org["sensitive_individuals_processed"],
            org["minors_under_14_processed"]) == (3, 2, 1)
    (activity,) = data["processing"]
    assert set(activity["data_categories"]) == {"identity", "contact", "financial_account",
                                                "minor_under_14"}
    profile = validate_profile(data, str(out))
    assert profile.organization.individuals_processed == 3


def test_emit_profile_merges_into_a_base(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(yaml.safe_dump({
        "organization": {"name": "Example Co", "country": "CN", "individuals_processed": 1},
        "processing": [{"id": "bookings", "data_categories": ["contact"]}]},
        allow_unicode=True), encoding="utf-8")
    out = tmp_path / "merged.yaml"
    code, _, _ = _run(str(_people_csv(tmp_path / "p.csv")), "--emit-profile", str(out),
                      "--profile-base", str(base), "--as-of", AS_OF, "--no-progress")
    assert code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["organization"]["name"] == "Example Co"
    assert data["organization"]["individuals_processed"] == 3
    assert [p["id"] for p in data["processing"]] == ["bookings", "discovered-pi"]
    validate_profile(data, str(out))


def test_canary_never_leaves_the_process(tmp_path: Path, caplog: pytest.LogCaptureFixture
                                         ) -> None:
    """Raw PI planted in every input kind appears in no output, error, log or report."""
    rid = _rid("330106", "19871224", "517")
    mobile, email, card = "13700213377", "canary.zq7@example.org", "6222021234567890128"
    secrets = [rid, rid[4:14], mobile, mobile[3:7], email, "canary.zq7", card, card[4:15]]
    row = f"钱多多,{rid},{mobile},{email},{card}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_bytes(
        ("姓名,sfz,手机,邮箱,卡号\n" + row + "\n" + row + "\n").encode("gbk"))
    (folder / "t.txt").write_text(f"客户钱多多身份证{rid}电话{mobile}邮箱{email}卡号{card}\n",
                                  encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"sfz": rid, "m": mobile}) + "\n"
                                    + f'{{"sfz": "{rid}", broken {mobile}\n', encoding="utf-8")
    (folder / "c.csv").write_text(f"a,b\n{rid},{mobile}\n\"{email},x\n", encoding="utf-8")
    db = tmp_path / "d.db"
    con = sqlite3.connect(db)
    con.execute("create table t (sfz text, mobile text)")
    con.execute("insert into t values (?, ?)", (rid, mobile))
    con.commit()
    con.close()
    report = tmp_path / "report.json"
    profile = tmp_path / "profile.yaml"
    caplog.set_level(logging.DEBUG)
    outputs = []
    for fmt in ("json", "table"):
        code, out, err = _run(str(folder), str(db), "--format", fmt, "--as-of", AS_OF,
                              "--no-progress", "--emit-profile", str(profile))
        assert code == 2 and "b.jsonl" in err  # the broken inputs are reported, masked
        outputs += [out, err]
    code, out, err = _run(str(folder), str(db), "--format", "json", "-o", str(report),
                          "--no-progress")
    outputs += [out, err, report.read_text(encoding="utf-8"),
                profile.read_text(encoding="utf-8"), caplog.text]
    everything = "\n".join(outputs)
    assert "a.csv" in everything and "3301**********" in everything  # outputs are real
    for secret in secrets:
        assert secret not in everything, secret


def test_jobs_give_the_same_report(tmp_path: Path, corpus: Corpus) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    corpus.write_csv(folder / "a.csv")
    _people_csv(folder / "b.csv", "gbk")
    (folder / "c.jsonl").write_text("oops\n", encoding="utf-8")
    one = _json(str(folder))
    two = _json(str(folder), "--jobs", "2")
    assert one[0] == two[0] == 2 and one[2] == two[2]
    assert one[1]["sources"] == two[1]["sources"]
    assert one[1]["totals"] == two[1]["totals"]
    assert one[1]["totals"]["individuals"] == len(set(corpus.columns["身份证号"])) + 3


def test_cli_import_leaves_the_scanner_and_hyperloglog_unloaded() -> None:
    # `cnprivacy --help` must not pay for Arrow, the scanner or datasketch/scipy.
    import subprocess
    import sys

    code = ("import sys, cnprivacy.cli._scan; "
            "print(sorted(m for m in ('datasketch', 'scipy', 'cnprivacy.discovery.scanner', "
            "'cnprivacy.discovery.counting') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_hyperloglog_loads_when_needed() -> None:
    from cnprivacy.discovery.counting import DistinctCounter

    c = DistinctCounter(exact_limit=10)
    c.add_many(str(i) for i in range(100))
    assert not c.exact and 90 <= c.count() <= 110


def test_minors_under_18_in_json_table_and_profile(tmp_path: Path) -> None:
    people = str(_people_csv(tmp_path / "p.csv"))
    code, data, err = _json(people)
    assert code == 0, err
    (src,) = data["sources"]
    # Born 2012-03-02 (under 14) and 2012-03-01 (14 today, still under 18).
    assert (src["minors_under_14"], src["minors_under_18"]) == (1, 2)
    assert data["totals"]["minors_under_18"] == 2
    code, out, err = _run(people, "--as-of", AS_OF, "--no-progress")
    assert code == 0, err
    assert "minors under 18=2" in out and "minors_under_18=2" in out
    fragment = tmp_path / "fragment.yaml"
    code, _, err = _run(people, "--emit-profile", str(fragment), "--as-of", AS_OF,
                        "--no-progress")
    assert code == 0, err
    data = yaml.safe_load(fragment.read_text(encoding="utf-8"))
    assert data["organization"]["minors_processed"] == 2
    assert validate_profile(data, str(fragment)).organization.minors_processed == 2
