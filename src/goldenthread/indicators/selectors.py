"""Reads of indicators for the pages: a result's indicators with their values by period."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Case, Exists, FloatField, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from goldenthread.core.compute import gc_paused
from goldenthread.core.periods import Period
from goldenthread.indicators import rollup
from goldenthread.indicators.choices import ActualStatus, UnitOfMeasure
from goldenthread.indicators.computed import computed_values
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.indicators.scoring import (
    Item,
    achievement_ratio,
    combine,
    is_flow,
    period_time,
    score_of,
    status_of,
    target_at,
)
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.plans.selectors import tier_expression


def indicator_count(cycle: Cycle, user: object = None) -> int:
    """How many indicators of the cycle ``user`` sees."""
    return Indicator.objects.visible_to(user).filter(cycle=cycle).count()


@dataclass
class PeriodRow:
    """The target and the actual of one indicator for one period (either may be missing)."""

    period: Period
    target: Target | None
    actual: Actual | None


@dataclass
class IndicatorSheet:
    """An indicator's reference sheet with its baseline, targets and actuals."""

    indicator: Indicator
    periods: list[PeriodRow]


def result_indicators(result: Result) -> list[IndicatorSheet]:
    """The indicators of a result, each with its targets and actuals lined up by
    period. Three queries whatever the number of indicators."""
    indicators = (
        Indicator.objects.filter(result=result)
        .select_related("responsible")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("year", "quarter")),
            Prefetch(
                "actuals",
                queryset=Actual.objects.select_related("reported_by").order_by("year", "quarter"),
            ),
        )
        .order_by("code")
    )
    sheets = []
    for indicator in indicators:
        targets = {t.period: t for t in indicator.targets.all()}
        actuals = {a.period: a for a in indicator.actuals.all()}
        periods = sorted(set(targets) | set(actuals))
        sheets.append(
            IndicatorSheet(
                indicator=indicator,
                periods=[PeriodRow(p, targets.get(p), actuals.get(p)) for p in periods],
            )
        )
    return sheets


# --- Scores of a whole cycle for a period (the roll-up; see docs/scoring.md) ---------------

LIKELY_TO_MISS_BELOW = 0.9  # projected share of the way to the endline target


@dataclass(slots=True)  # a hundred thousand of each on a large plan
class IndicatorScore:
    """One indicator's standing for a period, and its forecast at the end of the cycle."""

    id: int
    code: str
    name: str
    result_id: int
    weight: float
    unit_of_measure: str
    direction: str
    baseline: float | None
    baseline_year: int | None
    target: float | None
    actual: float | None
    ratio: float | None
    score: float | None
    status: str
    endline_target: float | None
    projected: float | None  # the trend's value at the cycle's end year
    likely_to_miss: bool
    computed: bool = False
    points: list[tuple[float, float]] = field(default_factory=list)  # (time, value) used by the trend


@dataclass(slots=True)  # a hundred thousand of each on a large plan
class ResultScore:
    id: int
    code: str
    title: str
    level_id: int
    unit_id: int
    person_id: int | None
    tier: int
    method: str
    score: float | None
    status: str
    coverage: float
    forecast: float | None  # the roll-up of the indicators' projected endline scores
    likely_to_miss: bool


@dataclass
class ScoreItem:
    """One item of a result's score: an own indicator or a child result, with its drag."""

    kind: str  # "indicator" or "result"
    id: int
    code: str
    title: str
    weight: float
    score: float | None
    status: str
    drag: float | None  # points it costs the result; None when it has no data

    @property
    def share(self) -> float:
        return self.drag or 0.0


@dataclass
class Scoreboard:
    """Every result and indicator of a cycle scored for one period."""

    cycle: Cycle
    period: Period
    results: dict[int, ResultScore]
    indicators: dict[int, IndicatorScore]
    graph: rollup.Graph
    position: dict[int, int]  # result id -> its row in the graph
    result_ids: list[int]  # row -> result id
    indicator_ids: list[int]  # indicator row in the graph -> indicator id

    def by_code(self, code: str) -> ResultScore | None:
        return next((r for r in self.results.values() if r.code == code), None)

    def contributions(self, result_id: int) -> list[ScoreItem]:
        """The items of a result's score, the biggest drag first, items without data last."""
        row = self.position[result_id]
        indicator_rows, child_rows, weights = rollup.items_of(self.graph, row)
        items: list[Item] = []
        described: list[tuple[str, int, str, str, str]] = []
        for ind_row, child_row, weight in zip(indicator_rows, child_rows, weights, strict=True):
            if ind_row >= 0:
                ind = self.indicators[self.indicator_ids[int(ind_row)]]
                items.append(Item(f"i{ind.id}", float(weight), ind.score))
                described.append(("indicator", ind.id, ind.code, ind.name, ind.status))
            else:
                child = self.results[self.result_ids[int(child_row)]]
                items.append(Item(f"r{child.id}", float(weight), child.score))
                described.append(("result", child.id, child.code, child.title, child.status))
        combined = combine(items, self.results[result_id].method)
        out = [
            ScoreItem(kind, pk, code, title, item.weight, item.score, status,
                         combined.drags.get(item.key))
            for item, (kind, pk, code, title, status) in zip(items, described, strict=True)
        ]
        out.sort(key=lambda c: (c.drag is None, -(c.drag or 0.0), c.code))
        return out

    def why(self, result_id: int, depth: int = 8) -> list[ScoreItem]:
        """Follow the biggest drag down from a result until an indicator, or a result with
        nothing below it, is reached: the chain that explains a low score."""
        chain: list[ScoreItem] = []
        current = result_id
        for _ in range(depth):
            dragging = [c for c in self.contributions(current) if c.drag and c.drag > 0]
            if not dragging:
                break
            chain.append(dragging[0])
            if dragging[0].kind == "indicator":
                break
            current = dragging[0].id
        return chain


def _year_value(values: dict[tuple[int, int], float], period: Period) -> float | None:
    """A level's value for a period; for a year not yet reported as a whole, its latest
    quarter (where the measure stands now)."""
    if (period.year, period.quarter) in values:
        return values[(period.year, period.quarter)]
    if period.quarter == 0:
        for quarter in (4, 3, 2, 1):
            if (period.year, quarter) in values:
                return values[(period.year, quarter)]
    return None


def _flow_standing(
    values: dict[tuple[int, int], float], period: Period, baseline: float | None,
    target: float | None, year_target: float | None,
) -> tuple[float | None, float | None, float | None]:
    """(actual, baseline, target) for a flow (a ``sum`` indicator: what happened in the
    period, such as people trained), whose baseline and targets are for whole years.

    A year not yet reported as a whole is scored to date: the sum of its reported quarters
    against the baseline and target scaled to the share of the year they cover. A quarter
    is scored against a quarter of the year's baseline and target (``target`` itself when
    one is set for that quarter)."""
    def scaled(value: float | None, share: float) -> float | None:
        return None if value is None else value * share

    if period.quarter == 0:
        if (period.year, 0) in values:
            return values[(period.year, 0)], baseline, target
        quarters = [values[(period.year, q)] for q in (1, 2, 3, 4) if (period.year, q) in values]
        if not quarters:
            return None, baseline, target
        share = len(quarters) / 4
        return sum(quarters), scaled(baseline, share), scaled(target, share)
    actual = values.get((period.year, period.quarter))
    return actual, scaled(baseline, 0.25), target if year_target is None else scaled(year_target, 0.25)


def _float(column: str) -> Cast:
    """A decimal column read as a float by the database: scoring is arithmetic on floats,
    and converting a million decimals one by one in Python would take seconds."""
    return Cast(column, FloatField())


def _fetch(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query as the database driver returns them. The columns
    scoring reads are numbers (decimals cast to floats by the database) and text, which
    need none of the ORM's per-value converters: at a million values those calls alone
    take about a second."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that cannot match (``pk__in=[]``): no query to run
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _below(cycle: Cycle, roots: list[int]) -> RawSQL:
    """The ids of ``roots`` and of every result below them: one recursive query."""
    table = connection.ops.quote_name(Link._meta.db_table)
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE down(id) AS ("
        f" SELECT r.id FROM {connection.ops.quote_name(Result._meta.db_table)} r"
        f" WHERE r.cycle_id = %s AND r.id IN ({marks})"
        f" UNION"
        f" SELECT l.child_id FROM {table} l JOIN down ON l.parent_id = down.id"
        f") SELECT id FROM down"
    )
    return RawSQL(sql, (cycle.pk, *roots))


@dataclass
class PlanNumbers:
    """What scoring a cycle reads, read once: results, links, indicators and their values
    (computed indicators' included), with the cascade arranged for the roll-up."""

    cycle: Cycle
    rows: list[tuple[Any, ...]]
    position: dict[int, int]
    ind_rows: list[tuple[Any, ...]]
    targets: dict[int, dict[tuple[int, int], float]]
    actuals: dict[int, dict[tuple[int, int], float]]
    baselines: dict[int, tuple[int, float]]
    graph: rollup.Graph
    target_times: dict[int, dict[float, float]] = field(default_factory=dict)  # by period time
    actual_times: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # sorted


def scoreboard(cycle: Cycle, period: Period, roots: list[int] | None = None) -> Scoreboard:
    """Score every indicator and result of ``cycle`` for ``period`` and forecast each at
    the cycle's end year. A fixed number of queries whatever the size of the plan; the
    arithmetic is ``scoring`` (the rule), ``rollup`` (the DAG) and ``insights.forecast``.

    With ``roots`` (result ids), only those results and everything below them are read and
    scored: a score depends on nothing else, so theirs are the same as in the whole cycle.
    """
    with gc_paused():
        return score_numbers(plan_numbers(cycle, roots, until=period.year), period)


#: Whole-cycle scores kept in memory (see ``cycle_scores``): the latest few (cycle, period).
CYCLE_SCORES_KEPT = 4
_cycle_scores: OrderedDict[tuple[Any, ...], dict[int, ResultScore]] = OrderedDict()
_cycle_scores_lock = threading.Lock()


def data_version() -> tuple[Any, ...]:
    """The latest entry of the audit log (its id and time). Every write goes through an
    audited service (plan loads included), so a new entry is the sign that scores may have
    changed. One query on the log's primary key."""
    from goldenthread.core.models import AuditEntry

    return tuple(AuditEntry.objects.order_by("-id").values_list("id", "at").first() or ())


def cycle_scores(cycle: Cycle, period: Period) -> dict[int, ResultScore]:
    """Every result of ``cycle`` scored for ``period`` over the whole cycle (result id ->
    score), kept in this process until the audit log records a new write.

    For pages that show a few results whose scores depend on the whole plan, such as the
    goals above one department on the strategy map: scoring the L plan takes seconds, and a
    map of its departments would otherwise score it on every request. The first request
    after a change pays for the whole cycle once; the next ones look it up."""
    key = (cycle.pk, cycle.code, str(period), *data_version())
    with _cycle_scores_lock:
        found = _cycle_scores.get(key)
        if found is not None:
            _cycle_scores.move_to_end(key)
            return found
    found = scoreboard(cycle, period).results  # outside the lock: other pages go on meanwhile
    with _cycle_scores_lock:
        _cycle_scores[key] = found
        while len(_cycle_scores) > CYCLE_SCORES_KEPT:
            _cycle_scores.popitem(last=False)
    return found


def scoreboards(cycle: Cycle, periods: list[Period], roots: list[int] | None = None) -> list[Scoreboard]:
    """``scoreboard`` for several periods, reading the plan once (trends over time)."""
    with gc_paused():
        numbers = plan_numbers(cycle, roots, until=max((p.year for p in periods), default=None))
        return [score_numbers(numbers, period) for period in periods]


def plan_numbers(cycle: Cycle, roots: list[int] | None = None, until: int | None = None) -> PlanNumbers:
    """Read what scoring needs (see ``scoreboard`` for ``roots``): six to eight queries.

    With ``until`` (a year), actuals of later years are left unread: a period's score and
    its trend use the actuals up to the period only (targets are all read: a target is
    interpolated towards the next one, and the forecast compares with the endline)."""
    # With roots, every read is keyed by the results below them (so the database walks its
    # indexes from those few results instead of filtering the whole cycle's rows).
    below = _below(cycle, roots) if roots else None
    nothing = Q(pk__in=[])
    rows = _fetch(
        Result.objects.filter(Q(cycle=cycle) if roots is None else Q(id__in=below) if roots else nothing)
        .annotate(tier_value=tier_expression())
        .order_by("level__rank", "code")
        .values_list("id", "code", "title", "level_id", "unit_id", "person_id", "tier_value", "method")
    )
    position = {row[0]: i for i, row in enumerate(rows)}
    # Below roots, a link's parent is below them, and so is its child.
    links: list[tuple[int, int, float]] = _fetch(
        Link.objects.filter(Q(cycle=cycle) if roots is None else Q(parent_id__in=below) if roots else nothing)
        .order_by().values_list("child_id", "parent_id", _float("weight"))
    )
    if roots is None:
        indicator_scope, value_scope = Q(cycle=cycle), Q(indicator__cycle=cycle, value__isnull=False)
    elif roots:
        indicator_scope = Q(result_id__in=below)
        value_scope = Q(indicator__result_id__in=below, value__isnull=False)
    else:
        indicator_scope, value_scope = nothing, nothing
    columns = ("id", "code", "name", "result_id", _float("weight"), "baseline_year",
               _float("baseline_value"), "unit_of_measure", "direction", "computation", "aggregation")
    ind_rows = _fetch(
        Indicator.objects.filter(indicator_scope).exclude(unit_of_measure=UnitOfMeasure.QUALITATIVE)
        .order_by("code").values_list(*columns)
    )
    # Computed indicators take their values from their sources, wherever those are.
    sources: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for computed_id, source_id, weight in Contribution.objects.filter(
        computed__cycle=cycle
    ).values_list("computed_id", "source_id", _float("weight")):
        sources[computed_id].append((source_id, float(weight)))
    methods = {row[0]: row[9] for row in ind_rows if row[9]}
    wanted = {row[0] for row in ind_rows}
    extra: set[int] = set()
    stack = [sid for cid in methods for sid, _ in sources.get(cid, ())]
    while stack:  # sources outside the results read, and their own sources
        sid = stack.pop()
        if sid not in wanted and sid not in extra:
            extra.add(sid)
            stack.extend(s for s, _ in sources.get(sid, ()))
    source_rows = list(Indicator.objects.filter(pk__in=extra).values_list(*columns)) if extra else []
    for row in source_rows:
        if row[9]:
            methods[row[0]] = row[9]
    if extra:
        value_scope |= Q(indicator_id__in=extra, value__isnull=False)
    value_columns = ("indicator_id", "year", "quarter", _float("value"))
    targets: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for ind_id, year, quarter, value in _fetch(
        Target.objects.filter(value_scope).order_by().values_list(*value_columns)
    ):
        targets[ind_id][(year, quarter)] = value
    actual_scope = Q(value_scope, status=ActualStatus.APPROVED)
    if until is not None:
        actual_scope &= Q(year__lte=until)
    actuals: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for ind_id, year, quarter, value in _fetch(
        Actual.objects.filter(actual_scope).order_by().values_list(*value_columns)
    ):
        actuals[ind_id][(year, quarter)] = value
    baselines = {row[0]: (row[5], row[6]) for row in [*ind_rows, *source_rows]
                 if row[5] is not None and row[6] is not None}
    if methods:
        used = {cid: sources.get(cid, []) for cid in methods}
        actuals.update(computed_values(methods, used, actuals))
        targets.update(computed_values(methods, used, targets, keep_given=True))
        computed_baselines = computed_values(
            methods, used, {i: {(y, 0): v} for i, (y, v) in baselines.items()}, keep_given=True
        )
        for cid, series in computed_baselines.items():
            if series:
                (year, _quarter), value = min(series.items())
                baselines[cid] = (year, value)

    methods_of = np.array(
        [rollup.METHOD_CODES.get(row[7], rollup.WEIGHTED_MEAN) for row in rows], dtype=np.int64
    )
    graph = rollup.prepare(
        len(rows), methods_of,
        np.array([position[row[3]] for row in ind_rows], dtype=np.int64),
        np.array([row[4] for row in ind_rows], dtype=np.float64),
        np.array([position[c] for c, _, _ in links], dtype=np.int64),
        np.array([position[p] for _, p, _ in links], dtype=np.int64),
        np.array([w for _, _, w in links], dtype=np.float64),
    )
    times: dict[tuple[int, int], float] = {}  # the few distinct periods, each timed once
    for series in (*targets.values(), *actuals.values()):
        for key in series:
            if key not in times:
                times[key] = period_time(*key)
    return PlanNumbers(
        cycle=cycle, rows=rows, position=position, ind_rows=ind_rows, targets=targets,
        actuals=actuals, baselines=baselines, graph=graph,
        target_times={i: {times[k]: v for k, v in series.items()} for i, series in targets.items()},
        actual_times={i: sorted((times[k], v) for k, v in series.items()) for i, series in actuals.items()},
    )


def score_numbers(numbers: PlanNumbers, period: Period) -> Scoreboard:
    """Score what ``plan_numbers`` read for one period; no queries."""
    from goldenthread.insights import forecast

    cycle = numbers.cycle
    on_track, at_risk = float(cycle.on_track_threshold), float(cycle.at_risk_threshold)
    rows, position, ind_rows = numbers.rows, numbers.position, numbers.ind_rows
    actuals, baselines = numbers.actuals, numbers.baselines
    graph = numbers.graph
    now = period_time(period.year, period.quarter)
    end = float(cycle.end_year)
    indicators: dict[int, IndicatorScore] = {}
    for ind_id, code, name, result_id, weight, _by, _bv, unit, direction, computation, agg in ind_rows:
        flow = is_flow(unit, agg)
        b_year, baseline = baselines.get(ind_id, (None, None))
        own_targets = numbers.target_times.get(ind_id, {})
        b_time = float(b_year) if b_year is not None else None
        target = target_at(now, own_targets, b_time, baseline)
        values = actuals.get(ind_id, {})
        if flow:
            set_for_quarter = period.quarter and now in own_targets
            year_target = None if set_for_quarter else target_at(
                float(period.year), own_targets, b_time, baseline
            )
            actual, measured_from, target = _flow_standing(values, period, baseline, target, year_target)
        else:
            actual, measured_from = _year_value(values, period), baseline
        ratio = achievement_ratio(measured_from, target, actual)
        if flow:
            times, series = forecast.trend_points(
                b_year, baseline, {k: v for k, v in values.items() if period_time(*k) <= now},
                flow=True,
            )
            points = list(zip(times, series, strict=True))
        else:  # a level: the baseline and every actual so far, in time order
            points = [(float(b_year), baseline)] if b_year is not None and baseline is not None else []
            points += [p for p in numbers.actual_times.get(ind_id, ()) if p[0] <= now]
        indicators[ind_id] = IndicatorScore(
            id=ind_id, code=code, name=name, result_id=result_id, weight=float(weight),
            unit_of_measure=unit, direction=direction, baseline=baseline, baseline_year=b_year,
            target=target, actual=actual, ratio=ratio, score=score_of(ratio),
            status=status_of(ratio, on_track, at_risk),
            endline_target=target_at(end, own_targets, b_time, baseline),
            projected=None, likely_to_miss=False, points=points, computed=bool(computation),
        )

    # Forecasts: every indicator's trend at once.
    inds = list(indicators.values())
    times_arr, values_arr = forecast.pad_points([i.points for i in inds])
    projected = forecast.project(times_arr, values_arr, end) if inds else np.zeros(0)
    projected_scores = np.full(len(inds), np.nan)
    for row_i, (ind, value) in enumerate(zip(inds, projected.tolist(), strict=True)):
        if math.isnan(value):
            continue
        ind.projected = value
        ratio = achievement_ratio(ind.baseline, ind.endline_target, value)
        if ratio is not None:
            ind.likely_to_miss = ratio < LIKELY_TO_MISS_BELOW
            projected_scores[row_i] = score_of(ratio)

    now_scores = np.array([np.nan if i.score is None else i.score for i in inds], dtype=np.float64)
    rolled = rollup.roll_up(graph, now_scores)
    ahead = rollup.roll_up(graph, projected_scores)
    own_miss = {i.result_id for i in inds if i.likely_to_miss}
    results: dict[int, ResultScore] = {}
    for (pk, code, title, level_id, unit_id, person_id, tier, method), score, coverage, fc in zip(
        rows, rolled.score.tolist(), rolled.coverage.tolist(), ahead.score.tolist(), strict=True
    ):
        has_score, has_forecast = not math.isnan(score), not math.isnan(fc)
        results[pk] = ResultScore(
            id=pk, code=code, title=title, level_id=level_id, unit_id=unit_id, person_id=person_id,
            tier=int(tier), method=method,
            score=score if has_score else None,
            status=status_of(score / 100 if has_score else None, on_track, at_risk),
            coverage=coverage,
            forecast=fc if has_forecast else None,
            likely_to_miss=pk in own_miss or (has_forecast and fc / 100 < LIKELY_TO_MISS_BELOW),
        )
    board = Scoreboard(cycle=cycle, period=period, results=results, indicators=indicators,
                       graph=graph, position=position, result_ids=[row[0] for row in rows],
                       indicator_ids=[i.id for i in inds])
    return board


def reported_periods(cycle: Cycle) -> list[Period]:
    """The years of the cycle up to the latest with an approved actual (at least the first
    year): the periods a person would score, newest last.

    One query that asks, from the cycle's last year down, whether a year has an approved
    actual and stops at the first that has: each question is answered from the first
    actual found through the (indicator, year) index, where the maximum over every actual
    of a large plan would read them all."""
    approved = Actual.objects.filter(indicator__cycle=cycle, status=ActualStatus.APPROVED)
    latest = Cycle.objects.filter(pk=cycle.pk).annotate(latest=Case(
        When(Exists(approved.filter(year__gte=cycle.end_year)), then=Value(cycle.end_year)),
        *[When(Exists(approved.filter(year=year)), then=Value(year))
          for year in range(cycle.end_year - 1, cycle.start_year, -1)],
        default=Value(cycle.start_year), output_field=IntegerField(),
    )).values_list("latest", flat=True).first()
    return [Period(year) for year in range(cycle.start_year, (latest or cycle.start_year) + 1)]


@dataclass
class SeriesChart:
    """One indicator's chart: baseline, targets, actuals by status, and its trend."""

    indicator: IndicatorScore
    spec: dict[str, Any]


def indicator_chart(ind: IndicatorScore, targets: dict[tuple[int, int], float],
                    actuals: list[tuple[tuple[int, int], float, str]], end_year: int) -> SeriesChart:
    """Plotly traces for one indicator (``targets`` by period; ``actuals`` as (period,
    value, status)); times in years, quarters as fractions, as the scoring rule counts them."""
    from goldenthread.insights import forecast

    traces: list[dict[str, Any]] = []
    if ind.baseline is not None and ind.baseline_year is not None:
        traces.append({"name": "Baseline", "kind": "baseline",
                       "x": [ind.baseline_year], "y": [ind.baseline]})
    if targets:
        points = sorted((period_time(*k), v) for k, v in targets.items())
        if ind.baseline is not None and ind.baseline_year is not None:
            points.insert(0, (float(ind.baseline_year), ind.baseline))
        traces.append({"name": "Target", "kind": "target",
                       "x": [t for t, _ in points], "y": [v for _, v in points]})
    for status, name in ((ActualStatus.APPROVED, "Actual (approved)"),
                         (ActualStatus.SUBMITTED, "Actual (awaiting approval)")):
        shown = sorted((period_time(*k), v) for k, v, s in actuals if s == status)
        if shown:
            traces.append({"name": name, "kind": f"actual_{status}",
                           "x": [t for t, _ in shown], "y": [v for _, v in shown]})
    fitted = forecast.trend([t for t, _ in ind.points], [v for _, v in ind.points])
    if fitted is not None and ind.points:
        slope, intercept = fitted
        start = min(t for t, _ in ind.points)
        traces.append({"name": "Trend to " + str(end_year), "kind": "forecast",
                       "x": [start, float(end_year)],
                       "y": [intercept + slope * start, intercept + slope * end_year]})
    return SeriesChart(indicator=ind, spec={"traces": traces, "unit": ind.unit_of_measure})
