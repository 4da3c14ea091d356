"""The finance reports as JSON-ready data and as terminal tables (no ORM).

The commands print these; a page or the API can return the same JSON. Amounts are
decimal strings with two places, FTE decimal strings, years string keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from goldenthread.finance.costing import ZERO, CostTable, FinancialPlan, OutputCost
from goldenthread.finance.funding import FundingGap, RevenueTable
from goldenthread.finance.scenarios import WONT, ScenarioComparison, ScenarioResult
from goldenthread.finance.workforce import WorkforceReport


def amount(value: Decimal) -> str:
    return f"{value:.2f}"


def fte(value: Decimal) -> str:
    return f"{value:.2f}"


def _years(values: Mapping[int, Decimal], years: Sequence[int], show: Any = amount) -> dict[str, str]:
    return {str(y): show(values.get(y, ZERO)) for y in years}


def _portion(value: Fraction) -> str:
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------------ JSON


def table_json(table: CostTable) -> list[dict[str, Any]]:
    """A cost table as a list of objects: code, name, amount by year, total."""
    return [
        {"code": row.key, "name": row.label, "by_year": _years(row.by_year, table.years),
         "total": amount(row.total)}
        for row in table.rows
    ]


def plan_json(plan: FinancialPlan, by: str, year: int | None = None) -> list[dict[str, Any]]:
    return table_json(plan.table(by, year))


def output_cost_json(cost: OutputCost) -> dict[str, Any]:
    return {
        "code": cost.code, "title": cost.title, "unit": cost.unit, "priority": cost.priority,
        "total": amount(cost.total),
        "by_year": _years(cost.by_year, cost.years),
        "by_category": {k: amount(v) for k, v in sorted(cost.by_category.items())},
        "by_source": {k: amount(v) for k, v in sorted(cost.by_source.items())},
        "outcomes": [{"code": c, "title": t, "portion": _portion(p)} for c, t, p in cost.outcomes],
        "origins": [
            {
                "kind": o.kind, "result": o.result, "year": o.year, "category": o.category,
                "source": o.source, "amount": amount(o.amount), "item_amount": amount(o.item_amount),
                "portion": _portion(o.portion),
                **({"description": o.description} if o.description else {}),
                **({"person": o.person, "person_name": o.person_name, "grade": o.grade,
                    "share": str(o.share), "standard_cost": amount(o.standard_cost or ZERO)}
                   if o.kind == "allocation" else {}),
            }
            for o in cost.origins
        ],
    }


def gap_json(gap: FundingGap) -> dict[str, Any]:
    years = gap.years
    return {
        "currency": gap.currency,
        "years": years,
        "by_year": [
            {"year": y.year, "cost": amount(y.cost), "revenue": amount(y.revenue),
             "earmarked": amount(y.earmarked), "unassigned": amount(y.unassigned),
             "gap": amount(y.gap)}
            for y in gap.by_year
        ],
        "by_outcome": [
            {"code": o.code, "title": o.title, "cost": amount(o.cost),
             "earmarked": amount(o.earmarked), "pooled": amount(o.pooled), "gap": amount(o.gap),
             "by_year": {
                 str(y): {"cost": amount(v.cost), "earmarked": amount(v.earmarked),
                          "pooled": amount(v.pooled), "gap": amount(v.gap)}
                 for y, v in sorted(o.years.items())
             }}
            for o in gap.by_outcome
        ],
        "revenue": {
            "streams": table_json(gap.revenue.streams),
            "earmarked": earmarks_json(gap.revenue),
        },
    }


def earmarks_json(revenue: RevenueTable) -> list[dict[str, Any]]:
    return [
        {"outcome": e.outcome, "title": e.title, "stream": e.stream,
         "by_year": _years(e.by_year, revenue.years), "total": amount(e.total)}
        for e in revenue.earmarked
    ]


def scenario_json(result: ScenarioResult) -> dict[str, Any]:
    def decision(d: Any) -> dict[str, Any]:
        row = {"code": d.code, "title": d.title, "priority": d.priority, "unit": d.unit,
               "cost": amount(d.cost), "by_year": _years(d.by_year, result.years),
               "funded": d.funded, "reason": d.reason, "order": d.order}
        if d.score is not None:
            row["score"] = d.score
        if d.rank is not None:
            row["rank"] = d.rank
        return row

    return {
        "code": result.code, "name": result.name, "rule": result.rule,
        "currency": result.currency, "years": result.years, "notes": result.notes,
        "envelopes": [
            {"year": e.year, "source": e.source, "amount": amount(e.amount), "used": amount(e.used),
             "left": amount(e.left)}
            for e in result.envelopes
        ],
        "totals": {"funded": amount(result.funded_cost), "unfunded": amount(result.unfunded_cost),
                   "wont": amount(result.wont_cost)},
        "funded": [decision(d) for d in result.funded],
        "unfunded": [decision(d) for d in result.unfunded],
        "outcomes": [
            {"code": o.code, "title": o.title, "funded": amount(o.funded), "gap": amount(o.gap),
             "outputs": o.outputs, "funded_outputs": o.funded_outputs}
            for o in result.outcomes
        ],
        "outcomes_without_funded_output": [o.code for o in result.outcomes_without_funded_output],
    }


def comparison_json(comparison: ScenarioComparison) -> dict[str, Any]:
    a, b = comparison.a, comparison.b
    return {
        "a": {"code": a.code, "name": a.name, "rule": a.rule, "funded": amount(a.funded_cost),
              "unfunded": amount(a.unfunded_cost), "funded_outputs": len(a.funded),
              "outcomes_without_funded_output": [o.code for o in a.outcomes_without_funded_output]},
        "b": {"code": b.code, "name": b.name, "rule": b.rule, "funded": amount(b.funded_cost),
              "unfunded": amount(b.unfunded_cost), "funded_outputs": len(b.funded),
              "outcomes_without_funded_output": [o.code for o in b.outcomes_without_funded_output]},
        "changed": [
            {"code": o.code, "title": o.title, "priority": o.priority, "cost_a": amount(o.cost_a),
             "cost_b": amount(o.cost_b), "change": o.change}
            for o in comparison.changed
        ],
        "outcomes": [
            {"code": o.code, "title": o.title, "gap_a": amount(o.gap_a), "gap_b": amount(o.gap_b),
             "difference": amount(o.difference), "no_funded_output_a": o.unfunded_a,
             "no_funded_output_b": o.unfunded_b}
            for o in comparison.outcomes
        ],
    }


def workforce_json(report: WorkforceReport, *, all_people: bool = False) -> dict[str, Any]:
    years = report.years
    people = report.people if all_people else report.over_allocated
    return {
        "years": years,
        "people": [
            {"code": p.code, "name": p.name, "unit": p.unit, "grade": p.grade,
             "contract": p.contract, "remote": p.remote, "capacity": fte(p.capacity),
             "allocated": _years(p.allocated, years, fte),
             "over": {str(y): fte(v) for y, v in sorted(p.over.items())},
             "over_allocated": p.over_allocated}
            for p in people
        ],
        "units": [
            {"code": u.code, "name": u.name, "tier": u.tier, "parent": u.parent,
             "headcount": u.headcount, "available": fte(u.available),
             "allocated": _years(u.allocated, years, fte),
             "over_allocated": {str(y): u.over_allocated.get(y, 0) for y in years}}
            for u in report.units
        ],
        "grades": [
            {"grade": g.grade, "headcount": g.headcount, "available": fte(g.available),
             "allocated": _years(g.allocated, years, fte), "cost": _years(g.cost, years)}
            for g in report.grades
        ],
        "flexible": [
            {"group": g.group, "headcount": g.headcount, "available": fte(g.available),
             "allocated": _years(g.allocated, years, fte), "cost": _years(g.cost, years),
             "uncosted_allocations": g.uncosted}
            for g in report.flexible
        ],
        "contractual_services": _years(report.contractual, years),
        "flexible_share": {
            str(y): (None if (s := report.flexible_share(y)) is None else round(s, 4)) for y in years
        },
    }


# ---------------------------------------------------------------------- tables


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _table(
    title: str, columns: Iterable[str], numeric_from: int = 1, left: Iterable[int] = ()
) -> Table:
    """A table whose columns from ``numeric_from`` on are right-aligned, but ``left``."""
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", show_footer=False)
    keep_left = set(left)
    for i, column in enumerate(columns):
        right = i >= numeric_from and i not in keep_left
        table.add_column(column, justify="right" if right else "left")
    return table


def _first_reason(reason: str) -> str:
    """The first of several reasons, with how many more there are."""
    parts = reason.split("; ")
    return parts[0] + (f" (and {len(parts) - 1} more)" if len(parts) > 1 else "")


def print_cost_table(console: Console, title: str, table: CostTable, currency: str) -> None:
    grid = _table(f"{title} ({currency})", ["code", "name", *map(str, table.years), "total"], 2)
    for row in table.rows:
        grid.add_row(row.key or "—", row.label, *map(money, row.cells), money(row.total))
    grid.add_section()
    grid.add_row("", "Total", *map(money, table.year_totals), money(table.total), style="bold")
    console.print(grid)


def print_plan(console: Console, plan: FinancialPlan, by: str, year: int | None, cycle: str) -> None:
    print_cost_table(console, f"Financial plan of {cycle} by {by}", plan.table(by, year), plan.currency)
    if plan.unattributed and by == "outcome":
        console.print(f"Unattributed: {len(plan.unattributed)} result(s) whose cost reaches no outcome:")
        for item in plan.unattributed[:20]:
            console.print(f"  {item.result}  {money(item.total)}  {item.explanation}")
        if len(plan.unattributed) > 20:
            console.print(f"  and {len(plan.unattributed) - 20} more")
    if plan.uncosted:
        console.print(f"{len(plan.uncosted)} allocation(s) have no standard cost and are not "
                      "in these figures (people with no grade, or a grade with no cost that year).")


def print_output_cost(console: Console, cost: OutputCost, currency: str) -> None:
    console.print(f"[bold]{cost.code}[/bold] {cost.title} ({cost.unit}, priority "
                  f"{cost.priority or 'none'}): {money(cost.total)} {currency}")
    by_year = _table("By year", ["year", "amount"])
    for year in cost.years:
        by_year.add_row(str(year), money(cost.by_year.get(year, ZERO)))
    console.print(by_year)
    origins = _table("Where it came from", ["year", "from", "on", "category", "source", "detail",
                                            "amount"], 6)
    origins.columns[0].justify = "left"
    for o in cost.origins:
        if o.kind == "allocation":
            detail = (f"{o.person} {o.grade} {o.share} x {money(o.standard_cost or ZERO)}"
                      + (f" x {_portion(o.portion)}" if o.portion != 1 else ""))
        else:
            detail = o.description + (f" x {_portion(o.portion)}" if o.portion != 1 else "")
        origins.add_row(str(o.year), o.kind.replace("_", " "), o.result, o.category, o.source,
                        detail, money(o.amount))
    console.print(origins)
    if cost.outcomes:
        console.print("Goes to: " + ", ".join(f"{c} ({_portion(p)})" for c, _, p in cost.outcomes))
    else:
        console.print("Goes to no outcome: unattributed in the financial plan.")


def print_gap(console: Console, gap: FundingGap, cycle: str) -> None:
    grid = _table(f"Funding gap of {cycle} ({gap.currency})",
                  ["year", "cost", "revenue", "earmarked", "unassigned", "gap"])
    for y in gap.by_year:
        grid.add_row(str(y.year), money(y.cost), money(y.revenue), money(y.earmarked),
                     money(y.unassigned), money(y.gap))
    grid.add_section()
    grid.add_row("Total", money(gap.cost), money(gap.total_revenue),
                 money(sum((y.earmarked for y in gap.by_year), ZERO)),
                 money(sum((y.unassigned for y in gap.by_year), ZERO)), money(gap.gap), style="bold")
    console.print(grid)
    grid = _table("By outcome, the whole cycle", ["code", "title", "cost", "earmarked", "pooled",
                                                   "gap"], 2)
    for o in gap.by_outcome:
        grid.add_row(o.code or "—", o.title, money(o.cost), money(o.earmarked), money(o.pooled),
                     money(o.gap))
    console.print(grid)
    console.print("A negative gap is a surplus. Revenue earmarked to an outcome pays for that "
                  "outcome only; the rest is pooled over the outcomes' uncovered costs.")


def print_scenario(console: Console, result: ScenarioResult, *, limit: int = 40) -> None:
    title = f"Scenario {result.code or '(not saved)'}" + (f": {result.name}" if result.name else "")
    console.print(f"[bold]{title}[/bold], rule {result.rule}")
    for note in result.notes:
        console.print(f"[yellow]{note}[/yellow]")
    grid = _table(f"Envelopes ({result.currency})", ["year", "source", "envelope", "used", "left"], 2)
    for e in result.envelopes:
        grid.add_row(str(e.year), e.source or "all sources", money(e.amount), money(e.used),
                     money(e.left))
    console.print(grid)
    wont = sum(1 for d in result.unfunded if d.priority == WONT)
    console.print(f"Funded: {_outputs(len(result.funded))}, {money(result.funded_cost)}; "
                  f"unfunded: {_outputs(len(result.unfunded) - wont)}, "
                  f"{money(result.unfunded_cost)}"
                  + (f"; and {_outputs(wont)} that won't be done, {money(result.wont_cost)}, "
                     "never funded" if wont else ""))
    grid = _table("Unfunded outputs", ["code", "priority", "title", "cost", "reason"], 3, left=[4])
    for d in result.unfunded[:limit]:
        grid.add_row(d.code, d.priority or "—", d.title[:50], money(d.cost), _first_reason(d.reason))
    if len(result.unfunded) > limit:
        grid.add_row("…", "", f"and {len(result.unfunded) - limit} more (--format json lists all)",
                     "", "")
    console.print(grid)
    grid = _table("Gap per outcome", ["code", "title", "funded", "gap", "funded outputs"], 2)
    for o in result.outcomes:
        if o.gap or not o.funded_outputs:
            grid.add_row(o.code or "—", o.title[:50], money(o.funded), money(o.gap),
                         f"{o.funded_outputs}/{o.outputs}" if o.outputs else "no output serves it")
    console.print(grid)
    bare = result.outcomes_without_funded_output
    console.print("Outcomes left with no funded output: "
                  + (", ".join(o.code for o in bare) if bare else "none"))


def _outputs(count: int) -> str:
    return f"{count} output{'' if count == 1 else 's'}"


def print_comparison(console: Console, comparison: ScenarioComparison, *, limit: int = 40) -> None:
    a, b = comparison.a, comparison.b
    grid = _table("Scenarios side by side", ["", a.code, b.code])
    grid.add_row("rule", a.rule, b.rule)
    grid.add_row("funded outputs", str(len(a.funded)), str(len(b.funded)))
    grid.add_row("funded", money(a.funded_cost), money(b.funded_cost))
    grid.add_row("unfunded (gap)", money(a.unfunded_cost), money(b.unfunded_cost))
    grid.add_row("outcomes with no funded output", str(len(a.outcomes_without_funded_output)),
                 str(len(b.outcomes_without_funded_output)))
    console.print(grid)
    grid = _table("Outputs funded in one only", ["code", "priority", "title", a.code, b.code], 3)
    for o in comparison.changed[:limit]:
        grid.add_row(o.code, o.priority or "—", o.title[:50],
                     "funded" if o.funded_a else "—", "funded" if o.funded_b else "—")
    console.print(grid)
    grid = _table("Gap per outcome", ["code", "title", a.code, b.code, "difference"], 2)
    for oc in comparison.outcomes:
        if oc.gap_a or oc.gap_b:
            grid.add_row(oc.code or "—", oc.title[:50], money(oc.gap_a), money(oc.gap_b),
                         money(oc.difference))
    console.print(grid)


def print_workforce(console: Console, report: WorkforceReport, cycle: str, *, limit: int = 40) -> None:
    years = report.years
    grid = _table(f"Workforce of {cycle}: FTE allocated / available",
                  ["unit", "name", "staff", "available", *map(str, years), "over-allocated"], 2)
    for u in report.units:
        if u.tier > 3:
            continue
        over = max(u.over_allocated.values(), default=0)
        grid.add_row("  " * (u.tier - 1) + u.code, u.name[:40], str(u.headcount), fte(u.available),
                     *(fte(u.allocated.get(y, ZERO)) for y in years), str(over) if over else "")
    console.print(grid)
    people = report.over_allocated
    grid = _table(f"Over-allocated people ({len(people)})",
                  ["person", "name", "unit", "capacity", *map(str, years)], 3)
    for p in people[:limit]:
        grid.add_row(p.code, p.name, p.unit, fte(p.capacity),
                     *(fte(p.allocated.get(y, ZERO)) + (" !" if y in p.over else "") for y in years))
    console.print(grid)
    grid = _table("Demand by grade: FTE allocated", ["grade", "staff", "available",
                                                      *map(str, years)], 1)
    for g in report.grades:
        grid.add_row(g.grade or "no grade", str(g.headcount), fte(g.available),
                     *(fte(g.allocated.get(y, ZERO)) for y in years))
    console.print(grid)
    grid = _table("Flexible workforce", ["group", "staff", "available",
                                         *(f"FTE {y}" for y in years), *(f"cost {y}" for y in years)])
    for group in report.flexible:
        grid.add_row(group.group, str(group.headcount), fte(group.available),
                     *(fte(group.allocated.get(y, ZERO)) for y in years),
                     *(money(group.cost.get(y, ZERO)) for y in years))
    console.print(grid)
    shares = ", ".join(
        f"{y}: {s:.1%}" for y in years if (s := report.flexible_share(y)) is not None
    )
    console.print(f"Flexible share of allocated FTE: {shares or 'none allocated'}")
    uncosted = next(g.uncosted for g in report.flexible if g.group == "flexible")
    if uncosted:
        console.print(f"{uncosted} allocation(s) of flexible staff have no grade, so no standard "
                      "cost; the plan's cost lines for consultants and contractual services: "
                      + ", ".join(f"{y}: {money(report.contractual.get(y, ZERO))}" for y in years))
