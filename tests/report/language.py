"""What counts as mixed language in a report, shared by the tests that check it."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Two or more Latin words in a row: an English phrase, not a code or an abbreviation.
LATIN_PHRASE = re.compile(r"[A-Za-z][A-Za-z'’-]+(?:[ ,;:()/-]+[A-Za-z][A-Za-z'’-]+)+")
# Names a Chinese text uses as they are: abbreviations and standard numbers.
ZH_ALLOWED = ("App", "SDK", "API", "GB/T", "GB")


def latin_phrases(text: str) -> list[str]:
    """English phrases left in a Chinese text."""
    return LATIN_PHRASE.findall(text)


def cjk_chars(text: str) -> list[str]:
    return CJK.findall(text)
