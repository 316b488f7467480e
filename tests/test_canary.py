"""A personal-information canary run through every command.

Distinctive identifiers (a valid resident ID, a mobile number, an e-mail address, a
Luhn-valid card number and a full name) are planted in the inputs of every command. None may
come back raw in standard output, standard error, a report in any format, a database table
or a file left behind, nor in a common disguise (digits split by spaces or hyphens, or
written full-width).

Two things are the user's own input echoed back and are allowed on purpose:

* the de-identified output under a ``keep`` policy (the user asked for the values); every
  other de-identified output is checked like any report;
* file names. A path is how the user names their own input, and reports must point at it, so
  paths are shown as given; only values read from inside files are masked. The test inputs
  use neutral names so that a hit is always a value leak, and one case documents the echo.

What the user writes into the processing register (``record add``) is the register's own
content and is shown back by ``record show``; the register's inputs here carry no canary, and
the canaries reach it only through a scan report, which holds counts, never values.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from appaudit.apkbuild import ManifestSpec, build_apk
from cnprivacy.cli import app


def _resident_id(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _luhn(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


RESIDENT_ID = _resident_id("44030519900307381")
MOBILE = "13987654321"
EMAIL = "ouyang.lingxi@canary-mail.cn"
CARD = _luhn("622202123456789")
NAME = "欧阳灵犀"
CANARIES = {"resident_id": RESIDENT_ID, "mobile": MOBILE, "email": EMAIL, "card": CARD,
            "name": NAME}

# Separators a leak could hide behind once full-width forms are folded (NFKC).
_SEPARATORS = re.compile(r"[\s\-_.·/]+")


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _spaced(digits: str) -> str:
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def leaks(text: str) -> list[str]:
    """Which canaries ``text`` holds, raw or disguised."""
    folded = unicodedata.normalize("NFKC", text)
    squeezed = _SEPARATORS.sub("", folded).upper()
    found = [kind for kind, value in CANARIES.items()
             if value in folded or _SEPARATORS.sub("", value).upper() in squeezed]
    return found


def _file_text(path: Path) -> str:
    """Everything a file holds as text: SQLite tables dumped, XLSX/zip members read."""
    data = path.read_bytes()
    if data.startswith(b"SQLite format 3\x00"):
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return "\n".join(repr(row) for t in tables
                             for row in con.execute(f'SELECT * FROM "{t}"'))
        finally:
            con.close()
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace")
                             for n in archive.namelist())
    if data.startswith(b"PAR1"):
        return repr(pq.read_table(path).to_pylist())
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return data.decode("utf-8", "replace") + data.decode("gb18030", "replace")


@dataclass
class World:
    """The inputs, planted with canaries, in one working folder."""

    root: Path
    inputs: frozenset[Path]


def _rows() -> list[dict[str, str]]:
    return [
        {"name": NAME, "sfz": RESIDENT_ID, "phone": MOBILE, "email": EMAIL, "card": CARD,
         "birth_date": "1990-03-07", "city": "深圳市"},
        {"name": "张伟", "sfz": _resident_id("11010519491231002"), "phone": "13812345678",
         "email": "zw@example.com", "card": _luhn("622848004000123456"),
         "birth_date": "1949-12-31", "city": "北京市"},
    ]


def _profile(base: Path, recipient: bool) -> dict[str, object]:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    data["processing"][0]["purpose"] = f"bookings; contact {NAME} at {MOBILE} or {EMAIL}"
    data["apps"][0]["name"] = f"{NAME} {CARD} App"
    data["ai_services"][0]["name"] = f"{NAME} {RESIDENT_ID}"
    if recipient:
        data["transfers"][0]["recipient"]["name"] = f"{NAME} ({RESIDENT_ID}, card {CARD})"
    return data


def _build(root: Path) -> World:
    rows = _rows()
    data = root / "data"
    data.mkdir()
    header = list(rows[0])
    (data / "people.csv").write_text(
        "\n".join([",".join(header), *(",".join(r.values()) for r in rows)]) + "\n",
        encoding="utf-8")
    (data / "people.tsv").write_text(
        "\n".join(["\t".join(header), *("\t".join(r.values()) for r in rows)]) + "\n",
        encoding="utf-8")
    (data / "people.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(rows), data / "people.parquet")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for r in rows:
        sheet.append(list(r.values()))
    book.save(data / "people.xlsx")
    # Free text, with the disguises: separators and full-width digits.
    (data / "notes.txt").write_text(
        f"客户{NAME}，身份证 {RESIDENT_ID}，手机 {MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}，"
        f"邮箱 {EMAIL}，卡号 {_spaced(CARD)}，备用 {_fullwidth(MOBILE)}。\n", encoding="utf-8")
    with sqlite3.connect(root / "crm.db") as con:
        con.execute("CREATE TABLE customers (name TEXT, sfz TEXT, phone TEXT, email TEXT, "
                    "card TEXT)")
        con.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?)",
                        [(r["name"], r["sfz"], r["phone"], r["email"], r["card"]) for r in rows])
    con.close()
    example = Path(__file__).resolve().parent.parent / "examples" / "shenzhen-travel.yaml"
    for name, recipient in (("profile.yaml", False), ("recipient.yaml", True)):
        (root / name).write_text(yaml.safe_dump(_profile(example, recipient), allow_unicode=True,
                                                sort_keys=False), encoding="utf-8")
    (root / "keep.yaml").write_text("types:\n  cn_resident_id: keep\n  cn_mobile: keep\n"
                                    "  email: keep\n  bank_card: keep\n  person_name: keep\n",
                                    encoding="utf-8")
    (root / "app.apk").write_bytes(build_apk(ManifestSpec(
        permissions=["android.permission.READ_CONTACTS"]), dex=[["com.igexin.sdk.PushManager"]]))
    (root / "policy.txt").write_text(
        f"隐私政策\n我们收集您的手机号码和位置信息。个人信息保护负责人：{NAME}，电话 {MOBILE}，"
        f"邮箱 {EMAIL}。示例身份证号 {RESIDENT_ID}，银行卡 {CARD}。\n", encoding="utf-8")
    (root / "activity.yaml").write_text(yaml.safe_dump({
        "id": "membership", "purpose": "member accounts", "legal_basis": "contract",
        "data_categories": ["identity", "contact"]}, allow_unicode=True), encoding="utf-8")
    # A filing pack's input (judgement texts; no PI): the planted profile feeds the pack.
    pack = Path(__file__).resolve().parent.parent / "examples" / "packs" / "hk-crm-sc.yaml"
    (root / "pack.yaml").write_text(pack.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "cert.yaml").write_text(pack.read_text(encoding="utf-8")
                                    + "certification:\n  body: 认证机构\n", encoding="utf-8")
    (root / "domestic.yaml").write_text((pack.parent / "domestic.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (root / "judgements.yaml").write_text(yaml.safe_dump({"residual_risk": {
        "value": "低", "reason": "encryption and access control", "confirmed": True},
        "next_review_on": "2027-06-01"}, allow_unicode=True), encoding="utf-8")
    (root / "filings.yaml").write_text(yaml.safe_dump({"filings": [
        {"id": "SA-1", "kind": "security_assessment", "status": "approved",
         "submitted_on": "2025-01-06", "decided_on": "2025-04-01", "number": "SA-2025-001",
         "transfers": ["sg-hotels"],
         "facts": [{"transfer": "sg-hotels", "purpose": "hotel bookings"}]},
        {"id": "ALG-1", "kind": "algorithm", "status": "accepted", "submitted_on": "2025-03-01",
         "decided_on": "2025-05-01", "ai_services": ["trip-recommender"]},
        {"id": "PIPO-1", "kind": "pipo_report", "status": "submitted",
         "submitted_on": "2025-08-20"}]}, allow_unicode=True), encoding="utf-8")
    inputs = frozenset(p for p in root.rglob("*") if p.is_file())
    return World(root, inputs)


Step = list[str]
Scenario = Callable[[World], list[Step]]

_SCAN_TARGETS = ["data", "sqlite:///crm.db"]

SCENARIOS: dict[str, Scenario] = {
    "scan-table": lambda w: [["scan", *_SCAN_TARGETS]],
    "scan-json": lambda w: [["scan", *_SCAN_TARGETS, "--format", "json"]],
    "scan-files-out": lambda w: [["scan", *_SCAN_TARGETS, "-o", "report.txt",
                                  "--emit-profile", "fragment.yaml"],
                                 ["scan", *_SCAN_TARGETS, "--format", "json", "-o", "report.json"]],
    "scan-each-file": lambda w: [["scan", str(p.relative_to(w.root)), "--format", "json"]
                                 for p in sorted((w.root / "data").iterdir())],
    "deid-table": lambda w: [["deid", "data", "-o", "out", "--verify", "--check-k",
                              "birth_date,city", "--k", "2"]],
    "deid-json": lambda w: [["deid", "data", "-o", "out", "--verify", "--check-k", "city",
                             "--format", "json"]],
    "ledger": lambda w: [["ledger", "init", "--db", "ledger.db", "--profile", "profile.yaml"],
                         ["ledger", "record", "--db", "ledger.db", "--profile", "profile.yaml",
                          "--transfer", "sg-hotels", "--file", "data/people.csv",
                          "--column", "sfz"],
                         ["ledger", "record", "--db", "ledger.db", "--transfer", "t2",
                          "--date", "2026-02-01", "--country", "SG", "--recipient", "Acme",
                          "--file", "data/people.csv", "--column", "phone", "--format",
                          "json", "--allow-invalid"],
                         ["ledger", "status", "--db", "ledger.db", "--as-of", "2026-06-01"],
                         ["ledger", "status", "--db", "ledger.db", "--as-of", "2026-06-01",
                          "--profile", "profile.yaml", "--format", "json"],
                         ["ledger", "export", "--db", "ledger.db"],
                         ["ledger", "export", "--db", "ledger.db", "--format", "json",
                          "-o", "history.json"]],
    "app-audit": lambda w: [["app", "audit", "app.apk", "--policy", "policy.txt"],
                            ["app", "audit", "app.apk", "--policy", "policy.txt", "--lang",
                             "zh"],
                            ["app", "audit", "app.apk", "--policy", "policy.txt", "--format",
                             "json"],
                            ["app", "audit", "app.apk", "--policy", "policy.txt", "--format",
                             "sarif", "-o", "audit.sarif"]],
    "assess": lambda w: [["assess", "profile.yaml", "--as-of", "2026-06-01", "--format", f]
                         for f in ("table", "json", "markdown", "html")]
    + [["assess", "profile.yaml", "--as-of", "2026-06-01", "-v", "-o", "assess.txt"]]
    + [["assess", "profile.yaml", "--as-of", "2026-06-01", "--format", f, "--lang", "zh", "-o",
        f"report.{f}"] for f in ("pdf", "xlsx")],
    "diff": lambda w: [["diff", "profile.yaml", "--from", "2025-01-01", "--to", "2026-06-01",
                        "--format", f] for f in ("table", "json")],
    "crossborder": lambda w: [["crossborder", "profile.yaml", "--as-of", "2026-06-01",
                               "--format", f] for f in ("table", "json")]
    + [["crossborder", "profile.yaml", "--as-of", "2026-06-01", "--deadlines"]],
    "record": lambda w: [["record", "init", "--db", "reg.db"],
                         ["record", "add", "activity.yaml", "--db", "reg.db", "--by", "tester"],
                         ["scan", "data", "--format", "json", "-o", "scan.json"],
                         ["record", "import-scan", "scan.json", "--activity", "membership",
                          "--db", "reg.db", "--by", "tester"],
                         ["record", "show", "membership", "--db", "reg.db"],
                         ["record", "history", "membership", "--db", "reg.db"],
                         ["record", "list", "--db", "reg.db"],
                         ["record", "export", "--db", "reg.db"],
                         ["record", "export", "--db", "reg.db", "--format", "csv"],
                         ["record", "export", "--db", "reg.db", "--format", "xlsx", "--out",
                          "register.xlsx"]],
    "filing-sc": lambda w: [["scan", "data", "--format", "json", "-o", "scan.json"],
                            ["filing", "sc", "profile.yaml", "-i", "pack.yaml", "-o", "sc-pack",
                             "--scan", "scan.json"]],
    # pipo refuses this profile: its first activity's purpose holds planted PI (the pack
    # names the field, never the value); tests/filings checks that refusal.
    "filing-domestic": lambda w: [["scan", "data", "--format", "json", "-o", "scan.json"],
                                  ["filing", "cert", "profile.yaml", "-i", "cert.yaml", "-o",
                                   "cert-pack"],
                                  ["filing", "facial", "profile.yaml", "-i", "domestic.yaml",
                                   "-o", "facial-pack"],
                                  ["filing", "minors-audit", "profile.yaml", "-i",
                                   "domestic.yaml", "-o", "minors-pack", "--scan", "scan.json"]],
    # An impact assessment drafted from a register filled by a scan of the planted data: the
    # data map holds the scan's counts and receipt, never a value.
    "pia": lambda w: [["record", "init", "--db", "reg.db"],
                      ["record", "add", "activity.yaml", "--db", "reg.db", "--by", "tester"],
                      ["scan", "data", "--format", "json", "-o", "scan.json"],
                      ["record", "import-scan", "scan.json", "--activity", "membership",
                       "--db", "reg.db", "--by", "tester"],
                      ["pia", "new", "--activity", "membership", "--profile", "recipient.yaml",
                       "--as-of", "2026-06-01", "--db", "reg.db", "--by", "tester"],
                      ["pia", "edit", "PIA-0001", "judgements.yaml", "--db", "reg.db", "--by",
                       "tester"],
                      ["pia", "review", "PIA-0001", "--by", "legal", "--db", "reg.db"],
                      ["pia", "show", "PIA-0001", "--db", "reg.db"],
                      ["pia", "show", "PIA-0001", "--db", "reg.db", "--format", "json"],
                      ["pia", "list", "--db", "reg.db"],
                      ["pia", "history", "PIA-0001", "--db", "reg.db", "--format", "json"],
                      *[["pia", "export", "PIA-0001", "--db", "reg.db", "--format", fmt,
                         "--lang", lang, "-o", f"pia-{lang}.{fmt}"]
                        for fmt in ("md", "html") for lang in ("zh", "en")]],
    "filing": lambda w: [["record", "init", "--db", "reg.db"],
                         ["filing", "add", "filings.yaml", "--db", "reg.db", "--by", "tester"],
                         ["filing", "list", "--db", "reg.db", "--as-of", "2026-06-01"],
                         ["filing", "list", "--db", "reg.db", "--format", "json"],
                         ["filing", "show", "SA-1", "--db", "reg.db"],
                         ["filing", "history", "SA-1", "--db", "reg.db", "--format", "json"],
                         ["filing", "withdraw", "ALG-1", "--reason", "service closed", "--by",
                          "tester", "--db", "reg.db"],
                         ["calendar", "--db", "reg.db", "--as-of", "2026-06-01"],
                         ["calendar", "--db", "reg.db", "--as-of", "2026-06-01", "--format",
                          "json"],
                         ["calendar", "--db", "reg.db", "--format", "ics", "-o", "due.ics"]]
    + [["assess", "profile.yaml", "--as-of", "2026-06-01", "--db", "reg.db", "--format", f]
       for f in ("table", "json", "markdown", "html")]
    + [["crossborder", "profile.yaml", "--as-of", "2026-06-01", "--db", "reg.db", "--format",
        f] for f in ("table", "json")],
    "incident": lambda w: [["record", "init", "--db", "reg.db"],
                           ["scan", "data", "--format", "json", "-o", "scan.json"],
                           ["incident", "open", "--discovered-at", "2026-06-10T09:00", "--scan",
                            "scan.json", "--operator-type", "other", "--db", "reg.db", "--by",
                            "tester"],
                           ["incident", "report", "INC-20260610-0900", "--kind", "initial",
                            "--at", "2026-06-10T10:00", "--db", "reg.db", "--by", "tester"],
                           ["incident", "close", "INC-20260610-0900", "--at", "2026-06-12T10:00",
                            "--db", "reg.db", "--by", "tester"],
                           ["incident", "show", "INC-20260610-0900", "--db", "reg.db",
                            "--format", "json"],
                           ["incident", "list", "--db", "reg.db"],
                           ["incident", "history", "INC-20260610-0900", "--db", "reg.db"]],
    "recipient-name-assess": lambda w: [["assess", "recipient.yaml", "--as-of", "2026-06-01",
                                         "--format", "json"]],
    # The web workspace's accounts and start-up; what the pages and uploads keep is checked
    # with the canaries in tests/web/test_canary_web.py.
    "serve-users": lambda w: [["ledger", "init", "--db", "web.db"],
                              ["users", "add", "alice", "--role", "admin", "--one-time", "--db",
                               "web.db"],
                              ["serve", "--db", "web.db", "--check"],
                              ["users", "list", "--db", "web.db"]],
    "law": lambda w: [["law", "list", "--as-of", "2026-06-01"],
                      ["law", "show", "pipl", "--as-of", "2026-06-01", "--format", "json"]],
}


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.chdir(tmp_path)
    for var in ("CNPRIVACY_LEDGER", "CNPRIVACY_LEDGER_KEY", "CNPRIVACY_CALENDAR"):
        monkeypatch.delenv(var, raising=False)
    # Temporary files go inside the working folder, so one left behind is checked too.
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    yield _build(tmp_path)


runner = CliRunner()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_command_lets_a_canary_out(name: str, world: World) -> None:
    for argv in SCENARIOS[name](world):
        result = runner.invoke(app, argv)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            argv, result.exception)
        assert result.exit_code in (0, 1), (argv, result.exit_code, result.stderr)
        assert leaks(result.stdout) == [], (argv, "stdout", leaks(result.stdout))
        assert leaks(result.stderr) == [], (argv, "stderr", leaks(result.stderr))
    for path in sorted(world.root.rglob("*")):
        if path.is_file() and path not in world.inputs:
            found = leaks(_file_text(path))
            assert found == [], (path.relative_to(world.root), found)


def test_a_recipient_name_is_kept_as_entered_and_only_exported_on_request(world: World) -> None:
    # The overseas recipient's name is what the user records about the transfer (the filing packs
    # need it: 境外接收方名称), not an identifier of the people exported. Where the user types a
    # person's name there, the ledger keeps it as given and gives it back only in `ledger export`,
    # the command that asks for the stored entries themselves; no other output repeats it.
    commands = [["ledger", "init", "--db", "ledger.db"],
                ["ledger", "record", "--db", "ledger.db", "--transfer", "t2", "--date",
                 "2026-02-01", "--country", "SG", "--recipient", NAME, "--individuals", "3"],
                ["ledger", "status", "--db", "ledger.db", "--as-of", "2026-06-30"],
                ["ledger", "status", "--db", "ledger.db", "--as-of", "2026-06-30", "--format", "json"]]
    for argv in commands:
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.stderr)
        assert leaks(result.stdout + result.stderr) == [], (argv, leaks(result.stdout))
    exported = runner.invoke(app, ["ledger", "export", "--db", "ledger.db"])
    assert exported.exit_code == 0 and leaks(exported.stdout) == ["name"]


def test_keep_policy_returns_the_values_asked_for(world: World) -> None:
    result = runner.invoke(app, ["deid", "data/people.csv", "-o", "kept", "--policy",
                                 "keep.yaml", "--verify"])
    assert result.exit_code == 0, result.stderr
    # The kept values are in the output file (the user asked for them) but not in the report.
    assert "resident_id" in leaks((world.root / "kept" / "people.csv").read_text("utf-8"))
    assert leaks(result.stdout + result.stderr) == []


def test_file_names_are_echoed_as_given(world: World) -> None:
    # A file name is the user's own input: reports point at it unchanged.
    named = world.root / f"{NAME}.csv"
    named.write_text("city\n深圳市\n", encoding="utf-8")
    result = runner.invoke(app, ["scan", named.name, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert named.name in result.stdout


@pytest.mark.parametrize("text", [
    RESIDENT_ID, f"{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}", _fullwidth(MOBILE),
    _spaced(CARD), EMAIL, f"客户{NAME}"])
def test_the_leak_check_sees_every_disguise(text: str) -> None:
    assert leaks(f"before {text} after") != []


def test_the_canaries_are_found_as_what_they_are(world: World) -> None:
    # A canary the scanner does not recognise would prove nothing: each one, alone in a
    # table and disguised in free text, is found as its type.
    one = world.root / "one.csv"
    one.write_text("\n".join((world.root / "data" / "people.csv").read_text("utf-8")
                             .splitlines()[:2]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["scan", "one.csv", "data/notes.txt", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    table, notes = json.loads(result.stdout)["sources"]
    expected = {"person_name", "cn_resident_id", "cn_mobile", "email", "bank_card"}
    assert {c["type"] for c in table["columns"] if c["matched"] == 1} == expected
    assert set(notes["span_counts"]) == expected
    assert notes["span_counts"]["cn_mobile"] == 2  # the hyphenated and the full-width forms
