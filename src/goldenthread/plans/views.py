"""Pages of the plan: the cycle overview, the orphans list and a result's thread.

Every page reads only what the signed-in user may see (``core/permissions.py``): a
cycle they have no role in, or a result of a unit they may not see, is refused (403).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from goldenthread.core import permissions
from goldenthread.core.periods import Period, PeriodError, period_within
from goldenthread.core.permissions import cycle_view
from goldenthread.finance import selectors as finance
from goldenthread.indicators import selectors as indicators
from goldenthread.indicators.scoring import is_flow
from goldenthread.mobilisation import selectors as mobilisation
from goldenthread.org import selectors as org
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans import selectors as plans
from goldenthread.plans import threads
from goldenthread.plans.alignment import CHECKS, alignment_report
from goldenthread.plans.models import Cycle
from goldenthread.risks import selectors as risks

ORPHANS_PER_PAGE = 100


def home(request: HttpRequest) -> HttpResponse:
    """Send a person to the newest cycle they may see, or say that no plan is loaded
    yet, or that they have no role in any plan."""
    cycle = plans.cycle_latest(request.user)
    if cycle is not None:
        return redirect("cycle_overview", cycle_code=cycle.code)
    if plans.cycle_latest() is not None:
        raise PermissionDenied(
            "Your account has no role in any plan yet. Ask an administrator to give you a "
            "role on your unit, or to tie your account to your person in the plan."
        )
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


@cycle_view
def cycle_overview(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The cycle at a glance: its shape, its cascade, its money, its risks, as far as
    the user may see them."""
    user = request.user
    levels = plans.cycle_levels(cycle)
    shown = plans.cascade_levels(levels)
    costs = finance.cycle_costs(cycle, user)
    staff_time = finance.cycle_staff_time_cost(cycle, user)
    staff_row = [staff_time.get(year, finance.ZERO) for year in costs.years]
    orphans = plans.orphans(cycle, user)
    context = {
        "cycle": cycle,
        "levels": levels,
        "counts": plans.result_counts(cycle, levels, user),
        "tiers": plans.TIERS,
        "cascade": plans.cascade(cycle, shown, user),
        "cascade_levels": shown,
        "orphan_count": orphans.count(),
        "units": org.unit_tree(cycle, user),
        "indicator_count": indicators.indicator_count(cycle, user),
        "costs": costs,
        "staff_time": staff_row if staff_time else None,
        "staff_time_total": sum(staff_time.values(), finance.ZERO),
        "cost_chart": _cost_chart(costs, staff_time),  # type: ignore[arg-type]
        "risk_bands": risks.open_risks_by_residual_band(cycle, user),
        "action_lines": mobilisation.action_lines_by_status(cycle, user),
    }
    context.update(_dashboard(request, cycle, levels))
    context["risk_total"] = sum(b.count for b in context["risk_bands"])  # type: ignore[attr-defined]
    context["action_total"] = sum(a.count for a in context["action_lines"])  # type: ignore[attr-defined]
    return render(request, "plans/overview.html", context)


@cycle_view
def orphan_list(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Results that serve no parent: the gaps in the cascade a planner must close (of
    those the user may see)."""
    page = Paginator(plans.orphans(cycle, request.user), ORPHANS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "plans/orphans.html", {"cycle": cycle, "page": page})


@cycle_view
def result_detail(request: HttpRequest, cycle: Cycle, result_code: str) -> HttpResponse:
    """A result's thread: every path up to the top of the cascade, the result, its
    children, and the indicators, money, people, risks and assumptions attached to it.

    A result of a unit the user may not see is refused (403). On its thread, a result
    above it that the user may not see is drawn as a closed card (code and unit, no
    title), and children they may not see are counted, not shown."""
    user = request.user
    thread = plans.result_thread(cycle, result_code)
    if thread is None:
        raise Http404(f"No result {result_code} in {cycle.code}")
    result = thread.result
    permissions.require(user, permissions.VIEW, result)
    restricted = {
        step.result.pk for path in thread.paths for step in path
        if not permissions.can(user, permissions.VIEW, step.result)
    }
    children = [
        link for link in thread.children if permissions.can(user, permissions.VIEW, link.child)
    ]
    hidden_children = len(thread.children) - len(children)
    thread.children = children
    context = {
        "cycle": cycle,
        "thread": thread,
        "result": result,
        "restricted": restricted,
        "hidden_children": hidden_children,
        "indicators": indicators.result_indicators(result),
        "costs": finance.result_costs(cycle, result),
        "allocations": finance.result_allocations(result),
        "risks": risks.result_risks(result, user),
        "assumptions": risks.result_assumptions(result),
    }
    context.update(_performance(request, cycle, result, context["indicators"]))  # type: ignore[arg-type]
    return render(request, "plans/result.html", context)


def _performance(
    request: HttpRequest, cycle: Cycle, result: Any, sheets: list[indicators.IndicatorSheet]
) -> dict[str, Any]:
    """A result's score for the period asked, what makes it (drags), the chain of biggest
    drags down the cascade, and each indicator's chart. Everything below the result is read
    once, whatever its size; items of units the user may not see show their code only."""
    period, periods = _period(request, cycle)
    board = indicators.scoreboard(cycle, period, roots=[result.pk])
    visible = _visible_units(request, cycle)

    def shown(item: indicators.ScoreItem) -> indicators.ScoreItem:
        if item.kind == "result" and visible is not None and board.results[item.id].unit_id not in visible:
            item.title = "(a result of a unit outside the ones you may see)"
        return item

    charts = {}
    for sheet in sheets:
        score = board.indicators.get(sheet.indicator.pk)
        if score is None:  # qualitative: nothing to draw
            continue
        targets = {(row.period.year, row.period.quarter): float(row.target.value)
                   for row in sheet.periods if row.target is not None and row.target.value is not None}
        actuals = [((row.period.year, row.period.quarter), float(row.actual.value), row.actual.status)
                   for row in sheet.periods if row.actual is not None and row.actual.value is not None]
        flow = is_flow(sheet.indicator.unit_of_measure, sheet.indicator.aggregation)
        chart = indicators.indicator_chart(score, targets, actuals, cycle.end_year, flow=flow)
        charts[sheet.indicator.pk] = {"id": f"ichart-{sheet.indicator.pk}", "spec": chart.spec}
    return {
        "period": period, "periods": periods, "score": board.results[result.pk],
        "contributions": [shown(c) for c in board.contributions(result.pk)],
        "why": [shown(c) for c in board.why(result.pk)],
        "indicator_scores": board.indicators, "charts": charts,
    }


# --- Scores on the pages: the period, the strategy map, the dashboard ----------------------

MAP_LIMIT = 800  # the most cards the map draws at once; beyond, the user picks a unit
COLLAPSE_ABOVE = 160  # with more cards, groups of tiers 3 and 4 start collapsed


def _period(request: HttpRequest, cycle: Cycle) -> tuple[Period, list[Period]]:
    """The period asked for (``?period=``), else the latest year with approved actuals."""
    periods = indicators.reported_periods(cycle)
    wanted = request.GET.get("period")
    if wanted:
        try:
            period = period_within(wanted, cycle.code, cycle.start_year, cycle.end_year)
        except PeriodError as error:
            raise Http404(str(error)) from None
        if period not in periods:
            periods = sorted({*periods, period})
        return period, periods
    return periods[-1], periods


def _visible_units(request: HttpRequest, cycle: Cycle) -> frozenset[int] | None:
    if permissions.is_unrestricted(request.user):
        return None
    return permissions.unit_ids(request.user, cycle)


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name) or ""
    return int(value) if value.isdigit() else None


@cycle_view
def strategy_map(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The cascade drawn as tiers: cards coloured by status, links as lines, a card's
    thread lit up on click; or as a sunburst sized by cost or count."""
    period, periods = _period(request, cycle)
    visible = _visible_units(request, cycle)
    units = plans.map_units(cycle)
    levels = plans.cycle_levels(cycle)
    filters = plans.MapFilters(
        unit=_int_param(request, "unit"), level=_int_param(request, "level"),
        status=request.GET.get("status") if request.GET.get("status") in plans.STATUSES else None,
    )
    if filters.unit is not None and (
        filters.unit not in units or (visible is not None and filters.unit not in visible)
    ):
        raise Http404("No such unit in this cycle")
    view = request.GET.get("view") if request.GET.get("view") in ("map", "sunburst", "count") else "map"
    shown, chosen, links = plans.map_layout(cycle, filters, visible, units)
    context: dict[str, Any] = {
        "cycle": cycle, "period": period, "periods": periods, "filters": filters, "levels": levels,
        "statuses": plans.STATUSES, "view": view, "map_limit": MAP_LIMIT,
        "unit_options": [(pk, f"{'  ' * (tier - 1)}{code} · {name}") for pk, (_p, code, name, tier)
                         in plans.unit_order(units) if visible is None or pk in visible],
    }
    base = {k: v for k, v in request.GET.items() if k != "view"}
    for name in ("map", "sunburst", "count"):
        context[f"query_{name}"] = urlencode({**base, "view": name})
    if len(chosen) > MAP_LIMIT:
        context["too_many"] = len(chosen)
        return render(request, "plans/strategy_map.html", context)
    board = indicators.scoreboard(cycle, period, roots=shown)
    level_names = {level.pk: level.name for level in levels}
    smap = plans.strategy_map(board, set(shown), chosen, links, filters, units, level_names, visible,
                              ranks={level.pk: level.rank for level in levels})
    context["smap"] = smap
    context["collapse"] = smap.size > COLLAPSE_ABOVE
    if view != "map":
        context["sunburst"] = plans.sunburst(
            smap, plans.link_weights(cycle), plans.result_own_costs(cycle) if view == "sunburst" else None,
        )
    return render(request, "plans/strategy_map.html", context)


ATTENTION_SHOWN = 8


def _dashboard(request: HttpRequest, cycle: Cycle, levels: list[Any]) -> dict[str, Any]:
    """The top of the overview: the goals with their score and trend, statuses by tier,
    and what needs attention. The plan is read once and scored for each year so far."""
    period, periods = _period(request, cycle)
    years = [p for p in periods if p <= period] or [period]
    boards = indicators.scoreboards(cycle, years)
    board = boards[-1]
    visible = _visible_units(request, cycle)
    top = {level.pk for level in levels if level.rank == 0}
    seen = [r for r in board.results.values() if visible is None or r.unit_id in visible]
    goals = [
        {"r": r, "id": f"spark-{r.id}", "spark": {"x": [p.year for p in years],
                           "y": [b.results[r.id].score for b in boards],
                           "forecast": r.forecast, "end": cycle.end_year,
                           "on_track": float(cycle.on_track_threshold) * 100,
                           "at_risk": float(cycle.at_risk_threshold) * 100}}
        for r in seen if r.level_id in top
    ]
    by_tier = []
    for tier in plans.TIERS:
        counts = [(status, sum(1 for r in seen if r.tier == tier and r.status == status))
                  for status in plans.STATUSES]
        total = sum(n for _, n in counts)
        if total:
            by_tier.append({"tier": tier, "counts": counts, "total": total})
    has_items = board.graph.item_count
    position = board.position
    off = sorted((r for r in seen if r.status == "off_track"), key=lambda r: (r.tier, r.score or 0, r.code))
    missing = sorted((r for r in seen if r.likely_to_miss and r.status != "off_track"),
                     key=lambda r: (r.tier, r.forecast if r.forecast is not None else 0, r.code))
    silent = sorted((r for r in seen if r.status == "no_data" and has_items[position[r.id]] > 0),
                    key=lambda r: (r.tier, r.code))
    return {
        "period": period, "periods": periods, "goals": goals, "status_by_tier": by_tier,
        "statuses": plans.STATUSES,
        "attention": [
            ("off_track", "Off track", off[:ATTENTION_SHOWN], len(off)),
            ("likely_to_miss", "Likely to miss the end target", missing[:ATTENTION_SHOWN], len(missing)),
            ("no_data", "Nothing reported yet", silent[:ATTENTION_SHOWN], len(silent)),
        ],
    }


# --- The thread of a unit and of a person; the alignment report ------------------------------


@cycle_view
def unit_detail(request: HttpRequest, cycle: Cycle, unit_code: str) -> HttpResponse:
    """A unit: the thread its own results serve up to the goals, the units below it with
    their statuses, its people and their work plans."""
    unit = OrgUnit.objects.filter(cycle=cycle, code=unit_code).first()
    if unit is None:
        raise Http404(f"No unit {unit_code} in {cycle.code}")
    permissions.require(request.user, permissions.VIEW, unit)
    period, periods = _period(request, cycle)
    units = plans.map_units(cycle)
    view = threads.unit_view(cycle, unit, units)
    board = threads.thread_board(cycle, view.own, period, request.user)
    visible = _visible_units(request, cycle)
    scored = [board.scores[pk] for pk in view.subtree if pk in board.scores]
    return render(request, "plans/unit.html", {
        "cycle": cycle, "unit": unit, "view": view, "tboard": board, "period": period,
        "periods": periods,
        "subtree_counts": [(s, sum(1 for r in scored if r.status == s)) for s in plans.STATUSES],
        "subtree_size": len(scored),
        "sub_units": threads.sub_units(units, unit.pk, board.scores, visible),
        "people": view.people if visible is None or unit.pk in visible else [],
    })


@cycle_view
def person_thread(request: HttpRequest, cycle: Cycle, person_code: str) -> HttpResponse:
    """A person's work plan and the golden thread it serves: their activities and the
    results they own, the outputs and outcomes above them, up to the goals."""
    person = Person.objects.filter(cycle=cycle, code=person_code).select_related("unit", "grade").first()
    if person is None:
        raise Http404(f"No person {person_code} in {cycle.code}")
    permissions.require(request.user, permissions.VIEW, person)
    return _thread_page(request, cycle, person, mine=False)


@cycle_view
def my_thread(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The signed-in person's own thread; a page saying why when their account is tied
    to no person of this cycle."""
    person = threads.person_of(request.user, cycle)
    if person is None:
        return render(request, "plans/thread.html", {"cycle": cycle, "no_person": True})
    return _thread_page(request, cycle, person, mine=True)


def _thread_page(request: HttpRequest, cycle: Cycle, person: Person, mine: bool) -> HttpResponse:
    period, periods = _period(request, cycle)
    plan = threads.work_plan(person, period.year)
    board = threads.thread_board(cycle, plan.work, period, request.user, shares=plan.shares)
    return render(request, "plans/thread.html", {
        "cycle": cycle, "person": person, "plan": plan, "tboard": board, "mine": mine,
        "period": period, "periods": periods,
    })


@cycle_view
def alignment(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Where the thread is broken or weak, check by check, with a heat map by unit."""
    report = alignment_report(cycle, request.user)
    return render(request, "plans/alignment.html", {
        "cycle": cycle, "report": report, "checks": CHECKS,
        "tiles": [(key, label, help_, report.count(key)) for key, label, help_ in CHECKS],
        "heat": report.heat(), "shown": ALIGNMENT_SHOWN,
    })


ALIGNMENT_SHOWN = 200  # rows listed per check; the counts and the heat map cover them all
