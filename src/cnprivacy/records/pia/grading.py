"""The GB/T 39335 grading of an assessment: impact with modifiers, likelihood, the risk matrix.

Pure functions over an assessment's judgements and the law data (the standard's matrix and
numbers, dated, with their sources). A grade built on a judgement nobody confirmed, or on a
matrix cell the law data marks ``needs_review``, carries ``needs_review``; a grade that cannot
be made because a judgement is missing is ``None``, never a guess.

Two readings are ours, not the standard's words, and are said so in the trace: the modifiers
add up (two raises lift a grade two levels) within 低..严重, and the likelihood of the activity
is the highest of its four areas before a documented lowering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cnprivacy.law.loader import LawBook
from cnprivacy.records.pia.citation import STANDARD, cite, cite_for_zh
from cnprivacy.records.pia.levels import KEY, ImpactLevel, LikelihoodLevel, highest, shift
from cnprivacy.records.pia.models import DIMENSIONS, FACTORS, Pia


@dataclass(frozen=True)
class DimensionGrade:
    dimension: str
    base: ImpactLevel | None
    impact: ImpactLevel | None  # after modifiers
    risk: ImpactLevel | None
    because: tuple[str, ...]
    needs_review: bool


@dataclass(frozen=True)
class Grading:
    dimensions: tuple[DimensionGrade, ...]
    likelihood: LikelihoodLevel | None
    likelihood_because: tuple[str, ...]
    risk: ImpactLevel | None  # the highest of the dimensions' risks
    needs_review: bool
    citations: tuple[str, ...]
    citations_zh: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (levels as the standard's words)."""
        def word(level: ImpactLevel | LikelihoodLevel | None) -> str | None:
            return None if level is None else level.value

        return {"dimensions": [{"dimension": d.dimension, "base": word(d.base),
                                "impact": word(d.impact), "risk": word(d.risk),
                                "because": list(d.because), "needs_review": d.needs_review}
                               for d in self.dimensions],
                "likelihood": word(self.likelihood),
                "likelihood_because": list(self.likelihood_because), "risk": word(self.risk),
                "needs_review": self.needs_review, "citations": list(self.citations),
                "citations_zh": list(self.citations_zh)}


def matrix_cell(law: LawBook, impact: ImpactLevel, likelihood: LikelihoodLevel,
                day: date) -> tuple[ImpactLevel, bool] | None:
    """The risk level of one cell of the standard's matrix (Table D.5) from the law data, and
    whether it awaits review; None on a day before the standard applies."""
    name = f"risk_{KEY[impact]}_impact_{KEY[likelihood]}_likelihood"
    resolved = law.value(STANDARD, name, day)
    if resolved is None or not isinstance(resolved.value, str):
        return None
    return ImpactLevel(resolved.value), resolved.needs_review


def _modifier_steps(pia: Pia) -> tuple[int, list[str], bool]:
    steps, because, review = 0, [], False
    for name, step, words in (("sensitive_at_scale", 1, "typical sensitive PI at scale: +1"),
                              ("vulnerable_groups", 1, "vulnerable groups: +1"),
                              ("deidentified", -1, "verified de-identification: -1")):
        j = getattr(pia.modifiers, name)
        if j.value:
            steps += step
            because.append(f"{words} ({j.reason or 'no reason written'})"
                           + ("" if j.confirmed else " [not confirmed]"))
            review = review or j.needs_review
        elif j.value is None:
            review = True
    return steps, because, review


def overall_likelihood(pia: Pia) -> tuple[LikelihoodLevel | None, list[str], bool]:
    """The highest of the four areas, lowered one level when the lowering is given."""
    factors = [(f, getattr(pia.likelihood, f)) for f in FACTORS]
    missing = [f for f, j in factors if j.value is None]
    if missing:
        return None, [f"likelihood.{f} not given" for f in missing], True
    level = highest([j.value for _, j in factors])
    because = [f"highest of the four areas: {level.value} ("
               + ", ".join(f"{f} {j.value.value}" for f, j in factors) + ")"]
    review = any(j.needs_review for _, j in factors)
    lowered = pia.likelihood_lowered
    if lowered.value:
        level = shift(level, -1)
        because.append(f"lowered one level to {level.value}: {lowered.reason or 'no reason written'}"
                       + ("" if lowered.confirmed else " [not confirmed]"))
    review = review or lowered.needs_review
    return level, because, review


def grade(pia: Pia, law: LawBook) -> Grading:
    day = pia.assessed_on
    steps, mod_because, mod_review = _modifier_steps(pia)
    likelihood, like_because, like_review = overall_likelihood(pia)
    dims = []
    for name in DIMENSIONS:
        j = getattr(pia.impact, name)
        base: ImpactLevel | None = j.value
        if base is None:
            dims.append(DimensionGrade(name, None, None, None, (f"impact.{name} not given",), True))
            continue
        impact = shift(base, steps)
        because = [f"base {base.value}", *mod_because]
        if impact is not base:
            because.append(f"after modifiers {impact.value}")
        review = j.needs_review or mod_review or like_review
        risk = None
        cell = None if likelihood is None else matrix_cell(law, impact, likelihood, day)
        if likelihood is not None and cell is None:
            because.append(f"no risk matrix in the law data on {day.isoformat()}")
            review = True
        elif cell is not None and likelihood is not None:
            risk, cell_review = cell
            because.append(f"matrix: impact {impact.value} x likelihood {likelihood.value} "
                           f"-> risk {risk.value}")
            review = review or cell_review
        dims.append(DimensionGrade(name, base, impact, risk, tuple(because), review))
    risks = [d.risk for d in dims]
    overall = None if any(r is None for r in risks) else highest([r for r in risks if r])
    clauses = ("D.1", "D.2", "D.3")
    return Grading(tuple(dims), likelihood, tuple(like_because), overall,
                   any(d.needs_review for d in dims) or like_review,
                   tuple(cite(law, STANDARD, c) for c in clauses),
                   tuple(cite_for_zh(law, STANDARD, c) for c in clauses))
