"""The masking shape most types share: keep both ends of a value, hide the middle."""

from __future__ import annotations


def keep_ends(value: str, head: int, tail: int) -> str:
    """``value`` with all but its first ``head`` and last ``tail`` characters hidden; a value
    too short to keep both ends keeps at most a quarter of itself."""
    n = len(value)
    if n <= head + tail:
        keep = n // 4
        return value[:keep] + "*" * (n - keep)
    return value[:head] + "*" * (n - head - tail) + (value[n - tail:] if tail else "")
