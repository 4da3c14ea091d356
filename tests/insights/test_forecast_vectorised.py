"""The array projection equals the one-indicator trend, row by row, on random data with
missing points, outliers and ties."""

from __future__ import annotations

import math

import numpy as np
import pytest

from goldenthread.indicators.scoring import period_time
from goldenthread.insights.forecast import pad, pad_points, project, trend, trend_points


def test_it_equals_the_scalar_trend_on_random_rows() -> None:
    rng = np.random.default_rng(2028)
    n, k = 500, 12
    times = np.sort(rng.choice(np.arange(2027.0, 2032.0, 0.25), size=(n, k)), axis=1)
    values = rng.normal(50, 20, (n, k)).round(1)
    drop = rng.random((n, k)) < 0.3
    times[drop] = np.nan
    values[rng.random((n, k)) < 0.05] = np.nan
    got = project(times, values, 2031.0)
    for i in range(n):
        fitted = trend(list(times[i]), list(values[i]))
        if fitted is None:
            assert math.isnan(got[i]), i
        else:
            assert got[i] == pytest.approx(fitted[1] + fitted[0] * 2031.0, rel=1e-9, abs=1e-9), i


def test_trend_points_of_a_level_take_every_actual_in_time_order() -> None:
    actuals = {(2029, 1): 71.5, (2028, 0): 71.0, (2028, 2): 69.0}
    times, values = trend_points(2027, 67.0, actuals)
    assert times == [2027.0, period_time(2028, 2), 2028.0, period_time(2029, 1)]
    assert values == [67.0, 69.0, 71.0, 71.5]


def test_trend_points_of_a_flow_take_years_and_whole_years_of_quarters() -> None:
    actuals = {(2028, 0): 400.0, (2028, 1): 90.0, (2029, 1): 100.0, (2029, 2): 110.0,
               (2029, 3): 120.0, (2029, 4): 130.0, (2030, 1): 150.0}
    times, values = trend_points(2027, 300.0, actuals, flow=True)
    assert times == [2027.0, 2028.0, 2029.0]
    assert values == [300.0, 400.0, 460.0]


def test_trend_points_without_a_baseline_are_the_actuals_alone() -> None:
    assert trend_points(None, None, {(2028, 0): 5.0}) == ([2028.0], [5.0])


def test_pad_refuses_a_row_longer_than_the_width() -> None:
    with pytest.raises(ValueError, match="row 0"):
        pad([([1.0, 2.0], [1.0, 2.0])], width=1)


def test_pad_points_lays_out_rows_of_points_as_pad_does() -> None:
    rows = [[(2027.0, 1.0), (2028.0, 2.5)], [], [(2027.0, 4.0), (2028.25, 5.0), (2029.0, 6.0)],
            [(2030.0, 7.0)]]
    times, values = pad_points(rows)
    expected_times, expected_values = pad([([t for t, _ in r], [v for _, v in r]) for r in rows], width=3)
    np.testing.assert_array_equal(times, expected_times)
    np.testing.assert_array_equal(values, expected_values)
    assert pad_points([[(2027.0, 1.0)]])[0].shape == (1, 2)  # at least two columns to fit
    assert pad_points([])[0].shape == (0, 2)
