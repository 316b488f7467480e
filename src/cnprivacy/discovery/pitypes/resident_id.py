"""Resident identity card numbers (GB 11643-1999): the one home of everything about them.

An 18-character number is a 6-digit region code, a birth date (YYYYMMDD), a 3-digit order
code and an ISO 7064 MOD 11-2 check character (0-9 or X); the legacy 15-digit form has a
two-digit year and no check character. Values here are *compact* (folded, separators removed,
upper-case; see :func:`cnprivacy.discovery.normalize.compact`).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from operator import mul
from typing import Final

from cnprivacy.discovery import types as T
from cnprivacy.discovery.normalize import compact
from cnprivacy.discovery.pitypes._masking import keep_ends
from cnprivacy.discovery.regions import PROVINCE_CODES

NAME: Final = T.CN_RESIDENT_ID
VALIDATOR: Final = "GB 11643 region, birth date and ISO 7064 MOD 11-2 check digit"
#: PIPL art. 28 category this type falls under by itself (None: not sensitive alone).
SENSITIVITY: Final[str | None] = None
#: The profile ``data_categories`` entry it contributes.
DATA_CATEGORY: Final[str | None] = "identity"
HINTS: Final = ("身份证", "证件号", "sfz", "idcard", "id_card", "id_no", "idno", "national_id",
                "resident_id", "identity")

#: ISO 7064 MOD 11-2 weights: position i (0-based) weighs 2**(17 - i) mod 11. Every other
#: copy (the C accelerator's, the column checks) is built from or checked against this one.
WEIGHTS: Final[tuple[int, ...]] = tuple(pow(2, 17 - i, 11) for i in range(17))
#: The check character for each weighted sum mod 11.
CHECK_CHARS: Final = "10X98765432"
_ASCII_BIAS = 48 * sum(WEIGHTS)  # digits are read as their ASCII codes (no int() per digit)
#: Days per month, February leap-ready (the calendar checks ``datetime.date`` makes).
DAYS_IN_MONTH: Final[tuple[int, ...]] = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
EARLIEST_BIRTH: Final = 19000101
_DIGITS = frozenset("0123456789")


def ymd_ok(y: int, m: int, d: int) -> bool:
    """A real calendar date."""
    if not 1 <= m <= 12 or d < 1:
        return False
    if m == 2 and d == 29:
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return d <= DAYS_IN_MONTH[m]


def as_ymd(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


#: Today as YYYYMMDD and the clock time (``time.time()``) at which the next day starts: every
#: line of a scan asks for today, and a clock read is far cheaper than building a date.
_today: list[float] = [0, 0.0]


def today_ymd() -> int:
    """Today as YYYYMMDD (the upper bound for birth dates), in local time."""
    if time.time() >= _today[1]:
        day = date.today()
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time())
        _today[0], _today[1] = as_ymd(day), midnight.timestamp()
    return int(_today[0])


def birth_ymd(value: str) -> int:
    """YYYYMMDD of the birth date in an ASCII 18- or 15-digit ID, 0 when it is not a date."""
    n = len(value)
    digits = value[6:14] if n == 18 else value[6:12] if n == 15 else ""
    if not (digits.isascii() and digits.isdigit()):
        return 0
    ymd = int(digits) if n == 18 else 19000000 + int(digits)
    y, md = divmod(ymd, 10000)
    m, d = divmod(md, 100)
    return ymd if y >= 1 and ymd_ok(y, m, d) else 0


def birth_date(value: str) -> date | None:
    """Birth date encoded in a compact resident ID (18 or legacy 15 digits), if it is a date."""
    ymd = birth_ymd(value)
    return date(ymd // 10000, ymd // 100 % 100, ymd % 100) if ymd else None


def is_valid(value: str, today: int | None = None) -> bool:
    """The reference check: 18 ASCII digits (the last may be X) or 15, a province that exists,
    a real birth date from 1900 to today, and the MOD 11-2 check digit. ``today`` (YYYYMMDD)
    saves a clock read per call.

    python-stdnum's ``cn.ric`` also requires the county code to be in its table, which rejects
    real IDs issued under retired or newer codes: the province is the only region check."""
    n = len(value)
    if n == 18:
        if not (value[:17].isascii() and value[:17].isdigit()
                and (value[17] == "X" or value[17] in _DIGITS)):
            return False
    elif n != 15 or not (value.isascii() and value.isdigit()):
        return False
    if value[:2] not in PROVINCE_CODES:
        return False
    if not EARLIEST_BIRTH <= birth_ymd(value) <= (today or today_ymd()):
        return False
    if n == 15:
        return True
    total = sum(map(mul, value[:17].encode("ascii"), WEIGHTS)) - _ASCII_BIAS
    check = 10 if value[17] == "X" else ord(value[17]) - 48
    return (total + check) % 11 == 1


def looks_like(value: str) -> bool:
    """18 characters with a resident ID's province and birth date, whatever its check digit
    says (a mistyped ID: never a card or a USCC)."""
    return (len(value) == 18 and value[:17].isascii() and value[:17].isdigit()
            and value[:2] in PROVINCE_CODES and birth_ymd(value) >= EARLIEST_BIRTH)


def check_char(body: str) -> str:
    """The check character of a 17-digit body."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def upgraded(value: str) -> str:
    """A legacy 15-digit ID in its 18-character form (century 19, check character added, as
    GB 11643-1999 prescribes); any other value unchanged."""
    if len(value) == 15 and value.isascii() and value.isdigit():
        body = value[:6] + "19" + value[6:]
        return body + check_char(body)
    return value


def key(value: str) -> str:
    """The same-person key: compact (full-width forms folded, spaces, dashes and parentheses
    removed, upper-case) and 18 characters (a legacy 15-digit ID and its 18-character form are
    one person)."""
    if len(value) == 18 and value.isascii() and value.isalnum():
        return value.upper()
    return upgraded(compact(value))


def mask(value: str) -> str:
    """At most the first 4 and the last 4 characters."""
    return keep_ends(compact(value), 4, 4)


def minor_bounds(as_of: date, limit: int | None) -> tuple[int, int] | None:
    """(cutoff, as_of) as YYYYMMDD: a holder born after ``cutoff`` and on or before ``as_of``
    is under ``limit`` on ``as_of`` (None: no age rule applies on that date, nobody is).

    Under N means the N-th birthday is after ``as_of``: born after the same calendar day N
    years earlier (the birthday itself excluded, as 不满 reads). Births after ``as_of`` are not
    people yet. Every path (this module, the column checks, the text accelerator) compares
    birth dates with these two bounds."""
    if limit is None:
        return None
    return (as_of.year - limit) * 10000 + as_of.month * 100 + as_of.day, as_ymd(as_of)


def under_age(birth: int, as_of: date, limit: int | None) -> bool:
    """Whether a birth date (YYYYMMDD, 0 = unknown) is of someone under ``limit`` on
    ``as_of`` (see :func:`minor_bounds`)."""
    bounds = minor_bounds(as_of, limit)
    return bounds is not None and bounds[0] < birth <= bounds[1]


def is_minor(value: str, as_of: date, limit: int | None) -> bool:
    """Whether a compact resident ID's holder is under ``limit`` on ``as_of``."""
    return under_age(birth_ymd(value), as_of, limit)
