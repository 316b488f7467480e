"""The span of dates cnprivacy accepts in profiles and on the command line.

Wide enough for any record a company keeps and any deadline it plans for; narrow enough that
working-day arithmetic and year arithmetic never reach ``date.max`` (9999-12-31 overflowed).
"""

from __future__ import annotations

from datetime import date

__all__ = ["EARLIEST_DAY", "LATEST_DAY"]

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
