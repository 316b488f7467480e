"""The JSON API in-process: the CLI's JSON exactly, tokens, errors, the OpenAPI document."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cnprivacy.cli import app as cli
from cnprivacy.web.security import secret_hash

from .conftest import EXAMPLE, Site, example_profile

pytestmark = pytest.mark.anyio
runner = CliRunner()


def _cli(*argv: str) -> str:
    result = runner.invoke(cli, list(argv))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("day", ["2026-03-01", "2025-01-01"])
async def test_assess_is_the_cli_json(site: Site, admin: httpx.AsyncClient, day: str) -> None:
    expected = _cli("assess", str(EXAMPLE), "--as-of", day, "--format", "json")
    got = await admin.post(f"/api/assess?as_of={day}", json=example_profile())
    assert got.status_code == 200, got.text
    assert got.headers["content-type"] == "application/json"
    assert got.text == expected.rstrip("\n")


async def test_crossborder_is_the_cli_json(admin: httpx.AsyncClient) -> None:
    expected = _cli("crossborder", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")
    got = await admin.post("/api/crossborder?as_of=2026-03-01", json=example_profile())
    assert got.status_code == 200, got.text
    assert got.text == expected.rstrip("\n")
    assert json.loads(got.text)["mechanism"] == json.loads(expected)["mechanism"]


async def test_stored_profile_obligations_match_assess(admin: httpx.AsyncClient) -> None:
    expected = _cli("assess", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json")
    got = await admin.get("/api/obligations?as_of=2026-03-01")
    assert got.status_code == 200
    # same findings and counts; the receipt's profile hash is the same profile's
    assert json.loads(got.text) == json.loads(expected)


async def test_a_bad_profile_is_one_line_naming_the_field(admin: httpx.AsyncClient) -> None:
    data = example_profile()
    data["organization"]["individuals_processed"] = -5  # type: ignore[index]
    got = await admin.post("/api/assess", json=data)
    assert got.status_code == 400
    message = got.json()["error"]
    assert "organization.individuals_processed" in message and "\n" not in message
    assert (await admin.post("/api/assess", content=b"\xff\xfe")).status_code == 400
    assert (await admin.post("/api/assess", json=[1, 2])).status_code == 400
    no_date = await admin.post("/api/assess?as_of=2026-13-01", json=example_profile())
    assert no_date.status_code == 422 and "as_of" in no_date.json()["error"]
    too_far = await admin.post("/api/assess?as_of=2299-01-01", json=example_profile())
    assert too_far.status_code == 400 and "2199-12-31" in too_far.json()["error"]


async def test_api_tokens_work_and_are_hashed_at_rest(site: Site) -> None:
    async with site.client("viewer") as viewer:
        page = await viewer.post("/account/tokens", data={"label": "laptop"})
        assert page.status_code == 200
        token = page.text.split('id="new-token">')[1].split("<")[0]
    async with site.client() as anonymous:
        assert (await anonymous.get("/api/me")).status_code == 401
        me = await anonymous.get("/api/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json() == {"name": "viewer", "role": "viewer"}
        wrong = await anonymous.get("/api/me", headers={"Authorization": f"Bearer {token}x"})
        assert wrong.status_code == 401
        # a token is a viewer's: it changes nothing either
        denied = await anonymous.post("/crossborder/transfers", data={"transfer": "t9"},
                                      headers={"Authorization": f"Bearer {token}"})
        assert denied.status_code == 403
    with sqlite3.connect(site.db) as con:
        stored = [r[0] for r in con.execute("SELECT token_hash FROM web_api_tokens")]
    assert stored == [secret_hash(token)]
    assert token not in Path(site.db).read_bytes().decode("latin-1")


async def test_openapi_document_lists_the_api(admin: httpx.AsyncClient) -> None:
    doc = (await admin.get("/api/openapi.json")).json()
    assert {"/api/assess", "/api/crossborder", "/api/obligations", "/api/law"} <= set(doc["paths"])
    body = doc["paths"]["/api/assess"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/Profile"}
    assert "organization" in doc["components"]["schemas"]["Profile"]["properties"]
    assert not [p for p in doc["paths"] if not p.startswith("/api/")]  # pages are not the API


async def test_api_law_matches_cli(admin: httpx.AsyncClient) -> None:
    cli_rows = json.loads(_cli("law", "list", "--as-of", "2026-06-01", "--format", "json"))
    got = (await admin.get("/api/law?as_of=2026-06-01")).json()
    assert [(r["id"], r["status"]) for r in got["instruments"]] == \
        [(r["id"], r["status"]) for r in cli_rows["instruments"]]
