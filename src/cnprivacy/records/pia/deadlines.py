"""The calendar's entries from impact assessments: keep-until dates and planned reviews."""

from __future__ import annotations

from collections.abc import Iterable

from cnprivacy.law.loader import LawBook
from cnprivacy.records.bilingual import article_zh, cite_zh
from cnprivacy.records.deadline import CHINA, Deadline, day_end
from cnprivacy.records.pia.citation import PIPL
from cnprivacy.records.pia.models import Pia

RECORD_KIND = "pia"
# GB/T 39335 5.1.1.2 (approval draft) lists a yearly overall assessment and re-assessment on a
# major change of law, business or environment, or after a serious incident; the date itself is
# the organisation's own plan, so it is cited as such.
REVIEW_BASIS = ("GB/T 39335-2020 5.1.1.2 (yearly assessment, re-assessment on major change; "
                "clause read in the approval draft); the date is the organisation's own plan "
                "(next_review_on)")
REVIEW_BASIS_ZH = ("GB/T 39335-2020 5.1.1.2（每年开展总体评估，法律、业务或环境发生重大变化时重新评估；"
                   "依据报批稿条文）；日期为组织自行计划的复核日（next_review_on）")


def _approved_on(pia: Pia) -> str:
    return pia.approved_at.astimezone(CHINA).date().isoformat() if pia.approved_at else "?"


def pia_deadlines(assessments: Iterable[Pia], law: LawBook | None = None) -> list[Deadline]:
    """Keep-until of each approved assessment (PIPL art 56) and each planned review date; with
    ``law``, the keep-until's citation also for a Chinese reader."""
    out: list[Deadline] = []
    keep_zh = cite_zh(law, PIPL, article_zh(law, PIPL, "56")) if law is not None else ""
    for pia in assessments:
        if pia.keeping is not None:
            out.append(Deadline(
                due=day_end(pia.keeping.keep_until), kind="pia_keep_until",
                record_kind=RECORD_KIND, record_id=pia.id,
                title=f"Keep impact assessment {pia.id} ({pia.activity_id}) and its records "
                      f"until at least {pia.keeping.keep_until.isoformat()}",
                title_zh=f"个人信息保护影响评估报告 {pia.id}（{pia.activity_id}）和处理情况记录"
                         f"至少保存至 {pia.keeping.keep_until.isoformat()}",
                citation=pia.keeping.citation, citation_zh=keep_zh,
                because=(f"approved on {_approved_on(pia)} (China Standard Time) + "
                         f"{pia.keeping.years} years",),
                needs_review=pia.keeping.needs_review))
        if pia.next_review_on is not None:
            out.append(Deadline(
                due=day_end(pia.next_review_on), kind="pia_review", record_kind=RECORD_KIND,
                record_id=pia.id,
                title=f"Review impact assessment {pia.id} ({pia.activity_id})",
                title_zh=f"复核个人信息保护影响评估 {pia.id}（{pia.activity_id}）",
                citation=REVIEW_BASIS, citation_zh=REVIEW_BASIS_ZH,
                because=("next_review_on set in the assessment",)))
    return sorted(out, key=lambda d: (d.due, d.kind, d.record_id))
