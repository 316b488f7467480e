"""SIGKILL at any moment leaves the previous state or the complete new one, never a part.

Each command runs in a child process that is killed either at a chosen point of its own work (a
hook installed before the command starts: just before the Nth rename onto a final name, the Nth
fsync of a temporary, or after the Nth INSERT of a transaction that is not yet committed) or
after a delay drawn from a seeded list. The kill moment may vary from run to run; what is
asserted holds for every moment: each file under a final name is byte for byte the output of an
uninterrupted run (or the file that was there before), a database shows the previous batch or
the whole new one, and a run after the kill completes and leaves no temporary behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text
from typer.testing import CliRunner

from cnprivacy.cli import app
from cnprivacy.discovery.pitypes.resident_id import check_char
from cnprivacy.fileio.atomic import write_atomically
from cnprivacy.records.register import Register
from cnprivacy.store.records import init_store, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "shenzhen-travel.yaml"
APK = ROOT / "tests" / "appaudit" / "fixtures" / "apks" / "com.politedroid_4.apk"
RNG = random.Random(12)

# The child: installs the kill hook named by CNP_KILL_AT ("rename:N", "fsync:N", "insert:N"),
# then runs the command line. A hook fires in the child itself, so the moment is exact.
_CHILD = """
import os, signal, sys
kind, _, nth = os.environ.get("CNP_KILL_AT", "").partition(":")
left = [int(nth or 1)]
def countdown():
    left[0] -= 1
    if left[0] <= 0:
        os.kill(os.getpid(), signal.SIGKILL)
def before(call):
    def wrapped(*args, **kwargs):
        countdown()
        return call(*args, **kwargs)
    return wrapped
if kind == "rename":
    os.replace, os.link = before(os.replace), before(os.link)
elif kind == "fsync":
    os.fsync = before(os.fsync)
elif kind == "insert":
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    def inserted(conn, cursor, statement, *rest):
        if statement.lstrip().upper().startswith("INSERT") and conn.in_transaction():
            countdown()
    event.listen(Engine, "after_cursor_execute", inserted)
from cnprivacy.cli import main
main()
"""


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    """An uninterrupted run in this process (no start-up cost): exit code and stderr."""
    result = CliRunner().invoke(app, [str(a) for a in args], env=env or _env())
    return result.exit_code, result.stderr


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "CNPRIVACY_USER": "dpo", "COLUMNS": "200", **extra}


def cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _CHILD, *map(str, args)], env=env or _env(),
                          capture_output=True, text=True, check=False, timeout=120)


def killed(moment: str, *args: str | Path, env: dict[str, str] | None = None,
           watch: Path | None = None) -> int:
    """Run the command and kill it at ``moment``: a hook ("rename:2"), a delay in seconds
    ("0.35"), or "writing" (as soon as a temporary under ``watch`` has content). Returns the
    exit status (-9 when the kill came first)."""
    base = env or _env()
    if moment[0].isalpha() and moment != "writing":
        done = cli(*args, env={**base, "CNP_KILL_AT": moment})
        return done.returncode
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, *map(str, args)], env=base,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if moment == "writing":
        assert watch is not None
        while proc.poll() is None:
            if any(_size(t) for t in _temps(watch)):
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
    else:
        try:
            proc.wait(timeout=float(moment))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
    return proc.wait()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # renamed or removed meanwhile
        return 0


def _delays(low: float, high: float, count: int) -> list[str]:
    return [f"{RNG.uniform(low, high):.3f}" for _ in range(count)]


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp")) if folder.exists() else []


def _finals(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


# ---------------------------------------------------------------- (a) deid of several files


def _resident(i: int) -> str:
    body = f"110101{date(1970, 1, 1) + timedelta(days=i):%Y%m%d}{i % 1000:03d}"
    return body + check_char(body)


def _deid_inputs(folder: Path, files: int, rows: int) -> Path:
    folder.mkdir(parents=True)
    for f in range(files):
        lines = ["id,name,phone,city,note"]
        for r in range(rows):
            n = f * rows + r
            lines.append(f"{_resident(n)},王{n % 97},13{n % 10}{n:08d},深圳,"
                         f"call 13{(n + 3) % 10}{n:08d}")
        (folder / f"part{f:02d}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_deid_killed_leaves_only_complete_outputs(tmp_path: Path) -> None:
    inputs = _deid_inputs(tmp_path / "in", files=6, rows=1500)
    reference = tmp_path / "reference"
    code, err = run("deid", inputs, "-o", reference, "--verify")
    assert code == 0, err
    expected = _finals(reference)
    assert len(expected) == 6 and not _temps(reference)

    out = tmp_path / "out"
    moments = ["writing", "fsync:1", "rename:1", "rename:4", *_delays(0.3, 1.5, 1)]
    hit_mid_run = 0
    for moment in moments:
        status = killed(moment, "deid", inputs, "-o", out, watch=out)
        present = _finals(out)
        # every output under its final name is whole: identical to the uninterrupted run's
        for name, content in present.items():
            assert content == expected[name], (moment, name)
        if status == -signal.SIGKILL and len(present) < len(expected):
            hit_mid_run += 1
        # what a kill leaves behind is hidden, named as a temporary
        assert all(p.name.startswith(".") for p in out.rglob("*") if p.is_file()
                   and p.relative_to(out).as_posix() not in expected), moment
    assert hit_mid_run >= 3  # the hooks at least stop the run part-way
    # a rerun completes, removes the killed runs' temporaries, and verifies clean
    code, err = run("deid", inputs, "-o", out, "--verify")
    assert code == 0, err
    assert _finals(out) == expected and not _temps(out)


# --------------------------------------------- (b) the processing register on both databases




def _activity(i: int, individuals: int) -> dict[str, object]:
    return {
        "id": f"act-{i:05d}", "purpose": f"bookings of product line {i}",
        "business_scenario": "online travel booking", "legal_basis": "contract",
        "data_categories": ["identity", "contact"], "individuals": individuals,
        "sources": [{"description": "sign-up form", "direct": True}],
        "systems": [{"name": "CRM", "storage_location": "cloud region cn-south", "country": "CN"}],
        "retention": {"period": "3 years after the account is closed", "months": 36},
        "responsible": [{"name": "Officer A", "role": "PI protection officer"}],
    }


def _batch(path: Path, count: int, individuals: int) -> Path:
    path.write_text(json.dumps({"activities": [_activity(i, individuals) for i in range(count)]}),
                    encoding="utf-8")
    return path


def _register_state(url: str) -> tuple[dict[str, tuple[int, int | None]], int]:
    """Each activity's latest version and individuals, and the number of versions stored (read
    in this process: a child per check would make the test slow)."""
    store = open_store(url)
    try:
        latest = {i: (v.version, v.data.individuals)
                  for i, v in Register(store).versions().items()}
        with store.engine.connect() as conn:
            versions = conn.execute(text("SELECT COUNT(*) FROM record_versions")).scalar_one()
            # every history runs 1, 2, ... without a gap: no version lost or half-kept
            gaps = conn.execute(text(
                "SELECT record_id FROM record_versions GROUP BY kind, record_id "
                "HAVING COUNT(*) <> MAX(version) OR MIN(version) <> 1")).all()
        assert gaps == []
    finally:
        store.engine.dispose()
    return latest, versions


def _history(url: str, record_id: str) -> list[int]:
    store = open_store(url)
    try:
        return [v.version for v in Register(store).history(record_id)]
    finally:
        store.engine.dispose()


def _init(url: str) -> None:
    init_store(url).engine.dispose()


COUNT = 800


@pytest.mark.slow
def test_record_add_killed_is_all_or_nothing(db_url: str, tmp_path: Path) -> None:
    _init(db_url)
    first = _batch(tmp_path / "first.json", COUNT, 100)
    assert run("record", "add", first, "--db", db_url)[0] == 0
    before = ({f"act-{i:05d}": (1, 100) for i in range(COUNT)}, COUNT)
    assert _register_state(db_url) == before

    second = _batch(tmp_path / "second.json", COUNT, 200)
    after = ({f"act-{i:05d}": (2, 200) for i in range(COUNT)}, 2 * COUNT)
    for moment in ["insert:1", *_delays(0.4, 2.0, 1)]:
        status = killed(moment, "record", "add", second, "--db", db_url)
        state = _register_state(db_url)
        assert state in (before, after), moment
        if moment.startswith("insert"):
            assert status == -signal.SIGKILL and state == before
        for record_id in ("act-00000", f"act-{COUNT - 1:05d}"):
            assert _history(db_url, record_id) == ([1] if state == before else [1, 2])
        if state == after:
            break
    # the register still takes the batch after any number of kills
    assert run("record", "add", second, "--db", db_url)[0] == 0
    assert _register_state(db_url) == after
    assert _history(db_url, "act-00007") == [1, 2]


def test_record_import_profile_killed_is_all_or_nothing(db_url: str) -> None:
    _init(db_url)
    status = killed("insert:1", "record", "import-profile", EXAMPLE, "--db", db_url)
    assert status == -signal.SIGKILL
    assert _register_state(db_url) == ({}, 0)
    code, err = run("record", "import-profile", EXAMPLE, "--db", db_url)
    assert code == 0, err
    listed, versions = _register_state(db_url)
    assert listed and versions == len(listed)
    assert all(_history(db_url, record_id) == [1] for record_id in listed)


# ----------------------------------------------------------------------- (c) report writers


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("html", "body"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("html", "body") and self.open and self.open[-1] == tag:
            self.open.pop()


def _complete_html(data: bytes) -> bool:
    parser = _Html()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return data.rstrip().endswith(b"</html>") and not parser.open


def _ledger(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    key = tmp_path / "ledger.key"
    env = _env(CNPRIVACY_LEDGER_KEY=str(key))
    db = str(tmp_path / "ledger.db")
    assert run("ledger", "init", "--db", db, env=env)[0] == 0
    for n, day in enumerate(("2026-01-10", "2026-02-10", "2026-03-10")):
        ids = tmp_path / f"ids{n}.csv"
        ids.write_text("id\n" + "\n".join(_resident(n * 500 + i) for i in range(500)) + "\n",
                       encoding="utf-8")
        code, err = run("ledger", "record", "--db", db, "--transfer", f"t{n}", "--date", day,
                        "--country", "SG", "--file", ids, "--column", "id", env=env)
        assert code == 0, err
    return ["ledger", "export", "--db", db, "--format", "json"], env


def _scan_folder(tmp_path: Path) -> Path:
    return _deid_inputs(tmp_path / "scanned", files=3, rows=300)


def _register(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    db = str(tmp_path / "register.db")
    _init(db)
    code, err = run("record", "add", _batch(tmp_path / "acts.json", 200, 1000), "--db", db,
                    "--by", "dpo")
    assert code == 0, err
    return ["record", "export", "--db", db, "--format", "json"], _env()


def _emit_profile(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    # The report goes to a file of its own; the killed write under test is the profile fragment.
    return ["scan", str(_scan_folder(tmp_path)), "-o", str(tmp_path / "scan.json")], _env()


def _yaml_profile(data: bytes) -> bool:
    return "organization" in yaml.safe_load(data.decode("utf-8"))


# Files a command writes whole before the one under test (scan writes its report, then the profile).
WRITES_BEFORE = {"scan --emit-profile": 1}

REPORTS: dict[str, tuple[Callable[[Path], tuple[list[str], dict[str, str] | None]],
                         Callable[[bytes], bool], str]] = {
    "assess": (lambda tmp: (["assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "html"],
                            None), _complete_html, "-o"),
    "scan": (lambda tmp: (["scan", str(_scan_folder(tmp)), "--format", "json"], None),
             lambda data: isinstance(json.loads(data), dict), "-o"),
    "scan --emit-profile": (_emit_profile, _yaml_profile, "--emit-profile"),
    "app audit": (lambda tmp: (["app", "audit", str(APK), "--format", "json"], None),
                  lambda data: isinstance(json.loads(data), dict), "-o"),
    "ledger export": (_ledger, lambda data: len(json.loads(data)) == 3, "-o"),
    "record export": (_register, lambda data: len(json.loads(data)["register"]) == 200,
                      "--out"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(REPORTS))
def test_report_killed_leaves_previous_or_complete(command: str, tmp_path: Path) -> None:
    make, complete, flag = REPORTS[command]
    args, env = make(tmp_path)
    reference = tmp_path / "reference.out"
    code, err = run(*args, flag, reference, env=env)
    assert code == 0, err
    assert complete(reference.read_bytes())

    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "report.out"
    # a kill with no report there yet, and kills over a previous one
    nth = WRITES_BEFORE.get(command, 0) + 1
    for moment, previous in [(*_delays(0.2, 1.5, 1), b"previous report\n"), (f"fsync:{nth}", None),
                             (f"rename:{nth}", b"previous report\n")]:
        target.unlink(missing_ok=True)
        if previous is not None:
            target.write_bytes(previous)
        status = killed(moment, *args, flag, target, env=env)
        if moment[0].isalpha():
            assert status == -signal.SIGKILL, moment
        now = target.read_bytes() if target.exists() else None
        assert now in (previous, reference.read_bytes()), (moment, previous)
        if now is not None and now != previous:
            assert complete(now)
        # nothing else under a final name; what the kill left is a hidden temporary
        assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] \
            == (["report.out"] if now is not None else [])
        # each run clears the temporaries its killed predecessors left
        assert len(_temps(folder)) <= 1
    assert _temps(folder)  # the last hook fires after the temporary is made
    # the next run writes the report whole and clears the killed runs' temporaries
    code, err = run(*args, flag, target, env=env)
    assert code == 0, err
    assert target.read_bytes() == reference.read_bytes() and not _temps(folder)


def test_a_writer_clears_only_temporaries_of_dead_writers(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".report.html.{dead}-{'0' * 12}.tmp"
    live = tmp_path / f".report.html.{os.getpid()}-{'1' * 12}.tmp"
    other = tmp_path / f".other.html.{dead}-{'2' * 12}.tmp"
    for path in (stale, live, other):
        path.write_text("half")
    write_atomically(target, "<html></html>\n")
    assert target.read_text() == "<html></html>\n"
    assert not stale.exists() and live.exists() and other.exists()
