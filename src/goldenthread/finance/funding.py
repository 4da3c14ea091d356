"""Revenue and the funding gap, over plain numbers (no ORM; see docs/finance.md).

The gap of a year is what the plan costs that year less the revenue expected that
year (positive: money is missing; negative: a surplus). Per outcome, revenue is
applied in two steps:

1. voluntary contributions *earmarked* to an outcome cover that outcome's cost only;
2. all other revenue (the unearmarked pool) covers what the earmarks leave uncovered
   (the outcome's *need*), in proportion to each outcome's need, exactly to the cent.
   When the pool is larger than every need together, each need is covered in full and
   the rest is reported as *unassigned* revenue.

The gap of an outcome is its cost less its earmarks less its share of the pool. The
costs the plan could not carry to an outcome form one more row, "Unattributed", which
takes its share of the pool like an outcome. So, every year, the gaps of the rows less
the unassigned revenue add up to the gap of the year, to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from goldenthread.finance.costing import (
    UNATTRIBUTED,
    ZERO,
    CostRow,
    CostTable,
    FinancialPlan,
    Label,
    money,
    split_cents,
)
from goldenthread.mobilisation.choices import RevenueStream


class RevenueIn(NamedTuple):
    stream: str
    year: int
    cents: int
    earmark: int | None  # the outcome a voluntary contribution is earmarked to


@dataclass(frozen=True)
class EarmarkRow:
    """Revenue earmarked to one outcome, by year."""

    outcome: str
    title: str
    stream: str
    by_year: dict[int, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)


@dataclass
class RevenueTable:
    """Expected revenue by stream and year, and the part earmarked to outcomes."""

    years: list[int]
    streams: CostTable
    earmarked: list[EarmarkRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.streams.total


@dataclass(frozen=True)
class YearGap:
    """A year's cost against its revenue."""

    year: int
    cost: Decimal
    revenue: Decimal
    earmarked: Decimal
    unassigned: Decimal  # unearmarked revenue left over once every need is covered

    @property
    def gap(self) -> Decimal:
        return self.cost - self.revenue


@dataclass(frozen=True)
class OutcomeGapYear:
    """One outcome in one year: its cost, what covers it, and what is missing."""

    cost: Decimal
    earmarked: Decimal
    pooled: Decimal  # its share of the unearmarked revenue

    @property
    def gap(self) -> Decimal:
        return self.cost - self.earmarked - self.pooled


@dataclass
class OutcomeGap:
    """An outcome's funding gap by year (the unattributed row has no code)."""

    code: str
    title: str
    years: dict[int, OutcomeGapYear]

    def _sum(self, name: str) -> Decimal:
        return sum((getattr(y, name) for y in self.years.values()), ZERO)

    @property
    def cost(self) -> Decimal:
        return self._sum("cost")

    @property
    def earmarked(self) -> Decimal:
        return self._sum("earmarked")

    @property
    def pooled(self) -> Decimal:
        return self._sum("pooled")

    @property
    def gap(self) -> Decimal:
        return self._sum("gap")


@dataclass
class FundingGap:
    """The gap by year and by outcome, with the revenue it is measured against."""

    currency: str
    years: list[int]
    by_year: list[YearGap]
    by_outcome: list[OutcomeGap]
    revenue: RevenueTable

    @property
    def cost(self) -> Decimal:
        return sum((y.cost for y in self.by_year), ZERO)

    @property
    def total_revenue(self) -> Decimal:
        return sum((y.revenue for y in self.by_year), ZERO)

    @property
    def gap(self) -> Decimal:
        return sum((y.gap for y in self.by_year), ZERO)


def revenue_table(
    years: Sequence[int], revenue: Sequence[RevenueIn], labels: Mapping[int, Label]
) -> RevenueTable:
    """Revenue by stream (in the vocabulary's order) and the earmarked part by outcome."""
    sums: dict[tuple[str, int], int] = defaultdict(int)
    earmarks: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in revenue:
        sums[(row.stream, row.year)] += row.cents
        if row.earmark is not None:
            earmarks[(row.earmark, row.stream)][row.year] += row.cents
    table = CostTable(years=list(years))
    for stream in RevenueStream:
        by_year = {y: money(c) for (s, y), c in sorted(sums.items()) if s == stream.value}
        if by_year:
            table.rows.append(CostRow(stream.value, str(stream.label), by_year, list(years)))
    earmarked = sorted(
        (
            EarmarkRow(labels[outcome].code, labels[outcome].name, stream,
                       {y: money(c) for y, c in sorted(by_year.items())})
            for (outcome, stream), by_year in earmarks.items()
        ),
        key=lambda e: (e.outcome, e.stream),
    )
    return RevenueTable(years=list(years), streams=table, earmarked=earmarked)


def funding_gap(
    plan: FinancialPlan, revenue: Sequence[RevenueIn], labels: Mapping[int, Label] | None = None
) -> FundingGap:
    """The funding gap of a financial plan against expected revenue (rule above).

    ``labels`` names outcomes that revenue is earmarked to (the plan's own outcomes are
    known already)."""
    names: dict[int | None, Label] = {None: UNATTRIBUTED}
    names.update((labels or {}).items())
    names.update(plan.outcomes.items())
    years = list(plan.years)
    cost: dict[int, dict[int | None, int]] = {y: defaultdict(int) for y in years}
    for (outcome, _unit, year, _category, _fund), cents in plan.cells.items():
        cost.setdefault(year, defaultdict(int))[outcome] += cents
    income: dict[int, int] = defaultdict(int)
    earmarked: dict[int, dict[int | None, int]] = {y: defaultdict(int) for y in years}
    for row in revenue:
        income[row.year] += row.cents
        if row.earmark is not None:
            earmarked.setdefault(row.year, defaultdict(int))[row.earmark] += row.cents
    every_year = sorted(set(years) | set(cost) | set(income))

    keys: set[int | None] = set(plan.outcomes)
    for year in every_year:
        keys.update(k for k, c in cost.get(year, {}).items() if c)
        keys.update(earmarked.get(year, {}))
    order = sorted(keys, key=lambda k: (k is None, names[k].code if k in names else "", k or 0))

    rows = {key: OutcomeGap(names[key].code, names[key].name, {}) for key in order}
    by_year = []
    for year in every_year:
        costs = cost.get(year, {})
        marks = earmarked.get(year, {})
        needs = [max(costs.get(k, 0) - marks.get(k, 0), 0) for k in order]
        pool = income.get(year, 0) - sum(marks.values())
        total_need = sum(needs)
        if total_need == 0:
            pooled, unassigned = [0] * len(order), pool
        elif pool >= total_need:
            pooled, unassigned = needs, pool - total_need
        else:
            pooled, unassigned = split_cents(pool, needs), 0
        for key, share in zip(order, pooled, strict=True):
            rows[key].years[year] = OutcomeGapYear(
                money(costs.get(key, 0)), money(marks.get(key, 0)), money(share)
            )
        by_year.append(YearGap(
            year=year, cost=money(sum(costs.values())), revenue=money(income.get(year, 0)),
            earmarked=money(sum(marks.values())), unassigned=money(unassigned),
        ))
    return FundingGap(
        currency=plan.currency, years=every_year, by_year=by_year,
        by_outcome=[rows[key] for key in order],
        revenue=revenue_table(every_year, revenue, {k: v for k, v in names.items() if k is not None}),
    )
