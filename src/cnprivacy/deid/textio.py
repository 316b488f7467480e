"""Encodings: read what the scanner reads, write back in the same family.

GBK and GB2312 inputs are written as GB18030, which encodes every GBK character with the same
bytes and can also hold any character a transform produces.
"""

from __future__ import annotations

import codecs
from pathlib import Path

_PROBE = 1 << 20


def detect_encoding(path: Path) -> str:
    """Discovery's detector when present (one answer for scan and deid), else BOM/UTF-8/GB."""
    try:
        from cnprivacy.discovery.readers import detect_encoding as discovered
    except ImportError:
        return _fallback(path)
    return str(discovered(path))


def _fallback(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(_PROBE)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _PROBE)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def output_encoding(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    if name in ("gbk", "gb2312", "gb18030", "cp936", "hz"):
        return "gb18030"
    return encoding
