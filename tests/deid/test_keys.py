from __future__ import annotations

import random
import re
import stat
from pathlib import Path

import pytest

from cnprivacy.deid.keys import DeidKey, generate_key, load_key, write_key
from cnprivacy.errors import InputError


def test_keygen_round_trip_owner_only(tmp_path: Path) -> None:
    key = generate_key()
    path = tmp_path / "keys" / "team.key"
    write_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_key(path)
    assert loaded.secret == key.secret
    assert loaded.key_id == key.key_id
    assert key.secret.hex() not in repr(loaded)


def test_keygen_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "k"
    first = generate_key()
    write_key(first, path)
    with pytest.raises(InputError, match="already exists"):
        write_key(generate_key(), path)
    assert load_key(path).secret == first.secret
    write_key(generate_key(), path, overwrite=True)
    assert load_key(path).secret != first.secret


def test_two_keys_differ_and_purposes_are_separated() -> None:
    a, b = generate_key(), generate_key()
    assert a.secret != b.secret and a.key_id != b.key_id
    assert a.derive("encrypt/sm4-gcm", 16) != a.derive("pseudonymise/sm3", 32)[:16]


@pytest.mark.parametrize(("text", "problem"), [
    ("format: other\n", "not a cnprivacy key file"),
    ("format: cnprivacy-deid-key/1\n", "missing secret"),
    ("format: cnprivacy-deid-key/1\nsecret: '%%%'\n", "not valid base64"),
    ("format: cnprivacy-deid-key/1\nsecret: AAAA\n", "must be 32 bytes"),
    (": : :\n[", "not YAML"),
])
def test_bad_key_files_are_one_line_errors(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.key"
    path.write_text(text)
    with pytest.raises(InputError, match=problem) as info:
        load_key(path)
    assert str(path) in str(info.value)


def test_edited_key_id_is_detected_without_printing_the_secret(tmp_path: Path) -> None:
    key = generate_key()
    path = tmp_path / "k"
    write_key(key, path)
    path.write_text(path.read_text().replace(key.key_id, "00000000"))
    with pytest.raises(InputError, match="key_id does not match") as info:
        load_key(path)
    import base64
    assert base64.b64encode(key.secret).decode() not in str(info.value)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="keygen"):
        load_key(tmp_path / "absent.key")


def test_key_id_is_stable_for_a_secret() -> None:
    assert DeidKey(b"\x00" * 32).key_id == DeidKey(b"\x00" * 32).key_id


def _key_with_octal_looking_id() -> DeidKey:
    """A key whose id is 0 followed by octal digits, which YAML 1.1 reads as a number."""
    rnd = random.Random(20261204)
    while True:
        key = DeidKey(rnd.randbytes(32), "<test>")
        if re.fullmatch(r"0[0-7]{7}", key.key_id):
            return key


def test_a_key_id_that_looks_like_a_number_round_trips(tmp_path: Path) -> None:
    key = _key_with_octal_looking_id()
    path = tmp_path / "octal.key"
    write_key(key, path)
    assert load_key(path).secret == key.secret


def test_an_unquoted_octal_looking_key_id_from_older_files_still_loads(tmp_path: Path) -> None:
    key = _key_with_octal_looking_id()
    path = tmp_path / "old.key"
    write_key(key, path)
    path.write_text(path.read_text(encoding="utf-8").replace(f'"{key.key_id}"', key.key_id),
                    encoding="utf-8")
    assert f"key_id: {key.key_id}\n" in path.read_text(encoding="utf-8")
    assert load_key(path).secret == key.secret
