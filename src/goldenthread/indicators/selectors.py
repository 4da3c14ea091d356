"""Reads of indicators for the pages: a result's indicators with their values by period."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterator, Mapping, ValuesView
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
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
from goldenthread.indicators.rollup import Floats, Ints
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
    # the baseline the ratio was measured from: ``baseline``, or for a flow its share of the
    # period (a quarter, or the quarters of a year reported so far)
    measured_from: float | None = None


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
    sources: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  # computed -> sources


def scoreboard(cycle: Cycle, period: Period, roots: list[int] | None = None) -> Scoreboard:
    """Score every indicator and result of ``cycle`` for ``period`` and forecast each at
    the cycle's end year. A fixed number of queries whatever the size of the plan; the
    arithmetic is ``scoring`` (the rule), ``rollup`` (the DAG) and ``insights.forecast``.

    With ``roots`` (result ids), only those results and everything below them are read and
    scored: a score depends on nothing else, so theirs are the same as in the whole cycle.
    """
    with gc_paused():
        return score_numbers(plan_numbers(cycle, roots, until=period.year), period)


# --- The whole cycle's scores kept between requests (``cycle_scores``) --------------------

#: Cycles whose scores a process keeps, and periods kept for each (the least recently
#: used cycle and the first scored period are dropped first). On the L plan (100,000
#: results, 100,000 indicators): about 19 MB per cycle (its results' texts and numbers, the
#: roll-up's layers) and 6 MB per period, so at most about 75 MB; see docs/scoring.md.
CYCLES_KEPT = 2
PERIODS_KEPT = 3
#: Audited writes since the kept scores beyond which the cycle is scored afresh rather than
#: followed write by write (a plan load, a bulk import).
CHANGES_FOLLOWED = 2000
#: Writes whose audit rows name the indicator whose values changed: only that indicator
#: (and the computed indicators fed by it) is scored again.
VALUE_TYPES = frozenset({"indicators.actual", "indicators.target"})
#: Writes that change the roll-up's arrangement but no indicator's score: the cycle's
#: results, links and indicators are read again (not their values) and the kept scores of
#: the indicators rolled up over them.
SHAPE_TYPES = frozenset({"plans.result", "plans.link"})


def score_inputs() -> frozenset[str]:
    """The records (``app.model``, as the audit log names them) whose writes can change
    scores other than through an indicator's values: what ``plan_numbers`` reads (the
    cycle's thresholds and years, levels, units' tiers, results, people owning results,
    links, indicators, computed indicators' sources). A write of one of these has the
    kept scores computed afresh."""
    from goldenthread.org.models import OrgUnit, Person
    from goldenthread.plans.models import Level

    return frozenset(m._meta.label_lower for m in (
        Cycle, Level, OrgUnit, Person, Result, Link, Indicator, Contribution,
    ))


class Texts:
    """Many short strings stored as one: a hundred thousand codes or titles as separate
    ``str`` objects take several times the memory of their characters."""

    __slots__ = ("ends", "joined")

    def __init__(self, values: list[str]) -> None:
        self.joined = "".join(values)
        self.ends = np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)))

    def __getitem__(self, row: int) -> str:
        return self.joined[int(self.ends[row - 1]) if row else 0:int(self.ends[row])]

    def all(self) -> list[str]:
        ends = self.ends.tolist()
        joined = self.joined
        return [joined[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


@dataclass(frozen=True)
class PeriodScores:
    """One period's scores over a kept cycle: per indicator (in the graph's order) and per
    result (in the order read), as arrays; NaN without data."""

    now: Floats  # indicators' scores
    ahead: Floats  # indicators' projected end-of-cycle scores
    miss: npt.NDArray[np.bool_]  # indicators likely to miss their end target
    score: Floats  # results' scores
    coverage: Floats
    forecast: Floats
    likely_to_miss: npt.NDArray[np.bool_]  # results


@dataclass(frozen=True)
class KeptCycle:
    """A cycle's plan as scoring arranges it, and its scores for a few periods, as arrays:
    what ``cycle_scores`` keeps. ``version`` is the audit log's latest entry it reflects."""

    cycle_id: int
    version: tuple[Any, ...]
    ids: Ints  # result id per row (rows as ``plan_numbers`` reads them)
    by_id: Ints  # rows in the order of their ids, for look-ups by id
    codes: Texts
    titles: Texts
    level_id: Ints
    unit_id: Ints
    person_id: Ints  # -1 for none
    tier: Ints
    method: Ints  # index into ``methods``
    methods: tuple[str, ...]
    graph: rollup.Graph
    indicator_ids: Ints  # per indicator of the graph
    indicators_by_id: Ints  # indicator positions in the order of their ids
    indicator_result: Ints  # per indicator: the row of its result
    dependents: dict[int, list[int]]  # indicator id -> computed indicators fed by it
    on_track: float
    at_risk: float
    periods: dict[Period, PeriodScores]

    def row(self, result_id: int) -> int | None:
        at = int(np.searchsorted(self.ids, result_id, sorter=self.by_id))
        if at < len(self.ids) and self.ids[self.by_id[at]] == result_id:
            return int(self.by_id[at])
        return None

    def indicator_positions(self, ids: list[int]) -> Ints:
        """Positions in the graph of the indicators ``ids`` (-1 for one not kept)."""
        wanted = np.asarray(ids, dtype=np.int64)
        at = np.searchsorted(self.indicator_ids, wanted, sorter=self.indicators_by_id)
        at = np.minimum(at, max(len(self.indicator_ids) - 1, 0))
        if not len(self.indicator_ids):
            return np.full(len(wanted), -1, dtype=np.int64)
        found = self.indicators_by_id[at]
        return np.where(self.indicator_ids[found] == wanted, found, -1)

    @property
    def nbytes(self) -> int:
        """Roughly the memory the arrays and texts hold."""
        arrays = [self.ids, self.by_id, self.codes.ends, self.titles.ends, self.level_id, self.unit_id,
                  self.person_id, self.tier, self.method, self.indicator_ids, self.indicators_by_id,
                  self.indicator_result]
        graph = sum(v.nbytes for v in vars(self.graph).values() if isinstance(v, np.ndarray))
        graph += sum(v.nbytes for layer in self.graph.layers for v in vars(layer).values()
                     if isinstance(v, np.ndarray))
        text = len(self.codes.joined.encode("utf-32")) // 4 + len(self.titles.joined.encode("utf-32")) // 4
        return sum(a.nbytes for a in arrays) + graph + text


def _period_scores(kept_graph: rollup.Graph, indicator_result: Ints, now: Floats, ahead: Floats,
                   miss: npt.NDArray[np.bool_]) -> PeriodScores:
    """Roll the indicators' scores up to every result (the same arithmetic as
    ``score_numbers``)."""
    rolled = rollup.roll_up(kept_graph, now)
    forecast = rollup.roll_up(kept_graph, ahead).score
    own_miss = np.zeros(kept_graph.n, dtype=bool)
    own_miss[indicator_result[miss]] = True
    with np.errstate(invalid="ignore"):
        likely = own_miss | (~np.isnan(forecast) & (forecast / 100 < LIKELY_TO_MISS_BELOW))
    return PeriodScores(now=now, ahead=ahead, miss=miss, score=rolled.score, coverage=rolled.coverage,
                        forecast=forecast, likely_to_miss=likely)


def _rolling_graph(graph: rollup.Graph) -> rollup.Graph:
    """``graph`` with only what ``rollup.roll_up`` reads (its sizes and layers): the per-item
    arrays that explain a result's score (``rollup.items_of``) are left out of what is kept,
    a third of its memory."""
    empty_ints, empty_floats = np.zeros(0, dtype=np.int64), np.zeros(0)
    return replace(graph, item_parent=empty_ints, item_weight=empty_floats, item_indicator=empty_ints,
                   item_child=empty_ints, indicator_pos=empty_ints, total_weight=empty_floats,
                   height=empty_ints, item_start=empty_ints, item_count=empty_ints)


IndicatorArrays = tuple[Floats, Floats, npt.NDArray[np.bool_]]  # scores now, ahead, likely to miss


def _kept_of(cycle: Cycle, numbers: PlanNumbers, version: tuple[Any, ...],
             periods: dict[Period, IndicatorArrays]) -> KeptCycle:
    """What is kept of a cycle read by ``plan_numbers``, with its indicators' scores for
    some periods (in the order of ``numbers.ind_rows``) rolled up to its results."""
    rows = numbers.rows
    methods = tuple(sorted({row[7] for row in rows}))
    method_index = {m: i for i, m in enumerate(methods)}
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    ind_rows = numbers.ind_rows
    indicator_ids = np.fromiter((row[0] for row in ind_rows), dtype=np.int64, count=len(ind_rows))
    indicator_result = np.fromiter((numbers.position[row[3]] for row in ind_rows), dtype=np.int64,
                                   count=len(ind_rows))
    dependents: dict[int, list[int]] = defaultdict(list)
    for computed_id, sources in numbers.sources.items():
        for source_id, _weight in sources:
            dependents[source_id].append(computed_id)

    def ints(column: int, none: int = -1) -> Ints:
        return np.fromiter((none if row[column] is None else row[column] for row in rows),
                           dtype=np.int64, count=len(rows))

    return KeptCycle(
        cycle_id=cycle.pk, version=version, ids=ids, by_id=np.argsort(ids, kind="stable"),
        codes=Texts([row[1] for row in rows]), titles=Texts([row[2] for row in rows]),
        level_id=ints(3), unit_id=ints(4), person_id=ints(5), tier=ints(6),
        method=np.fromiter((method_index[row[7]] for row in rows), dtype=np.int64, count=len(rows)),
        methods=methods, graph=_rolling_graph(numbers.graph), indicator_ids=indicator_ids,
        indicators_by_id=np.argsort(indicator_ids, kind="stable"), indicator_result=indicator_result,
        dependents=dict(dependents), on_track=float(cycle.on_track_threshold),
        at_risk=float(cycle.at_risk_threshold),
        periods={period: _period_scores(numbers.graph, indicator_result, *arrays)
                 for period, arrays in periods.items()},
    )


def _kept_afresh(cycle: Cycle, period: Period, version: tuple[Any, ...]) -> KeptCycle:
    """Read and score the whole cycle for ``period``: seconds on a large plan."""
    with gc_paused():
        numbers = plan_numbers(cycle, None, until=period.year)
        inds, now, ahead = score_indicators(numbers, period)
    miss = np.fromiter((i.likely_to_miss for i in inds), dtype=bool, count=len(inds))
    return _kept_of(cycle, numbers, version, {period: (now, ahead, miss)})


def _kept_reshaped(cycle: Cycle, kept: KeptCycle) -> KeptCycle | None:
    """``kept`` after writes of results or links: the cycle's results, links and indicators
    read again (not their values) and the roll-up arranged again, the indicators' kept
    scores rolled up over it (their scores do not depend on the results above them); under
    a second on the L plan, against five for scoring afresh. None when the cycle's
    indicators are not the kept ones any more (gone with a result deleted)."""
    with gc_paused():
        shape = plan_numbers(cycle, None, values=False)
        if [row[0] for row in shape.ind_rows] != kept.indicator_ids.tolist():
            return None
        return _kept_of(cycle, shape, kept.version,
                        {p: (s.now, s.ahead, s.miss) for p, s in kept.periods.items()})


def _changed_indicators(kept: KeptCycle, version: tuple[Any, ...]) -> tuple[set[int], bool] | None:
    """The indicators whose values the audited writes since ``kept`` changed, with the
    computed indicators they feed, and whether results or links were written (the plan's
    shape: ``SHAPE_TYPES``); None when the writes touched more than these (indicators,
    levels, units, thresholds), when they are too many to follow, or when the log does not
    hold ``kept``'s entry any more (a database restored or rolled back)."""
    from django.apps import apps

    from goldenthread.core.models import AuditEntry

    if len(kept.version) != 2 or len(version) != 2 or version[0] < kept.version[0]:
        return None
    entries = list(
        AuditEntry.objects.filter(id__gte=kept.version[0], id__lte=version[0]).order_by("id")
        .values_list("id", "at", "object_type", "object_id", "before__indicator_id", "after__indicator_id")
        [:CHANGES_FOLLOWED + 2]
    )
    if not entries or tuple(entries[0][:2]) != tuple(kept.version) or len(entries) > CHANGES_FOLLOWED + 1:
        return None
    inputs = score_inputs()
    known = {m._meta.label_lower for m in apps.get_models()}
    changed: set[int] = set()
    unnamed: dict[str, set[int]] = defaultdict(set)  # updates record only the fields changed
    named_by: dict[tuple[str, str], int] = {}  # creates and deletes record the whole row
    reshaped = False
    for _pk, _at, kind, object_id, before, after in entries[1:]:
        if kind in SHAPE_TYPES:
            reshaped = True
        elif kind in VALUE_TYPES:
            named = [i for i in (before, after) if isinstance(i, int)]
            if named:
                changed.update(named)
                named_by[kind, str(object_id)] = named[0]
            elif str(object_id).isdigit():
                unnamed[kind].add(int(object_id))
            else:
                return None
        elif kind in inputs or kind not in known:
            return None
    for kind, object_ids in unnamed.items():  # one query for actuals, one for targets
        object_ids = {pk for pk in object_ids if (kind, str(pk)) not in named_by}
        if not object_ids:
            continue
        model = Actual if kind == "indicators.actual" else Target
        found = dict(model.objects.filter(pk__in=object_ids).values_list("pk", "indicator_id"))
        if len(found) != len(object_ids):
            return None  # deleted since, without a record of it
        changed.update(found.values())
    stack = list(changed)
    while stack:  # computed indicators take their values from their sources
        for computed_id in kept.dependents.get(stack.pop(), ()):
            if computed_id not in changed:
                changed.add(computed_id)
                stack.append(computed_id)
    return changed, reshaped


def _kept_brought_up(cycle: Cycle, kept: KeptCycle, version: tuple[Any, ...]) -> KeptCycle | None:
    """``kept`` brought up to ``version`` by scoring again only the indicators written since,
    and rolling the cycle up again (milliseconds); None when it must be read afresh."""
    found = _changed_indicators(kept, version)
    if found is None:
        return None
    changed, reshaped = found
    if reshaped:
        reshaped_kept = _kept_reshaped(cycle, kept)
        if reshaped_kept is None:
            return None
        kept = reshaped_kept
    changed_ids = sorted(changed)
    at = kept.indicator_positions(changed_ids)
    wanted = [pk for pk, pos in zip(changed_ids, at.tolist(), strict=True) if pos >= 0]
    if not wanted:  # nothing kept was written (another cycle, a qualitative indicator)
        return replace(kept, version=version)
    with gc_paused():
        numbers = plan_numbers(cycle, indicators=wanted)
        periods = {}
        for period, old in kept.periods.items():
            inds, now, ahead = score_indicators(numbers, period)
            where = kept.indicator_positions([i.id for i in inds])
            if len(inds) != len(wanted) or (where < 0).any():
                return None  # an indicator gone or changed kind: its audit row says so
            new_now, new_ahead, new_miss = old.now.copy(), old.ahead.copy(), old.miss.copy()
            new_now[where], new_ahead[where] = now, ahead
            new_miss[where] = [i.likely_to_miss for i in inds]
            periods[period] = _period_scores(kept.graph, kept.indicator_result, new_now, new_ahead,
                                             new_miss)
    return replace(kept, version=version, periods=periods)


class CycleScores(Mapping[int, "ResultScore"]):
    """Every result of a cycle scored for a period (result id -> ``ResultScore``), each built
    when asked for from the kept arrays."""

    def __init__(self, cycle: Cycle, kept: KeptCycle, period: Period) -> None:
        self.cycle, self.kept, self.period, self.scores = cycle, kept, period, kept.periods[period]

    def __getitem__(self, result_id: int) -> ResultScore:
        row = self.kept.row(result_id)
        if row is None:
            raise KeyError(result_id)
        return self._build(row)

    def __iter__(self) -> Iterator[int]:
        return iter(self.kept.ids.tolist())

    def __len__(self) -> int:
        return len(self.kept.ids)

    def __contains__(self, result_id: object) -> bool:
        return isinstance(result_id, int) and self.kept.row(result_id) is not None

    def values(self) -> _ScoreValues:  # type: ignore[override]
        return _ScoreValues(self)

    def _build(self, row: int) -> ResultScore:
        k, s = self.kept, self.scores
        score, forecast = float(s.score[row]), float(s.forecast[row])
        has_score = not math.isnan(score)
        person = int(k.person_id[row])
        return ResultScore(
            id=int(k.ids[row]), code=k.codes[row], title=k.titles[row], level_id=int(k.level_id[row]),
            unit_id=int(k.unit_id[row]), person_id=None if person < 0 else person, tier=int(k.tier[row]),
            method=k.methods[int(k.method[row])], score=score if has_score else None,
            status=status_of(score / 100 if has_score else None, k.on_track, k.at_risk),
            coverage=float(s.coverage[row]), forecast=None if math.isnan(forecast) else forecast,
            likely_to_miss=bool(s.likely_to_miss[row]),
        )

    def all(self) -> Iterator[ResultScore]:
        """Every result's score, in the order read, built column by column."""
        k, s = self.kept, self.scores
        methods = k.methods
        for pk, code, title, level_id, unit_id, person, tier, method, score, coverage, forecast, miss in zip(
            k.ids.tolist(), k.codes.all(), k.titles.all(), k.level_id.tolist(), k.unit_id.tolist(),
            k.person_id.tolist(), k.tier.tolist(), k.method.tolist(), s.score.tolist(),
            s.coverage.tolist(), s.forecast.tolist(), s.likely_to_miss.tolist(), strict=True,
        ):
            has_score = not math.isnan(score)
            yield ResultScore(
                id=pk, code=code, title=title, level_id=level_id, unit_id=unit_id,
                person_id=None if person < 0 else person, tier=tier, method=methods[method],
                score=score if has_score else None,
                status=status_of(score / 100 if has_score else None, k.on_track, k.at_risk),
                coverage=coverage, forecast=None if math.isnan(forecast) else forecast,
                likely_to_miss=miss,
            )


class _ScoreValues(ValuesView["ResultScore"]):
    """``CycleScores.values()`` built column by column rather than looked up one by one."""

    _mapping: CycleScores

    def __iter__(self) -> Iterator[ResultScore]:
        return self._mapping.all()


_kept: OrderedDict[int, KeptCycle] = OrderedDict()  # by cycle id, the least recently used first
_kept_lock = threading.Lock()


def data_version(known: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], bool]:
    """The latest entry of the audit log (its id and time), and whether the log still holds
    the entry ``known`` (an earlier answer) as it was. Every write goes through an audited
    service (plan loads included), so a new entry is the sign that scores may have changed;
    a ``known`` entry gone or changed means another database (restored, or rolled back), of
    which nothing kept may be followed. One query on the log's primary key."""
    from django.db.models import Subquery

    from goldenthread.core.models import AuditEntry

    latest = Q(pk__in=Subquery(AuditEntry.objects.order_by("-id").values("id")[:1]))
    rows = set(AuditEntry.objects.filter(latest | Q(pk=known[0]) if len(known) == 2 else latest)
               .values_list("id", "at"))
    version = max(rows, default=())
    return tuple(version), tuple(known) in rows or not (known or version)  # an empty log stays so


def cycle_scores(cycle: Cycle, period: Period) -> CycleScores:
    """Every result of ``cycle`` scored for ``period`` over the whole cycle (result id ->
    score), kept in this process and brought up to date after each audited write.

    For pages that show a few results whose scores depend on the whole plan, such as the
    goals above one department on the strategy map: scoring the L plan takes seconds. The
    first request for a cycle and period pays for that once. After a write of actuals or
    targets, only the indicators written (and the computed ones they feed) are scored again
    and the cycle's arrays rolled up again, which takes milliseconds; a write to the plan's
    shape (results, links, indicators, levels, units, the cycle) has the cycle scored
    afresh. The same scores as ``scoreboard(cycle, period).results``, exactly."""
    with _kept_lock:
        kept = _kept.get(cycle.pk)
    version, still_there = data_version(kept.version if kept is not None else ())
    if kept is not None and not still_there:
        kept = None
    elif kept is not None and kept.version != version:
        kept = _kept_brought_up(cycle, kept, version)
    if kept is None or period not in kept.periods:
        fresh = _kept_afresh(cycle, period, version)  # outside the lock: other pages go on
        if kept is not None and kept.version == version and np.array_equal(kept.ids, fresh.ids) \
                and np.array_equal(kept.indicator_ids, fresh.indicator_ids):
            periods = {p: s for p, s in kept.periods.items()}
            periods[period] = fresh.periods[period]
            while len(periods) > PERIODS_KEPT:
                periods.pop(next(iter(periods)))
            fresh = replace(kept, periods=periods)
        kept = fresh
    with _kept_lock:
        _kept[cycle.pk] = kept
        _kept.move_to_end(cycle.pk)
        while len(_kept) > CYCLES_KEPT:
            _kept.popitem(last=False)
    return CycleScores(cycle, kept, period)


def scoreboards(cycle: Cycle, periods: list[Period], roots: list[int] | None = None) -> list[Scoreboard]:
    """``scoreboard`` for several periods, reading the plan once (trends over time)."""
    with gc_paused():
        numbers = plan_numbers(cycle, roots, until=max((p.year for p in periods), default=None))
        return [score_numbers(numbers, period) for period in periods]


def plan_numbers(
    cycle: Cycle, roots: list[int] | None = None, until: int | None = None,
    indicators: Collection[int] | None = None, values: bool = True,
) -> PlanNumbers:
    """Read what scoring needs (see ``scoreboard`` for ``roots``): six to eight queries.

    With ``until`` (a year), actuals of later years are left unread: a period's score and
    its trend use the actuals up to the period only (targets are all read: a target is
    interpolated towards the next one, and the forecast compares with the endline).

    With ``indicators`` (ids), only those indicators are read, with their values (and the
    sources of the computed ones among them), and no results nor links: what re-scoring a
    few indicators needs (``cycle_scores`` after a write of actuals or targets). With
    ``values=False``, the indicators' values are left unread: the plan's shape only."""
    # With roots, every read is keyed by the results below them (so the database walks its
    # indexes from those few results instead of filtering the whole cycle's rows).
    below = _below(cycle, roots) if roots else None
    nothing = Q(pk__in=[])
    if indicators is not None:
        roots = []
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
    if indicators is not None:
        indicator_scope = Q(cycle=cycle, pk__in=sorted(indicators))
        value_scope = Q(indicator_id__in=sorted(indicators), indicator__cycle=cycle, value__isnull=False)
    elif roots is None:
        indicator_scope, value_scope = Q(cycle=cycle), Q(indicator__cycle=cycle, value__isnull=False)
    elif roots:
        indicator_scope = Q(result_id__in=below)
        value_scope = Q(indicator__result_id__in=below, value__isnull=False)
    else:
        indicator_scope, value_scope = nothing, nothing
    if not values:
        value_scope = nothing
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
    methods = {row[0]: row[9] for row in ind_rows if row[9]} if values else {}
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
        np.array([position[row[3]] for row in ind_rows] if indicators is None else [], dtype=np.int64),
        np.array([row[4] for row in ind_rows] if indicators is None else [], dtype=np.float64),
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
        actuals=actuals, baselines=baselines, graph=graph, sources=dict(sources),
        target_times={i: {times[k]: v for k, v in series.items()} for i, series in targets.items()},
        actual_times={i: sorted((times[k], v) for k, v in series.items()) for i, series in actuals.items()},
    )


def score_indicators(
    numbers: PlanNumbers, period: Period
) -> tuple[list[IndicatorScore], Floats, Floats]:
    """Score and forecast the indicators ``plan_numbers`` read, for one period; no queries.
    The scores in the order read, with their scores now and projected at the cycle's end
    as arrays (NaN without data) for the roll-up."""
    from goldenthread.insights import forecast

    cycle = numbers.cycle
    on_track, at_risk = float(cycle.on_track_threshold), float(cycle.at_risk_threshold)
    ind_rows = numbers.ind_rows
    actuals, baselines = numbers.actuals, numbers.baselines
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
            # a target set for this very quarter (a fourth quarter ends when its year does, so
            # its time alone cannot tell the two apart: the period's own key does)
            set_for_quarter = period.quarter and (period.year, period.quarter) in numbers.targets.get(
                ind_id, {})
            if set_for_quarter:
                target = numbers.targets[ind_id][(period.year, period.quarter)]
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
            measured_from=measured_from,
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
    return inds, now_scores, projected_scores


def score_numbers(numbers: PlanNumbers, period: Period) -> Scoreboard:
    """Score what ``plan_numbers`` read for one period; no queries."""
    cycle = numbers.cycle
    on_track, at_risk = float(cycle.on_track_threshold), float(cycle.at_risk_threshold)
    rows, position, graph = numbers.rows, numbers.position, numbers.graph
    inds, now_scores, projected_scores = score_indicators(numbers, period)
    indicators = {i.id: i for i in inds}
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
    actual, and stops at the first that has. Each question is answered through the actuals'
    (year, status) index: from the year's approved actuals, the first found of this cycle; a
    year without any is answered at once, where probing each indicator of a large plan for
    it would take a tenth of a second. Only the cycle's own years are asked about (the
    model refuses an actual outside them; a year after the end would be a range, which
    the database answers by probing every indicator)."""
    approved = Actual.objects.filter(indicator__cycle=cycle, status=ActualStatus.APPROVED)
    latest = Cycle.objects.filter(pk=cycle.pk).annotate(latest=Case(
        *[When(Exists(approved.filter(year=year)), then=Value(year))
          for year in range(cycle.end_year, cycle.start_year, -1)],
        default=Value(cycle.start_year), output_field=IntegerField(),
    )).values_list("latest", flat=True).first()
    return [Period(year) for year in range(cycle.start_year, (latest or cycle.start_year) + 1)]


def _year_to_date(
    actuals: list[tuple[tuple[int, int], float, str]],
) -> list[tuple[tuple[int, int], float, str]]:
    """Quarterly values of a flow as running totals within their year (yearly values kept)."""
    running: dict[int, float] = {}
    drawn = []
    for (year, quarter), value, status in sorted(actuals, key=lambda a: (a[0][0], a[0][1] or 0)):
        if quarter:
            running[year] = running.get(year, 0.0) + value
            value = running[year]
        drawn.append(((year, quarter), value, status))
    return drawn


@dataclass
class SeriesChart:
    """One indicator's chart: baseline, targets, actuals by status, and its trend."""

    indicator: IndicatorScore
    spec: dict[str, Any]


def indicator_chart(ind: IndicatorScore, targets: dict[tuple[int, int], float],
                    actuals: list[tuple[tuple[int, int], float, str]], end_year: int,
                    flow: bool = False) -> SeriesChart:
    """Plotly traces for one indicator (``targets`` by period; ``actuals`` as (period,
    value, status)); times in years, quarters as fractions, as the scoring rule counts them.

    A ``flow`` (a count that adds up over the year) draws its quarters as the year to date,
    so that they climb to the year's value on the same scale instead of zigzagging under it."""
    if flow:
        actuals = _year_to_date(actuals)
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
            if flow and any(k[1] for k, _, s in actuals if s == status):
                name += ", quarters as year to date"
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
