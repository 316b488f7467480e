"""Cross-border deadlines: filings in working days, validities in years and months.

Working-day periods use China's official calendar (the start day is not counted). Periods in
years and months follow Civil Code art. 201 and 202: the start day is not counted and the period
ends on the corresponding day of the last month (the month's last day when there is none).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cnprivacy.law.workdays import Deadline


def add_months(day: date, months: int) -> date:
    """Civil Code periods: the corresponding day ``months`` later (month end when it lacks one)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


class DeadlineKind(StrEnum):
    """What a deadline is for; the value is the ``kind`` the JSON output shows."""

    SC_FILING = "sc_filing"
    GBA_FILING = "gba_filing"
    IMPORTANT_DATA_DECLARATION = "important_data_declaration"
    ASSESSMENT_EXTENSION = "assessment_extension"
    CERTIFICATION_RENEWAL = "certification_renewal"
    ASSESSMENT_REDECLARATION = "assessment_redeclaration"  # Decree 11 art 14 ¶2, before 2024-03-22


# Filings come first when choosing the one ``deadline`` a transfer shows.
FILING_KINDS = frozenset({DeadlineKind.SC_FILING, DeadlineKind.GBA_FILING,
                          DeadlineKind.IMPORTANT_DATA_DECLARATION})


@dataclass(frozen=True)
class Due:
    """Something the organization must do by a date, for one transfer."""

    kind: DeadlineKind
    transfer: str
    day: date
    opens: date | None  # start of a window (assessment extension), if any
    estimated: bool
    what: str
    citation: str

    @classmethod
    def of(cls, kind: DeadlineKind, transfer: str, deadline: Deadline | date, what: str, citation: str,
           opens: Deadline | date | None = None) -> Due:
        if isinstance(deadline, date):
            deadline = Deadline(deadline)
        estimated = deadline.estimated
        opens_day: date | None = None
        if isinstance(opens, Deadline):
            estimated = estimated or opens.estimated
            opens_day = opens.day
        elif isinstance(opens, date):
            opens_day = opens
        return cls(kind, transfer, deadline.day, opens_day, estimated, what, citation)

    def to_dict(self, as_of: date) -> dict[str, object]:
        return {
            "kind": self.kind.value, "transfer": self.transfer, "due": self.day.isoformat(),
            "opens": self.opens.isoformat() if self.opens else None,
            "overdue": self.day < as_of, "estimated": self.estimated,
            "what": self.what, "citation": self.citation,
        }


def deadline_for(due: Sequence[Due], as_of: date) -> date | None:
    """The one date a transfer shows: a filing first, else the next renewal or extension."""
    filings = [d for d in due if d.kind in FILING_KINDS]
    if filings:
        return min(d.day for d in filings)
    upcoming = [d.day for d in due if d.day >= as_of]
    if upcoming:
        return min(upcoming)
    return min((d.day for d in due), default=None)
