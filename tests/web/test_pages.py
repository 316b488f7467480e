"""The pages in-process: logging in, CSRF, cookies, the profile form, an obligation changing
status, recording a transfer, the register, uploads, the audit log, the language switch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cnprivacy.profile.models import Recipient, Transfer
from cnprivacy.store.ledger_store import EntryInput, Ledger
from cnprivacy.web.security import SESSION_COOKIE

from .conftest import PASSWORD, Site, csrf_of, example_profile, make_site

pytestmark = pytest.mark.anyio


async def _login(client: httpx.AsyncClient, name: str, password: str) -> httpx.Response:
    page = await client.get("/login")
    return await client.post("/login", data={"name": name, "password": password,
                                             "csrf": csrf_of(page.text)})


async def test_login_sets_a_safe_session_cookie_and_logout_ends_it(site: Site) -> None:
    async with site.client() as client:
        assert (await client.get("/")).headers["location"] == "/login"
        done = await _login(client, "editor", PASSWORD)
        assert done.status_code == 303 and done.headers["location"] == "/"
        cookie = next(c for c in done.headers.get_list("set-cookie")
                      if c.startswith(SESSION_COOKIE + "="))
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
        page = await client.get("/")
        assert page.status_code == 200 and "Pengcheng" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        out = await client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert out.status_code == 303
        assert (await client.get("/")).status_code == 303  # the session is gone


async def test_behind_https_cookies_are_secure(tmp_path: Path, password_hash: str) -> None:
    site = make_site(tmp_path, password_hash, secure=True)
    async with site.client() as client:
        done = await _login(client, "viewer", PASSWORD)
        cookie = next(c for c in done.headers.get_list("set-cookie")
                      if c.startswith(SESSION_COOKIE + "="))
        assert "Secure" in cookie
        assert "max-age" in done.headers["strict-transport-security"]


async def test_wrong_password_or_login_without_its_csrf_token_fail(site: Site) -> None:
    async with site.client() as client:
        assert (await _login(client, "editor", "wrong password!")).status_code == 401
        assert (await _login(client, "nobody", PASSWORD)).status_code == 401
        forged = await client.post("/login", data={"name": "editor", "password": PASSWORD,
                                                   "csrf": "made-up"})
        assert forged.status_code == 403
    assert [e.action for e in site.ws.store.audit_log()][:2] == ["login failed", "login failed"]


async def test_every_change_needs_the_csrf_token(site: Site) -> None:
    async with site.client("admin") as client:
        client.headers.pop("X-CSRF-Token")
        denied = await client.post("/profile", data={"org.individuals_processed": "5"})
        assert denied.status_code == 403
        denied = await client.post("/profile", data={"org.individuals_processed": "5",
                                                     "csrf": "wrong"})
        assert denied.status_code == 403
    assert len(site.ws.store.profile_versions()) == 1  # nothing saved


async def _status(client: httpx.AsyncClient, key: str) -> str:
    page = await client.get("/?as_of=2026-03-01")
    row = page.text.split(f'id="ob-{key}" data-status="')[1]
    return row.split('"')[0]


async def test_editing_the_profile_changes_an_obligation(site: Site) -> None:
    async with site.client("editor") as client:
        assert await _status(client, "pipl.pi_protection_officer") == "applies"
        saved = await client.post("/profile", data={"org.individuals_processed": "999999"})
        assert saved.status_code == 303
        assert await _status(client, "pipl.pi_protection_officer") == "not_applicable"
        # 以上 includes the number itself
        await client.post("/profile", data={"org.individuals_processed": "1000000"})
        assert await _status(client, "pipl.pi_protection_officer") == "applies"
    entry = site.ws.store.audit_log()[0]
    assert (entry.actor, entry.action) == ("editor", "save profile (form)")
    assert (entry.before, entry.after) == ({"individuals_processed": 999999},
                                           {"individuals_processed": 1000000})


async def test_form_errors_show_beside_the_field_and_nothing_is_saved(site: Site) -> None:
    async with site.client("dpo") as client:
        bad = await client.post("/profile", data={"org.registered_users": "lots",
                                                  "org.country": "China"})
        assert bad.status_code == 422
        assert 'id="err-registered_users"' in bad.text and 'id="err-country"' in bad.text
        assert "lots" in bad.text.split('id="org-registered_users"')[1][:300]  # kept in the box
    assert len(site.ws.store.profile_versions()) == 1


async def test_yaml_import_and_export_round_trip(site: Site, tmp_path: Path) -> None:
    async with site.client("legal") as client:
        exported = await client.get("/profile/export.yaml")
        assert exported.status_code == 200 and "organization:" in exported.text
        changed = exported.text.replace("individuals_processed: 1450000",
                                        "individuals_processed: 10")
        done = await client.post("/profile/import",
                                 files={"file": ("p.yaml", changed.encode(), "application/yaml")})
        assert done.status_code == 303
        assert "individuals_processed: 10\n" in (await client.get("/profile/export.yaml")).text
        dup = await client.post("/profile/import", files={
            "file": ("d.yaml", b"organization: {name: a, country: CN}\norganization: {}\n",
                     "application/yaml")})
        assert dup.status_code == 422 and "d.yaml" in dup.text and "given twice" in dup.text
        gbk = await client.post("/profile/import", files={
            "file": ("g.yaml", "organization:\n  name: 鹏程\n".encode("gbk"), "text/plain")})
        assert gbk.status_code == 422 and "not UTF-8" in gbk.text
    assert len(site.ws.store.profile_versions()) == 2


async def test_recording_a_transfer_reaches_the_ledger_and_the_decision(site: Site) -> None:
    async with site.client("editor") as client:
        before = await client.get("/crossborder?as_of=2026-03-01")
        assert before.status_code == 200 and 'id="route"' in before.text
        done = await client.post("/crossborder/transfers", data={
            "transfer": "jp-partner", "date": "2026-02-20", "country": "JP",
            "recipient": "Partner KK", "individuals": "900000"})
        assert done.status_code == 303 and done.headers["location"].startswith("/crossborder?")
        after = await client.get("/crossborder?as_of=2026-03-01")
        assert "jp-partner" in after.text.split('id="ledger"')[1]
        bad = await client.post("/crossborder/transfers", data={
            "transfer": "x", "date": "2026-02-20", "country": "CN", "individuals": "1"})
        assert bad.status_code == 400  # China is no country abroad
    rows = site.ws.ledger_rows()
    assert [r["transfer_id"] for r in rows] == ["jp-partner"]
    assert site.ws.store.audit_log()[0].action == "record transfer"


async def test_register_upload_and_scan_import(site: Site) -> None:
    async with site.client("editor") as client:
        act = b"id: membership\npurpose: member accounts\nlegal_basis: contract\n" \
              b"data_categories: [identity, contact]\n"
        done = await client.post("/register/activities", files={"file": ("a.yaml", act)})
        assert done.status_code == 303
        report = (b'{"as_of": "2026-11-30", "sources": [{"source": "a.csv"}], "totals": '
                  b'{"individuals": 1234, "sensitive_individuals": 5, "minors_under_14": 0, '
                  b'"data_categories": ["identity", "financial_account"]}, "errors": [], '
                  b'"skipped": []}')
        done = await client.post("/register/import-scan", data={"activity": "membership"},
                                 files={"file": ("scan.json", report)})
        assert done.status_code == 303
        page = await client.get("/register/membership")
        assert page.status_code == 200 and "financial_account" in page.text
        assert "import of scan report scan.json" in page.text
        bad = await client.post("/register/activities", files={"file": ("b.yaml", b"id: [")})
        assert bad.status_code == 400 and "b.yaml" in bad.text and "/tmp" not in bad.text
    latest = site.ws.register.get("membership")
    assert latest is not None and latest.version == 2 and latest.data.individuals == 1234


async def test_register_takes_the_profiles_activities(site: Site) -> None:
    async with site.client("dpo") as client:
        done = await client.post("/register/import-profile")
        assert done.status_code == 303
        again = await client.post("/register/import-profile")
        assert again.headers["location"] == "/register?changed=0"  # nothing new: no version
    ids = {a.id for a in site.ws.register.activities()}
    assert ids == {p["id"] for p in example_profile()["processing"]}  # type: ignore[index, union-attr]


async def test_the_audit_log_is_for_admins_and_cannot_be_changed(site: Site) -> None:
    async with site.client("admin") as client:
        await client.post("/profile", data={"org.individuals_processed": "7"})
        page = await client.get("/admin/audit")
        assert page.status_code == 200 and "save profile (form)" in page.text
    async with site.client("dpo") as client:
        assert (await client.get("/admin/audit")).status_code == 403
    for statement in ("UPDATE web_audit SET actor = 'x'", "DELETE FROM web_audit",
                      "UPDATE web_profiles SET saved_by = 'x'", "DELETE FROM web_profiles"):
        with pytest.raises(DBAPIError), site.ws.ledger.engine.begin() as conn:
            conn.execute(text(statement))
    assert site.ws.store.audit_log()[0].actor == "admin"


def test_append_only_on_postgresql_too(pg_url: str, tmp_path: Path, password_hash: str) -> None:
    site = make_site(tmp_path, password_hash, db=pg_url)
    site.ws.store.log("t", "test", "x")
    for statement in ("UPDATE web_audit SET actor = 'x'", "DELETE FROM web_audit",
                      "TRUNCATE web_audit"):
        with pytest.raises(DBAPIError), site.ws.ledger.engine.begin() as conn:
            conn.execute(text(statement))
    assert [e.actor for e in site.ws.store.audit_log()] == ["t"]


def test_opening_an_older_database_migrates_without_loss(tmp_path: Path,
                                                         password_hash: str) -> None:
    db, key = str(tmp_path / "old.db"), tmp_path / "old.db.key"
    ledger, _ = Ledger.init(db, key)
    transfer = Transfer(id="t1", date="2026-01-05", recipient=Recipient(name="R", country="SG"))
    ledger.record(EntryInput(transfer=transfer, individuals=12))
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM alembic_version")
        con.execute("INSERT INTO alembic_version VALUES ('0002_records')")
        for table in ("web_users", "web_sessions", "web_api_tokens", "web_audit", "web_profiles",
                      "web_results"):
            con.execute(f"DROP TABLE {table}")
    con.close()
    site = make_site(tmp_path, password_hash, db=db, key=key)
    assert [r["transfer_id"] for r in site.ws.ledger_rows()] == ["t1"]
    assert site.ws.store.count_users() == 5


async def test_language_switch(site: Site) -> None:
    async with site.client("viewer") as client:
        zh = await client.get("/?as_of=2026-03-01&lang=zh")
        assert "合规义务" in zh.text and 'lang="zh-CN"' in zh.text
        assert "《中华人民共和国个人信息保护法》" in zh.text  # the basis cited in Chinese
        again = await client.get("/law")  # the cookie keeps the choice
        assert "法规库" in again.text
        en = await client.get("/law?lang=en")
        assert "Law library" in en.text


async def test_obligation_page_links_citation_trace_and_law_text(site: Site) -> None:
    async with site.client("viewer") as client:
        page = await client.get("/obligations/pipl.pi_protection_officer?as_of=2026-03-01")
        assert page.status_code == 200
        assert 'href="https://www.cac.gov.cn/' in page.text or 'href="http://www.npc.gov.cn/' \
            in page.text or "gov.cn" in page.text
        assert 'id="because"' in page.text and "individuals_processed" in page.text
        assert "/law/" in page.text
        missing = await client.get("/obligations/no.such?as_of=2026-03-01")
        assert missing.status_code == 404
        report = await client.get("/reports/assessment.html?as_of=2026-03-01&lang=zh")
        assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]


async def test_law_library_and_diff(site: Site) -> None:
    async with site.client("viewer") as client:
        page = await client.get("/law?as_of=2021-10-01")
        assert page.status_code == 200 and "pipl" in page.text
        diff = await client.get("/law/diff?date_from=2021-10-01&date_to=2021-11-02")
        row = diff.text.split('href="/law/pipl?')[1].split("</tr>")[0]
        assert "adopted" in row and "in_force" in row
        assert (await client.get("/law/diff?date_from=nonsense")).status_code == 400


async def test_upload_scan_takes_the_name_finder(site: Site) -> None:
    from cnprivacy.discovery.pitypes.name_accurate import available

    text = "客户温宪来电，反映快递未到。\n".encode()
    async with site.client("editor") as client:
        page = await client.get("/uploads")
        assert 'name="names"' in page.text and 'value="accurate"' in page.text
        bad = await client.post("/uploads/scan", data={"names": "slow"},
                                files={"file": ("t.txt", text)})
        assert bad.status_code == 400 and "names" in bad.text and "slow" in bad.text
        assert site.ws.store.results() == []  # nothing kept of a refused upload
        if not available():
            return
        done = await client.post("/uploads/scan", data={"names": "accurate"},
                                 files={"file": ("t.txt", text)})
        assert done.status_code == 303
        result = site.ws.store.results()[0]
        assert result.summary["names"] == "accurate"
        assert result.summary["sources"][0]["spans"].get("person_name") == 1
        page = await client.get("/uploads")
        assert "accurate names (CRF model)" in page.text and "温宪" not in page.text
