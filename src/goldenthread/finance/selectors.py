"""Reads of the money in the plan for the pages, the API and the commands.

Costs by year, category and source; the personnel cost of staff time; and, fed to the
pure modules in a fixed handful of bulk queries whatever the size of the plan, the
output costs with their origins, the financial plan, revenue and the funding gap
(``costing``, ``funding``), funding scenarios (``scenarios``) and the workforce
(``workforce``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import (
    BigIntegerField,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Round

from goldenthread.core.compute import gc_paused
from goldenthread.core.periods import Period
from goldenthread.finance import costing, execution, funding, scenarios, workforce
from goldenthread.finance.choices import CostCategory
from goldenthread.finance.costing import (
    SHARE_SCALE,
    WEIGHT_SCALE,
    ZERO,
    CostRow,
    CostTable,
    FinancialPlan,
    FundInfo,
    Label,
    OutputCost,
    PersonInfo,
    PlanInputs,
    ResultInfo,
    UnitInfo,
    personnel_cost,
    to_cents,
)
from goldenthread.finance.funding import FundingGap, RevenueIn, RevenueTable
from goldenthread.finance.models import Allocation, CostLine, Fund, Scenario, Transaction
from goldenthread.finance.scenarios import (
    Envelope,
    ScenarioComparison,
    ScenarioOutput,
    ScenarioResult,
)
from goldenthread.finance.workforce import WorkforceReport
from goldenthread.indicators.models import Actual
from goldenthread.indicators.selectors import scoreboard
from goldenthread.mobilisation.models import Revenue
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person
from goldenthread.plans.models import Cycle, Level, Link, Result


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
            by_year[year] += personnel_cost(share, cost)
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
        lines.append(AllocationLine(
            allocation, personnel_cost(allocation.share, cost) if cost is not None else None
        ))
    return lines


# --------------------------------------------------------------- the whole plan


def scaled(field: str, scale: int) -> Cast:
    """A decimal column as a whole number of its smallest unit, computed by the database so
    that no row builds a ``Decimal``: amounts in cents (100), shares and link weights in
    ten-thousandths (10,000). Exact for every value the column can hold."""
    return Cast(
        Round(ExpressionWrapper(F(field) * Value(scale), output_field=DecimalField())),
        BigIntegerField(),
    )


def fetch_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query read straight from the database cursor.

    Django's per-value converters are skipped (a large plan reads hundreds of thousands of
    rows), so this is only for columns that come back as the Python values wanted:
    integers (``scaled`` turns decimals into integers) and text."""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def people_of(cycle_id: int) -> dict[int, PersonInfo]:
    """The cycle's people by id, in one query."""
    rows = fetch_rows(
        Person.objects.filter(cycle_id=cycle_id)
        .annotate(capacity_e2=scaled("capacity", 100))
        .values_list("id", "code", "name", "unit_id", "grade_id", "capacity_e2", "contract", "remote")
        .order_by()
    )
    return {
        pid: PersonInfo(code, name, unit, grade, Decimal(capacity).scaleb(-2), contract, bool(remote))
        for pid, code, name, unit, grade, capacity, contract, remote in rows
    }


@gc_paused()
def plan_inputs(
    cycle: Cycle, *, results: Collection[int] | None = None, by_source_only: bool = False
) -> PlanInputs:
    """Everything costing needs of a cycle, in ten queries. ``results`` limits the cost
    lines and allocations read to those on these results (the cascade is read whole).
    ``by_source_only`` reads cost lines without their category and description (both
    left empty), which is all a funding scenario needs, and quicker on a large plan."""
    cid = cycle.pk
    level_kind = dict(Level.objects.filter(cycle_id=cid).values_list("id", "kind"))
    result_rows = fetch_rows(Result.objects.filter(cycle_id=cid).values_list(
        "id", "code", "title", "level_id", "unit_id", "priority"
    ).order_by())
    lines = CostLine.objects.filter(result__cycle_id=cid)
    allocations = Allocation.objects.filter(result__cycle_id=cid)
    if results is not None:
        lines = CostLine.objects.filter(result_id__in=list(results))
        allocations = Allocation.objects.filter(result_id__in=list(results))
    return PlanInputs(
        currency=cycle.currency,
        years=list(cycle.years),
        results={
            rid: ResultInfo(code, title, level_kind[level], unit, priority)
            for rid, code, title, level, unit, priority in result_rows
        },
        links=fetch_rows(
            Link.objects.filter(cycle_id=cid)
            .annotate(weight_e4=scaled("weight", WEIGHT_SCALE))
            .values_list("child_id", "parent_id", "weight_e4")
            .order_by()
        ),
        units={
            uid: UnitInfo(code, name, parent, tier)
            for uid, code, name, parent, tier in OrgUnit.objects.filter(cycle_id=cid).values_list(
                "id", "code", "name", "parent_id", "tier"
            )
        },
        funds={
            fid: FundInfo(code, name, regular)
            for fid, code, name, regular in Fund.objects.filter(cycle_id=cid).values_list(
                "id", "code", "name", "is_regular"
            )
        },
        cost_lines=fetch_rows(
            lines.annotate(
                cents=scaled("amount", 100),
                **({"category_": Value(""), "description_": Value("")} if by_source_only else {}),
            ).values_list(
                "result_id", "year", "category_" if by_source_only else "category", "source_id",
                "cents", "description_" if by_source_only else "description",
            ).order_by()
        ),
        allocations=fetch_rows(
            allocations.annotate(share_e4=scaled("share", SHARE_SCALE))
            .values_list("person_id", "result_id", "year", "share_e4")
            .order_by()
        ),
        people=people_of(cid),
        grades=dict(Grade.objects.filter(cycle_id=cid).values_list("id", "code")),
        grade_costs=dict(
            ((grade, year), cents)
            for grade, year, cents in GradeCost.objects.filter(grade__cycle_id=cid)
            .annotate(cents=scaled("annual_cost", 100))
            .values_list("grade_id", "year", "cents")
        ),
    )


@gc_paused()
def output_costs(cycle: Cycle, code: str) -> OutputCost:
    """One output's cost by year, category and source, where every part came from (cost
    lines; allocations with person, grade, share and standard cost) and the outcomes it
    goes to. Raises ``Result.DoesNotExist`` for an unknown code."""
    result = Result.objects.get(cycle=cycle, code=code)
    edges = list(Link.objects.filter(cycle=cycle).values_list("child_id", "parent_id"))
    below: dict[int, list[int]] = defaultdict(list)
    for child, parent in edges:
        below[parent].append(child)
    feeding = {result.pk}
    frontier = [result.pk]
    while frontier:
        for child in below.get(frontier.pop(), ()):
            if child not in feeding:
                feeding.add(child)
                frontier.append(child)
    return costing.output_cost(plan_inputs(cycle, results=feeding), result.pk)


@gc_paused()
def financial_plan(cycle: Cycle) -> FinancialPlan:
    """The cycle's costs by outcome, unit, year, category and funding source."""
    return costing.financial_plan(plan_inputs(cycle))


def _revenue_rows(cycle: Cycle) -> tuple[list[RevenueIn], dict[int, Label]]:
    rows = [
        RevenueIn(stream, year, to_cents(amount), earmark)
        for stream, year, amount, earmark in Revenue.objects.filter(cycle=cycle).values_list(
            "stream", "year", "amount", "earmark_id"
        )
    ]
    labels = {
        rid: Label(code, title)
        for rid, code, title in Result.objects.filter(
            pk__in={r.earmark for r in rows if r.earmark is not None}
        ).values_list("id", "code", "title")
    }
    return rows, labels


def revenue(cycle: Cycle) -> RevenueTable:
    """Expected revenue by stream and year, and what is earmarked to outcomes."""
    rows, labels = _revenue_rows(cycle)
    years = sorted(set(cycle.years) | {r.year for r in rows})
    return funding.revenue_table(years, rows, labels)


@gc_paused()
def funding_gap(cycle: Cycle, plan: FinancialPlan | None = None) -> FundingGap:
    """The funding gap per year and per outcome (``funding`` says how)."""
    rows, labels = _revenue_rows(cycle)
    return funding.funding_gap(plan or financial_plan(cycle), rows, labels)


# -------------------------------------------------------------------- scenarios


@dataclass
class ScenarioBasis:
    """What every scenario of a cycle runs on: its outputs with their costs, and the
    outcomes they serve. Read once, run as many scenarios as needed."""

    cycle: Cycle
    outputs: list[ScenarioOutput]
    outcomes: dict[int, Label]
    regular: str  # the regular budget's fund code
    funds: dict[str, str]  # fund code -> name
    costs: dict[tuple[int, str], int]  # every output's cost by (year, fund code), cents

    def envelopes_from_plan(
        self, scale: Mapping[str, Decimal] | None = None, years: Collection[int] | None = None
    ) -> list[Envelope]:
        return scenarios.envelopes_from_plan(self.costs, self.regular, scale, years)

    @gc_paused()
    def run(
        self, envelopes: Sequence[Envelope], *, rule: str = scenarios.COST,
        scores: Mapping[int, float | None] | None = None, ranks: Mapping[int, int] | None = None,
        code: str = "", name: str = "",
    ) -> ScenarioResult:
        return scenarios.run_scenario(
            self.outputs, envelopes, rule=rule, scores=scores, ranks=ranks,
            outcome_labels=self.outcomes, code=code, name=name, currency=self.cycle.currency,
        )

    def output_id(self, code: str) -> int | None:
        return next((o.id for o in self.outputs if o.code == code), None)


@gc_paused()
def scenario_basis(cycle: Cycle) -> ScenarioBasis:
    """Every output of the cycle with its cost by year and source, in plan_inputs' queries."""
    inputs = plan_inputs(cycle, by_source_only=True)
    found = costing.attribute(inputs)
    fund_code = {fid: f.code for fid, f in inputs.funds.items()}
    by_output: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    year_totals: dict[int, dict[int, int]] = defaultdict(dict)
    costs: dict[tuple[int, str], int] = defaultdict(int)
    (output_ids, years, funds), summed = costing.output_totals(found)
    for output, year, fund, cents in zip(
        output_ids.tolist(), years.tolist(), funds.tolist(), summed.tolist(), strict=True
    ):
        key = (year, fund_code[fund])
        by_output[output][key] = cents
        totals = year_totals[output]
        totals[year] = totals.get(year, 0) + cents
        costs[key] += cents
    outputs = []
    reached: set[int] = set()
    units = inputs.units
    outcomes_of = found.cascade.outcomes_of
    for rid, info in inputs.results.items():
        if info.kind != costing.OUTPUT:
            continue
        reach = outcomes_of(rid)
        reached.update(reach.targets)
        outputs.append(ScenarioOutput(
            id=rid, code=info.code, title=info.title, priority=info.priority,
            unit=units[info.unit].code, cost=by_output.get(rid, {}), outcomes=reach,
            by_year=year_totals.get(rid, {}),
        ))
    outputs.sort(key=lambda o: o.code)
    return ScenarioBasis(
        cycle=cycle, outputs=outputs,
        outcomes=costing.costed_outcomes(inputs, reached),
        regular=fund_code[inputs.regular_fund],
        funds={f.code: f.name for f in inputs.funds.values()},
        costs=dict(costs),
    )


def output_scores(cycle: Cycle) -> dict[int, float | None]:
    """Each result's score (0-100, None with no data) for the latest year with reported
    actuals: what the ``score`` rule of a scenario orders outputs by. Empty when nothing
    is reported yet."""
    latest = Actual.objects.filter(indicator__cycle=cycle).aggregate(year=Max("year"))["year"]
    if latest is None:
        return {}
    board = scoreboard(cycle, Period(min(latest, cycle.end_year), 0))
    return {rid: r.score for rid, r in board.results.items()}


def scenario_list(cycle: Cycle) -> list[Scenario]:
    return list(Scenario.objects.filter(cycle=cycle).order_by("code"))


def scenario_envelopes(scenario: Scenario) -> list[Envelope]:
    return [
        Envelope(year, source, amount)
        for year, source, amount in scenario.envelopes.order_by("year", "source__code").values_list(
            "year", "source__code", "amount"
        )
    ]


def scenario_ranks(scenario: Scenario) -> dict[int, int]:
    return dict(scenario.ranks.values_list("result_id", "rank"))


def scenario_run(
    scenario: Scenario, basis: ScenarioBasis | None = None,
    scores: Mapping[int, float | None] | None = None,
) -> ScenarioResult:
    """Run a saved scenario on the plan as it stands now."""
    basis = basis or scenario_basis(scenario.cycle)
    return basis.run(
        scenario_envelopes(scenario), rule=scenario.rule, scores=scores,
        ranks=scenario_ranks(scenario), code=scenario.code, name=scenario.name,
    )


def scenario_compare(
    a: Scenario, b: Scenario, scores: Mapping[int, float | None] | None = None
) -> ScenarioComparison:
    """Two saved scenarios of one cycle side by side."""
    if a.cycle_id != b.cycle_id:
        raise ValueError("compare two scenarios of the same cycle")
    basis = scenario_basis(a.cycle)
    return scenarios.compare(scenario_run(a, basis, scores), scenario_run(b, basis, scores))


# -------------------------------------------------------------------- workforce


@gc_paused()
def workforce_report(cycle: Cycle) -> WorkforceReport:
    """Allocated against available FTE per person, unit and year; over-allocation; demand
    by grade; the flexible workforce. Six queries."""
    cid = cycle.pk
    people = people_of(cid)
    allocations = fetch_rows(
        Allocation.objects.filter(person__cycle_id=cid)
        .annotate(share_e4=scaled("share", SHARE_SCALE))
        .values_list("person_id", "result_id", "year", "share_e4")
        .order_by()
    )
    units = {
        uid: UnitInfo(code, name, parent, tier)
        for uid, code, name, parent, tier in OrgUnit.objects.filter(cycle_id=cid).values_list(
            "id", "code", "name", "parent_id", "tier"
        )
    }
    grade_costs = {
        (grade, year): cents
        for grade, year, cents in GradeCost.objects.filter(grade__cycle_id=cid)
        .annotate(cents=scaled("annual_cost", 100))
        .values_list("grade_id", "year", "cents")
    }
    contractual = dict(
        CostLine.objects.filter(result__cycle_id=cid, category=CostCategory.CONSULTANTS_CONTRACTUAL)
        .values_list("year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return workforce.workforce(
        list(cycle.years), people, allocations, units,
        dict(Grade.objects.filter(cycle_id=cid).values_list("id", "code")), grade_costs,
        {year: to_cents(total) for year, total in contractual.items()},
    )


# ------------------------------------------------------------------ budget execution


def budget_execution(
    cycle: Cycle, year: int, quarter: int, unit_ids: Collection[int] | None = None,
    user: object = None,
) -> execution.Execution:
    """Planned (cost lines of ``year``) against spent (the ledger from 1 January to the end
    of ``quarter``) by output, unit and category: ``finance.execution.execution``. Limited
    to results and transactions of ``unit_ids`` when given, and to what ``user`` sees.
    Two queries, grouped in the database."""
    ex = execution
    lines = CostLine.objects.visible_to(user).filter(result__cycle=cycle, year=year)
    spent = Transaction.objects.visible_to(user).filter(
        cycle=cycle, date__gte=dt.date(year, 1, 1), date__lte=quarter_end(year, quarter),
    )
    if unit_ids is not None:
        lines = lines.filter(result__unit_id__in=list(unit_ids))
        spent = spent.filter(unit_id__in=list(unit_ids))
    planned_rows = (
        lines.values_list("result__code", "result__title", "result__unit__code", "category")
        .annotate(total=Sum("amount")).order_by()
    )
    spent_rows = (
        spent.values_list("output__code", "output__title", "unit__code", "category")
        .annotate(total=Sum("amount")).order_by()
    )
    labels: dict[str, str] = {}
    planned = []
    for code, title, unit, category, total in planned_rows:
        labels[code] = title
        planned.append(ex.Planned(code, unit, category, ex.cents(total)))
    actual = []
    for code, title, unit, category, total in spent_rows:
        if code:
            labels[code] = title
        actual.append(ex.Spent(code or "", unit, category, ex.cents(total)))
    return ex.execution(
        year, quarter, planned, actual, labels=labels,
        category_labels={c.value: str(c.label) for c in CostCategory},
    )


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
