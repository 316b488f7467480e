from __future__ import annotations

from pathlib import Path

import pytest

from cnprivacy.deid.policy import Encrypt, Generalise, Mask, Pseudonymise, load_policy
from cnprivacy.errors import InputError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_policy(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, """
version: 1
key_algorithm: sha256
types:
  cn_mobile: mask
  cn_resident_id: {transform: pseudonymise, format_preserving: true, checksum: valid}
columns:
  出生日期: {transform: generalise, to: age_band, band: 5}
  phone: encrypt
"""))
    assert policy.key_algorithm == "sha256"
    assert isinstance(policy.types["cn_mobile"], Mask)
    rid = policy.types["cn_resident_id"]
    assert isinstance(rid, Pseudonymise) and rid.format_preserving and rid.checksum == "valid"
    birth = policy.columns["出生日期"]
    assert isinstance(birth, Generalise) and birth.band == 5
    assert isinstance(policy.columns["phone"], Encrypt)
    assert policy.needs_key() == ["types.cn_resident_id", "columns.phone"]


@pytest.mark.parametrize(("text", "message"), [
    ("types:\n  cn_mobile: {transform: mask, keep_firts: 3}\n",
     "policy.yaml: types.cn_mobile.keep_firts: unknown field"),
    ("colums:\n  a: mask\n", "policy.yaml: colums: unknown field"),
    ("types:\n  passport_no: mask\n", "unknown entity type 'passport_no'"),
    ("columns:\n  a: scramble\n", "columns.a: unknown transform"),
    ("types:\n  cn_mobile: {transform: generalise, to: city}\n",
     "generalise to 'city' is not defined"),
    ("types:\n  cn_mobile: {transform: mask, keep_first: -1}\n", "types.cn_mobile.keep_first"),
    ("version: 2\n", "version"),
    ("types: [\n", "malformed YAML"),
    ("- a\n- b\n", "a policy is a mapping"),
])
def test_bad_policies_name_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        load_policy(_write(tmp_path, text))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_empty_policy_is_the_default(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, ""))
    assert policy.types == {} and policy.columns == {} and policy.needs_key() == []


@pytest.mark.parametrize(("text", "message"), [
    # the last one would win and ship mobiles in clear
    ("types:\n  cn_mobile: mask\n  cn_mobile: keep\n",
     "policy.yaml:3: types: key 'cn_mobile' is given twice"),
    ("columns:\n  phone: {transform: mask, keep_last: 4, keep_last: 11}\n",
     "policy.yaml:2: columns.phone: key 'keep_last' is given twice"),
    ("types:\n  cn_resident_id: {transform: generalise, to: age_band, as_of: 2027-02-30}\n",
     "policy.yaml: types.cn_resident_id.as_of: Input should be a valid date"),
    ("m: &m mask\ntypes:\n  cn_mobile: *m\n", "aliases are not accepted"),
])
def test_hostile_policies_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        load_policy(_write(tmp_path, text))
    assert message in str(info.value) and "\n" not in str(info.value)
