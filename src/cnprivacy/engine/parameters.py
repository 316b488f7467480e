"""Law parameters that other layers need as plain values, read as of a date.

Discovery holds no law: whoever starts a scan reads the parameters here and hands the values
over (``ScanOptions.minor_age``).
"""

from __future__ import annotations

from datetime import date

_INSTRUMENT, _PARAMETER = "pipl", "minor_sensitive_age"


def minor_age_limit(as_of: date) -> int | None:
    """The age a person must be *under* on ``as_of`` for all their PI to be sensitive
    (PIPL art. 28, 不满十四周岁: ``pipl.minor_sensitive_age``, comparison ``lt``, the birthday
    itself excluded). None before the parameter's first date: no such rule yet, nobody is
    flagged. A ``lte`` parameter (N or under) becomes N + 1; other comparisons are refused."""
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
