"""Law parameters that other layers need as plain values, read as of a date.

Discovery holds no law: whoever starts a scan reads the parameters here and hands the values
over (``ScanOptions.minor_age`` and ``ScanOptions.adult_age``).
"""

from __future__ import annotations

from datetime import date


def minor_age_limit(as_of: date) -> int | None:
    """The age a person must be *under* on ``as_of`` for all their PI to be sensitive
    (PIPL art. 28, 不满十四周岁: ``pipl.minor_sensitive_age``, comparison ``lt``, the birthday
    itself excluded). None before the parameter's first date: no such rule yet, nobody is
    flagged. A ``lte`` parameter (N or under) becomes N + 1; other comparisons are refused."""
    return _age_limit("pipl", "minor_sensitive_age", as_of)


def adult_age_limit(as_of: date) -> int | None:
    """The age a person must be *under* on ``as_of`` to be a minor (未成年人: Law on the
    Protection of Minors art. 2, 未满十八周岁: ``minors_protection_law.minor_age``, comparison
    ``lt``). The yearly minors' PI audit counts these people beside the children under 14."""
    return _age_limit("minors_protection_law", "minor_age", as_of)


def _age_limit(instrument: str, parameter: str, as_of: date) -> int | None:
    """A dated age parameter as the age one must be under (None before its first date)."""
    from cnprivacy.law import load_lawbook

    resolved = load_lawbook().value(instrument, parameter, as_of)
    if resolved is None or resolved.value is None:
        return None
    value = resolved.value
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{instrument}.{parameter} is not a whole number of years: {value!r}")
    comparison = resolved.parameter.comparison
    if comparison == "lt":
        return value
    if comparison == "lte":
        return value + 1
    raise ValueError(f"{instrument}.{parameter}: comparison {comparison!r} is not an age limit")
