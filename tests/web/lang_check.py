"""What a page says in the wrong language: Latin-script words on a Chinese page, Han characters
on an English page, outside a small explicit allow-list.

Exempt: text inside an element marked ``translate="no"`` (what a person typed: names, purposes,
titles, YAML) and, on English pages, inside an element marked ``lang="zh"`` (an instrument's
Chinese title quoted beside its English name). Everything else a reader sees — text, button and
option labels, ``placeholder`` and ``title`` attributes — is checked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Latin-script tokens a Chinese page may show as they are: codes and abbreviations the Chinese
# texts themselves use, file formats, the product's name and the language switch. (People's
# names are what they typed: pages mark them translate="no".)
ALLOWED_LATIN = frozenset({
    "PIPL", "CSL", "DSL", "GB", "GBT", "IRM", "NDSMR", "CAC", "TC", "App", "APP", "APK", "SDK",
    "API", "ISO", "YAML", "JSON", "HTML", "Markdown", "PDF", "XLSX", "iCalendar", "ics", "zip",
    "docx", "CST", "UTC", "RMB", "ID", "IP", "PI", "cnprivacy", "English",
})
_URL = re.compile(r"(?:https?://|www\.)\S+")
# a profile path, as the engine's trace names a field of one record: apps[pengcheng-app].sdks
_PROFILE_PATH = re.compile(r"\b[a-z_]+\[[^\]\s]+\](?:\.[a-z_]+)*")
# identifiers, article numbers, dates, versions, masked samples: anything with a digit or a
# separator inside (PIA-0001, pipl.pi_protection_officer, 55(1), 2026-03-01, v2, 138****1234)
_IDENT = re.compile(r"[A-Za-z0-9*]*(?:[0-9*][A-Za-z0-9*]*|[A-Za-z0-9]+(?:[._\-/:+][A-Za-z0-9*]+)+)")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN_OR_CJK_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_SKIP = {"script", "style"}


class _Text(HTMLParser):
    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []

    def _exempt(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _checked(self, text: str) -> None:
        if not self._exempt() and text.strip():
            self.chunks.append(" ".join(text.split()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        exempt = self._exempt() or tag in _SKIP or given.get("translate") == "no" or (
            self.page_lang == "en" and (given.get("lang") or "").startswith("zh"))
        for name in ("placeholder", "title", "aria-label"):
            value = given.get(name)
            if value and not exempt:
                self.chunks.append(value)
        if tag in ("input", "button") and given.get("type") in ("submit", "button") and not exempt:
            self.chunks.append(given.get("value") or "")
        if tag not in _VOID:
            self.stack.append((tag, exempt))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self._checked(data)


def visible_text(html: str, lang: str) -> list[str]:
    """The checked text of a page, one chunk per text node or attribute."""
    parser = _Text(lang)
    parser.feed(html)
    parser.close()
    return parser.chunks


def foreign(html: str, lang: str, identifiers: frozenset[str] = frozenset()) -> list[str]:
    """The chunks of a page in the other language (empty: the page is all in ``lang``).

    ``identifiers``: the record ids and field names on file (a Chinese page shows an activity
    ``bookings`` or a field ``individuals`` by its id, as the register and the law data do)."""
    found = []
    allowed = ALLOWED_LATIN | identifiers
    for chunk in visible_text(html, lang):
        if lang == "zh":
            rest = _IDENT.sub(" ", _PROFILE_PATH.sub(" ", _URL.sub(" ", chunk)))
            words = [w for w in _LATIN_WORD.findall(rest) if w not in allowed]
            if words:
                found.append(chunk)
        elif _HAN_OR_CJK_PUNCT.search(chunk):
            found.append(chunk)
    return found
