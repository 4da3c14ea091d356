"""Forecasts at scale: Theil-Sen projections of 100,000 indicators at once.

Builds rows as an L plan holds them (a baseline and up to 19 actuals by quarter, some
indicators with only one or two points, a few outliers and missing reports), then times
``project`` and ``likely_to_miss`` over all rows, best of several runs, beside a plain
numpy baseline (a least-squares line per row, which is not robust) for scale. Prints a
table; asserts nothing.

    .venv/bin/python benchmarks/forecast.py
    .venv/bin/python benchmarks/forecast.py --rows 100000 --points 20 --repeat 5
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable

import numpy as np

from goldenthread.insights.forecast import likely_to_miss, project

TARGET_SECONDS = 1.0  # issue 3: "well under a second" for 100,000 rows


def rows(n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Times and values (n, k), NaN-padded, with each row's baseline and endline target."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, k + 1, n)  # points per indicator: baseline + actuals
    quarters = 2027.0 + np.arange(k) / 4  # the baseline year, then quarter ends
    times = np.tile(quarters, (n, 1))
    times[np.arange(k)[None, :] >= counts[:, None]] = np.nan
    baseline = rng.uniform(10, 1000, n)
    target = baseline * rng.uniform(0.5, 1.8, n)
    pace = rng.choice([1.1, 1.0, 0.85, 0.6, 0.2], n)
    slope = (target - baseline) / 4 * pace
    values = baseline[:, None] + slope[:, None] * (times - 2027) + rng.normal(0, 2, (n, k))
    values[:, 0] = baseline
    outliers = rng.random((n, k)) < 0.01
    values[outliers] *= 5
    values[rng.random((n, k)) < 0.03] = np.nan  # a report missing
    return times, values, baseline, target


def least_squares(times: np.ndarray, values: np.ndarray, at: float) -> np.ndarray:
    """A plain numpy per-row least-squares projection, for scale only."""
    valid = ~(np.isnan(times) | np.isnan(values))
    t = np.where(valid, times, 0.0)
    v = np.where(valid, values, 0.0)
    m = valid.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_t, mean_v = t.sum(axis=1) / m, v.sum(axis=1) / m
        dt = np.where(valid, t - mean_t[:, None], 0.0)
        slope = (dt * (v - mean_v[:, None])).sum(axis=1) / (dt * dt).sum(axis=1)
        return mean_v + slope * (at - mean_t)  # type: ignore[no-any-return]


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2028)
    args = parser.parse_args()

    times, values, baseline, target = rows(args.rows, args.points, args.seed)
    projected = project(times, values, 2031.0)
    flagged = likely_to_miss(baseline, target, projected)
    seconds = {
        "project (Theil-Sen)": best_of(args.repeat, lambda: project(times, values, 2031.0)),
        "likely_to_miss": best_of(
            args.repeat, lambda: likely_to_miss(baseline, target, projected)
        ),
        "least squares, plain numpy (scale only)": best_of(
            args.repeat, lambda: least_squares(times, values, 2031.0)
        ),
    }
    points = int((~(np.isnan(times) | np.isnan(values))).sum())
    print(f"{args.rows:,} indicators, up to {args.points} points each ({points:,} points), "
          f"best of {args.repeat}")
    print(f"{'step':<42}{'seconds':>10}")
    for name, value in seconds.items():
        print(f"{name:<42}{value:>10.3f}")
    total = seconds["project (Theil-Sen)"] + seconds["likely_to_miss"]
    print(f"{'project + likely_to_miss':<42}{total:>10.3f}   target: < {TARGET_SECONDS:.1f} s")
    print(f"projected: {int(np.isfinite(projected).sum()):,} "
          f"(the rest have fewer than 2 points); likely to miss: {int(flagged.sum()):,}")
    print(f"peak memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
