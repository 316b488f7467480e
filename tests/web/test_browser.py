"""End to end in Debian's Chromium (Playwright, the system browser, no browser download): log
in, edit the profile, watch an obligation change status, record a transfer, export a report,
switch language. Screenshots of each page in both languages go to $CNPRIVACY_SCREENSHOTS when
it is set (to look at them), else to the test's temporary folder.

Skipped only when /usr/bin/chromium is missing outside CI; in CI (``CI`` set) a missing
browser fails the test, since `.ci/run` installs it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from .conftest import PASSWORD, Site, make_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("no /usr/bin/chromium (apt-get install --no-install-recommends chromium)",
                allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path, password_hash: str) -> Iterator[tuple[Site, str]]:
    site = make_site(tmp_path, password_hash)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(site.app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield site, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_a_dpo_works_through_the_workspace(served: tuple[Site, str], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), "CI must have Debian's chromium (.ci/run installs it)"
    site, base = served
    shots = Path(os.environ.get("CNPRIVACY_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(base + "/")
        expect(page).to_have_url(base + "/login")
        page.screenshot(path=shots / "login-en.png")
        page.fill("#name", "dpo")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page).to_have_url(base + "/")

        officer = "#ob-pipl\\.pi_protection_officer"
        page.goto(base + "/?as_of=2026-03-01&lang=en")
        expect(page.locator(officer)).to_have_attribute("data-status", "applies")
        page.screenshot(path=shots / "dashboard-en.png", full_page=True)

        # a bad value is shown beside its field and nothing is saved
        page.goto(base + "/profile")
        page.fill("#org-individuals_processed", "many")
        page.click("#save-org")
        expect(page.locator("#err-individuals_processed")).to_be_visible()
        page.screenshot(path=shots / "profile-error-en.png")
        page.fill("#org-individuals_processed", "999999")
        page.click("#save-org")
        expect(page.get_by_role("status")).to_be_visible()

        page.goto(base + "/?as_of=2026-03-01")
        expect(page.locator(officer)).to_have_attribute("data-status", "not_applicable")

        page.goto(base + "/crossborder?as_of=2026-03-01")
        page.fill("#transfer", "jp-partner")
        page.fill("#date", "2026-02-20")
        page.fill("#country", "JP")
        page.fill("#recipient", "Partner KK")
        page.fill("#individuals-in", "900000")
        page.click("#record-submit")
        expect(page.locator("#ledger")).to_contain_text("jp-partner")
        page.screenshot(path=shots / "crossborder-en.png", full_page=True)

        page.goto(base + "/?as_of=2026-03-01")
        with page.expect_download() as info:
            page.click("#download-html")
        report = Path(info.value.path()).read_text(encoding="utf-8")
        assert "Pengcheng" in report and "<html" in report

        # the same pages in Chinese
        page.click("#lang-switch")
        expect(page.locator("h1")).to_contain_text("合规义务")
        page.screenshot(path=shots / "dashboard-zh.png", full_page=True)
        # every page in both languages, when someone is going to look at them
        pages: tuple[tuple[str, str], ...] = () if not os.environ.get("CNPRIVACY_SCREENSHOTS") else (
            ("profile", "/profile"), ("crossborder", "/crossborder?as_of=2026-03-01"),
            ("register", "/register"), ("law", "/law"), ("uploads", "/uploads"),
            ("obligation", "/obligations/pipl.pi_protection_officer?as_of=2026-03-01"))
        for name, path in pages:
            page.goto(base + path)
            page.screenshot(path=shots / f"{name}-zh.png", full_page=True)
            page.goto(base + path + ("&" if "?" in path else "?") + "lang=en")
            page.screenshot(path=shots / f"{name}-en.png", full_page=True)
            page.goto(base + path + ("&" if "?" in path else "?") + "lang=zh")
        browser.close()
    # no script or Content-Security-Policy errors (the refused form answers 422 on purpose)
    assert [e for e in errors if "status of 422" not in e] == []
    assert [e.action for e in site.ws.store.audit_log()][:2] == ["record transfer",
                                                                 "save profile (form)"]


def _log_in(page: object, base: str, name: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    if page.locator("header form button").count():
        page.click("header form button")  # log out whoever is in
    page.goto(base + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(base + "/")


def test_an_incident_is_opened_and_a_pia_approved(served: tuple[Site, str], tmp_path: Path) -> None:
    """Issue 16 point 6: open an incident (its clock counts down in the page) and take an impact
    assessment through review by legal and approval by the PI protection officer."""
    import datetime as dt

    from playwright.sync_api import expect, sync_playwright

    from cnprivacy.records.deadline import CHINA

    from .test_record_pages import JUDGEMENTS

    site, base = served
    shots = Path(os.environ.get("CNPRIVACY_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        _log_in(page, base, "editor")

        page.goto(base + "/incidents?lang=en")
        discovered = (dt.datetime.now(CHINA) - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        page.fill("#inc-discovered", discovered)
        page.fill("#inc-title", "CRM export exposed")
        page.select_option("#inc-operator", "other")
        page.check("input[name=effects][value=leak]")
        page.fill("#inc-individuals", "1200000")
        page.click("#open-incident button[type=submit]")
        expect(page.locator("h1")).to_contain_text("INC-")
        clock = page.locator(".countdown[data-state=due]").first
        expect(clock).to_contain_text(" left")            # the script has taken over the text
        first = clock.inner_text()
        page.wait_for_timeout(1100)
        assert clock.inner_text() != first                # and it counts down
        page.screenshot(path=shots / "incident-en.png", full_page=True)
        page.click("#lang-switch")
        expect(page.locator(".countdown[data-state=due]").first).to_contain_text("剩余")
        page.screenshot(path=shots / "incident-zh.png", full_page=True)
        page.goto(base + "/incidents")
        page.screenshot(path=shots / "incidents-zh.png", full_page=True)
        page.goto(base + "/incidents?lang=en")
        page.screenshot(path=shots / "incidents-en.png", full_page=True)

        page.goto(base + "/register")
        page.click("#import-profile")
        page.goto(base + "/pias")
        page.click("#draft-pia button[type=submit]")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "draft")
        page.fill("#pia-yaml", JUDGEMENTS)
        page.click("#edit-pia button[type=submit]")
        expect(page.locator("#unconfirmed")).to_have_text("-")
        where = page.url

        _log_in(page, base, "legal")
        page.goto(where)
        page.click("#review-pia")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "reviewed")
        expect(page.locator("#approve-pia")).to_have_count(0)   # legal reviews, never approves

        _log_in(page, base, "dpo")
        page.goto(where)
        page.click("#approve-pia")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "approved")
        page.screenshot(path=shots / "pia-en.png", full_page=True)
        with page.expect_download() as info:
            page.click("#pia-export-html")
        assert "<html" in Path(info.value.path()).read_text(encoding="utf-8")
        page.goto(where + "?lang=zh")
        page.screenshot(path=shots / "pia-zh.png", full_page=True)
        pages: tuple[tuple[str, str], ...] = () if not os.environ.get("CNPRIVACY_SCREENSHOTS") else (
            ("pias", "/pias"), ("filings", "/filings"), ("calendar", "/calendar"),
            ("packs", "/packs"))
        for name, path in pages:
            page.goto(base + path + "?lang=zh")
            page.screenshot(path=shots / f"{name}-zh.png", full_page=True)
            page.goto(base + path + "?lang=en")
            page.screenshot(path=shots / f"{name}-en.png", full_page=True)
        browser.close()
    assert errors == []
    actions = [e.action for e in site.ws.store.audit_log() if e.action not in ("login", "logout")]
    assert actions[:3] == ["approve impact assessment (PI protection officer)",
                           "review impact assessment (legal)", "edit impact assessment"]
    assert "open incident" in actions
