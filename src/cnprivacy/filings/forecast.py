"""This year's people exported and a three-year forecast, with the method written out; and the
extension's growth test (≤ 20 % over the three years approved).

The method is deliberately plain, so that a reviewer can redo it by hand:

1. base: this year's de-duplicated count so far, annualised linearly by the days elapsed
   (a count on 31 December is the year's count as it is);
2. growth: the compound annual growth rate between the first and the last *full* year in the
   ledger's history, when it holds at least two; otherwise no growth is assumed, and the
   method says so;
3. year i of the next three: base × (1 + growth)^i, rounded to whole people.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class Forecast:
    this_year: int
    base: int
    growth: Fraction | None
    years: tuple[tuple[int, int], ...]  # (year, people)
    method: str

    @property
    def total(self) -> int:
        return sum(people for _, people in self.years)


def forecast(this_year: int, day: date, history: Mapping[int, int],
             counted: str = "按自然人去重") -> Forecast:
    """``counted`` says how ``this_year`` was counted (the ledger de-duplicates; a profile's
    per-transfer sums do not), so the method never claims more than the count is."""
    days_in_year = 366 if _calendar.isleap(day.year) else 365
    elapsed = day.timetuple().tm_yday
    base = round(Fraction(this_year * days_in_year, elapsed))
    full = sorted((y, n) for y, n in history.items() if y < day.year and n > 0)
    growth: Fraction | None = None
    if len(full) >= 2:
        (first_year, first), (last_year, last) = full[0], full[-1]
        span = last_year - first_year
        rate = (last / first) ** (1 / span) - 1
        growth = Fraction(rate).limit_denominator(10_000)
        how = (f"增长率取台账中{first_year}年（{first}人）至{last_year}年（{last}人）的年均复合增长率"
               f"{float(growth) * 100:.2f}%")
    else:
        how = "台账中完整年度少于两个，不假设增长（增长率按0计）"
    years = tuple((day.year + i, round(base * (1 + (growth or 0)) ** i)) for i in (1, 2, 3))
    method = (f"基数：本年度截至{day.isoformat()}已出境{this_year}人（{counted}），按已过天数"
              f"{elapsed}/{days_in_year}线性折算全年为{base}人；{how}；未来第i年＝基数×（1＋增长率）^i，"
              "四舍五入取整。")
    return Forecast(this_year, base, growth, years, method)


@dataclass(frozen=True)
class GrowthTest:
    approved: int
    expected: int
    limit_percent: int
    growth_percent: Fraction
    passed: bool

    def describe(self) -> str:
        return (f"未来三年预计出境{self.expected}人，较批准的三年{self.approved}人增长"
                f"{float(self.growth_percent):.2f}%（上限{self.limit_percent}%，含本数）："
                + ("符合" if self.passed else "不符合") + "延期条件")


def growth_test(approved: int, expected: int, limit_percent: int) -> GrowthTest:
    """Growth of ``expected`` over ``approved`` people, passing at ``limit_percent`` or less."""
    if approved <= 0:
        raise ValueError("the approved number of people must be positive")
    growth = Fraction(expected - approved, approved) * 100
    return GrowthTest(approved, expected, limit_percent, growth, growth <= limit_percent)
