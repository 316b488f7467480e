"""The class table of a DEX file, read directly from its fixed-layout header.

A full androguard analysis of a 3 MB APK takes about a second; the class names alone need only
three index tables (``class_defs`` -> ``type_ids`` -> ``string_ids``) and the string data, which
is a few milliseconds. Only classes *defined* in the DEX count (not merely referenced ones), as in
exodus-core, so an app that calls into another app's API is not said to embed it.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass

from cnprivacy.errors import InputError

_HEADER_SIZE = 0x70
_CLASS_DEF_SIZE = 32


@dataclass(frozen=True)
class DexClasses:
    """Classes defined in one or more DEX files, indexed for package-prefix matching."""

    class_count: int
    packages: frozenset[str]
    # package (dotted) -> simple class names, for the few signatures that name a class prefix
    by_package: dict[str, tuple[str, ...]]

    def has_prefix(self, prefix: str) -> bool:
        """True when some class lies in package ``prefix`` or below, or, for a prefix whose
        last part is a class name (``com.fullstory.FS``), some class name starts with it."""
        if prefix in self.packages:
            return True
        package, _, tail = prefix.rpartition(".")
        if tail[:1].isupper() and package in self.by_package:
            return any(name.startswith(tail) for name in self.by_package[package])
        return False


def read_classes(dex_files: list[tuple[str, bytes]], source: str) -> DexClasses:
    """Index the classes defined across all DEX files of one APK."""
    by_package: dict[str, list[str]] = {}
    count = 0
    for name, data in dex_files:
        for descriptor in class_descriptors(data, source, name):
            count += 1
            # "Lcom/tencent/bugly/Foo;" -> package "com.tencent.bugly", class "Foo"
            body = descriptor[1:-1] if descriptor.startswith("L") and descriptor.endswith(";") \
                else descriptor
            package, _, simple = body.rpartition("/")
            by_package.setdefault(package.replace("/", "."), []).append(simple)
    packages: set[str] = set()
    for package in by_package:
        parts = package.split(".")
        for end in range(1, len(parts) + 1):
            packages.add(".".join(parts[:end]))
    packages.discard("")
    return DexClasses(count, frozenset(packages),
                      {pkg: tuple(names) for pkg, names in by_package.items()})


def class_descriptors(data: bytes, source: str, member: str) -> list[str]:
    """Type descriptors of every class defined in one DEX file."""
    if len(data) < _HEADER_SIZE or not data.startswith(b"dex\n") or data[7] != 0:
        raise InputError(source, "not a DEX file (bad magic)", field=member)
    (string_ids_size, string_ids_off, type_ids_size, type_ids_off) = struct.unpack_from(
        "<4I", data, 0x38)
    class_defs_size, class_defs_off = struct.unpack_from("<2I", data, 0x60)
    end = len(data)
    if (string_ids_off + 4 * string_ids_size > end or type_ids_off + 4 * type_ids_size > end
            or class_defs_off + _CLASS_DEF_SIZE * class_defs_size > end):
        raise InputError(source, "truncated DEX file (index tables run past its end)",
                         field=member)
    if struct.unpack_from("<I", data, 0x28)[0] != 0x12345678:
        raise InputError(source, "unsupported DEX byte order", field=member)
    string_offsets = array("I", data[string_ids_off:string_ids_off + 4 * string_ids_size])
    type_strings = array("I", data[type_ids_off:type_ids_off + 4 * type_ids_size])
    # class_idx is the first of the eight uint32 fields of each class_def_item
    class_defs = array("I", data[class_defs_off:class_defs_off + _CLASS_DEF_SIZE * class_defs_size])
    descriptors = []
    try:
        for type_index in class_defs[::8]:
            descriptors.append(_string_at(data, string_offsets[type_strings[type_index]]))
    except IndexError:
        raise InputError(source, "corrupt DEX file (class index out of range)",
                         field=member) from None
    return descriptors


def _string_at(data: bytes, offset: int) -> str:
    # string_data_item: uleb128 UTF-16 length, then MUTF-8 bytes ending in NUL. Class
    # descriptors are ASCII in practice; MUTF-8's odd encodings only differ outside ASCII,
    # where a lossy decode is harmless for prefix matching.
    position = offset
    while data[position] & 0x80:
        position += 1
    position += 1
    stop = data.find(b"\0", position)
    if stop < 0:
        raise IndexError(offset)
    return data[position:stop].decode("utf-8", "replace")
