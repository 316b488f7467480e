"""The one encoding detector: BOMs, UTF-16 without a BOM, UTF-8, GB18030, then charset-normalizer.

Chinese exports are mostly UTF-8 (often with a BOM from Excel), GBK/GB18030 from older systems,
or UTF-16 from Windows tools. Those are recognised from their bytes alone, which is fast and
gives the same answer every time; only text in none of them (Big5, Shift-JIS..., which GB18030
would decode into nonsense) is handed to charset-normalizer, imported on first use because it
belongs to an optional extra.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from cnprivacy.errors import InputError

#: Bytes read from the start of a file to decide its encoding.
SAMPLE_BYTES = 1 << 20

# A lead byte and what may follow it in GBK/GB18030; ASCII bytes between pairs are skipped.
_DOUBLE_BYTE = re.compile(rb"[\x81-\xfe][\x30-\x39\x40-\x7e\x80-\xfe]")
_GB_PROBE = 1 << 14  # thousands of characters: plenty to tell, cheap to count

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


def _mostly_gb2312(sample: bytes) -> bool:
    """Chinese text in GBK or GB18030 is mostly GB2312's common characters and punctuation
    (lead byte A1-F7, trail byte A1-FE). Big5 and Shift-JIS text also decodes as GB18030, which
    accepts almost any byte pair, but few of its pairs fall in that zone."""
    pairs = _DOUBLE_BYTE.findall(sample[:_GB_PROBE])
    if len(pairs) < 8:
        return True  # too little to tell; GB18030 is the likelier reading of Chinese exports
    common = sum(1 for pair in pairs if 0xA1 <= pair[0] <= 0xF7 and pair[1] >= 0xA1)
    return common >= 0.6 * len(pairs)


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
    gb = _decodes(sample, "gb18030")
    if gb and _mostly_gb2312(sample):
        return "gb18030"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the extra is not installed: GB18030 when it decodes, else binary
        return "gb18030" if gb else None
    best = from_bytes(sample).best()
    if best is None:
        return "gb18030" if gb else None
    return "gb18030" if best.encoding in _GB_FAMILY else best.encoding


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


def first_invalid_byte(path: str | Path, encoding: str, chunk: int = 1 << 20) -> int | None:
    """The offset of the first byte of ``path`` that is not valid ``encoding`` (None when all
    of it is). A text file is read through a decoding stream whose errors count bytes from the
    chunk it was decoding, not from the start of the file; this reads the file again, a chunk
    at a time, only after such an error."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with open(path, "rb") as fh:
        while True:
            data = fh.read(chunk)
            # Bytes of a character cut by the chunk's end wait in the decoder, and the error's
            # offset counts from the first of them.
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                return offset - pending + err.start
            if not data:
                return None
            offset += len(data)


def output_encoding(encoding: str) -> str:
    """The encoding to write back text read in ``encoding`` (the GBK family as GB18030)."""
    return "gb18030" if codecs.lookup(encoding).name in _GB_FAMILY else encoding
