"""Who counts as a minor whose PI is sensitive: the PIPL threshold read from the law data.

PIPL art. 28 makes all PI of a minor "不满十四周岁" sensitive. The age is the dated parameter
``pipl.minor_sensitive_age`` (comparison ``lt``: under the age, the birthday itself excluded),
read as of the scan date: before the parameter's first date the law does not apply and nobody is
flagged. A holder born exactly ``age`` years before the scan date turns that age on the scan
date and is not under it.
"""

from __future__ import annotations

from datetime import date

from cnprivacy.discovery.validators import birth_date

_INSTRUMENT, _PARAMETER = "pipl", "minor_sensitive_age"


def minor_age_limit(as_of: date) -> int | None:
    """The age a person must be *under* to count as a minor on ``as_of`` (None: no such rule
    yet). A ``lte`` parameter (N or under) becomes N + 1; other comparisons are refused."""
    from cnprivacy.law import load_lawbook

    resolved = load_lawbook().value(_INSTRUMENT, _PARAMETER, as_of)
    if resolved is None or resolved.value is None:
        return None
    value = resolved.value
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{_INSTRUMENT}.{_PARAMETER} is not a whole number of years: {value!r}")
    comparison = resolved.parameter.comparison
    if comparison == "lt":
        return value
    if comparison == "lte":
        return value + 1
    raise ValueError(f"{_INSTRUMENT}.{_PARAMETER}: comparison {comparison!r} is not an age limit")


def under_age(birth_ymd: int, as_of: date, limit: int | None) -> bool:
    """Whether a birth date (YYYYMMDD, 0 = unknown) is of someone under ``limit`` on ``as_of``.

    Under N means the N-th birthday is after ``as_of``: born after the same calendar day N
    years earlier. Births after ``as_of`` are not people yet. The vectorised twin is
    :func:`columnar.minors` (same rule, same boundary)."""
    if limit is None or not birth_ymd:
        return False
    cutoff = (as_of.year - limit) * 10000 + as_of.month * 100 + as_of.day
    return cutoff < birth_ymd <= as_of.year * 10000 + as_of.month * 100 + as_of.day


def is_minor(resident_id: str, as_of: date, limit: int | None) -> bool:
    """Whether a valid compact resident ID's holder is under ``limit`` on ``as_of``."""
    born = birth_date(resident_id)
    if born is None:
        return False
    return under_age(born.year * 10000 + born.month * 100 + born.day, as_of, limit)
