"""Synthetic APKs for SDKs that have no small public sample (Umeng, JPush, Getui, vendor push).

Each fixture is what the audit reads from a real APK: a binary AndroidManifest.xml (AXML, the
format aapt2 writes) and ``classes*.dex`` files whose class table names the SDK's classes.
Writers follow the AOSP formats (ResourceTypes.h; dex-format.html) for the fields read.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass, field

ANDROID_NS = "http://schemas.android.com/apk/res/android"
_ATTR_IDS = {"name": 0x01010003, "versionCode": 0x0101021B, "versionName": 0x0101021C,
             "minSdkVersion": 0x0101020C, "targetSdkVersion": 0x01010270}
_NO_INDEX = 0xFFFFFFFF
_TYPE_STRING, _TYPE_INT = 0x03, 0x10


@dataclass
class ManifestSpec:
    """What the synthetic manifest declares."""

    package: str = "com.example.fixture"
    version_code: int = 7
    version_name: str = "1.2.3"
    min_sdk: int = 21
    target_sdk: int | None = 34
    permissions: list[str] = field(default_factory=list)
    components: list[tuple[str, str]] = field(default_factory=list)  # (tag, class name)


def build_axml(spec: ManifestSpec) -> bytes:
    """A binary AndroidManifest.xml for ``spec``."""
    attr_names = list(_ATTR_IDS)  # resource-mapped strings must come first in the pool
    strings: list[str] = [*attr_names, "android", ANDROID_NS, "package", "manifest", "uses-sdk",
                          "uses-permission", "application"]

    def index(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    body = b""
    ns_prefix, ns_uri = index("android"), index(ANDROID_NS)
    body += _chunk(0x0100, struct.pack("<II", 1, _NO_INDEX), struct.pack("<II", ns_prefix, ns_uri))

    def attr(name: str, value: str | int, android: bool = True) -> bytes:
        ns = ns_uri if android else _NO_INDEX
        if isinstance(value, int):
            return struct.pack("<IIIHBBI", ns, index(name), _NO_INDEX, 8, 0, _TYPE_INT, value)
        raw = index(value)
        return struct.pack("<IIIHBBI", ns, index(name), raw, 8, 0, _TYPE_STRING, raw)

    def start(tag: str, attrs: list[bytes]) -> bytes:
        ext = struct.pack("<IIHHHHHH", _NO_INDEX, index(tag), 20, 20, len(attrs), 0, 0, 0)
        return _chunk(0x0102, struct.pack("<II", 1, _NO_INDEX), ext + b"".join(attrs))

    def end(tag: str) -> bytes:
        return _chunk(0x0103, struct.pack("<II", 1, _NO_INDEX),
                      struct.pack("<II", _NO_INDEX, index(tag)))

    body += start("manifest", [attr("versionCode", spec.version_code),
                               attr("versionName", spec.version_name),
                               attr("package", spec.package, android=False)])
    sdk_attrs = [attr("minSdkVersion", spec.min_sdk)]
    if spec.target_sdk is not None:
        sdk_attrs.append(attr("targetSdkVersion", spec.target_sdk))
    body += start("uses-sdk", sdk_attrs) + end("uses-sdk")
    for permission in spec.permissions:
        body += start("uses-permission", [attr("name", permission)]) + end("uses-permission")
    body += start("application", [])
    for tag, name in spec.components:
        body += start(tag, [attr("name", name)]) + end(tag)
    body += end("application") + end("manifest")
    body += _chunk(0x0101, struct.pack("<II", 1, _NO_INDEX), struct.pack("<II", ns_prefix, ns_uri))
    pool = _string_pool(strings)
    resmap = _chunk(0x0180, b"", struct.pack(f"<{len(attr_names)}I",
                                             *[_ATTR_IDS[n] for n in attr_names]))
    payload = pool + resmap + body
    return struct.pack("<HHI", 0x0003, 8, 8 + len(payload)) + payload


def _chunk(kind: int, header_extra: bytes, data: bytes) -> bytes:
    header_size = 8 + len(header_extra)
    return struct.pack("<HHI", kind, header_size, header_size + len(data)) + header_extra + data


def _string_pool(strings: list[str]) -> bytes:
    blobs, offsets, position = [], [], 0
    for text in strings:
        encoded = text.encode("utf-16-le")
        blob = struct.pack("<H", len(text)) + encoded + b"\0\0"
        offsets.append(position)
        blobs.append(blob)
        position += len(blob)
    data = b"".join(blobs)
    data += b"\0" * (-len(data) % 4)
    header_size = 28
    strings_start = header_size + 4 * len(strings)
    extra = struct.pack("<IIIII", len(strings), 0, 0, strings_start, 0)
    return _chunk(0x0001, extra, struct.pack(f"<{len(offsets)}I", *offsets) + data)


def build_dex(class_names: list[str]) -> bytes:
    """A DEX file whose class table defines ``class_names`` (dotted Java names)."""
    descriptors = sorted("L" + name.replace(".", "/") + ";" for name in class_names)
    header_size = 0x70
    string_ids_off = header_size
    type_ids_off = string_ids_off + 4 * len(descriptors)
    class_defs_off = type_ids_off + 4 * len(descriptors)
    data_off = class_defs_off + 32 * len(descriptors)
    string_data, offsets = b"", []
    for text in descriptors:
        offsets.append(data_off + len(string_data))
        encoded = text.encode("utf-8")
        string_data += _uleb128(len(text)) + encoded + b"\0"
    string_ids = struct.pack(f"<{len(offsets)}I", *offsets)
    type_ids = struct.pack(f"<{len(descriptors)}I", *range(len(descriptors)))
    class_defs = b"".join(struct.pack("<8I", i, 1, _NO_INDEX, 0, _NO_INDEX, 0, 0, 0)
                          for i in range(len(descriptors)))
    file_size = data_off + len(string_data)
    header = bytearray(header_size)
    header[0:8] = b"dex\n035\0"
    struct.pack_into("<III", header, 0x20, file_size, header_size, 0x12345678)
    struct.pack_into("<4I", header, 0x38, len(descriptors), string_ids_off, len(descriptors),
                     type_ids_off)
    struct.pack_into("<2I", header, 0x60, len(descriptors), class_defs_off)
    struct.pack_into("<2I", header, 0x68, len(string_data), data_off)
    return bytes(header) + string_ids + type_ids + class_defs + string_data


def _uleb128(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def build_apk(spec: ManifestSpec | None = None, dex: list[list[str]] | None = None,
              native: list[str] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A zip holding the manifest, ``classes.dex``/``classes2.dex``..., and ``lib/`` files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("AndroidManifest.xml", build_axml(spec or ManifestSpec()))
        for number, classes in enumerate(dex or [["com.example.fixture.MainActivity"]], 1):
            name = "classes.dex" if number == 1 else f"classes{number}.dex"
            archive.writestr(name, build_dex(classes))
        for lib in native or []:
            archive.writestr(f"lib/arm64-v8a/{lib}", b"\x7fELF")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
