"""Opening an APK as a zip archive without trusting it.

An APK handed to an auditor may be truncated, not a zip at all, a zip bomb or a packer's trick.
Everything read here is bounded: the number of entries, the declared and the actual size of
each member read, the compression ratio, and how deep nested APKs are followed. Any breach is an
:class:`~cnprivacy.errors.InputError` naming the file and the member, never a crash or a hang.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

from cnprivacy.errors import InputError

MAX_ENTRIES = 65_536
# A real classes.dex tops out at the 64K-method limit, well under 64 MiB; 256 MiB leaves room
# for resource-heavy nested APKs while keeping one member from exhausting memory.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
# DEX and AXML compress 2-5x; ratios beyond this on a large member are the zip-bomb signature.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 1024 * 1024
MAX_NESTED_DEPTH = 2
MAX_NESTED_APKS = 32

MANIFEST = "AndroidManifest.xml"


@dataclass
class ApkFiles:
    """The members of one APK that the audit reads, already decompressed."""

    source: str
    manifest: bytes
    dex: list[tuple[str, bytes]] = field(default_factory=list)
    native_libs: list[str] = field(default_factory=list)
    nested: list[ApkFiles] = field(default_factory=list)
    size: int = 0


@dataclass
class _Budget:
    """Bytes still allowed to be decompressed across the whole APK tree."""

    remaining: int = MAX_TOTAL_BYTES


def read_apk(path: str) -> ApkFiles:
    """Read the manifest, every ``classes*.dex``, native library names and nested APKs."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, io.SEEK_END)
            handle.seek(0)
            files = _read_archive(handle, path, depth=0, budget=_Budget())
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or err})") from None
    files.size = size
    return files


def _read_archive(stream: BinaryIO, source: str, depth: int, budget: _Budget) -> ApkFiles:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise InputError(source, "not a readable APK: not a zip archive or a corrupt one") from None
    except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
            struct.error) as err:
        # a damaged central directory surfaces as any of these inside zipfile
        raise InputError(source, f"not a readable APK: corrupt zip ({err})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(source, f"not a readable APK: {len(infos)} zip entries "
                             f"(limit {MAX_ENTRIES}), likely a zip bomb")
        by_name = {info.filename: info for info in infos}
        if MANIFEST not in by_name:
            raise InputError(source, "not a readable APK: no AndroidManifest.xml in the archive")
        files = ApkFiles(source=source, manifest=_read_member(archive, by_name[MANIFEST], source,
                                                              budget))
        for info in infos:
            name = info.filename
            if _is_dex(name):
                files.dex.append((name, _read_member(archive, info, source, budget)))
            elif name.startswith("lib/") and name.endswith(".so"):
                files.native_libs.append(name)
            elif name.endswith(".apk") and not info.is_dir():
                if depth >= MAX_NESTED_DEPTH or len(files.nested) >= MAX_NESTED_APKS:
                    continue  # bounded on purpose: deeper plug-ins are reported as not followed
                inner = _read_member(archive, info, source, budget)
                inner_source = f"{source}!{name}"
                try:
                    files.nested.append(_read_archive(io.BytesIO(inner), inner_source,
                                                      depth + 1, budget))
                except InputError:
                    continue  # a resource that merely ends in .apk is not the outer APK's fault
        files.dex.sort(key=lambda item: _dex_order(item[0]))
        return files


def _is_dex(name: str) -> bool:
    return "/" not in name and name.startswith("classes") and name.endswith(".dex")


def _dex_order(name: str) -> int:
    digits = name[len("classes"):-len(".dex")]
    return int(digits) if digits.isdigit() else 1


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str,
                 budget: _Budget) -> bytes:
    name = info.filename
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(source, f"member declares {info.file_size} bytes (limit "
                         f"{MAX_MEMBER_BYTES}), likely a zip bomb", field=name)
    if (info.file_size > RATIO_APPLIES_ABOVE and info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO):
        raise InputError(source, f"member expands {info.file_size // info.compress_size}x "
                         f"(limit {MAX_RATIO}x), likely a zip bomb", field=name)
    limit = min(MAX_MEMBER_BYTES, budget.remaining)
    try:
        with archive.open(info) as member:
            # Never trust the declared size: read one byte past the limit to catch a liar.
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error) as err:
        raise InputError(source, f"corrupt zip member ({err})", field=name) from None
    except (NotImplementedError, RuntimeError) as err:
        raise InputError(source, f"unsupported or encrypted zip member ({err})",
                         field=name) from None
    if len(data) > limit:
        raise InputError(source, "decompressed data exceeds the audit's limit, likely a zip bomb",
                         field=name)
    budget.remaining -= len(data)
    return data
