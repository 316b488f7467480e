"""Payment card numbers (UnionPay, Visa, Mastercard, Amex, JCB, Diners and others).

Two ways to be a card in text: the scheme table (an issuer prefix and a length it issues) and
a Luhn-valid check digit, wherever the number stands; or card context (银行卡, 卡号, 借记卡,
信用卡, 储蓄卡, 尾号, 绑定…卡, card no.) just before a Luhn-valid number of 13-19 digits,
whatever its prefix (Maestro's 50 and 56-69 ranges, domestic co-branded cards)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact, fold
from cnprivacy.discovery.pitypes import resident_id
from cnprivacy.discovery.pitypes._masking import keep_ends

NAME: Final = T.BANK_CARD
VALIDATOR: Final = "issuer prefix and length, Luhn check digit, not an ID-shaped number"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = T.FINANCIAL_ACCOUNT
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = T.FINANCIAL_ACCOUNT
HINTS: Final = ("银行卡", "卡号", "银行账号", "账号", "bank", "card", "account_no")
MIN_DIGITS: Final = 13
MAX_DIGITS: Final = 19
#: Luhn: a doubled digit d counts as the digit sum of 2d.
LUHN_DOUBLED: Final[tuple[int, ...]] = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)
# The same table over ASCII codes, so that the doubled positions are one bytes.translate.
_LUHN_ASCII = bytes.maketrans(b"0123456789", bytes(48 + d for d in LUHN_DOUBLED))
_NON_DIGITS = re.compile(r"[^0-9]")


def scheme_length_ok(value: str) -> bool:
    """Whether the card schemes issue numbers of this length under this prefix (the first
    rule that matches the prefix decides)."""
    n = len(value)
    p1, p2, p3 = value[0], value[:2], value[:3]
    if p1 == "6":  # UnionPay (62), Discover and Maestro ranges
        return 16 <= n <= 19
    if p1 == "4":  # Visa
        return n in (13, 16, 19)
    if "51" <= p2 <= "55":  # Mastercard
        return n == 16
    if p1 == "2":  # Mastercard 2-series: 2221-2720
        if "222" <= p3 <= "269" or p3 in ("270", "271") or value[:4] == "2720":
            return n == 16
        return False
    if p2 in ("34", "37"):  # American Express
        return n == 15
    if p2 == "35":  # JCB
        return 16 <= n <= 19
    if "300" <= p3 <= "305" or p2 in ("36", "38", "39"):  # Diners Club
        return n in (14, 16)
    if p1 == "9":  # domestic cards
        return 16 <= n <= 19
    return False


def luhn_ok(value: str) -> bool:
    """The Luhn check digit of an ASCII digit string."""
    b = value.encode("ascii")
    return (sum(b[-1::-2]) + sum(b[-2::-2].translate(_LUHN_ASCII)) - 48 * len(b)) % 10 == 0


def is_valid(value: str) -> bool:
    """The reference check of a compact value. An 18-digit number shaped like a resident ID
    (province, birth date) with a wrong check digit is a mistyped ID, not a card: one in ten
    of them would pass Luhn by chance."""
    return (MIN_DIGITS <= len(value) <= MAX_DIGITS and value.isascii() and value.isdigit()
            and scheme_length_ok(value) and not resident_id.looks_like(value)
            and luhn_ok(value))


def key(value: str) -> str:
    """The same-person key: the digits."""
    return _NON_DIGITS.sub("", fold(value))


def mask(value: str) -> str:
    """The first 4 and the last 4 digits."""
    return keep_ends(compact(value), 4, 4)


#: Thirteen digits in a row (ASCII or full-width, single spaces or dashes between them): where
#: a card number can start. The pattern starts with a character class, so ``re`` skips to the
#: digits at C speed.
_LONG_RE = re.compile("[0-9０-９](?:[ \\-－]?[0-9０-９]){12}")
#: The whole number there: 13-19 digits that no letter or digit follows.
_NUMBER_RE = re.compile("[0-9０-９](?:[ \\-－]?[0-9０-９]){12,18}(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])")
#: Card context ending at most 8 characters before the number, none of them a digit or a line
#: break (searched in the window before the number, up to its start: ``\\Z``, not ``$``,
#: which would also match before a final line break).
_CONTEXT_RE = re.compile(
    "(?:银行卡|卡号|借记卡|信用卡|储蓄卡|尾号|绑定[^，。；\\n\\d]{0,8}?卡|card\\s*(?:no\\.?|number|#)?)"
    "[^0-9０-９\\n]{0,8}\\Z", re.IGNORECASE)
#: How far before a number its context can start: 绑定, 8 characters, 卡, then 8 more.
_WINDOW = 2 + 8 + 1 + 8
#: Characters that may not touch a card number on either side.
_TOUCHING = frozenset("0123456789０１２３４５６７８９") | frozenset(
    chr(c) for lo, hi in (("A", "Z"), ("a", "z"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
    for c in range(ord(lo), ord(hi) + 1))


def may_have_context(text: str) -> bool:
    """A cheap test before :func:`cards_by_context`: every cue holds 卡 or 尾号, or is written
    card, Card or CARD (``in`` runs at memory speed; no lower-cased copy of the text)."""
    return "卡" in text or "尾号" in text or "ard" in text or "ARD" in text


def cards_by_context(text: str, known: Mapping[int, int] | None = None
                     ) -> list[tuple[int, int, str]]:
    """Luhn-valid numbers of 13-19 digits right after card context, whatever their prefix
    (an 18-digit number shaped like a resident ID is left to that type). ``known`` maps the
    starts of spans already found to their ends: those numbers need no second look (in
    PI-dense text the card after 银行卡 is almost always found already).

    Neither a number nor its context crosses a line break, so a text of many lines (a scan
    gives the finders 2,000 at a time) is read line by line, and only the lines that hold a
    cue (:func:`may_have_context`): the same spans as the whole text, without a second look at
    the numbers of every other line."""
    known = known or {}
    if "\n" not in text:
        return _cards_between(text, 0, len(text), known)
    out: list[tuple[int, int, str]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if may_have_context(line):
            out += _cards_between(text, start, end, known)
        start = end + 1
    return out


def _cards_between(text: str, lo: int, hi: int, known: Mapping[int, int]
                   ) -> list[tuple[int, int, str]]:
    """:func:`cards_by_context` on ``text[lo:hi]`` (one line, or a text without line breaks),
    in the whole text's positions."""
    out = []
    pos = lo
    while (m := _LONG_RE.search(text, pos, hi)) is not None:
        a = m.start()
        end = known.get(a)
        if end is not None:
            pos = end
            continue
        number = _NUMBER_RE.match(text, a, hi)
        pos = number.end() if number is not None else m.end()
        if number is None or (a and text[a - 1] in _TOUCHING):
            continue
        # Every cue holds one of may_have_context's strings, so a window without one has no
        # context, and the window costs less than the number's checks.
        if not may_have_context(text[max(0, a - _WINDOW):a]):
            continue
        value = compact(fold(number.group()))
        if (value.isascii() and value.isdigit() and not resident_id.looks_like(value)
                and luhn_ok(value) and _CONTEXT_RE.search(text, max(0, a - _WINDOW), a)):
            out.append((a, number.end(), T.BANK_CARD))
    return out
