"""Forecasts: a robust trend through each indicator's baseline and actuals, projected to the
cycle's end, and the indicators likely to miss their endline target (docs/forecasts.md).

Plain functions over numpy arrays, no ORM. One row per indicator, its points NaN-padded
to a common width: ``project`` fits every row at once with the Theil-Sen estimator (the
median of the slopes between every pair of points; the intercept the median of
``v - slope * t``), which one outlying report cannot drag, unlike least squares.

Times are those of the scoring rule (``scoring.period_time``): a year ``Y`` is ``Y`` (its
end), a quarter ``Y-Qn`` is ``Y - 1 + n/4``; the baseline stands at its year.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from itertools import chain, combinations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from goldenthread.indicators.scoring import period_time

FloatArray = NDArray[np.float64]

#: Slopes held in memory at once (rows x pairs), so 100,000 rows of 20 points stay small.
_CHUNK = 1 << 21
LIKELY_TO_MISS_BELOW = 0.9


def theil_sen(times: ArrayLike, values: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Slope and intercept of each row's Theil-Sen line, shape (n,) each; NaN for a row
    with fewer than two points at distinct times. ``times`` and ``values`` have shape
    (n, k), NaN-padded (a point missing either coordinate is left out)."""
    t = np.asarray(times, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    if t.ndim != 2 or t.shape != v.shape:
        raise ValueError(f"times and values must both have shape (n, k), not {t.shape} and {v.shape}")
    n = t.shape[0]
    slope = np.full(n, np.nan)
    intercept = np.full(n, np.nan)
    valid = ~(np.isnan(t) | np.isnan(v))
    # Each row's points first, in time order; padding last.
    order = np.argsort(np.where(valid, t, np.inf), axis=1, kind="stable")
    t = np.take_along_axis(t, order, axis=1)
    v = np.take_along_axis(v, order, axis=1)
    counts = valid.sum(axis=1)
    for size in np.unique(counts[counts >= 2]):
        size = int(size)
        rows = np.flatnonzero(counts == size)
        first, second = np.triu_indices(size, 1)
        step = max(1, _CHUNK // len(first))
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            pt, pv = t[part, :size], v[part, :size]
            dt = pt[:, second] - pt[:, first]
            with np.errstate(divide="ignore", invalid="ignore"):
                slopes = (pv[:, second] - pv[:, first]) / dt
            if np.any(dt == 0):  # points at one time give no slope
                slopes[dt == 0] = np.nan
                row_slope = _nanmedian(slopes)
            else:
                row_slope = np.median(slopes, axis=1)
            slope[part] = row_slope
            intercept[part] = np.median(pv - row_slope[:, None] * pt, axis=1)
    return slope, intercept


def _nanmedian(a: FloatArray) -> FloatArray:
    """Median of each row ignoring NaN (NaN for a row of NaN), by one sort."""
    a = np.sort(a, axis=1)  # NaN sort last
    count = (~np.isnan(a)).sum(axis=1)
    lo = np.clip((count - 1) // 2, 0, None)
    hi = np.clip(count // 2, 0, a.shape[1] - 1)
    low = np.take_along_axis(a, lo[:, None], axis=1)[:, 0]
    high = np.take_along_axis(a, hi[:, None], axis=1)[:, 0]
    out: FloatArray = (low + high) / 2
    out[count == 0] = np.nan
    return out


def project(times: ArrayLike, values: ArrayLike, at: float) -> FloatArray:
    """Each row's value at time ``at`` on its Theil-Sen line, shape (n,); NaN where a row
    has fewer than two points (at distinct times)."""
    slope, intercept = theil_sen(times, values)
    projected: FloatArray = intercept + slope * at
    return projected


def trend(times: Sequence[float], values: Sequence[float]) -> tuple[float, float] | None:
    """Slope and intercept of one indicator's Theil-Sen line, for its chart; None with
    fewer than two points at distinct times. Computed one pair at a time: the
    reference the array version is tested against."""
    points = [
        (float(t), float(v)) for t, v in zip(times, values, strict=True)
        if not (math.isnan(t) or math.isnan(v))
    ]
    slopes = [(v2 - v1) / (t2 - t1) for (t1, v1), (t2, v2) in combinations(points, 2) if t1 != t2]
    if not slopes:
        return None
    slope = statistics.median(slopes)
    return slope, statistics.median(v - slope * t for t, v in points)


def projected_ratio(baseline: ArrayLike, endline_target: ArrayLike, projected: ArrayLike) -> FloatArray:
    """The achievement ratio the projection would reach against the endline target: the
    scoring rule's ratio (``scoring.achievement_ratio``) over arrays, NaN where any of the
    three is missing. ``(P - B) / (T - B)`` serves increasing and decreasing indicators;
    a maintain target (T = B) gives ``max(0, 1 - |P - T| / |T|)``, and 1 when T = P = 0."""
    b = np.asarray(baseline, dtype=np.float64)
    t = np.asarray(endline_target, dtype=np.float64)
    p = np.asarray(projected, dtype=np.float64)
    ratio = np.full(np.broadcast(b, t, p).shape, np.nan)
    known = np.isfinite(b) & np.isfinite(t) & np.isfinite(p)
    moving = known & (t != b)
    held = known & (t == b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(moving, (p - b) / (t - b), ratio)
        kept = np.maximum(0.0, 1.0 - np.abs(p - t) / np.abs(t))
    ratio = np.where(held & (t != 0), kept, ratio)
    ratio = np.where(held & (t == 0), np.where(p == 0, 1.0, 0.0), ratio)
    return ratio


def likely_to_miss(
    baseline: ArrayLike,
    endline_target: ArrayLike,
    projected: ArrayLike,
    threshold: float = LIKELY_TO_MISS_BELOW,
) -> NDArray[np.bool_]:
    """True where the projection reaches less than ``threshold`` of the way from baseline
    to endline target (direction-aware; maintain targets too). False where there is no
    projection, target or baseline: nothing is known to be missed."""
    ratio = projected_ratio(baseline, endline_target, projected)
    with np.errstate(invalid="ignore"):
        return np.asarray(ratio < threshold)


def trend_points(
    baseline_year: int | None,
    baseline_value: float | None,
    actuals: Mapping[tuple[int, int], float],
    *,
    flow: bool = False,
) -> tuple[list[float], list[float]]:
    """The points a trend is fitted to: the baseline and the actuals, as (times, values).

    A *level* (where a measure stands at the end of a period: a percentage, a count of
    countries) takes every actual, years and quarters alike. A *flow* (what happened in
    the period: people trained, with ``sum`` aggregation) is fitted on years only, since a
    quarter holds a quarter of a year; a year with its four quarters and no value of its
    own counts as their sum.
    """
    times: list[float] = []
    values: list[float] = []
    if baseline_year is not None and baseline_value is not None:
        times.append(float(baseline_year))
        values.append(float(baseline_value))
    if not flow:
        for (year, quarter), value in sorted(actuals.items(), key=lambda kv: period_time(*kv[0])):
            times.append(period_time(year, quarter))
            values.append(float(value))
        return times, values
    quarters: dict[int, dict[int, float]] = {}
    years: dict[int, float] = {}
    for (year, quarter), value in actuals.items():
        if quarter == 0:
            years[year] = float(value)
        else:
            quarters.setdefault(year, {})[quarter] = float(value)
    for year, held in quarters.items():
        if year not in years and len(held) == 4:
            years[year] = math.fsum(held.values())
    for year in sorted(years):
        times.append(float(year))
        values.append(years[year])
    return times, values


def pad(rows: Sequence[tuple[Sequence[float], Sequence[float]]], width: int | None = None
        ) -> tuple[FloatArray, FloatArray]:
    """Rows of (times, values) as two NaN-padded (n, width) arrays for ``project``."""
    width = width if width is not None else max((len(t) for t, _ in rows), default=0)
    times = np.full((len(rows), width), np.nan)
    values = np.full((len(rows), width), np.nan)
    for i, (t, v) in enumerate(rows):
        if len(t) != len(v) or len(t) > width:
            raise ValueError(f"row {i} has {len(t)} times and {len(v)} values for width {width}")
        times[i, :len(t)] = t
        values[i, :len(v)] = v
    return times, values


def pad_points(
    rows: Sequence[Sequence[tuple[float, float]]], width: int = 2
) -> tuple[FloatArray, FloatArray]:
    """``pad`` for rows of (time, value) points: two NaN-padded (n, w) arrays, w the longest
    row (at least ``width``). Filled in one vectorised assignment from all points at once,
    not row by row (100,000 rows in a few hundredths of a second)."""
    counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    width = max(width, int(counts.max(initial=0)))
    times = np.full((len(rows), width), np.nan)
    values = np.full((len(rows), width), np.nan)
    total = int(counts.sum())
    if total:
        flat = np.array(list(chain.from_iterable(rows)), dtype=np.float64).reshape(total, 2)
        row = np.repeat(np.arange(len(rows)), counts)
        column = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        times[row, column] = flat[:, 0]
        values[row, column] = flat[:, 1]
    return times, values
