"""The one encoding detector: BOMs, UTF-8, UTF-16 without a BOM, GB18030, then charset-normalizer.

Chinese exports are mostly UTF-8 (often with a BOM from Excel), GBK/GB18030 from older systems,
or UTF-16 from Windows tools. Those are recognised from their bytes alone, which is fast and
gives the same answer every time; only text in none of them (Big5, Shift-JIS...) is handed to
charset-normalizer, imported on first use because it belongs to an optional extra.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from cnprivacy.errors import InputError

#: Bytes read from the start of a file to decide its encoding.
SAMPLE_BYTES = 1 << 20

# GB18030 encodes every GBK and GB2312 character with the same bytes and can also hold any
# character a transform writes back, so it stands for the whole family.
_GB_FAMILY = frozenset({"gbk", "gb2312", "gb18030", "cp936", "hz"})


def _decodes(sample: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        # final=False: a sample cut inside a multi-byte character is not an error.
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(sample: bytes) -> str | None:
    # Mostly-ASCII UTF-16 has a zero in every other byte: which half tells the byte order.
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def detect_encoding_bytes(sample: bytes) -> str | None:
    """Encoding of a byte sample (a Python codec name); None when it is binary, not text."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    if b"\x00" in sample:
        return None
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "gb18030"):
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return None if best is None else best.encoding


def detect_encoding(path: str | Path) -> str:
    """Encoding of a text file, from its first :data:`SAMPLE_BYTES`; InputError if binary."""
    try:
        with open(path, "rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from None
    encoding = detect_encoding_bytes(sample)
    if encoding is None:
        raise InputError(str(path), "binary content, not a text file in a known encoding")
    return encoding


def decode_text(raw: bytes, source: str) -> str:
    """The whole of ``raw`` as text in its detected encoding; InputError naming ``source``."""
    encoding = detect_encoding_bytes(raw[:SAMPLE_BYTES])
    if encoding is None:
        raise InputError(source, "binary content, not a text file in a known encoding")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid {encoding} at byte {err.start}") from None


def output_encoding(encoding: str) -> str:
    """The encoding to write back text read in ``encoding`` (the GBK family as GB18030)."""
    return "gb18030" if codecs.lookup(encoding).name in _GB_FAMILY else encoding
