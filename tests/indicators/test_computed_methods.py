"""Each computation method, period by period, on plain numbers (docs/scoring.md)."""

from __future__ import annotations

import math

import pytest

from goldenthread.indicators.choices import Aggregation, Computation
from goldenthread.indicators.computed import METHODS, computed_values

Y28, Y29, Y30 = (2028, 0), (2029, 0), (2030, 0)
VALUES = {
    1: {Y28: 10.0, Y29: 20.0, Y30: 30.0},
    2: {Y28: 4.0, Y29: 6.0, Y30: 1.0},
}


def one(method: str, weights: tuple[float, float] = (1.0, 1.0)) -> dict[tuple[int, int], float]:
    return computed_values(
        {9: method}, {9: [(1, weights[0]), (2, weights[1])]}, VALUES
    )[9]


def test_the_methods_are_the_computation_choices_and_aggregation_codes() -> None:
    assert list(METHODS) == list(Computation.values)
    assert set(Computation.values) <= set(Aggregation.values)


def test_sum_adds_the_sources_times_their_weights() -> None:
    assert one("sum") == {Y28: 14.0, Y29: 26.0, Y30: 31.0}
    assert one("sum", (1.0, 0.5)) == {Y28: 12.0, Y29: 23.0, Y30: 30.5}


def test_mean_ignores_the_weights() -> None:
    assert one("mean", (3.0, 1.0)) == {Y28: 7.0, Y29: 13.0, Y30: 15.5}


def test_weighted_mean_weighs_each_source() -> None:
    assert one("weighted_mean", (3.0, 1.0)) == {Y28: 8.5, Y29: 16.5, Y30: 22.75}


def test_min_and_max_take_the_lowest_and_highest_value() -> None:
    assert one("min") == {Y28: 4.0, Y29: 6.0, Y30: 1.0}
    assert one("max") == {Y28: 10.0, Y29: 20.0, Y30: 30.0}


def test_cumulative_is_the_running_total_of_the_weighted_sums() -> None:
    assert one("cumulative") == {Y28: 14.0, Y29: 40.0, Y30: 71.0}
    assert one("cumulative", (1.0, 2.0)) == {Y28: 18.0, Y29: 50.0, Y30: 82.0}


def test_cumulative_runs_years_and_quarters_as_two_totals() -> None:
    values = {1: {(2028, 1): 1.0, (2028, 2): 2.0, Y28: 10.0, (2029, 1): 4.0, Y29: 20.0}}
    got = computed_values({9: "cumulative"}, {9: [(1, 1.0)]}, values)[9]
    assert got == {(2028, 1): 1.0, (2028, 2): 3.0, (2029, 1): 7.0, Y28: 10.0, Y29: 30.0}


def test_latest_takes_the_most_recent_value_at_or_before_each_period() -> None:
    values = {
        1: {Y28: 50.0, Y30: 70.0},  # a survey every other year
        2: {Y29: 60.0},  # another survey in between
    }
    got = computed_values({9: "latest"}, {9: [(1, 1.0), (2, 1.0)]}, values)[9]
    assert got == {Y28: 50.0, Y29: 60.0, Y30: 70.0}


def test_latest_carries_a_year_value_into_the_next_quarters() -> None:
    values = {1: {Y28: 50.0, (2029, 2): 55.0}, 2: {(2029, 3): 58.0}}
    got = computed_values({9: "latest"}, {9: [(1, 1.0), (2, 1.0)]}, values)[9]
    assert got == {Y28: 50.0, (2029, 2): 55.0, (2029, 3): 58.0}


def test_latest_averages_sources_reported_at_the_same_time_by_weight() -> None:
    values = {1: {Y28: 10.0}, 2: {Y28: 40.0, (2028, 4): 40.0}}
    got = computed_values({9: "latest"}, {9: [(1, 2.0), (2, 1.0)]}, values)[9]
    # 2028 and 2028-Q4 end at the same time: all three values tie.
    assert got == {Y28: pytest.approx(25.0), (2028, 4): pytest.approx(25.0)}


def test_a_source_value_that_is_nan_counts_as_not_reported() -> None:
    values = {1: {Y28: 10.0, Y29: math.nan}, 2: {Y28: 4.0, Y29: 6.0}}
    assert computed_values({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, values)[9] == {Y28: 14.0}


def test_a_computed_indicator_with_no_sources_has_no_values() -> None:
    assert computed_values({9: "sum"}, {}, VALUES) == {9: {}}


def test_it_ignores_values_given_for_a_computed_indicator_unless_asked_to_keep_them() -> None:
    values = {**VALUES, 9: {Y28: 999.0}}
    assert computed_values({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, values)[9][Y28] == 14.0


def test_it_refuses_an_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown computation 'total'"):
        computed_values({9: "total"}, {9: [(1, 1.0)]}, VALUES)
