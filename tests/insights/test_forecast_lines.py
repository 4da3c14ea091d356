"""Theil-Sen projections: exact on points on a line, whatever the direction, and NaN with
fewer than two points."""

from __future__ import annotations

import math

import numpy as np
import pytest

from goldenthread.insights.forecast import pad, project, theil_sen, trend

NAN = math.nan


def test_points_on_a_line_project_exactly_along_it() -> None:
    times = np.array([[2027.0, 2028.0, 2029.0, 2030.0]])
    values = 60.0 + 5.0 * (times - 2027)
    assert project(times, values, 2031.0) == pytest.approx([80.0])
    slope, intercept = theil_sen(times, values)
    assert slope == pytest.approx([5.0])
    assert intercept == pytest.approx([60.0 - 5.0 * 2027])


def test_a_decreasing_indicator_projects_downwards() -> None:
    # Cost of broadband as a share of income: 5 % in 2027, falling 0.4 points a year.
    times = np.array([[2027.0, 2028.0, 2028.5, 2029.0]])
    values = 5.0 - 0.4 * (times - 2027)
    assert project(times, values, 2031.0) == pytest.approx([3.4])


def test_a_flat_indicator_projects_flat() -> None:
    times = np.array([[2027.0, 2028.0, 2029.0]])
    values = np.array([[95.0, 95.0, 95.0]])
    assert project(times, values, 2031.0) == pytest.approx([95.0])


def test_two_points_give_the_line_through_them() -> None:
    assert project([[2027.0, 2029.0]], [[10.0, 14.0]], 2031.0) == pytest.approx([18.0])


def test_fewer_than_two_points_project_nothing() -> None:
    times = np.array([[2027.0, NAN, NAN], [NAN, NAN, NAN], [2027.0, 2028.0, NAN]])
    values = np.array([[10.0, NAN, NAN], [NAN, NAN, NAN], [10.0, 12.0, NAN]])
    got = project(times, values, 2031.0)
    assert np.isnan(got[0]) and np.isnan(got[1])
    assert got[2] == pytest.approx(18.0)
    assert trend([2027.0], [10.0]) is None


def test_points_all_at_one_time_give_no_trend() -> None:
    got = project([[2028.0, 2028.0, 2028.0]], [[1.0, 2.0, 3.0]], 2031.0)
    assert np.isnan(got[0])
    assert trend([2028.0, 2028.0], [1.0, 2.0]) is None


def test_a_point_missing_its_value_or_its_time_is_left_out() -> None:
    times = np.array([[2027.0, 2028.0, NAN, 2030.0]])
    values = np.array([[10.0, NAN, 99.0, 16.0]])
    assert project(times, values, 2031.0) == pytest.approx([18.0])


def test_the_order_of_the_points_in_a_row_does_not_matter() -> None:
    times = np.array([[2030.0, 2027.0, 2029.0, 2028.0]])
    values = 2.0 * times - 4000.0
    assert project(times, values, 2031.0) == pytest.approx([62.0])


def test_rows_of_different_lengths_fit_independently() -> None:
    times, values = pad([
        ([2027.0, 2028.0], [0.0, 1.0]),
        ([2027.0, 2028.0, 2029.0, 2030.0, 2031.0], [50.0, 48.0, 46.0, 44.0, 42.0]),
        ([], []),
    ])
    assert times.shape == (3, 5)
    got = project(times, values, 2031.0)
    assert got[:2] == pytest.approx([4.0, 42.0])
    assert np.isnan(got[2])


def test_it_refuses_arrays_of_different_shapes() -> None:
    with pytest.raises(ValueError, match="shape"):
        project(np.zeros((2, 3)), np.zeros((2, 4)), 2031.0)
