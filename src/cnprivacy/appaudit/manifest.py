"""The binary AndroidManifest.xml (AXML), decoded with apkInspector's chunk parser.

apkInspector (Apache-2.0, no dependencies, also used by androguard 4) splits the AXML into its
string pool, resource map and element chunks; this module only walks those elements. Attribute
names are resolved through the resource map first, because obfuscators rename the string-pool
entry of ``android:name`` while the platform itself only looks at the resource id.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from apkInspector.axml import ManifestStruct, XmlEndElement, XmlStartElement

from cnprivacy.errors import InputError

# Resource ids of the framework attributes we read (android.R.attr, stable across releases).
_ANDROID_ATTRS = {
    0x01010003: "name",
    0x0101021B: "versionCode",
    0x0101021C: "versionName",
    0x0101020C: "minSdkVersion",
    0x01010270: "targetSdkVersion",
    0x01010024: "value",
}
_TYPE_REFERENCE, _TYPE_STRING, _TYPE_INT_DEC, _TYPE_INT_HEX, _TYPE_BOOL = 1, 3, 16, 17, 18

PERMISSION_TAGS = frozenset({"uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"})
COMPONENT_TAGS = frozenset({"activity", "activity-alias", "service", "receiver", "provider"})


@dataclass(frozen=True)
class Component:
    """An application component declared in the manifest, its class name made absolute."""

    kind: str
    name: str


@dataclass(frozen=True)
class Manifest:
    """What the audit needs from AndroidManifest.xml."""

    package: str
    version_code: int | None
    version_name: str | None
    min_sdk: int | None
    target_sdk: int | None
    permissions: tuple[str, ...]
    components: tuple[Component, ...]
    meta_data: tuple[str, ...]


def parse_manifest(data: bytes, source: str) -> Manifest:
    """Decode a binary manifest; anything that is not AXML is an :class:`InputError`."""
    if len(data) < 8 or struct.unpack_from("<H", data)[0] != 0x0003:
        raise InputError(source, "AndroidManifest.xml is not a binary Android XML file",
                         field="AndroidManifest.xml")
    logger = logging.getLogger()
    previous = logger.level
    logger.setLevel(logging.ERROR)  # apkInspector warns on the root logger about odd chunks
    try:
        parsed = ManifestStruct.parse(io.BytesIO(data))
    except Exception as err:  # the parser signals truncation with assorted built-in errors
        raise InputError(source, f"AndroidManifest.xml cannot be decoded ({type(err).__name__})",
                         field="AndroidManifest.xml") from None
    finally:
        logger.setLevel(previous)
    return _walk(parsed, source)


def _walk(parsed: ManifestStruct, source: str) -> Manifest:
    strings: list[str] = list(parsed.string_pool.string_list or [])
    resids: list[int] = list(getattr(parsed.resource_map, "resids", None) or [])

    def text(index: int) -> str:
        return strings[index] if 0 <= index < len(strings) and strings[index] else ""

    package = ""
    head: dict[str, object] = {}
    permissions: dict[str, None] = {}
    components: list[Component] = []
    meta_data: list[str] = []
    stack: list[str] = []
    for element in parsed.elements:
        if isinstance(element, XmlEndElement):
            if stack:
                stack.pop()
            continue
        if not isinstance(element, XmlStartElement):
            continue
        tag = text(element.attrext[1])
        stack.append(tag)
        attrs: dict[str, object] = {}
        for attr in element.attributes:
            key = _ANDROID_ATTRS.get(resids[attr.name_index]) if attr.name_index < len(resids) \
                else None
            attrs[key or text(attr.name_index)] = _value(attr, text)
        if tag == "manifest" and len(stack) == 1:
            package = str(attrs.get("package") or "")
            head.update(attrs)
        elif tag == "uses-sdk":
            head["minSdkVersion"] = attrs.get("minSdkVersion")
            head["targetSdkVersion"] = attrs.get("targetSdkVersion")
        elif tag in PERMISSION_TAGS and isinstance(attrs.get("name"), str):
            permissions.setdefault(str(attrs["name"]), None)
        elif tag in COMPONENT_TAGS and isinstance(attrs.get("name"), str):
            components.append(Component(tag, _absolute(package, str(attrs["name"]))))
        elif tag == "meta-data" and isinstance(attrs.get("name"), str):
            meta_data.append(str(attrs["name"]))
    if not package:
        raise InputError(source, "AndroidManifest.xml has no package name", field="manifest")
    version_name = head.get("versionName")
    return Manifest(
        package=package,
        version_code=_int(head.get("versionCode")),
        version_name=version_name if isinstance(version_name, str) else None,
        min_sdk=_int(head.get("minSdkVersion")),
        target_sdk=_int(head.get("targetSdkVersion")),
        permissions=tuple(permissions),
        components=tuple(dict.fromkeys(components)),
        meta_data=tuple(dict.fromkeys(meta_data)),
    )


def _value(attr: Any, text: Callable[[int], str]) -> object:
    kind = attr.typed_value_datatype
    data = attr.typed_value_data
    if kind == _TYPE_STRING:
        return text(data)
    if kind in (_TYPE_INT_DEC, _TYPE_INT_HEX):
        return data
    if kind == _TYPE_BOOL:
        return bool(data)
    if kind == _TYPE_REFERENCE:
        return None  # resolving @string/... needs resources.arsc; not needed for the audit
    return text(attr.raw_value_index) or None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _absolute(package: str, name: str) -> str:
    """Resolve ``.Foo`` and bare ``Foo`` against the package, as the platform does."""
    if name.startswith("."):
        return package + name
    if "." not in name and package:
        return f"{package}.{name}"
    return name
