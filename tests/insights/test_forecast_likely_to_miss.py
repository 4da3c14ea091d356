"""Likely to miss: the projection reaches less than 0.9 of the way from baseline to the
endline target, with the scoring rule's ratio (directions, maintain targets)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from goldenthread.indicators import scoring
from goldenthread.insights.forecast import likely_to_miss, projected_ratio

NAN = math.nan


def test_an_increasing_indicator_short_of_its_target_is_likely_to_miss() -> None:
    # Baseline 60, endline target 80: projected 77 is 0.85 of the way, 78 is 0.9.
    got = likely_to_miss([60.0, 60.0, 60.0], [80.0, 80.0, 80.0], [77.0, 78.0, 95.0])
    assert got.tolist() == [True, False, False]


def test_a_decreasing_indicator_is_judged_downwards() -> None:
    # Broadband cost 5 % of income, target 2 %: projected 2.3 % is 0.9 of the way.
    got = likely_to_miss([5.0, 5.0, 5.0], [2.0, 2.0, 2.0], [2.3, 2.5, 6.0])
    assert got.tolist() == [False, True, True]


def test_a_maintain_target_is_missed_by_drifting_either_way() -> None:
    got = likely_to_miss([95.0] * 4, [95.0] * 4, [95.0, 90.0, 80.0, 110.0])
    assert got.tolist() == [False, False, True, True]
    assert likely_to_miss([0.0, 0.0], [0.0, 0.0], [0.0, 1.0]).tolist() == [False, True]


def test_no_projection_or_no_target_is_not_flagged() -> None:
    got = likely_to_miss([60.0, 60.0, NAN], [80.0, NAN, 80.0], [NAN, 10.0, 10.0])
    assert got.tolist() == [False, False, False]


def test_the_threshold_can_be_set() -> None:
    assert likely_to_miss([0.0], [100.0], [85.0], threshold=0.8).tolist() == [False]
    assert likely_to_miss([0.0], [100.0], [85.0]).tolist() == [True]


def test_the_ratio_is_the_scoring_rule_s_ratio_case_by_case() -> None:
    numbers = [0.0, 2.0, 5.0, -3.0, 80.0]
    cases = list(itertools.product(numbers, repeat=3))
    b, t, p = (np.array(column) for column in zip(*cases, strict=True))
    got = projected_ratio(b, t, p)
    for i, (base, target, value) in enumerate(cases):
        expected = scoring.achievement_ratio(base, target, value)
        assert expected is not None
        assert got[i] == pytest.approx(expected), (base, target, value)
    assert np.isnan(projected_ratio([NAN], [1.0], [1.0])[0])
