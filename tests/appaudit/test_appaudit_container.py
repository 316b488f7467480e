"""Bad input: not a zip, corrupt zips, zip bombs, manifests that are not AXML, broken DEX."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cnprivacy.appaudit.audit import audit_apk
from cnprivacy.appaudit.container import MAX_MEMBER_BYTES
from cnprivacy.errors import InputError

from .apkbuild import ManifestSpec, build_apk, build_axml, build_dex


def test_not_a_zip(tmp_path: Path):
    path = tmp_path / "junk.apk"
    path.write_bytes(b"\x00\x01binary junk" * 100)
    with pytest.raises(InputError, match="not a zip archive") as err:
        audit_apk(str(path))
    assert str(path) in err.value.one_line()


def test_truncated_zip(tmp_path: Path):
    path = tmp_path / "cut.apk"
    path.write_bytes(build_apk()[:300])
    with pytest.raises(InputError):
        audit_apk(str(path))


def test_corrupt_member_data(tmp_path: Path):
    data = bytearray(build_apk(dex=[["com.example.A"] * 1]))
    # Flip bytes inside the compressed classes.dex so inflating or its CRC check fails.
    start = data.find(b"classes.dex") + len("classes.dex")
    for offset in range(start + 4, start + 40):
        data[offset] ^= 0xFF
    path = tmp_path / "corrupt.apk"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"classes\.dex"):
        audit_apk(str(path))


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="cannot read file"):
        audit_apk(str(tmp_path / "absent.apk"))


def test_zip_bomb_by_compression_ratio(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("AndroidManifest.xml", build_axml(ManifestSpec()))
        archive.writestr("classes.dex", b"\0" * (4 * 1024 * 1024))  # ~1000x ratio
    path = tmp_path / "bomb.apk"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="zip bomb") as err:
        audit_apk(str(path))
    assert err.value.field == "classes.dex"


def test_zip_bomb_by_declared_size(tmp_path: Path):
    data = bytearray(build_apk())
    # Patch the central-directory uncompressed size of classes.dex to beyond the limit.
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        name = bytes(data[central + 46:central + 46 + name_len])
        if name == b"classes.dex":
            struct.pack_into("<I", data, central + 24, MAX_MEMBER_BYTES + 1)
        central = data.find(b"PK\x01\x02", central + 4)
    path = tmp_path / "declared.apk"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="zip bomb"):
        audit_apk(str(path))


def test_text_manifest_is_rejected(make_apk: Callable[..., str], tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AndroidManifest.xml", '<?xml version="1.0"?><manifest package="x"/>')
        archive.writestr("classes.dex", build_dex(["com.example.A"]))
    path = tmp_path / "source.apk"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="not a binary Android XML"):
        audit_apk(str(path))


def test_truncated_manifest(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AndroidManifest.xml", build_axml(ManifestSpec())[:60])
    path = tmp_path / "halfmanifest.apk"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"AndroidManifest\.xml"):
        audit_apk(str(path))


def test_broken_dex(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AndroidManifest.xml", build_axml(ManifestSpec()))
        archive.writestr("classes.dex", build_dex(["com.example.A"])[:0x80])
        archive.writestr("classes2.dex", b"not a dex at all, just text")
    path = tmp_path / "baddex.apk"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="DEX"):
        audit_apk(str(path))


def test_apk_without_dex_is_still_audited(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AndroidManifest.xml", build_axml(ManifestSpec(
            permissions=["android.permission.READ_CALENDAR"])))
    path = tmp_path / "resonly.apk"
    path.write_bytes(buffer.getvalue())
    report = audit_apk(str(path))
    assert report.class_count == 0
    assert [p.name for p in report.permissions] == ["android.permission.READ_CALENDAR"]
