"""The personal-information canaries through the web workspace: a file of people scanned on
upload, its scan report imported into the register. No page, API answer, database table or
temporary file may hold a canary, raw or disguised (the same check as tests/test_canary.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from test_canary import _file_text, _rows, leaks  # type: ignore[import-not-found]

from .conftest import make_site

pytestmark = pytest.mark.anyio


def _csv() -> bytes:
    rows = _rows()
    header = list(rows[0])
    return ("\n".join([",".join(header), *(",".join(r.values()) for r in rows)]) + "\n").encode()


async def test_uploads_keep_counts_never_values(tmp_path: Path, password_hash: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    site = make_site(tmp_path, password_hash)
    async with site.client("editor") as client:
        done = await client.post("/uploads/scan", files={"file": ("people.csv", _csv())})
        assert done.status_code == 303
        page = await client.get("/uploads")
        assert page.status_code == 200 and "people.csv" in page.text
        result = site.ws.store.results()[0]
        assert result.summary["totals"]["individuals"] == 2
        # the scan's own report, as the CLI would write it, imported into the register
        act = b"id: membership\npurpose: member accounts\nlegal_basis: contract\n"
        await client.post("/register/activities", files={"file": ("a.yaml", act)})
        report = json.dumps({"as_of": "2026-11-30", "sources": [{"source": "people.csv"}],
                             "totals": result.summary["totals"], "errors": [], "skipped": []})
        done = await client.post("/register/import-scan", data={"activity": "membership"},
                                 files={"file": ("scan.json", report.encode())})
        assert done.status_code == 303
        pages = [await client.get(p) for p in ("/uploads", "/register", "/register/membership",
                                               "/api/register", "/crossborder", "/")]
    async with site.client("admin") as client:
        pages += [await client.get("/admin/audit"), await client.get("/api/audit")]
    for got in pages:
        assert got.status_code == 200
        assert leaks(got.text) == [], (got.url, leaks(got.text))
    assert leaks(_file_text(Path(site.db))) == []
    assert list(temp.iterdir()) == []  # the upload lived only while it was read


async def test_refused_record_forms_never_echo_the_values(tmp_path: Path,
                                                          password_hash: str) -> None:
    """Personal information typed or uploaded where it does not belong (an incident count, a
    filing field, a judgement, a pack input) is refused by naming the field, never the value."""
    site = make_site(tmp_path, password_hash)
    # the words among the canaries: a number or a date is a valid count or time in these fields
    values = [v for v in _rows()[0].values() if v and not v.replace("-", "").isdigit()]
    assert len(values) >= 3
    async with site.client("editor") as client:
        await client.post("/register/import-profile")
        drafted = await client.post("/pias", data={"activity": sorted(
            site.ws.register.versions())[0], "as_of": "2026-06-01"})
        where = drafted.headers["location"]
        answers = []
        for value in values:
            answers += [
                await client.post("/incidents", data={"discovered_at": "2026-01-05T09:00",
                                                      "individuals": value}),
                await client.post("/incidents", data={"discovered_at": value}),
                await client.post("/filings", files={"file": (
                    "f.yaml", json.dumps({"id": "A", "kind": "algorithm", "status": "planned",
                                          "number": 7, "holder": value}).encode())}),
                await client.post(f"{where}/edit", data={
                    "text": json.dumps({"impact": {"autonomy": {"value": value}}})}),
                await client.post("/packs", data={"kind": "sc"}, files={"file": (
                    "p.yaml", json.dumps({"filing_date": value}).encode())}),
            ]
    for got in answers:
        assert got.status_code in (400, 422), got.text[:300]
        assert leaks(got.text) == [], (got.url, leaks(got.text))
    async with site.client("admin") as client:
        for path in ("/admin/audit", "/incidents", "/filings", "/calendar", where):
            got = await client.get(path)
            assert got.status_code == 200 and leaks(got.text) == [], path
    assert leaks(_file_text(Path(site.db))) == []
