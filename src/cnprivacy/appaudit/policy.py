"""Reading a privacy policy (text, Markdown, HTML or PDF; Chinese or English) and answering the
questions the audit asks of it: is an SDK named, is a PI type listed, is a purpose stated, and
does it offer the rights and notices the law requires.

The checks look for the words a policy must use to say a thing; they find omissions reliably
and cannot judge whether what is said is true or adequate, which is left to the reviewer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from cnprivacy.appaudit.signatures import normalise_name
from cnprivacy.appaudit.textnorm import normalise_document_text
from cnprivacy.errors import InputError
from cnprivacy.fileio.encoding import decode_text
from cnprivacy.fileio.kinds import read_bounded

MAX_POLICY_BYTES = 20 * 1024 * 1024

_PURPOSE_MARKERS = (
    "用于", "用来", "以便", "为了", "目的", "以实现", "以提供", "以保障", "以帮助", "以确保",
    "in order to", "so that", "used to", "used for", "we use it to", "we use this to",
    "purpose", "to provide", "to enable", "to help", "to allow", "to show", "to deliver",
    "to detect", "to improve", "to send",
)
_SDK_CONTEXT = ("sdk", "第三方", "third party", "third-party", "partner", "service provider",
                "合作方", "提供方", "library", "插件")
# Each right or notice: any of these words. Chinese policies use fixed legal vocabulary.
RIGHT_TERMS: dict[str, tuple[str, ...]] = {
    "withdrawal": ("撤回", "撤销同意", "撤销授权", "取消授权", "withdraw", "revoke your consent",
                   "revoke consent"),
    "deletion": ("注销", "delete your account", "deleting your account", "account deletion",
                 "close your account", "cancel your account", "deactivate your account",
                 "delete account"),
    "correction": ("更正", "补充您的个人信息", "correct your", "correction", "rectify",
                   "rectification", "amend your", "update or correct"),
    "copy": ("复制", "副本", "获取您的个人信息", "转移", "copy of your", "a copy of",
             "obtain a copy", "portability", "export your data", "copy your"),
    "minors": ("未成年人", "儿童", "不满十四周岁", "不满14周岁", "十四周岁", "14周岁", "监护人",
               "minor", "children", "child's", "under the age of", "parent or guardian",
               "guardian"),
}
_COMPLAINT = ("投诉", "举报", "complaint", "complain")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|联系我们|联系方式|客服电话|电话[:：]|contact us|"
                      r"\+?\d[\d\s-]{6,}\d", re.IGNORECASE)
_CHANGE = ("更新", "变更", "修订", "修改", "change", "update", "revise", "modif")
_NOTIFY = ("通知", "告知", "提示", "公告", "弹窗", "推送", "notify", "notice", "inform",
           "let you know", "announce")
_AMBIGUOUS_NAMES = frozenset({"adjust", "branch", "heap", "batch", "segment", "amplitude",
                              "sentry", "flurry", "airship", "swirl", "pendo", "braze",
                              "matrix", "weex", "nuwa", "amigo", "robust", "mapbox"})
# Text is NFKC-normalised first, which turns the fullwidth ！？； of Chinese text into !?;.
_CLAUSE_SPLIT = re.compile(r"[。！？；;\n]+|(?<=[.!?])\s+|(?<=[!?])(?=[\u4e00-\u9fff])")


@dataclass
class PolicyText:
    """A privacy policy reduced to plain text, with the lookups the audit needs."""

    source: str
    text: str
    language: str
    #: The text the checks match: radical look-alikes and compatibility forms folded (NFKC),
    #: so that a policy printed to PDF reads like the same policy saved as text.
    normalised: str = field(init=False, repr=False)
    _lower: str = field(init=False, repr=False)
    _compact: str = field(init=False, repr=False)
    _clauses: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.normalised = normalise_document_text(self.text)
        self._lower = self.normalised.lower()
        self._compact = normalise_name(self.normalised)
        self._clauses = [c for c in _CLAUSE_SPLIT.split(self._lower) if c.strip()]

    def find(self, terms: Iterable[str]) -> str | None:
        """The first term the policy uses (ASCII terms match whole words only)."""
        for term in terms:
            if _contains(self._lower, term.lower()):
                return term
        return None

    def names(self, aliases: Iterable[str]) -> bool:
        """Whether the policy names an SDK by one of its (normalised) aliases."""
        for alias in aliases:
            if alias not in self._compact:
                continue
            if alias not in _AMBIGUOUS_NAMES:
                return True
            # An SDK named by an everyday word counts only beside SDK wording.
            for clause in self._clauses:
                if _contains(clause, alias) and \
                        any(word in clause for word in _SDK_CONTEXT):
                    return True
        return False

    def states_purpose_for(self, terms: Iterable[str]) -> bool:
        """Whether one clause names the PI (by any term) and gives a purpose for it."""
        lowered = [t.lower() for t in terms]
        return any(any(_contains(clause, t) for t in lowered)
                   and any(marker in clause for marker in _PURPOSE_MARKERS)
                   for clause in self._clauses)

    def offers(self, right: str) -> bool:
        """Whether the policy mentions the right or notice (keys of :data:`RIGHT_TERMS`)."""
        return self.find(RIGHT_TERMS[right]) is not None

    def has_complaint_channel(self) -> bool:
        """A complaint/report word and some way to reach the operator."""
        return self.find(_COMPLAINT) is not None and _CONTACT.search(self.normalised) is not None

    def has_change_notice(self) -> bool:
        """One clause speaks of changes to the policy and of telling the user."""
        return any(any(w in clause for w in _CHANGE) and any(w in clause for w in _NOTIFY)
                   for clause in self._clauses)


def _contains(haystack: str, term: str) -> bool:
    if term.isascii() and term[:1].isalnum():
        return re.search(rf"(?<![a-z0-9]){re.escape(term)}", haystack) is not None
    return term in haystack


def read_policy(path: str) -> PolicyText:
    """Load a policy file; unreadable or empty input is an :class:`InputError`."""
    file = Path(path)
    raw = read_bounded(file, MAX_POLICY_BYTES)
    suffix = file.suffix.lower()
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        text = _pdf_text(raw, path)
    else:
        decoded = decode_text(raw, path)
        head = decoded[:2048].lower()
        if suffix in (".html", ".htm", ".xhtml") or "<html" in head or "<body" in head:
            text = _html_text(decoded)
        else:
            text = decoded
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    if not text.strip():
        raise InputError(path, "policy contains no text (a scanned PDF needs OCR first)")
    # radical look-alikes (U+2E80-U+2FDF) stand for ideographs in text printed to PDF
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u2e80" <= ch <= "\u2fdf")
    letters = sum(1 for ch in text if ch.isalpha())
    language = "zh" if letters and cjk / letters > 0.2 else "en"
    return PolicyText(source=path, text=text, language=language)


class _TextExtractor(HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
                        "h6", "section", "article", "table", "ul", "ol", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _pdf_text(raw: bytes, path: str) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(path, "policy PDF is encrypted")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    # AssertionError and OverflowError: pypdf on some damaged content streams and huge numbers
    # (found by atheris)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AssertionError,
            OverflowError) as err:
        raise InputError(path, f"policy PDF cannot be read ({type(err).__name__})") from None
