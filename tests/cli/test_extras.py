"""The core install runs law, schema, assess, diff and crossborder; the rest need an extra.

Each test runs the CLI in a fresh interpreter where packages are made unimportable, the way
they are when an extra was not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnprivacy.cli._extras import missing_extra_message, needed_extra

from .blocked import EXTRA_ONLY, run_without

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"

CORE_COMMANDS = {
    "law list": ["law", "list", "--as-of", "2026-03-01"],
    "law show": ["law", "show", "pipl", "--as-of", "2026-03-01"],
    "schema profile": ["schema", "profile"],
    "assess": ["assess", EXAMPLE, "--as-of", "2026-03-01", "--format", "json"],
    "diff": ["diff", EXAMPLE, "--from", "2025-01-01", "--to", "2026-03-01", "--format", "json"],
    "crossborder": ["crossborder", EXAMPLE, "--as-of", "2026-03-01", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(CORE_COMMANDS))
def test_core_commands_run_without_any_extra(name: str, tmp_path: Path) -> None:
    done = run_without(EXTRA_ONLY, *CORE_COMMANDS[name], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    if "--format" in CORE_COMMANDS[name] or name.startswith("schema"):
        json.loads(done.stdout)
    assert list(tmp_path.iterdir()) == []  # read-only commands create no files


def test_assess_without_extras_gives_the_same_findings(tmp_path: Path) -> None:
    args = CORE_COMMANDS["assess"]
    core = run_without(EXTRA_ONLY, *args, cwd=tmp_path)
    full = run_without((), *args, cwd=tmp_path)
    assert core.returncode == full.returncode == 0
    assert json.loads(core.stdout)["findings"] == json.loads(full.stdout)["findings"]


def _hint(words: str, extra: str) -> str:
    return f"error: cnprivacy {words} needs the '{extra}' extra: pip install 'cnprivacy[{extra}]'\n"


def test_scan_without_its_extra_names_the_extra(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text("name,phone\n张三,13800138000\n", encoding="utf-8")
    report = tmp_path / "report.json"
    done = run_without(("pyarrow",), "scan", data, "--format", "json", "-o", report)
    assert (done.returncode, done.stderr, done.stdout) == (2, _hint("scan", "scan"), "")
    assert not report.exists()


def test_deid_without_its_extra_names_the_extra(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text("name,phone\n张三,13800138000\n", encoding="utf-8")
    done = run_without(("cryptography",), "deid", data, "-o", tmp_path / "out")
    assert (done.returncode, done.stderr, done.stdout) == (2, _hint("deid", "deid"), "")
    assert not (tmp_path / "out").exists()


def test_deid_keygen_without_its_extra_writes_no_key(tmp_path: Path) -> None:
    done = run_without(("cryptography",), "deid", "keygen", tmp_path / "team.key")
    assert (done.returncode, done.stderr) == (2, _hint("deid", "deid"))
    assert list(tmp_path.iterdir()) == []


def test_ledger_without_its_extra_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    done = run_without(("sqlalchemy",), "ledger", "init", "--db", db)
    assert (done.returncode, done.stderr, done.stdout) == (2, _hint("ledger", "ledger"), "")
    assert list(tmp_path.iterdir()) == []


def test_app_audit_without_its_extra_names_the_extra(tmp_path: Path) -> None:
    done = run_without(("apkInspector",), "app", "audit", tmp_path / "some.apk")
    assert (done.returncode, done.stderr, done.stdout) == (2, _hint("app", "apps"), "")


def test_crossborder_with_a_ledger_needs_the_ledger_extra(tmp_path: Path) -> None:
    done = run_without(("sqlalchemy",), "crossborder", EXAMPLE, "--as-of", "2026-03-01",
                       f"--ledger={tmp_path / 'ledger.db'}")
    assert (done.returncode, done.stderr) == (2, _hint("crossborder --ledger", "ledger"))
    assert list(tmp_path.iterdir()) == []


def test_help_of_an_extra_command_without_the_extra_names_the_extra() -> None:
    done = run_without(("pyarrow", "numpy"), "ledger", "--help")
    assert (done.returncode, done.stderr) == (2, _hint("ledger", "ledger"))


def test_top_level_help_lists_every_command_without_any_extra() -> None:
    done = run_without(EXTRA_ONLY, "--help")
    assert done.returncode == 0, done.stderr
    for name in ("assess", "diff", "crossborder", "scan", "law", "schema", "ledger", "deid", "app"):
        assert f" {name} " in done.stdout


def test_which_extra_a_command_line_needs() -> None:
    assert needed_extra(["scan", "x.csv"]) == ("scan", "scan")
    assert needed_extra(["app", "audit", "x.apk"]) == ("app", "apps")
    assert needed_extra(["crossborder", "p.yaml", "--ledger", "l.db"]) == ("crossborder --ledger", "ledger")
    assert needed_extra(["crossborder", "p.yaml", "--ledger=l.db"]) == ("crossborder --ledger", "ledger")
    assert needed_extra(["crossborder", "p.yaml"]) is None
    assert needed_extra(["law", "list"]) is None
    assert needed_extra([]) is None


def test_only_a_missing_third_party_package_becomes_an_install_hint() -> None:
    missing = ModuleNotFoundError("No module named 'pyarrow.csv'", name="pyarrow.csv")
    assert missing_extra_message(["scan", "x"], missing) == _hint("scan", "scan")[7:-1]
    # Our own modules failing to import is a bug, never a missing extra.
    ours = ModuleNotFoundError("No module named 'cnprivacy.x'", name="cnprivacy.x")
    assert missing_extra_message(["scan", "x"], ours) is None
    # The core install has every package a core command imports: a failure there is re-raised.
    assert missing_extra_message(["assess", "p.yaml"], missing) is None
    assert missing_extra_message(["scan", "x"], ImportError("no name")) is None


# What each extra installs is enough for its commands: everything outside it is blocked.
_EXTRA_PACKAGES = {
    "scan": {"stdnum", "phonenumbers", "pyarrow", "openpyxl", "jieba", "charset_normalizer",
             "numpy", "datasketch", "scipy", "sqlalchemy", "psycopg"},
    "apps": {"apkInspector", "pypdf", "charset_normalizer"},
}
_EXTRA_PACKAGES["deid"] = _EXTRA_PACKAGES["scan"] | {"cryptography"}
_EXTRA_PACKAGES["ledger"] = _EXTRA_PACKAGES["scan"] | {"alembic", "pycountry"}


def _outside(extra: str) -> list[str]:
    return sorted(set(EXTRA_ONLY) - _EXTRA_PACKAGES[extra])


def _people(tmp_path: Path) -> Path:
    data = tmp_path / "people.csv"
    data.write_text("姓名,身份证号,手机号\n张三,11010519491231002X,13800138000\n"
                    "李四,110101199003071233,13912345678\n", encoding="utf-8")
    return data


def test_the_scan_extra_is_enough_for_scan(tmp_path: Path) -> None:
    done = run_without(_outside("scan"), "scan", _people(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["individuals"] == 2


def test_the_deid_extra_is_enough_for_deid(tmp_path: Path) -> None:
    data = _people(tmp_path)
    key = tmp_path / "team.key"
    assert run_without(_outside("deid"), "deid", "keygen", key).returncode == 0
    done = run_without(_outside("deid"), "deid", data, "-o", tmp_path / "out", "--key-file", key)
    assert done.returncode == 0, done.stderr
    assert "13800138000" not in (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")


def test_the_ledger_extra_is_enough_for_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    steps = [["ledger", "init", "--db", db],
             ["ledger", "record", "--db", db, "--transfer", "t1", "--date", "2026-02-01",
              "--country", "SG", "--file", _people(tmp_path), "--column", "身份证号"],
             ["ledger", "status", "--db", db, "--as-of", "2026-03-01"],
             ["crossborder", EXAMPLE, "--as-of", "2026-03-01", "--ledger", db, "--format", "json"]]
    for step in steps:
        done = run_without(_outside("ledger"), *step)
        assert done.returncode == 0, (step, done.stderr)


def test_the_apps_extra_is_enough_for_app_audit(tmp_path: Path) -> None:
    from appaudit.apkbuild import build_apk  # the synthetic APK builder of the app-audit tests

    apk = tmp_path / "fixture.apk"
    apk.write_bytes(build_apk())
    done = run_without(_outside("apps"), "app", "audit", apk, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "permissions" in json.loads(done.stdout)


@pytest.mark.parametrize(("fmt", "blocked"), [("pdf", "weasyprint"), ("xlsx", "openpyxl")])
def test_report_files_without_their_extra_name_the_extra(fmt: str, blocked: str,
                                                         tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    done = run_without((blocked,), "assess", EXAMPLE, "--as-of", "2026-03-01", "--format", fmt,
                       "-o", target)
    assert (done.returncode, done.stderr) == (2, _hint(f"assess --format {fmt}", "report"))
    assert not target.exists()


def test_html_report_runs_without_any_extra(tmp_path: Path) -> None:
    done = run_without(EXTRA_ONLY, "assess", EXAMPLE, "--as-of", "2026-03-01", "--format",
                       "html", "--lang", "zh", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "执行摘要" in done.stdout and list(tmp_path.iterdir()) == []
