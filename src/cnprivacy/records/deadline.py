"""One thing the company must do by a time: the calendar's entry, whatever record it comes from.

Filings (expiry, renewal windows, refiling), impact assessments (review, keep-until), incidents
(each report's due time) and the register each produce :class:`Deadline` values; the calendar
merges and sorts them and exports iCalendar. Times are timezone-aware: a deadline that falls on a
day carries that day's end in China Standard Time (``day_end``), one that falls at a minute (an
incident's 1-hour report) carries that minute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def day_end(day: dt.date) -> dt.datetime:
    """The last minute of a calendar day in China Standard Time (a day deadline's due time)."""
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=CHINA)


@dataclass(frozen=True)
class Deadline:
    due: dt.datetime          # timezone-aware
    kind: str                 # e.g. "filing_renewal", "incident_initial_report", "pia_review"
    record_kind: str          # the record kind it comes from (records.kinds), e.g. "filing"
    record_id: str
    title: str                # English
    title_zh: str             # Chinese
    citation: str             # instrument, article and official source
    because: tuple[str, ...] = ()
    opens: dt.datetime | None = None  # start of a window (a renewal may be filed from here)
    needs_review: bool = False
    citation_zh: str = ""     # the citation for a Chinese reader (records.bilingual.cite_zh)

    def __post_init__(self) -> None:
        if self.due.tzinfo is None or (self.opens is not None and self.opens.tzinfo is None):
            raise ValueError("deadline times must be timezone-aware")
