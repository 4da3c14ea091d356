"""One outlying report does not drag the projection, unlike a least-squares line."""

from __future__ import annotations

import numpy as np
import pytest

from goldenthread.insights.forecast import project, trend


@pytest.mark.parametrize("where", range(6))
@pytest.mark.parametrize("outlier", [1000.0, -1000.0])
def test_one_outlier_anywhere_is_ignored(where: int, outlier: float) -> None:
    times = np.array([[2027.0, 2028.0, 2028.5, 2029.0, 2029.5, 2030.0]])
    values = 60.0 + 4.0 * (times - 2027)
    values[0, where] = outlier
    assert project(times, values, 2031.0) == pytest.approx([76.0])
    fitted = trend(list(times[0]), list(values[0]))
    assert fitted is not None
    assert fitted[0] == pytest.approx(4.0)


def test_least_squares_would_have_been_dragged() -> None:
    times = np.array([2027.0, 2028.0, 2028.5, 2029.0, 2029.5, 2030.0])
    values = 60.0 + 4.0 * (times - 2027)
    values[3] = 1000.0
    slope, intercept = np.polyfit(times, values, 1)
    assert abs(slope * 2031 + intercept - 76.0) > 50
    assert project(times[None, :], values[None, :], 2031.0) == pytest.approx([76.0])


def test_noisy_points_project_near_their_trend() -> None:
    rng = np.random.default_rng(7)
    times = np.tile(np.arange(2027.0, 2031.0, 0.25), (200, 1))
    values = 100.0 - 3.0 * (times - 2027) + rng.normal(0, 0.5, times.shape)
    got = project(times, values, 2031.0)
    assert np.all(np.abs(got - 88.0) < 1.0)
