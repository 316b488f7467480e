"""One error discipline across every command.

Bad input is reported on one line of standard error starting ``error:``, naming the file or
option, with exit code 2, no traceback and no file left behind; read-only commands create no
file. The commands are discovered from ``cnprivacy.cli.COMMANDS`` and each group's
subcommands: a command without an entry in ``CASES`` fails ``test_every_command_has_cases``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from cnprivacy.cli import COMMANDS, app

runner = CliRunner()

IN = "{IN}"
OUT = "{OUT}"


@dataclass(frozen=True)
class Case:
    """One way to call a command: ``IN`` is the file under test (of ``kind``), ``OUT`` an
    output path; ``setup`` runs first (its files are not new); ``folders`` says whether a
    folder is a valid ``IN``."""

    argv: tuple[str, ...]
    kind: str = "yaml"
    setup: tuple[tuple[str, ...], ...] = ()
    folders: bool = False
    skip: frozenset[str] = frozenset()
    xfail: dict[str, str] = field(default_factory=dict)


LEDGER = (("ledger", "init", "--db", "l.db"),)
REGISTER = (("record", "init", "--db", "r.db"),)
ADD = (*REGISTER, ("record", "add", "act.yaml", "--db", "r.db", "--by", "t"))
DRAFTED = (*ADD, ("pia", "new", "--activity", "membership", "--db", "r.db", "--by", "t"))
FILE = (*REGISTER, ("filing", "add", "filing.yaml", "--db", "r.db", "--by", "t"))
OPENED = (*REGISTER, ("incident", "open", "inc.yaml", "--db", "r.db", "--by", "t"))

CASES: dict[str, list[Case]] = {
    "assess": [Case(("assess", IN, "--as-of", "2026-06-01")),
               Case(("assess", "p.yaml", "--as-of", "2026-06-01", "--calendar", IN)),
               Case(("assess", "p.yaml", "--as-of", "2026-06-01", "-o", OUT)),
               Case(("assess", "p.yaml", "--as-of", "2026-06-01", "--db", IN), kind="db"),
               Case(("assess", "p.yaml", "--as-of", "2026-06-01", "--db", "r.db", "-o", OUT),
                    setup=FILE),
               Case(("assess", "p.yaml", "--as-of", "2026-06-01", "--format", "xlsx", "-o", OUT))],
    "diff": [Case(("diff", IN, "--from", "2026-01-01"))],
    "crossborder": [Case(("crossborder", IN, "--as-of", "2026-06-01")),
                    Case(("crossborder", "p.yaml", "--as-of", "2026-06-01", "--calendar", IN)),
                    Case(("crossborder", "p.yaml", "--as-of", "2026-06-01", "--db", IN),
                         kind="db")],
    "scan": [Case(("scan", IN), kind="csv", folders=True),
             Case(("scan", "d.csv", "-o", OUT)),
             Case(("scan", "d.csv", "--emit-profile", OUT))],
    "law list": [Case(("law", "list"))],
    "law show": [Case(("law", "show", "pipl"))],
    "law obligations": [Case(("law", "obligations"))],
    "schema profile": [Case(("schema", "profile"))],
    "schema law": [Case(("schema", "law"))],
    "ledger init": [Case(("ledger", "init", "--db", "l.db", "--profile", IN)),
                    # a key file that is not there is created: that is what init is for
                    Case(("ledger", "init", "--db", "l.db", "--key", IN), kind="key",
                         skip=frozenset({"missing"}))],
    "ledger record": [Case(("ledger", "record", "--db", "l.db", "--transfer", "t1", "--date",
                            "2026-01-02", "--country", "SG", "--file", IN, "--column", "phone"),
                           kind="csv", setup=LEDGER),
                      Case(("ledger", "record", "--db", "l.db", "--transfer", "sg-hotels",
                            "--profile", IN, "--individuals", "3"), setup=LEDGER),
                      Case(("ledger", "record", "--db", IN, "--transfer", "t1", "--date",
                            "2026-01-02", "--country", "SG", "--individuals", "3"), kind="db")],
    "ledger status": [Case(("ledger", "status", "--db", IN), kind="db"),
                      Case(("ledger", "status", "--db", "l.db", "--profile", IN), setup=LEDGER)],
    "ledger export": [Case(("ledger", "export", "--db", IN), kind="db"),
                      Case(("ledger", "export", "--db", "l.db", "-o", OUT), setup=LEDGER)],
    "deid run": [Case(("deid", IN, "-o", "outdir"), kind="csv", folders=True),
                 Case(("deid", "d.csv", "-o", "outdir", "--policy", IN)),
                 Case(("deid", "d.csv", "-o", "outdir", "--key-file", IN), kind="key"),
                 Case(("deid", "d.csv", "-o", OUT))],
    "deid keygen": [Case(("deid", "keygen", OUT))],
    "app audit": [Case(("app", "audit", IN), kind="apk"),
                  Case(("app", "audit", "a.apk", "--policy", IN), kind="txt"),
                  Case(("app", "audit", "a.apk", "-o", OUT))],
    "record init": [Case(("record", "init", "--db", OUT))],
    "filing sc": [Case(("filing", "sc", "p.yaml", "-i", IN, "-o", "pack-out")),
                  Case(("filing", "sc", IN, "-i", "sc.yaml", "-o", "pack-out")),
                  Case(("filing", "sc", "p.yaml", "-i", "sc.yaml", "-o", "pack-out", "--scan", IN),
                       kind="json"),
                  Case(("filing", "sc", "p.yaml", "-i", "sc.yaml", "-o", OUT)),
                  Case(("filing", "sc", "p.yaml", "--pia", "PIA-0001", "--db", IN, "-o",
                        "pack-out"), kind="db")],
    "filing cert": [Case(("filing", "cert", "p.yaml", "-i", IN, "-o", "pack-out")),
                    Case(("filing", "cert", IN, "-i", "sc.yaml", "-o", "pack-out"))],
    "filing pipo": [Case(("filing", "pipo", "p.yaml", "-i", IN, "-o", "pack-out")),
                    Case(("filing", "pipo", IN, "-i", "dom.yaml", "-o", "pack-out"))],
    "filing facial": [Case(("filing", "facial", "p.yaml", "-i", IN, "-o", "pack-out")),
                      Case(("filing", "facial", IN, "-i", "dom.yaml", "-o", "pack-out")),
                      Case(("filing", "facial", "p.yaml", "-i", "dom.yaml", "--on-record",
                            "--db", IN, "-o", "pack-out"), kind="db")],
    "filing minors-audit": [Case(("filing", "minors-audit", "p.yaml", "-i", IN, "-o", "pack-out")),
                            Case(("filing", "minors-audit", IN, "-i", "dom.yaml", "-o", "pack-out")),
                            Case(("filing", "minors-audit", "p.yaml", "-i", "dom.yaml", "-o",
                                  "pack-out", "--scan", IN), kind="json")],
    "filing sa": [Case(("filing", "sa", "p.yaml", "-i", IN, "-o", "pack-out")),
                  Case(("filing", "sa", IN, "-i", "sa.yaml", "-o", "pack-out")),
                  Case(("filing", "sa", "p.yaml", "-i", "sa.yaml", "--pia", "PIA-0001", "--db",
                        IN, "-o", "pack-out"), kind="db")],
    "filing sa-extend": [Case(("filing", "sa-extend", "p.yaml", "-i", IN, "-o", "pack-out")),
                         Case(("filing", "sa-extend", IN, "-i", "sa.yaml", "-o", "pack-out"))],
    # --check: everything serve does before it listens, then exit (a test cannot wait on a server)
    "serve": [Case(("serve", "--db", IN, "--check"), kind="db"),
              Case(("serve", "--db", "l.db", "--profile", IN, "--check"), setup=LEDGER),
              Case(("serve", "--db", "l.db", "--key", IN, "--check"), kind="key", setup=LEDGER)],
    "users add": [Case(("users", "add", "u1", "--role", "viewer", "--one-time", "--db", IN),
                       kind="db")],
    "users list": [Case(("users", "list", "--db", IN), kind="db")],
    "record add": [Case(("record", "add", IN, "--db", "r.db", "--by", "t"), setup=REGISTER)],
    "record retire": [Case(("record", "retire", "membership", "--reason", "x", "--by", "t",
                            "--db", IN), kind="db")],
    "record show": [Case(("record", "show", "membership", "--db", IN), kind="db")],
    "record list": [Case(("record", "list", "--db", IN), kind="db")],
    "record history": [Case(("record", "history", "membership", "--db", IN), kind="db")],
    "record import-scan": [Case(("record", "import-scan", IN, "--activity", "membership",
                                 "--db", "r.db", "--by", "t"), kind="json", setup=ADD)],
    "record import-profile": [Case(("record", "import-profile", IN, "--db", "r.db", "--by",
                                    "t"), setup=REGISTER)],
    "record export-profile": [Case(("record", "export-profile", IN, "--db", "r.db"),
                                   setup=REGISTER),
                              Case(("record", "export-profile", "p0.yaml", "--db", "r.db",
                                    "--out", OUT), setup=REGISTER)],
    "record export": [Case(("record", "export", "--db", IN), kind="db"),
                      Case(("record", "export", "--db", "r.db", "--format", "csv", "--out",
                            OUT), setup=ADD)],
    "pia new": [Case(("pia", "new", "--activity", "membership", "--db", IN, "--by", "t"),
                     kind="db"),
                Case(("pia", "new", "--activity", "membership", "--profile", IN, "--db", "r.db",
                      "--by", "t"), setup=ADD)],
    "pia show": [Case(("pia", "show", "PIA-0001", "--db", IN), kind="db")],
    "pia list": [Case(("pia", "list", "--db", IN), kind="db")],
    "pia history": [Case(("pia", "history", "PIA-0001", "--db", IN), kind="db")],
    "pia edit": [Case(("pia", "edit", "PIA-0001", IN, "--db", "r.db", "--by", "t"),
                      setup=DRAFTED)],
    "pia review": [Case(("pia", "review", "PIA-0001", "--by", "t", "--db", IN), kind="db")],
    "pia approve": [Case(("pia", "approve", "PIA-0001", "--by", "t", "--db", IN), kind="db")],
    "pia export": [Case(("pia", "export", "PIA-0001", "--db", IN), kind="db"),
                   Case(("pia", "export", "PIA-0001", "--db", "r.db", "-o", OUT),
                        setup=DRAFTED)],
    "filing add": [Case(("filing", "add", IN, "--db", "r.db", "--by", "t"), setup=REGISTER)],
    "filing list": [Case(("filing", "list", "--db", IN), kind="db")],
    "filing show": [Case(("filing", "show", "SC-1", "--db", IN), kind="db")],
    "filing history": [Case(("filing", "history", "SC-1", "--db", IN), kind="db")],
    "filing withdraw": [Case(("filing", "withdraw", "SC-1", "--reason", "x", "--by", "t",
                              "--db", IN), kind="db")],
    "calendar": [Case(("calendar", "--db", IN), kind="db"),
                 Case(("calendar", "--db", "r.db", "--format", "ics", "-o", OUT), setup=FILE)],
    "incident open": [Case(("incident", "open", IN, "--db", "r.db", "--by", "t"), setup=REGISTER),
                      Case(("incident", "open", "--discovered-at", "2026-06-10T09:00", "--scan",
                            IN, "--db", "r.db", "--by", "t"), kind="json", setup=REGISTER),
                      Case(("incident", "open", "inc.yaml", "--db", IN, "--by", "t"), kind="db")],
    "incident show": [Case(("incident", "show", "INC-1", "--db", IN), kind="db")],
    "incident list": [Case(("incident", "list", "--db", IN), kind="db")],
    "incident history": [Case(("incident", "history", "INC-1", "--db", IN), kind="db")],
    "incident report": [Case(("incident", "report", "INC-1", "--kind", "initial", "--at",
                              "2026-06-10T10:00", "--db", IN, "--by", "t"), kind="db")],
    "incident update": [Case(("incident", "update", "INC-1", IN, "--db", "r.db", "--by", "t"),
                             setup=OPENED)],
    "incident close": [Case(("incident", "close", "INC-1", "--db", IN, "--by", "t"), kind="db")],
}


def _leaves(command: Any, prefix: str) -> Iterator[str]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        yield prefix
        return
    for name in subcommands:
        yield from _leaves(subcommands[name], f"{prefix} {name}")


def discovered() -> set[str]:
    group: Any = get_command(app)
    return {leaf for spec in COMMANDS for leaf in _leaves(group.commands[spec.name], spec.name)}


def test_every_command_has_cases() -> None:
    assert discovered() == set(CASES)


_GBK_TEXT = {"yaml": "organization:\n  name: 鹏程旅行\n", "csv": "姓名,手机\n张伟,13812345678\n",
             "txt": "隐私政策：我们收集手机号码。\n", "json": '{"名称": "张伟"}\n',
             "key": "密钥\n", "apk": "安装包\n", "db": "数据库\n"}

BAD = {
    "missing": None,
    "folder": "folder",
    "empty": b"",
    "junk": bytes(range(256)) * 8,
    "gbk": "gbk",
    "utf16": "utf-16",
    "unwritable": None,
}
# A missing or folder input can never be used; the rest may be accepted by a lenient reader.
_MUST_FAIL = {"missing", "folder", "unwritable"}

_EXT = {"yaml": ".yaml", "csv": ".csv", "txt": ".txt", "json": ".json", "key": ".key",
        "apk": ".apk", "db": ".db"}


def _fixtures(root: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "shenzhen-travel.yaml"
    (root / "p.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "p0.yaml").write_text(
        example.read_text(encoding="utf-8").split("\nprocessing:")[0] + "\n", encoding="utf-8")
    (root / "d.csv").write_text("name,phone\n张伟,13812345678\n", encoding="utf-8")
    (root / "act.yaml").write_text("id: membership\npurpose: accounts\n", encoding="utf-8")
    (root / "filing.yaml").write_text(
        "id: SC-1\nkind: standard_contract\nstatus: planned\neffective_on: 2026-02-05\n"
        "transfers: [hk-crm]\n", encoding="utf-8")
    (root / "inc.yaml").write_text("id: INC-1\ndiscovered_at: 2026-06-10T09:00\n", encoding="utf-8")
    from appaudit.apkbuild import ManifestSpec, build_apk

    (root / "a.apk").write_bytes(build_apk(ManifestSpec()))
    (root / "blocker").write_text("a file, not a folder\n", encoding="utf-8")
    pack = example.parent / "packs" / "hk-crm-sc.yaml"
    (root / "sc.yaml").write_text(pack.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "dom.yaml").write_text((pack.parent / "domestic.yaml").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    (root / "sa.yaml").write_text((pack.parent / "sa.yaml").read_text(encoding="utf-8"),
                                  encoding="utf-8")


def _params() -> Iterator[Any]:
    for command, cases in sorted(CASES.items()):
        for i, case in enumerate(cases):
            for bad in BAD:
                if (bad == "unwritable") != (OUT in case.argv):
                    continue
                if IN not in case.argv and OUT not in case.argv:
                    continue
                if (bad == "folder" and case.folders) or bad in case.skip:
                    continue
                marks = [pytest.mark.xfail(strict=True, reason=case.xfail[bad])] \
                    if bad in case.xfail else []
                yield pytest.param(case, bad, id=f"{command}-{i}-{bad}", marks=marks)


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def _invoke(argv: list[str]) -> Any:
    return runner.invoke(app, argv, env={"CNPRIVACY_LEDGER": None,
                                         "CNPRIVACY_LEDGER_KEY": None,
                                         "CNPRIVACY_CALENDAR": None, "CNPRIVACY_USER": None})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _fixtures(tmp_path)
    return tmp_path


def _check_one_line(result: Any, argv: list[str]) -> None:
    assert result.exit_code == 2, (argv, result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv, repr(result.exception))
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (argv, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(("case", "bad"), list(_params()))
def test_bad_input_is_one_line_exit_2_and_writes_nothing(case: Case, bad: str,
                                                         workdir: Path) -> None:
    for step in case.setup:
        done = _invoke(list(step))
        assert done.exit_code == 0, (step, done.stderr)
    target = workdir / f"bad{_EXT[case.kind]}"
    content = BAD[bad]
    if bad == "folder":
        target.mkdir()
    elif isinstance(content, bytes):
        target.write_bytes(content)
    elif bad in ("gbk", "utf16"):
        target.write_bytes(_GBK_TEXT[case.kind].encode(bad))
    out = "blocker/sub/out.json" if bad == "unwritable" else "out.json"
    argv = [str(target.name) if a == IN else out if a == OUT else a for a in case.argv]
    before = _files(workdir)
    result = _invoke(argv)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv, repr(result.exception))
    if bad in _MUST_FAIL or result.exit_code != 0:
        _check_one_line(result, argv)
        assert not _files(workdir) - before, (argv, sorted(_files(workdir) - before))


@pytest.mark.parametrize("command", sorted(CASES))
def test_unknown_option_is_one_line_exit_2(command: str, workdir: Path) -> None:
    before = _files(workdir)
    result = _invoke([*command.split(), "--no-such-option"])
    _check_one_line(result, [command])
    assert "--no-such-option" in result.stderr
    assert not _files(workdir) - before


@pytest.mark.parametrize("command", ["law list", "law show pipl", "law obligations",
                                     "schema profile", "schema law"])
def test_read_only_commands_create_no_file(command: str, workdir: Path) -> None:
    before = _files(workdir)
    assert _invoke(command.split()).exit_code == 0
    assert not _files(workdir) - before
