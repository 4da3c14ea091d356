"""Pages of the plan: the cycle overview, the orphans list and a result's thread."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.finance import selectors as finance
from goldenthread.indicators import selectors as indicators
from goldenthread.mobilisation import selectors as mobilisation
from goldenthread.org import selectors as org
from goldenthread.plans import selectors as plans
from goldenthread.plans.models import Cycle
from goldenthread.risks import selectors as risks

ORPHANS_PER_PAGE = 100


def home(request: HttpRequest) -> HttpResponse:
    """Send a person to the newest cycle, or say that no plan is loaded yet."""
    cycle = plans.cycle_latest()
    if cycle is not None:
        return redirect("cycle_overview", cycle_code=cycle.code)
    return render(request, "plans/no_cycle.html")


def _cost_chart(table: finance.CostTable, staff_time: dict[int, object]) -> dict[str, object]:
    """Plotly traces for the stacked bar chart of costs by year and category."""
    years = [str(year) for year in table.years]
    traces: list[dict[str, object]] = [
        {"type": "bar", "name": row.label, "x": years, "y": [float(v) for v in row.cells]}
        for row in table.rows
    ]
    if staff_time:
        traces.append({
            "type": "bar", "name": "Staff time allocated",
            "x": years, "y": [float(staff_time.get(year, 0)) for year in table.years],  # type: ignore[arg-type]
        })
    return {"traces": traces}


def cycle_overview(request: HttpRequest, cycle_code: str) -> HttpResponse:
    """The cycle at a glance: its shape, its cascade, its money, its risks."""
    cycle = get_object_or_404(Cycle, code=cycle_code)
    levels = plans.cycle_levels(cycle)
    shown = plans.cascade_levels(levels)
    costs = finance.cycle_costs(cycle)
    staff_time = finance.cycle_staff_time_cost(cycle)
    staff_row = [staff_time.get(year, finance.ZERO) for year in costs.years]
    orphans = plans.orphans(cycle)
    context = {
        "cycle": cycle,
        "levels": levels,
        "counts": plans.result_counts(cycle, levels),
        "tiers": plans.TIERS,
        "cascade": plans.cascade(cycle, shown),
        "cascade_levels": shown,
        "orphan_count": orphans.count(),
        "units": org.unit_tree(cycle),
        "indicator_count": indicators.indicator_count(cycle),
        "costs": costs,
        "staff_time": staff_row if staff_time else None,
        "staff_time_total": sum(staff_time.values(), finance.ZERO),
        "cost_chart": _cost_chart(costs, staff_time),  # type: ignore[arg-type]
        "risk_bands": risks.open_risks_by_residual_band(cycle),
        "action_lines": mobilisation.action_lines_by_status(cycle),
    }
    context["risk_total"] = sum(b.count for b in context["risk_bands"])  # type: ignore[attr-defined]
    context["action_total"] = sum(a.count for a in context["action_lines"])  # type: ignore[attr-defined]
    return render(request, "plans/overview.html", context)


def orphan_list(request: HttpRequest, cycle_code: str) -> HttpResponse:
    """Results that serve no parent: the gaps in the cascade a planner must close."""
    cycle = get_object_or_404(Cycle, code=cycle_code)
    page = Paginator(plans.orphans(cycle), ORPHANS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "plans/orphans.html", {"cycle": cycle, "page": page})


def result_detail(request: HttpRequest, cycle_code: str, result_code: str) -> HttpResponse:
    """A result's thread: every path up to the top of the cascade, the result, its
    children, and the indicators, money, people, risks and assumptions attached to it."""
    cycle = get_object_or_404(Cycle, code=cycle_code)
    thread = plans.result_thread(cycle, result_code)
    if thread is None:
        raise Http404(f"No result {result_code} in {cycle.code}")
    result = thread.result
    context = {
        "cycle": cycle,
        "thread": thread,
        "result": result,
        "indicators": indicators.result_indicators(result),
        "costs": finance.result_costs(cycle, result),
        "allocations": finance.result_allocations(result),
        "risks": risks.result_risks(result),
        "assumptions": risks.result_assumptions(result),
    }
    return render(request, "plans/result.html", context)
