"""The scoring rule, implemented once (see docs/scoring.md).

Plain functions over numbers: no ORM here, so the rule is tested alone and the
roll-up can run over arrays. Periods are passed as *times*: a year ``Y`` is
the time ``Y`` (its end), a quarter ``Y-Qn`` is ``Y - 1 + n/4`` (so Q4 of a
year coincides with the year), which lets targets interpolate across quarters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_DATA = "no_data"


def period_time(year: int, quarter: int = 0) -> float:
    """The point in time a period ends at, in years."""
    return float(year) if quarter == 0 else year - 1 + quarter / 4


def target_at(
    t: float,
    targets: Mapping[float, float],
    baseline_time: float | None,
    baseline_value: float | None,
) -> float | None:
    """The target for time ``t``: the one set for it, else interpolated linearly
    between the baseline (at its year) and the next later target; with no later
    target (or no baseline to interpolate from) there is none."""
    if t in targets:
        return targets[t]
    later = [k for k in targets if k > t]
    if not later or baseline_time is None or baseline_value is None or t < baseline_time:
        return None
    nxt = min(later)
    span = nxt - baseline_time
    if span <= 0:
        return None
    return baseline_value + (targets[nxt] - baseline_value) * (t - baseline_time) / span


def achievement_ratio(baseline: float | None, target: float | None, actual: float | None) -> float | None:
    """How far the actual has come from baseline to target, direction-aware.

    ``(A - B) / (T - B)`` serves both directions (for a decreasing indicator both
    differences are negative). Where the target equals the baseline (a maintain
    target) the ratio is ``max(0, 1 - |A - T| / |T|)``, and 1 when T and A are 0.
    With no baseline there is nothing to measure progress from: no ratio.
    """
    if target is None or actual is None or baseline is None:
        return None
    if target == baseline:
        if target == 0:
            return 1.0 if actual == 0 else 0.0
        return max(0.0, 1 - abs(actual - target) / abs(target))
    return (actual - baseline) / (target - baseline)


def score_of(ratio: float | None) -> float | None:
    """0-100: the ratio clamped to [0, 1], as points."""
    if ratio is None or math.isnan(ratio):
        return None
    return 100.0 * min(max(ratio, 0.0), 1.0)


def status_of(ratio: float | None, on_track: float = 0.9, at_risk: float = 0.7) -> str:
    """On track at or above ``on_track``, at risk at or above ``at_risk``, else off track."""
    if ratio is None or math.isnan(ratio):
        return NO_DATA
    if ratio >= on_track:
        return ON_TRACK
    if ratio >= at_risk:
        return AT_RISK
    return OFF_TRACK


@dataclass(frozen=True)
class Item:
    """One contributor to a result's score: an own indicator or a child result."""

    key: str
    weight: float
    score: float | None  # 0-100, or None when it has no data


@dataclass(frozen=True)
class Combined:
    score: float | None
    coverage: float  # share of item weight that had data, 0-1
    drags: dict[str, float]  # points each item costs the result


def combine(items: list[Item], method: str = "weighted_mean") -> Combined:
    """A result's score from its items: weighted mean (default), worst-of, or
    indicators-only (the caller passes only indicator items for that).

    Drag of item i = w_i * (100 - s_i) / sum(w) over items with data.
    """
    total = sum(i.weight for i in items)
    scored = [(i.key, i.weight, i.score) for i in items if i.score is not None]
    with_data = sum(w for _, w, _ in scored)
    coverage = with_data / total if total > 0 else 0.0
    if not scored or with_data <= 0:
        return Combined(None, coverage, {})
    drags = {key: w * (100.0 - s) / with_data for key, w, s in scored}
    if method == "worst_of":
        score = min(s for _, _, s in scored)
    else:
        score = sum(w * s for _, w, s in scored) / with_data
    return Combined(score, coverage, drags)


FLOW_UNITS = ("number", "currency")


def is_flow(unit_of_measure: str, aggregation: str) -> bool:
    """Whether an indicator counts what happened in each period (people trained, money
    raised: a number or an amount that adds up over time), rather than where a measure
    stands (a percentage, an index, a count of countries at a level). Flows sum their
    quarters into a year; levels take the latest quarter."""
    return unit_of_measure in FLOW_UNITS and aggregation == "sum"
