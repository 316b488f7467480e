"""The shipped data: SDK catalogue, permission table and finding types."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import yaml

from cnprivacy.appaudit.permissions import permission_table, pi_types
from cnprivacy.appaudit.rules import SEVERITIES, finding_types
from cnprivacy.appaudit.signatures import CATEGORIES, build_catalogue, load_catalogue
from cnprivacy.errors import InputError

SPEC_FINDING_IDS = {"sdk_not_disclosed", "excessive_permission", "no_consent_withdrawal",
                    "no_account_deletion", "pi_types_not_listed"}


def _data(name: str) -> str:
    return resources.files("cnprivacy.appaudit").joinpath("data", name).read_text("utf-8")


def test_curated_catalogue_has_200_complete_entries():
    curated = [s for s in load_catalogue().sdks if not s.id.startswith("exodus-")]
    assert len(curated) >= 200
    vocabulary = set(pi_types())
    for sdk in curated:
        assert sdk.company, sdk.id
        assert sdk.category in CATEGORIES, sdk.id
        assert set(sdk.collects) <= vocabulary, sdk.id
        assert sdk.dex or sdk.components or sdk.native, sdk.id
        assert sdk.sources and sdk.aliases, sdk.id


@pytest.mark.parametrize("category", ["analytics", "push", "advertising", "payment",
                                      "maps_location", "login_share", "crash_reporting",
                                      "hotfix"])
def test_every_issue_category_is_covered(category: str):
    assert sum(1 for s in load_catalogue().sdks if s.category == category) >= 5


@pytest.mark.parametrize("vendor", ["Huawei", "Xiaomi", "OPPO", "vivo", "Honor", "Meizu"])
def test_vendor_push_sdks(vendor: str):
    assert any(s.category == "push" and s.company == vendor for s in load_catalogue().sdks)


def test_exodus_table_is_separate_and_attributed():
    exodus = json.loads(_data("sdks_exodus.json"))
    assert "ODbL" in exodus["licence"]
    assert len(exodus["trackers"]) > 400
    catalogue = load_catalogue()
    derived = [s for s in catalogue.sdks if s.id.startswith("exodus-")]
    assert derived and all("ODbL" in s.sources[0] for s in derived)
    # An Exodus tracker the curated table already covers is not listed twice.
    assert "exodus-190" not in {s.id for s in catalogue.sdks}  # Bugly
    libchecker = json.loads(_data("sdks_libchecker.json"))
    assert "Apache-2.0" in libchecker["licence"]


def test_curated_table_contains_no_exodus_signatures():
    # ODbL-derived content stays in sdks_exodus.json; sdks.yaml only refers to Exodus ids.
    curated = yaml.safe_load(_data("sdks.yaml"))["sdks"]
    assert all(set(entry) <= {"id", "name", "name_zh", "aka", "company", "category", "collects",
                              "dex", "components", "native", "libchecker", "exodus"}
               for entry in curated)


@pytest.mark.parametrize(("entry", "problem"), [
    ({"id": "x", "name": "X", "category": "nonsense", "dex": ["a.b"]}, "unknown category"),
    ({"id": "x", "name": "X", "category": "push"}, "no matching rule"),
    ({"name": "X", "category": "push", "dex": ["a.b"]}, "needs id"),
    ({"id": "x", "name": "X", "category": "push", "libchecker": ["nope"]}, "LibChecker label"),
])
def test_malformed_catalogue_entries_are_input_errors(entry: dict, problem: str):
    with pytest.raises(InputError, match=problem):
        build_catalogue({"sdks": [entry]}, {"labels": {}}, {"trackers": []})


def test_permission_table_uses_known_pi_types():
    vocabulary = set(pi_types())
    for name, entry in permission_table().items():
        assert set(entry["pi"]) <= vocabulary, name
    families = {e.get("draft_2026") for e in permission_table().values()} - {None}
    assert families == {"contacts", "call_logs", "sms", "camera_album", "location", "calendar"}


def test_finding_types_cite_a_basis_and_mapping():
    types = finding_types()
    assert set(types) >= SPEC_FINDING_IDS
    for kind in types.values():
        assert kind.severity in SEVERITIES
        assert "个人信息保护法" in kind.basis or "Draft for Comments" in kind.basis \
            or "191号" in kind.basis, kind.id
        assert "Methods2019" not in kind.basis  # abbreviations are expanded
        assert isinstance(kind.mapping["needs_review"], bool)
    # Category 6 items of the 2019 Methods are UNCONFIRMED in regulations.md.
    for kind in types.values():
        if kind.mapping.get("methods_2019") == "6":
            assert kind.mapping["needs_review"], kind.id


def test_derived_tables_match_their_sources():
    """The shipped LibChecker/Exodus tables are exactly what the generator makes of the
    sources (no hand edits, no drift). The fixture holds the Exodus database and the LibChecker
    rules of the labels we use, copied unchanged (fixtures/README.md)."""
    from pathlib import Path

    from cnprivacy.appaudit.signature_sources import build_exodus, build_libchecker

    source = Path(__file__).resolve().parent / "fixtures" / "sdk-signatures"
    wanted = {label for sdk in yaml.safe_load(_data("sdks.yaml"))["sdks"]
              for label in sdk.get("libchecker", [])}
    assert build_libchecker(source / "libchecker-rules", wanted, "3ec8753") == \
        json.loads(_data("sdks_libchecker.json"))
    assert build_exodus(source / "exodus_trackers.json") == json.loads(_data("sdks_exodus.json"))
