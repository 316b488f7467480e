"""`cnprivacy users` and `cnprivacy serve` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli.blocked import run_without  # type: ignore[import-not-found]
from cnprivacy.cli import app

runner = CliRunner()
ENV = {"CNPRIVACY_LEDGER": None, "CNPRIVACY_LEDGER_KEY": None}


def _ok(*argv: str, stdin: str | None = None) -> str:
    done = runner.invoke(app, list(argv), input=stdin, env=ENV)
    assert done.exit_code == 0, done.stderr
    return done.stdout


def _fails(*argv: str, stdin: str | None = None) -> str:
    done = runner.invoke(app, list(argv), input=stdin, env=ENV)
    assert done.exit_code == 2, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def test_users_add_list_and_reset(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert "no database there" in _fails("users", "add", "ann", "--role", "dpo", "--db", db,
                                         stdin="long enough password\n")
    assert not Path(db).exists()
    _ok("ledger", "init", "--db", db)
    assert _ok("users", "add", "ann", "--role", "dpo", "--db", db,
               stdin="long enough password\n") == "user ann (dpo) added\n"
    assert "at least 12 characters" in _fails("users", "add", "bob", "--role", "viewer", "--db",
                                              db, stdin="short\n")
    assert "unknown role 'boss'" in _fails("users", "add", "bob", "--role", "boss", "--db", db,
                                           stdin="long enough password\n")
    assert "exists already" in _fails("users", "add", "ann", "--role", "dpo", "--db", db,
                                      stdin="long enough password\n")
    out = _ok("users", "add", "ann", "--role", "dpo", "--db", db, "--one-time", "--reset")
    assert "password reset" in out and "one-time password: " in out
    listed = _ok("users", "list", "--db", db)
    assert listed == "ann\tdpo\n"  # never a hash
    check = _ok("serve", "--db", db, "--check")
    assert "1 users" in check


def test_serve_refuses_a_database_that_is_not_there(tmp_path: Path) -> None:
    line = _fails("serve", "--db", str(tmp_path / "none.db"), "--check")
    assert "ledger init" in line
    assert list(tmp_path.iterdir()) == []


def test_serve_without_the_web_extra_names_it(tmp_path: Path) -> None:
    done = run_without(("fastapi", "uvicorn", "argon2", "jinja2"), "serve", "--db",
                       str(tmp_path / "x.db"), "--check")
    assert done.returncode == 2
    assert "'web' extra" in done.stderr
