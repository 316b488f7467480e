"""Load on the web workspace: 50 concurrent connections on the dashboard and the API, measured
with wrk (Debian's package) against `cnprivacy serve` on loopback.

Run:  .venv/bin/python bench/web_load.py [--connections 50] [--seconds 20] [--workers 2]
          [--only TEXT]   (only the targets whose label contains TEXT, e.g. "no cache")

It builds a throw-away database (the example profile, one viewer), starts the server as a
separate process, logs in for a session cookie and an API token, then runs wrk on each target
twice: as 50 users who each wait about a second (0.5 to 1.5 s, seeded) between requests, and
as a closed loop where each of the 50 connections sends its next request as soon as the answer
arrives (users who never pause: a stress figure). Prints a Markdown table; wrk's own summary
lines go to stderr. Everything runs on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("cnprivacy"))
PROFILE = ROOT / "examples" / "shenzhen-travel.yaml"
LUA = Path(__file__).with_name("web_load.lua")
PASSWORD = "bench password 1234"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(*argv: str, stdin: str | None = None) -> None:
    subprocess.run([CLI, *argv], input=stdin, text=True, check=True, capture_output=True)


def _login(base: str) -> tuple[str, str]:
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        page = client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf
        done = client.post("/login", data={"name": "bench", "password": PASSWORD,
                                           "csrf": csrf.group(1)})
        assert done.status_code == 303, done.text
        cookie = client.cookies["cnp_session"]
        page = client.get("/account")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf
        made = client.post("/account/tokens", data={"label": "bench", "csrf": csrf.group(1)})
        token = re.search(r'id="new-token">([^<]+)<', made.text)
        assert token
        return cookie, token.group(1)


def _wrk(url: str, header: str, connections: int, seconds: int, body: Path | None,
         think_ms: int, vary: bool = False) -> dict[str, float]:
    env = {**os.environ, "WEB_LOAD_BODY": str(body) if body else "",
           "WEB_LOAD_THINK_MS": str(think_ms), "WEB_LOAD_VARY": "1" if vary else ""}
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                           "-s", str(LUA), "-H", header, url], env=env, text=True,
                          capture_output=True, check=True)
    sys.stderr.write(done.stdout)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think-ms", type=int, default=1000,
                        help="mean pause of a user between requests")
    parser.add_argument("--only", default="",
                        help="run only the targets whose label contains this text")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="cnp-web-load-") as tmp:
        db = str(Path(tmp) / "web.db")
        _run("ledger", "init", "--db", db, "--profile", str(PROFILE))
        _run("users", "add", "bench", "--role", "viewer", "--db", db, stdin=PASSWORD + "\n")
        _run("serve", "--db", db, "--profile", str(PROFILE), "--check")
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([CLI, "serve", "--db", db, "--port", str(port), "--workers",
                                   str(args.workers)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(base + "/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.2)
            cookie, token = _login(base)
            body = Path(tmp) / "profile.json"
            import yaml

            body.write_text(json.dumps(yaml.safe_load(PROFILE.read_text(encoding="utf-8")),
                                       default=str), encoding="utf-8")
            assert '"individuals_processed": 1450000' in body.read_text(encoding="utf-8")
            targets = [
                ("dashboard page (GET /?as_of=2026-03-01)", "/?as_of=2026-03-01",
                 f"Cookie: cnp_session={cookie}", None),
                ("API, stored profile (GET /api/obligations)", "/api/obligations?as_of=2026-03-01",
                 f"Authorization: Bearer {token}", None),
                ("API, profile in the body (POST /api/assess)", "/api/assess?as_of=2026-03-01",
                 f"Authorization: Bearer {token}", body),
                ("API, a new profile each request (POST /api/assess, no cache)",
                 "/api/assess?as_of=2026-03-01", f"Authorization: Bearer {token}", body),
            ]
            print(f"{args.connections} connections, {args.seconds} s each, "
                  f"{args.workers} server worker(s), wrk -t2; {os.cpu_count()} CPUs, load "
                  f"average {os.getloadavg()[0]:.1f}\n")
            print("| target | users | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms "
                  "| errors |")
            print("|---|---|---|---|---|---|---|---|---|")
            for label, path, header, payload in targets:
                if args.only not in label:
                    continue
                vary = "no cache" in label
                # one warm-up second (imports, caches) that is not measured
                _wrk(base + path, header, args.connections, 1, payload, 0)
                for think, mode in ((args.think_ms, f"pause ~{args.think_ms} ms"),
                                    (0, "no pause")):
                    r = _wrk(base + path, header, args.connections, args.seconds, payload, think,
                             vary)
                    errors = int(r["bad_status"] + r["socket_errors"])
                    print(f"| {label} | {args.connections}, {mode} | {r['requests']} | "
                          f"{r['requests'] / r['seconds']:.0f} | {r['p50_ms']:.1f} | "
                          f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {errors} |",
                          flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
