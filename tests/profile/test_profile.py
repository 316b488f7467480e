"""Profile loading: the spec's format, unknown-is-not-zero, one-line errors, what-ifs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cnprivacy.errors import InputError
from cnprivacy.profile import apply_overrides, json_schema, load_profile, profile_hash

EXAMPLE = Path(__file__).parents[2] / "examples" / "shenzhen-travel.yaml"

SPEC_EXAMPLE = """\
organization:
  name: Example Travel (Shenzhen) Co., Ltd.
  country: CN
  province: Guangdong
  city: Shenzhen
  free_trade_zone: null
  ciio: false
  important_data_processor: false
  registered_users: 0
  monthly_active_users: 0
  complex_business: false
  individuals_processed: 0
  sensitive_individuals_processed: 0
  minors_under_14_processed: 0
  facial_recognition_individuals: 0
  revenue_prior_year_cny: null
processing:
  - id: bookings
    purpose: hotel and flight booking
    data_categories: [identity, contact, financial_account]
    legal_basis: contract
    automated_decision_making: false
    provides_to_third_parties: false
    publicly_discloses: false
transfers:
  - id: t1
    date: 2026-02-01
    recipient: {name: Example Pte Ltd, country: SG}
    basis: other
    contract_scenario: null
    individuals: 0
    sensitive_individuals: 0
    important_data: false
    no_personal_information: false
    collected_abroad: false
    access_inside_china: false
    ftz_negative_list_listed: null
    contract_effective: null
"""


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_spec_example_loads(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, SPEC_EXAMPLE))
    assert profile.transfers[0].recipient.country == "SG"
    assert profile.processing[0].sensitive_categories == ["financial_account"]


def test_json_profile_loads(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(SPEC_EXAMPLE)
    path = _write(tmp_path, json.dumps(data, default=str), "p.json")
    assert load_profile(path).organization.city == "Shenzhen"


def test_bundled_example_loads() -> None:
    profile = load_profile(EXAMPLE)
    assert profile.apps and profile.ai_services and profile.transfers


def test_left_out_count_is_unknown_not_zero(tmp_path: Path) -> None:
    path = _write(tmp_path, "organization: {name: X, country: CN}\n")
    org = load_profile(path).organization
    assert org.individuals_processed is None and org.ciio is None


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        (SPEC_EXAMPLE.replace("  ciio: false", "  ciio: false\n  ciia: true"), "organization.ciia",
         "unknown field"),
        (SPEC_EXAMPLE.replace("individuals_processed: 0\n", "individuals_processed: -5\n", 1),
         "organization.individuals_processed", "greater than or equal to 0"),
        (SPEC_EXAMPLE.replace("legal_basis: contract", "legal_basis: contrct"),
         "processing[0].legal_basis", "Input should be"),
        (SPEC_EXAMPLE.replace("date: 2026-02-01", "date: 2026-02-31"), "transfers[0].date", "date"),
        (SPEC_EXAMPLE.replace("  name: Example Travel (Shenzhen) Co., Ltd.\n", ""),
         "organization.name", "required field is missing"),
    ],
)
def test_invalid_profile_is_one_line_with_file_field_and_line(
        tmp_path: Path, text: str, field: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_profile(path)
    message = err.value.one_line()
    assert "\n" not in message
    assert str(path) in message and field in message and problem in message
    assert err.value.line is not None


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"organization: [\n", b"- a\n- b\n",
                                     "organization: {name: 名}".encode("gbk")])
def test_junk_is_input_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError):
        load_profile(path)


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_profile(tmp_path / "nope.yaml")


def test_what_if_changes_a_copy_only(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(SPEC_EXAMPLE)
    changed = apply_overrides(data, ["organization.individuals_processed=1000000",
                                     "transfers.t1.individuals=5", "transfers[0].important_data=true",
                                     "organization.free_trade_zone=null"], "p")
    assert data["organization"]["individuals_processed"] == 0
    assert changed["organization"]["individuals_processed"] == 1000000
    assert changed["transfers"][0]["individuals"] == 5
    assert changed["transfers"][0]["important_data"] is True


@pytest.mark.parametrize("override", ["nonsense", "transfers.t9.individuals=1",
                                      "transfers[7].individuals=1"])
def test_bad_what_if_is_input_error(tmp_path: Path, override: str) -> None:
    with pytest.raises(InputError):
        load_profile(_write(tmp_path, SPEC_EXAMPLE), [override])


def test_what_if_is_validated(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"organization\.individuals_processed"):
        load_profile(_write(tmp_path, SPEC_EXAMPLE), ["organization.individuals_processed=lots"])


def test_profile_hash_depends_on_content(tmp_path: Path) -> None:
    path = _write(tmp_path, SPEC_EXAMPLE)
    a = profile_hash(load_profile(path))
    b = profile_hash(load_profile(path, ["organization.individuals_processed=1"]))
    assert a != b and a == profile_hash(load_profile(path))


def test_json_schema_exports_spec_fields() -> None:
    schema = json_schema()
    org = schema["$defs"]["Organization"]["properties"]
    for field in ("ciio", "important_data_processor", "individuals_processed",
                  "facial_recognition_individuals", "free_trade_zone"):
        assert field in org
    assert schema["$defs"]["Organization"]["additionalProperties"] is False


def test_profile_hash_is_the_digest_of_the_models_json() -> None:
    # Receipts keep this digest: it stays the SHA-256 of model_dump_json()'s text.
    for path in sorted(EXAMPLE.parent.glob("*.yaml")):
        try:
            profile = load_profile(path)
        except InputError:  # an example of another kind of file
            continue
        assert profile_hash(profile) == hashlib.sha256(
            profile.model_dump_json().encode("utf-8")).hexdigest(), path.name
