"""Pages of the money in a plan: the financial plan with revenue and the funding gap, an
output's cost and where it came from, funding scenarios (list, run, result, comparison)
and the workforce.

Every page needs a role or a person in the cycle (``cycle_view``) and shows the money of
the units the user's roles cover (``finance/access.py``); saving or deleting a scenario
needs the planner or finance role on the organisation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.core import permissions
from goldenthread.core.permissions import cycle_view
from goldenthread.finance import access, selectors
from goldenthread.finance.choices import CostCategory
from goldenthread.finance.costing import DIMENSIONS, CostTable, FinancialPlan
from goldenthread.finance.forms import ScenarioForm
from goldenthread.finance.funding import FundingGap
from goldenthread.finance.models import Fund, Scenario
from goldenthread.finance.scenarios import (
    EXTRABUDGETARY,
    SCORE,
    ScenarioComparison,
    ScenarioError,
    ScenarioResult,
)
from goldenthread.finance.services import scenario_create, scenario_delete
from goldenthread.finance.workforce import WorkforceReport
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Result

DIMENSION_LABELS = {"outcome": "Outcome", "unit": "Unit", "category": "Category",
                    "source": "Funding source"}
EB_FACTOR = Decimal("0.8")
PRIORITY_LABELS = {"must": "Must", "should": "Should", "could": "Could", "wont": "Won't",
                   "": "No priority"}
MAX_CHART_OUTPUTS = 120
MAX_SANKEY_NODES = 24  # outcomes, and units, drawn one by one in the Sankey
MAX_ROWS = 300  # rows of one list (people; outputs of a priority) on a page
MAX_HEAT_UNITS = 80


def _f(value: Decimal) -> float:
    return float(value)


# ------------------------------------------------------------------ chart specs


def _stacked_years(table: CostTable, title: str) -> dict[str, Any]:
    """Stacked bars by year, one trace per row (at most 12, the rest as "Other")."""
    years = [str(y) for y in table.years]
    rows = sorted(table.rows, key=lambda r: r.total, reverse=True)
    shown, rest = rows[:11], rows[11:]
    traces: list[dict[str, Any]] = [
        {"type": "bar", "name": (f"{row.key} " if row.key and row.key != row.label else "")
         + _short(row.label, 48), "x": years, "y": [_f(v) for v in row.cells]}
        for row in shown
    ]
    if rest:
        traces.append({"type": "bar", "name": f"{len(rest)} others", "x": years, "y": [
            _f(sum((r.cells[i] for r in rest), Decimal(0))) for i in range(len(years))
        ]})
    return {"data": traces, "layout": {"barmode": "stack", "height": 380, "title": title}}


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return f"{cut or text[: limit - 1]}…"


def _sankey(plan: FinancialPlan) -> dict[str, Any]:
    """Funding sources -> outcomes -> units. A large plan keeps its largest outcomes and
    units as nodes and gathers the rest into one node each, so the diagram stays legible
    (the tables list every one)."""
    funds = {label.code: label.name for label in plan.funds.values()}
    outcome_codes = {label.code for label in plan.outcomes.values()} | {"Unattributed"}
    first: dict[tuple[str, str], Decimal] = {}
    second: dict[tuple[str, str], Decimal] = {}
    size: dict[tuple[str, str], Decimal] = {}
    for flow in plan.flows():
        if flow.source in funds and flow.target in outcome_codes:
            first[(flow.source, flow.target)] = flow.amount
            key = ("outcome", flow.target)
        else:
            second[(flow.source, flow.target)] = flow.amount
            key = ("unit", flow.target)
        size[key] = size.get(key, Decimal(0)) + flow.amount

    def kept(kind: str, other: str) -> dict[str, str]:
        ranked = sorted((k[1] for k in size if k[0] == kind), key=lambda c: -size[(kind, c)])
        names = {code: code for code in ranked[:MAX_SANKEY_NODES]}
        rest = ranked[MAX_SANKEY_NODES:]
        names.update((code, f"{len(rest)} {other}") for code in rest)
        return names

    outcome_name, unit_name = kept("outcome", "other outcomes"), kept("unit", "other units")
    # what a node's code stands for, shown when the pointer rests on it
    spelled = {("outcome", o.code): f"{o.code} {o.name}" for o in plan.outcomes.values()}
    spelled.update({("unit", u.code): f"{u.code} {u.name}" for u in plan.units.values()})
    names: list[str] = []
    kinds: list[str] = []
    hovers: list[str] = []
    index: dict[tuple[str, str], int] = {}

    def node(column: str, name: str) -> int:
        if (column, name) not in index:
            index[(column, name)] = len(names)
            names.append(name)
            kinds.append(column)
            hovers.append(spelled.get((column, name), name))
        return index[(column, name)]

    links: dict[tuple[int, int], Decimal] = {}
    for (fund, outcome), amount in first.items():
        pair = (node("source", funds[fund]), node("outcome", outcome_name.get(outcome, outcome)))
        links[pair] = links.get(pair, Decimal(0)) + amount
    for (outcome, unit), amount in second.items():
        pair = (node("outcome", outcome_name.get(outcome, outcome)),
                node("unit", unit_name.get(unit, unit)))
        links[pair] = links.get(pair, Decimal(0)) + amount
    colours = {"source": "#8a6d1f", "outcome": "#2f6f73", "unit": "#6b7fb0"}
    return {
        "data": [{
            "type": "sankey", "arrangement": "snap", "valueformat": ",.0f",
            "node": {"label": names, "customdata": hovers, "pad": 12, "thickness": 14,
                     "hovertemplate": "%{customdata}<br>%{value:,.0f}<extra></extra>",
                     "color": [colours[k] for k in kinds], "line": {"width": 0}},
            "link": {"source": [a for a, _ in links], "target": [b for _, b in links],
                     "value": [_f(v) for v in links.values()],
                     "color": "rgba(138, 109, 31, 0.22)"},
        }],
        "layout": {"height": max(420, 18 * max(kinds.count(k) for k in colours)),
                   "margin": {"l": 8, "r": 8, "t": 8, "b": 8}},
    }


def _gap_chart(gap: FundingGap) -> dict[str, Any]:
    years = [str(row.year) for row in gap.by_year]
    return {
        "data": [
            {"type": "bar", "name": "Cost", "x": years, "y": [_f(r.cost) for r in gap.by_year],
             "marker": {"color": "#8a6d1f"}},
            {"type": "bar", "name": "Revenue", "x": years,
             "y": [_f(r.revenue) for r in gap.by_year], "marker": {"color": "#2f6f73"}},
            {"type": "bar", "name": "Gap (cost not covered)", "x": years,
             "y": [max(_f(r.gap), 0.0) for r in gap.by_year], "marker": {"color": "#c0413b"}},
        ],
        "layout": {"barmode": "group", "height": 320},
    }


def _outcome_gap_chart(gap: FundingGap) -> dict[str, Any]:
    rows = [o for o in gap.by_outcome if o.cost or o.gap]
    labels = [o.code or "Unattributed" for o in rows]
    return {
        "data": [
            {"type": "bar", "name": "Covered", "x": labels,
             "y": [_f(o.cost - max(o.gap, Decimal(0))) for o in rows], "marker": {"color": "#7fb98c"}},
            {"type": "bar", "name": "Gap", "x": labels,
             "y": [max(_f(o.gap), 0.0) for o in rows], "marker": {"color": "#c0413b"}},
        ],
        "layout": {"barmode": "stack", "height": 340, "xaxis": {"type": "category"}},
    }


def _line_chart(result: ScenarioResult) -> dict[str, Any] | None:
    """The outputs in funding order as bars along the money: each funded output starts
    where the ones before it end; an unfunded one is drawn where it would have gone, past
    what was left. The envelope is the line."""
    decisions = [d for d in result.decisions if d.order is not None][:MAX_CHART_OUTPUTS]
    if not decisions:
        return None
    total_envelope = sum((e.amount for e in result.envelopes if e.source is None), Decimal(0))
    if not total_envelope:
        total_envelope = sum((e.amount for e in result.envelopes), Decimal(0))
    base = Decimal(0)
    funded: dict[str, list[Any]] = {"y": [], "x": [], "base": [], "text": []}
    unfunded: dict[str, list[Any]] = {"y": [], "x": [], "base": [], "text": []}
    for d in decisions:
        label = f"{d.order}. {d.code}"
        target = funded if d.funded else unfunded
        target["y"].append(label)
        target["x"].append(_f(d.cost))
        target["base"].append(_f(base))
        target["text"].append(f"{PRIORITY_LABELS.get(d.priority, d.priority)} · {d.title[:60]}")
        if d.funded:
            base += d.cost
    order = [f"{d.order}. {d.code}" for d in decisions]
    traces = []
    for name, data, colour in (("Funded", funded, "#3f8f55"), ("Not funded", unfunded, "#c0413b")):
        if data["y"]:
            traces.append({"type": "bar", "orientation": "h", "name": name, "marker": {"color": colour},
                           "hovertemplate": "%{y}: %{x:,.0f}<br>%{text}<extra>" + name + "</extra>",
                           **data})
    shapes = []
    annotations = []
    if total_envelope:
        shapes.append({"type": "line", "x0": _f(total_envelope), "x1": _f(total_envelope),
                       "yref": "paper", "y0": 0, "y1": 1,
                       "line": {"color": "#2b2619", "width": 2, "dash": "dash"}})
        annotations.append({"x": _f(total_envelope), "yref": "paper", "y": 1.0, "yanchor": "bottom",
                            "text": "the line: the envelope", "showarrow": False,
                            "font": {"size": 12, "color": "#2b2619"}})
    return {
        "data": traces,
        "layout": {
            "barmode": "overlay", "height": max(320, 16 * len(decisions) + 80),
            "yaxis": {"categoryorder": "array", "categoryarray": list(reversed(order)),
                      "tickfont": {"size": 10}, "type": "category"},
            "xaxis": {"tickformat": "~s"}, "shapes": shapes, "annotations": annotations,
            "margin": {"l": 110, "r": 16, "t": 24, "b": 40},
        },
    }


def _scenario_gap_chart(result: ScenarioResult) -> dict[str, Any] | None:
    rows = [o for o in result.outcomes if o.funded or o.gap]
    if not rows:
        return None
    labels = [o.code or "Unattributed" for o in rows]
    return {
        "data": [
            {"type": "bar", "name": "Funded", "x": labels, "y": [_f(o.funded) for o in rows],
             "marker": {"color": "#3f8f55"}},
            {"type": "bar", "name": "Gap (unfunded)", "x": labels, "y": [_f(o.gap) for o in rows],
             "marker": {"color": "#c0413b"}},
        ],
        "layout": {"barmode": "stack", "height": 320, "xaxis": {"type": "category"}},
    }


def _compare_chart(comparison: ScenarioComparison) -> dict[str, Any] | None:
    rows = [o for o in comparison.outcomes if o.gap_a or o.gap_b]
    if not rows:
        return None
    labels = [o.code or "Unattributed" for o in rows]
    return {
        "data": [
            {"type": "bar", "name": f"Gap under {comparison.a.code}", "x": labels,
             "y": [_f(o.gap_a) for o in rows], "marker": {"color": "#d9793a"}},
            {"type": "bar", "name": f"Gap under {comparison.b.code}", "x": labels,
             "y": [_f(o.gap_b) for o in rows], "marker": {"color": "#b73b3b"}},
        ],
        "layout": {"barmode": "group", "height": 320, "xaxis": {"type": "category"}},
    }


def _heat(report: WorkforceReport) -> dict[str, Any] | None:
    """Units (tiers 1-3 down the side) by year: allocated FTE as a share of available."""
    rows = [u for u in report.units if u.headcount]
    if not rows:
        return None
    deepest = max(u.tier for u in rows)
    while len(rows) > MAX_HEAT_UNITS and deepest > min(u.tier for u in rows):
        rows = [u for u in rows if u.tier < deepest]  # a large organisation: its upper tiers
        deepest -= 1
    years = [str(y) for y in report.years]
    z, text = [], []
    for unit in rows:
        line, words = [], []
        for year in report.years:
            share = unit.utilisation(year)
            line.append(None if share is None else round(share * 100, 1))
            words.append(f"{unit.name}<br>{unit.allocated.get(year, Decimal(0)):.2f} of "
                         f"{unit.available:.2f} FTE"
                         + (f"; {unit.over_allocated[year]} over-allocated"
                            if unit.over_allocated.get(year) else ""))
        z.append(line)
        text.append(words)
    labels = [("· " * max(u.tier - 1, 0)) + u.code for u in rows]
    return {
        "data": [{
            "type": "heatmap", "x": years, "y": labels, "z": z, "text": text,
            "zmin": 0, "zmax": 120, "xgap": 2, "ygap": 2,
            # light enough at every step for the dark figures written on the cells
            "colorscale": [[0, "#f6f5f1"], [0.5, "#eadcab"], [0.8333, "#cfae5c"],
                           [0.8334, "#f2ae7e"], [1, "#e27b6b"]],
            "colorbar": {"title": {"text": "% of FTE"}, "thickness": 12, "ticksuffix": "%"},
            "hovertemplate": "%{y} %{x}: %{z}%<br>%{text}<extra></extra>",
            "texttemplate": "%{z:.0f}%", "textfont": {"size": 10},
        }],
        "layout": {"height": max(260, 22 * len(rows) + 80),
                   "yaxis": {"autorange": "reversed", "type": "category", "tickfont": {"size": 11}},
                   "xaxis": {"type": "category", "side": "top"},
                   "margin": {"l": 120, "r": 16, "t": 32, "b": 16}},
    }


def _grade_chart(report: WorkforceReport) -> dict[str, Any] | None:
    if not report.grades:
        return None
    grades = [g.grade or "no grade" for g in report.grades]
    traces: list[dict[str, Any]] = [
        {"type": "bar", "name": str(year), "x": grades,
         "y": [_f(g.allocated.get(year, Decimal(0))) for g in report.grades]}
        for year in report.years
    ]
    traces.append({"type": "scatter", "mode": "markers", "name": "FTE available", "x": grades,
                   "y": [_f(g.available) for g in report.grades],
                   "marker": {"symbol": "line-ew-open", "size": 26, "color": "#2b2619",
                              "line": {"width": 3}}})
    return {"data": traces, "layout": {"barmode": "group", "height": 320,
                                       "xaxis": {"type": "category"}}}


# ------------------------------------------------------------------ pages


@cycle_view
def financial_plan(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Costs by outcome, unit, category or source and year (table and stacked bars), the
    flow of money from sources to outcomes to units, and revenue against cost."""
    scope = access.money_scope(request.user, cycle)
    by = request.GET.get("by", "outcome")
    if by not in DIMENSIONS:
        by = "outcome"
    whole_plan = selectors.financial_plan(cycle)
    plan = access.scoped_plan(whole_plan, scope, request.user)
    table = plan.table(by)
    gap = selectors.funding_gap(cycle, whole_plan) if scope.whole else None
    context = {
        "cycle": cycle,
        "scope": scope,
        "by": by,
        "dimensions": [(d, DIMENSION_LABELS[d]) for d in DIMENSIONS],
        "by_label": DIMENSION_LABELS[by],
        "plan": plan,
        "table": table,
        "chart": _stacked_years(table, ""),
        "sankey": _sankey(plan) if plan.cells else None,
        "gap": gap,
        "gap_chart": _gap_chart(gap) if gap else None,
        "outcome_gap_chart": _outcome_gap_chart(gap) if gap else None,
        "largest_gap": max((y.gap for y in gap.by_year), default=Decimal(0)) if gap else None,
        "may_write": access.may_write_scenarios(request.user, cycle),
    }
    return render(request, "finance/plan.html", context)


@cycle_view
def output_cost(request: HttpRequest, cycle: Cycle, result_code: str) -> HttpResponse:
    """An output's cost by year, category and source, and where each part came from."""
    result = Result.objects.filter(cycle=cycle, code=result_code).select_related("level", "unit").first()
    if result is None:
        raise Http404(f"No result {result_code} in {cycle.code}")
    permissions.require(request.user, permissions.VIEW, result)
    cost = selectors.output_costs(cycle, result_code)
    years = list(cycle.years)
    categories: dict[str, dict[int, Decimal]] = {}
    sources: dict[str, dict[int, Decimal]] = {}
    for year, category, source, amount in cost.cells:
        categories.setdefault(category, {}).setdefault(year, Decimal(0))
        categories[category][year] += amount
        sources.setdefault(source, {}).setdefault(year, Decimal(0))
        sources[source][year] += amount
    lines = [o for o in cost.origins if o.kind == "cost_line"]
    staff = [o for o in cost.origins if o.kind == "allocation"]
    fund_names = dict(Fund.objects.filter(cycle=cycle).values_list("code", "name"))
    context = {
        "cycle": cycle,
        "result": result,
        "cost": cost,
        "is_output": result.level.kind == LevelKind.OUTPUT,
        "years": years,
        "by_year": [cost.by_year.get(y, Decimal(0)) for y in years],
        "categories": [(str(CostCategory(k).label), [v.get(y, Decimal(0)) for y in years],
                        sum(v.values(), Decimal(0))) for k, v in categories.items()],
        "sources": [(k, fund_names.get(k, k), [v.get(y, Decimal(0)) for y in years],
                     sum(v.values(), Decimal(0))) for k, v in sources.items()],
        "fund_names": fund_names,
        "lines": lines,
        "staff": staff,
        "staff_total": sum((o.amount for o in staff), Decimal(0)),
        "lines_total": sum((o.amount for o in lines), Decimal(0)),
        "outcomes": [(code, title, float(portion) * 100) for code, title, portion in cost.outcomes],
    }
    return render(request, "finance/output.html", context)


@cycle_view
def scenario_list(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    scope = access.money_scope(request.user, cycle)
    saved = list(Scenario.objects.filter(cycle=cycle).select_related("created_by")
                 .prefetch_related("envelopes__source")
                 .order_by("code"))
    rows = []
    for scenario in saved:
        envelopes = list(scenario.envelopes.all())
        rows.append({
            "scenario": scenario,
            "years": sorted({e.year for e in envelopes}),
            "total": sum((e.amount for e in envelopes if e.source_id is None), Decimal(0)),
            "by_source": sum(1 for e in envelopes if e.source_id is not None),
        })
    context = {
        "cycle": cycle,
        "scope": scope,
        "rows": rows,
        "may_write": access.may_write_scenarios(request.user, cycle),
    }
    return render(request, "finance/scenarios.html", context)


@cycle_view
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The form of a new scenario. ``?preset=eb80`` fills it with the plan's own costs by
    source, every extrabudgetary source at 80 per cent; ``?preset=plan`` at 100."""
    access.require_scenario_write(request.user, cycle)
    basis = selectors.scenario_basis(cycle)
    taken = list(Scenario.objects.filter(cycle=cycle).values_list("code", flat=True))
    kwargs: dict[str, Any] = {"cycle": cycle, "funds": basis.funds, "taken": taken}
    if request.method == "POST":
        form = ScenarioForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            missing = [code for code in data["rank_codes"] if basis.output_id(code) is None]
            if missing:
                form.add_error("ranks", f"No output {', '.join(missing)} in {cycle.code}.")
            else:
                try:
                    scenario = scenario_create(
                        actor=request.user, cycle=cycle, code=data["code"], name=data["name"],
                        rule=data["rule"], description=data["description"],
                        envelopes=data["envelopes"], ranks=data["rank_codes"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, f"Scenario {scenario.code} saved.")
                    return redirect("scenario_detail", cycle_code=cycle.code,
                                    scenario_code=scenario.code)
    else:
        preset = request.GET.get("preset", "")
        initial: dict[str, Any] = {}
        if preset in ("eb80", "plan"):
            scale = {EXTRABUDGETARY: EB_FACTOR} if preset == "eb80" else {}
            initial = ScenarioForm.initial_from(basis.envelopes_from_plan(scale))
            if preset == "eb80":
                initial.update(code=_free("EB80", taken), name="Extrabudgetary income falls by 20%",
                               description="Envelopes from the plan's costs by funding source, "
                                           "every extrabudgetary source at 80%.")
            else:
                initial.update(code=_free("BASE", taken), name="The plan as costed",
                               description="Envelopes from the plan's costs by funding source.")
        form = ScenarioForm(initial=initial, **kwargs)
    return render(request, "finance/scenario_form.html", {
        "cycle": cycle, "form": form, "fund_names": basis.funds,
    })


def _free(code: str, taken: list[str]) -> str:
    n, candidate = 1, code
    while candidate in taken:
        n += 1
        candidate = f"{code}-{n}"
    return candidate


def _saved(cycle: Cycle, code: str) -> Scenario:
    scenario = Scenario.objects.filter(cycle=cycle, code=code).select_related("created_by").first()
    if scenario is None:
        raise Http404(f"No scenario {code} in {cycle.code}")
    return scenario


def _run(scenario: Scenario) -> ScenarioResult:
    scores = selectors.output_scores(scenario.cycle) if scenario.rule == SCORE else None
    try:
        return selectors.scenario_run(scenario, scores=scores)
    except ScenarioError as error:
        raise Http404(str(error)) from None


@cycle_view
def scenario_detail(request: HttpRequest, cycle: Cycle, scenario_code: str) -> HttpResponse:
    """What a saved scenario funds, on the plan as it stands: the outputs by priority
    around the line, the gap per outcome, the outcomes left with no funded output."""
    scope = access.money_scope(request.user, cycle)
    scenario = _saved(cycle, scenario_code)
    result = access.scoped_scenario(_run(scenario), scope.codes)
    unfunded = [d for d in result.unfunded if d.priority != "wont"]
    groups = []
    for priority in ("must", "should", "could", "", "wont"):
        items = [d for d in result.decisions if d.priority == priority]
        if items:
            groups.append({
                "priority": priority, "label": PRIORITY_LABELS.get(priority, priority),
                "items": items[:MAX_ROWS], "count": len(items), "hidden": max(len(items) - MAX_ROWS, 0),
                "funded": sum(1 for d in items if d.funded),
                "cost": sum((d.cost for d in items), Decimal(0)),
            })
    others = [s for s in Scenario.objects.filter(cycle=cycle).exclude(pk=scenario.pk)
              .order_by("code").values_list("code", "name")]
    context = {
        "cycle": cycle,
        "scope": scope,
        "scenario": scenario,
        "result": result,
        "groups": groups,
        "funded_cost": sum((d.cost for d in result.funded), Decimal(0)),
        "unfunded": unfunded,
        "unfunded_cost": sum((d.cost for d in unfunded), Decimal(0)),
        "wont": [d for d in result.decisions if d.priority == "wont"],
        "line_chart": _line_chart(result),
        "gap_chart": _scenario_gap_chart(result),
        "empty_outcomes": result.outcomes_without_funded_output,
        "others": others,
        "may_write": access.may_write_scenarios(request.user, cycle),
    }
    return render(request, "finance/scenario.html", context)


@cycle_view
@require_POST
def scenario_remove(request: HttpRequest, cycle: Cycle, scenario_code: str) -> HttpResponse:
    access.require_scenario_write(request.user, cycle)
    scenario = _saved(cycle, scenario_code)
    scenario_delete(actor=request.user, scenario=scenario)
    messages.success(request, f"Scenario {scenario_code} deleted.")
    return redirect("scenario_list", cycle_code=cycle.code)


@cycle_view
def scenario_compare(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Two saved scenarios side by side: totals, the outputs funded under one only, and
    the gap per outcome under each."""
    scope = access.money_scope(request.user, cycle)
    saved = list(Scenario.objects.filter(cycle=cycle).order_by("code"))
    codes = [s.code for s in saved]
    a_code, b_code = request.GET.get("a", ""), request.GET.get("b", "")
    comparison = None
    error = ""
    if a_code or b_code:
        if a_code not in codes or b_code not in codes:
            error = "Choose two saved scenarios."
        elif a_code == b_code:
            error = "Choose two different scenarios."
        else:
            a = next(s for s in saved if s.code == a_code)
            b = next(s for s in saved if s.code == b_code)
            scores = selectors.output_scores(cycle) if SCORE in (a.rule, b.rule) else None
            comparison = access.scoped_comparison(
                selectors.scenario_compare(a, b, scores), scope.codes
            )
    elif len(saved) >= 2:
        a_code, b_code = codes[0], codes[1]
    context = {
        "cycle": cycle,
        "scope": scope,
        "saved": saved,
        "a_code": a_code,
        "b_code": b_code,
        "comparison": comparison,
        "error": error,
        "chart": _compare_chart(comparison) if comparison else None,
    }
    if comparison is not None:
        context.update(
            a_funded=sum((d.cost for d in comparison.a.funded), Decimal(0)),
            b_funded=sum((d.cost for d in comparison.b.funded), Decimal(0)),
            a_unfunded=comparison.a.unfunded_cost if scope.whole else _unfunded_cost(comparison.a),
            b_unfunded=comparison.b.unfunded_cost if scope.whole else _unfunded_cost(comparison.b),
            a_unfunded_n=sum(1 for d in comparison.a.unfunded if d.priority != "wont"),
            b_unfunded_n=sum(1 for d in comparison.b.unfunded if d.priority != "wont"),
            changed=comparison.changed[:MAX_ROWS],
            changed_count=len(comparison.changed),
        )
    return render(request, "finance/compare.html", context)


def _unfunded_cost(result: ScenarioResult) -> Decimal:
    return sum((d.cost for d in result.unfunded if d.priority != "wont"), Decimal(0))


@cycle_view
def workforce(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Allocated against available FTE per unit and person and year, the over-allocated,
    demand by grade, and the flexible workforce's share and cost."""
    scope = access.money_scope(request.user, cycle)
    report = access.scoped_workforce(cycle, scope)
    years = report.years
    people = sorted(
        report.people,
        key=lambda p: (-max((p.allocated.get(y, Decimal(0)) - p.capacity for y in years),
                            default=Decimal(0)), p.code),
    )
    person_rows = [
        {"person": p, "cells": [(p.allocated.get(y, Decimal(0)),
                                 _util_class(p.allocated.get(y, Decimal(0)), p.capacity))
                                for y in years]}
        for p in people[:MAX_ROWS]
    ]
    flexible = {g.group: g for g in report.flexible}
    context = {
        "cycle": cycle,
        "scope": scope,
        "report": report,
        "years": years,
        "person_rows": person_rows,
        "people_hidden": max(len(people) - MAX_ROWS, 0),
        "over": report.over_allocated,
        "heat": _heat(report),
        "grade_chart": _grade_chart(report),
        "flexible_groups": [flexible[k] for k in ("consultant", "temporary", "remote") if k in flexible],
        "flexible_all": flexible.get("flexible"),
        "everyone": flexible.get("all"),
        "shares": [(y, report.flexible_share(y)) for y in years],
    }
    return render(request, "finance/workforce.html", context)


def _util_class(allocated: Decimal, capacity: Decimal) -> str:
    if not capacity:
        return "heat--over" if allocated else "heat--none"
    share = allocated / capacity
    if share > 1:
        return "heat--over"
    if share >= Decimal("0.9"):
        return "heat--full"
    if share >= Decimal("0.5"):
        return "heat--mid"
    if share > 0:
        return "heat--low"
    return "heat--none"
