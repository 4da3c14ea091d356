"""Computed indicators: values combined from contributing indicators (docs/scoring.md).

Plain functions over numbers, no ORM: the caller passes, per indicator id, its
values by period ``(year, quarter)`` (quarter 0 for the whole year) and gets
the computed indicators' values back, chains resolved in dependency order (a
portfolio total of programme totals of project values).

The rule, per method and period:

- ``sum``: ``Σ wᵢ vᵢ``; ``mean``: ``Σ vᵢ / n``; ``weighted_mean``: ``Σ wᵢ vᵢ / Σ wᵢ``;
  ``min`` and ``max`` of the values. A period gets a value only when **every**
  source has one for it: a total over the sources that happened to report would
  read as a fall when it is only late. The periods left out, with the sources
  they wait for, are the *gaps* (``compute(...).gaps``), for pages to flag.
- ``cumulative``: the running total, in time order, of the per-period sums;
  years and quarters run as two separate totals (a year already holds its
  quarters). After a period with a gap, the later ones of the same kind get no
  value either (the total would be short), and are gaps too.
- ``latest``: the most recent source value at or before the period (several at
  that same time: their weighted mean). It never waits for every source.

The same function serves baselines and targets: with ``keep_given=True`` a
computed indicator that has values of its own keeps them (and its own values
are what computed indicators above it use); one without is computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from goldenthread.indicators.scoring import period_time
from goldenthread.plans.graph import find_loop, format_loop

PeriodKey = tuple[int, int]  # (year, quarter), quarter 0 for the whole year
Series = dict[PeriodKey, float]

SUM = "sum"
MEAN = "mean"
WEIGHTED_MEAN = "weighted_mean"
MIN = "min"
MAX = "max"
LATEST = "latest"
CUMULATIVE = "cumulative"
METHODS = (SUM, MEAN, WEIGHTED_MEAN, MIN, MAX, LATEST, CUMULATIVE)


class ComputationLoop(ValueError):
    """Computed indicators that, followed source by source, come back to themselves."""

    def __init__(self, loop: Sequence[object]):
        self.loop = list(loop)
        super().__init__(f"computation loop: {format_loop(loop)}")


@dataclass
class Computed:
    """The computed values, and the periods left without one for want of some sources."""

    values: dict[int, Series] = field(default_factory=dict)
    #: computed id -> {period: ids of the sources with no value for it}
    gaps: dict[int, dict[PeriodKey, list[int]]] = field(default_factory=dict)


def computed_values(
    methods: Mapping[int, str],
    sources: Mapping[int, Sequence[tuple[int, float]]],
    values: Mapping[int, Mapping[PeriodKey, float]],
    *,
    keep_given: bool = False,
) -> dict[int, Series]:
    """The values of every computed indicator (id -> {period: value}).

    ``methods``: computed id -> method; ``sources``: computed id -> [(source id,
    weight)]; ``values``: any indicator id -> {period: value} (NaN counts as no
    value). ``keep_given``: a computed indicator with values of its own in
    ``values`` keeps them (baselines and targets); otherwise (actuals) they are
    ignored. Raises ``ComputationLoop`` when the sources loop.
    """
    return compute(methods, sources, values, keep_given=keep_given).values


def compute(
    methods: Mapping[int, str],
    sources: Mapping[int, Sequence[tuple[int, float]]],
    values: Mapping[int, Mapping[PeriodKey, float]],
    *,
    keep_given: bool = False,
) -> Computed:
    """``computed_values`` with the gaps: the periods a computed indicator has no
    value for because some of its sources have none, and which sources."""
    out = Computed()
    for cid, method in methods.items():
        if method not in METHODS:
            raise ValueError(f"indicator {cid}: unknown computation {method!r}")
    for cid in computation_order(methods, sources):
        given = values.get(cid)
        if keep_given and given and any(_present(v) for v in given.values()):
            out.values[cid] = {p: float(v) for p, v in given.items() if _present(v)}
            continue
        inputs = [
            (sid, float(weight), out.values[sid] if sid in out.values else values.get(sid) or {})
            for sid, weight in sources.get(cid, ())
        ]
        series, gaps = _combine(methods[cid], inputs)
        out.values[cid] = series
        if gaps:
            out.gaps[cid] = gaps
    return out


def computation_order(
    methods: Mapping[int, str], sources: Mapping[int, Sequence[tuple[int, float]]]
) -> list[int]:
    """The computed ids, each after every computed indicator it is computed from."""
    computed = set(methods)
    waiting = {
        cid: {sid for sid, _ in sources.get(cid, ()) if sid in computed} for cid in methods
    }
    feeds: dict[int, list[int]] = {}
    for cid, deps in waiting.items():
        for sid in deps:
            feeds.setdefault(sid, []).append(cid)
    ready = sorted(cid for cid, deps in waiting.items() if not deps)
    order: list[int] = []
    while ready:
        cid = ready.pop()
        order.append(cid)
        for above in feeds.get(cid, ()):
            deps = waiting[above]
            deps.discard(cid)
            if not deps:
                ready.append(above)
    if len(order) < len(methods):
        left = set(methods) - set(order)
        edges = [(cid, sid) for cid in left for sid, _ in sources.get(cid, ()) if sid in left]
        raise ComputationLoop(find_loop(edges) or sorted(left))
    return order


def _present(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def _combine(
    method: str, inputs: list[tuple[int, float, Mapping[PeriodKey, float]]]
) -> tuple[Series, dict[PeriodKey, list[int]]]:
    if not inputs:
        return {}, {}
    if method == LATEST:
        return _latest(inputs), {}
    periods = sorted({p for _, _, series in inputs for p, v in series.items() if _present(v)})
    complete: Series = {}
    gaps: dict[PeriodKey, list[int]] = {}
    for period in periods:
        got = []
        missing = []
        for sid, weight, series in inputs:
            value = series.get(period)
            if _present(value):
                got.append((float(value), weight))  # type: ignore[arg-type]
            else:
                missing.append(sid)
        if missing:
            gaps[period] = missing
            continue
        complete[period] = _one(method, got)
    if method == CUMULATIVE:
        return _running_totals(periods, complete, gaps)
    return complete, gaps


def _one(method: str, got: list[tuple[float, float]]) -> float:
    if method in (SUM, CUMULATIVE):
        return math.fsum(v * w for v, w in got)
    if method == MEAN:
        return math.fsum(v for v, _ in got) / len(got)
    if method == WEIGHTED_MEAN:
        total = math.fsum(w for _, w in got)
        return math.fsum(v * w for v, w in got) / total
    if method == MIN:
        return min(v for v, _ in got)
    return max(v for v, _ in got)  # MAX


def _running_totals(
    periods: list[PeriodKey], sums: Series, gaps: dict[PeriodKey, list[int]]
) -> tuple[Series, dict[PeriodKey, list[int]]]:
    """Running totals of years and of quarters, each in time order; a gap stops its run."""
    out: Series = {}
    for quarterly in (False, True):
        total = 0.0
        broken: list[int] | None = None
        run = sorted((p for p in periods if (p[1] > 0) == quarterly), key=lambda p: period_time(*p))
        for period in run:
            if broken is None and period in gaps:
                broken = gaps[period]
            if broken is not None:
                gaps[period] = gaps.get(period, broken)
                continue
            total += sums[period]
            out[period] = total
    return out, gaps


def _latest(inputs: list[tuple[int, float, Mapping[PeriodKey, float]]]) -> Series:
    """For each period any source reported: the most recent value at or before it."""
    points = sorted(
        (period_time(*p), float(v), weight)
        for _, weight, series in inputs
        for p, v in series.items()
        if _present(v)
    )
    periods = sorted(
        {p for _, _, series in inputs for p, v in series.items() if _present(v)},
        key=lambda p: period_time(*p),
    )
    out: Series = {}
    i = 0
    value = 0.0
    for period in periods:
        t = period_time(*period)
        while i < len(points) and points[i][0] <= t:
            at = points[i][0]
            tied = []
            while i < len(points) and points[i][0] == at:
                tied.append(points[i][1:])
                i += 1
            weights = math.fsum(w for _, w in tied)
            value = math.fsum(v * w for v, w in tied) / weights
        out[period] = value
    return out
