"""What a report contains (Measures, report content): the first items now, the rest later.

The eight items are numbered as in the Measures' list; our wording. Where cause or impact cannot
be judged within the clock, the first items (``initial_report_items`` in the law data) go with
the initial report and the rest are supplemented as they become known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cnprivacy.law.loader import LawBook
from cnprivacy.records.incident.grading import MEASURES, china_day, citation
from cnprivacy.records.incident.model import Incident

ITEMS: tuple[tuple[int, str, str], ...] = (
    (1, "reporting unit and the affected facility, system or platform",
        "事件单位及受影响的设施、系统、平台"),
    (2, "time of discovery or occurrence, place, type, impact and harm, response taken and its "
        "effect", "发现或发生时间、地点、类型、影响和危害、已采取的措施及效果"),
    (3, "how it may develop and further harm", "事态发展趋势及可能的进一步影响"),
    (4, "preliminary view of the cause", "初步原因分析"),
    (5, "clues for investigation: possible attacker, attack path, vulnerability",
        "调查线索（攻击者、攻击路径、漏洞）"),
    (6, "further measures planned and support requested", "拟采取的措施及请求支援事项"),
    (7, "how the scene is preserved", "现场保护情况"),
    (8, "anything else to report", "其他应当报告的情况"),
)
_RANSOM = ("; ransomware: the ransom demanded, how and by when it is to be paid",
           "；勒索软件攻击的，赎金金额、支付方式和日期")


@dataclass(frozen=True)
class ReportItem:
    number: int
    text: str
    text_zh: str


@dataclass(frozen=True)
class ItemsDue:
    first: tuple[ReportItem, ...]   # go with the initial report
    later: tuple[ReportItem, ...]   # may be supplemented
    sent: tuple[int, ...]           # numbers covered by reports made by as_of
    citation: str
    needs_review: bool

    @property
    def outstanding(self) -> tuple[ReportItem, ...]:
        return tuple(i for i in (*self.first, *self.later) if i.number not in self.sent)


def report_items(incident: Incident, lawbook: LawBook,
                 as_of: dt.datetime | None = None) -> ItemsDue:
    """The items split into first and later, and those already sent by ``as_of``."""
    resolved = lawbook.value(MEASURES, "initial_report_items", china_day(incident.discovered_at))
    first_count = resolved.value if resolved is not None and isinstance(resolved.value, int) else 0
    items = []
    for number, text, text_zh in ITEMS:
        if number == 2 and incident.ransomware:
            text, text_zh = text + _RANSOM[0], text_zh + _RANSOM[1]
        items.append(ReportItem(number, text, text_zh))
    sent = sorted({n for r in incident.reports if as_of is None or r.at <= as_of for n in r.items})
    return ItemsDue(first=tuple(i for i in items if i.number <= first_count),
                    later=tuple(i for i in items if i.number > first_count), sent=tuple(sent),
                    citation=citation(lawbook, MEASURES, "report-content"),
                    needs_review=resolved is None or resolved.needs_review)
