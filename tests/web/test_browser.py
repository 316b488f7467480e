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


def _judgements() -> list[tuple[str, str, str]]:
    """(field, value as the form's control holds it, reason) of every judgement."""
    import yaml

    from .test_record_pages import JUDGEMENTS

    out = []
    for name, given in yaml.safe_load(JUDGEMENTS).items():
        inner = {name: given} if "value" in given else {f"{name}.{k}": v for k, v in given.items()}
        for path, j in inner.items():
            value = j["value"]
            out.append((path, str(value).lower() if isinstance(value, bool) else value, j["reason"]))
    return out


def _no_english(page: object, site: Site) -> None:
    from playwright.sync_api import Page

    from .lang_check import foreign
    from .test_languages import identifiers

    assert isinstance(page, Page)
    assert foreign(page.content(), "zh", identifiers(site)) == [], page.url


def _every_page(page: object, base: str, site: Site, shots: Path) -> None:
    """A screenshot of every page in both languages, as an admin sees it (to look at them)."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    _log_in(page, base, "admin")
    incident = sorted(site.ws.register.store.latest("incident"))[0]
    pia = sorted(site.ws.register.store.latest("pia"))[0]
    activity = sorted(site.ws.register.versions())[0]
    for name, path in (
            ("dashboard", "/?as_of=2026-06-01"), ("profile", "/profile"),
            ("crossborder", "/crossborder?as_of=2026-06-01"), ("register", "/register"),
            ("activity", f"/register/{activity}"), ("incidents", "/incidents"),
            ("incident", f"/incidents/{incident}"), ("pias", "/pias"), ("pia-approved", f"/pias/{pia}"),
            ("filings", "/filings"), ("calendar", "/calendar?as_of=2026-06-01"), ("packs", "/packs"),
            ("law", "/law"), ("instrument", "/law/pipl"),
            ("law-diff", "/law/diff?date_from=2021-01-01&date_to=2026-06-01"),
            ("obligation", "/obligations/pipl.pi_protection_officer?as_of=2026-06-01"),
            ("uploads", "/uploads"), ("account", "/account"), ("audit", "/admin/audit"),
            ("users", "/admin/users")):
        for lang in ("zh", "en"):
            page.goto(base + path + ("&" if "?" in path else "?") + f"lang={lang}")
            page.screenshot(path=shots / f"all-{name}-{lang}.png", full_page=True)


def test_an_incident_is_opened_and_a_pia_approved(served: tuple[Site, str], tmp_path: Path) -> None:
    """Issue 16 point 6: open an incident (its clock counts down in the page) and take an impact
    assessment, in Chinese, through the judgements form, review by legal and approval by the PI
    protection officer; the PIA and incident pages show no English."""
    import datetime as dt

    from playwright.sync_api import expect, sync_playwright

    from cnprivacy.records.deadline import CHINA

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
        # in Chinese from here on: the form, the review and the approval
        page.goto(base + "/pias?lang=zh")
        page.click("#draft-pia button[type=submit]")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "draft")
        where = page.url
        page.screenshot(path=shots / "pia-draft-zh.png", full_page=True)
        # a confirmation without its reason is refused beside the field
        page.select_option("select[name='impact.autonomy.value']", "高")
        page.fill("textarea[name='impact.autonomy.reason']", "")
        page.check("input[name='impact.autonomy.confirmed']")
        page.click("#save-judgements")
        expect(page.locator("#row-impact-autonomy .err")).to_contain_text("未填写理由")
        page.screenshot(path=shots / "pia-form-error-zh.png", full_page=True)
        for path, value, reason in _judgements():
            page.select_option(f"select[name='{path}.value']", value)
            page.fill(f"textarea[name='{path}.reason']", reason)
            page.check(f"input[name='{path}.confirmed']")
        page.fill("textarea[name='measures.0.description']", "传输和存储加密")
        page.select_option("select[name='measures.0.status']", "in_place")
        page.click("#save-judgements")
        expect(page.locator("#unconfirmed")).to_have_text("-")
        _no_english(page, site)

        _log_in(page, base, "admin")
        page.goto(where)
        expect(page.locator("#duties-note")).to_contain_text("不进行审核或批准")
        expect(page.locator("#review-pia")).to_have_count(0)
        page.screenshot(path=shots / "pia-admin-zh.png", full_page=True)

        _log_in(page, base, "legal")
        page.goto(where)
        expect(page.locator("#review-pia")).to_have_text("登记法务审核")
        page.click("#review-pia")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "reviewed")
        expect(page.locator("#approve-pia")).to_have_count(0)   # legal reviews, never approves
        _no_english(page, site)

        _log_in(page, base, "dpo")
        page.goto(where)
        page.click("#approve-pia")
        expect(page.locator("#pia-status")).to_have_attribute("data-status", "approved")
        expect(page.locator("#pia-status")).to_have_text("已批准")
        _no_english(page, site)
        page.screenshot(path=shots / "pia-zh.png", full_page=True)
        page.goto(base + "/incidents")
        page.click("#incidents a")
        expect(page.locator(".countdown[data-state=due]").first).to_contain_text("剩余")
        _no_english(page, site)
        page.goto(where)
        with page.expect_download() as info:
            page.click("#pia-export-html")
        assert "<html" in Path(info.value.path()).read_text(encoding="utf-8")
        page.goto(where + "?lang=en")
        page.screenshot(path=shots / "pia-en.png", full_page=True)
        if os.environ.get("CNPRIVACY_SCREENSHOTS"):
            _every_page(page, base, site, shots)
        browser.close()
    # no script or Content-Security-Policy errors (the refused judgement answers 400 on purpose)
    assert [e for e in errors if "status of 400" not in e] == []
    actions = [e.action for e in site.ws.store.audit_log() if e.action not in ("login", "logout")]
    assert actions[:3] == ["approve impact assessment (PI protection officer)",
                           "review impact assessment (legal)", "edit impact assessment (form)"]
    assert "open incident" in actions
