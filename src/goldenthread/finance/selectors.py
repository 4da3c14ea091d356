"""Reads of the money in the plan for the pages: costs by year, category and source,
and the personnel cost of staff time allocations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from goldenthread.finance.choices import CostCategory
from goldenthread.finance.models import Allocation, CostLine
from goldenthread.org.models import GradeCost
from goldenthread.plans.models import Cycle, Result

ZERO = Decimal("0")


@dataclass
class CostRow:
    """One line of a cost table: a label and an amount per year of the cycle."""

    key: str
    label: str
    by_year: dict[int, Decimal]
    years: list[int]

    @property
    def cells(self) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in self.years]

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)


@dataclass
class CostTable:
    """Costs by a dimension (category or funding source) and year."""

    years: list[int]
    rows: list[CostRow] = field(default_factory=list)

    @property
    def year_totals(self) -> list[Decimal]:
        return [sum((row.by_year.get(year, ZERO) for row in self.rows), ZERO) for year in self.years]

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)


def _category_table(years: list[int], sums: dict[tuple[int, str], Decimal]) -> CostTable:
    table = CostTable(years=years)
    for category in CostCategory:
        by_year = {year: amount for (year, cat), amount in sums.items() if cat == category.value}
        if by_year:
            table.rows.append(CostRow(category.value, str(category.label), by_year, years))
    return table


def cycle_costs(cycle: Cycle, user: object = None) -> CostTable:
    """The cycle's planned cost lines (those ``user`` sees) by category and year, in one
    grouped query."""
    sums = {
        (year, category): total
        for year, category, total in CostLine.objects.visible_to(user).filter(result__cycle=cycle)
        .values_list("year", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    return _category_table(list(cycle.years), sums)


def _grade_costs(grade_ids: set[int]) -> dict[tuple[int, int], Decimal]:
    return {
        (grade_id, year): cost
        for grade_id, year, cost in GradeCost.objects.filter(grade_id__in=grade_ids).values_list(
            "grade_id", "year", "annual_cost"
        )
    }


def cycle_staff_time_cost(cycle: Cycle, user: object = None) -> dict[int, Decimal]:
    """Personnel cost of the staff time allocated in the cycle (to results ``user`` sees),
    by year: share x the standard cost of each person's grade for that year. Two queries."""
    shares = list(
        Allocation.objects.visible_to(user).filter(result__cycle=cycle)
        .values_list("year", "person__grade_id")
        .annotate(share=Sum("share"))
        .order_by()
    )
    costs = _grade_costs({grade for _, grade, _ in shares if grade is not None})
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for year, grade, share in shares:
        cost = costs.get((grade, year)) if grade is not None else None
        if cost is not None:
            by_year[year] += (share * cost).quantize(Decimal("0.01"))
    return dict(by_year)


@dataclass
class ResultCosts:
    """A result's cost lines, totalled by category and by funding source."""

    by_category: CostTable
    by_source: CostTable
    line_count: int


def result_costs(cycle: Cycle, result: Result) -> ResultCosts:
    """One grouped query: totals by year, category and funding source."""
    rows = list(
        CostLine.objects.filter(result=result)
        .values_list("year", "category", "source__code", "source__name")
        .annotate(total=Sum("amount"))
        .order_by("source__code")
    )
    years = sorted(set(cycle.years) | {year for year, *_ in rows})
    categories: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    sources: dict[str, CostRow] = {}
    for year, category, source_code, source_name, total in rows:
        categories[(year, category)] += total
        row = sources.setdefault(source_code, CostRow(source_code, source_name, {}, years))
        row.by_year[year] = row.by_year.get(year, ZERO) + total
    return ResultCosts(
        by_category=_category_table(years, categories),
        by_source=CostTable(years=years, rows=list(sources.values())),
        line_count=len(rows),
    )


@dataclass
class AllocationLine:
    """A person's share of a year given to the result, and what that time costs."""

    allocation: Allocation
    cost: Decimal | None


def result_allocations(result: Result) -> list[AllocationLine]:
    """The staff time allocated to a result, with personnel cost. Two queries."""
    allocations = list(
        Allocation.objects.filter(result=result)
        .select_related("person", "person__unit", "person__grade")
        .order_by("year", "person__code")
    )
    costs = _grade_costs({a.person.grade_id for a in allocations if a.person.grade_id})
    lines = []
    for allocation in allocations:
        grade = allocation.person.grade_id
        cost = costs.get((grade, allocation.year)) if grade is not None else None
        lines.append(
            AllocationLine(
                allocation, (allocation.share * cost).quantize(Decimal("0.01")) if cost else None
            )
        )
    return lines
