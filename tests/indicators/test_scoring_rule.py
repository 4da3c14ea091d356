"""The scoring rule of docs/scoring.md, case by case, with no database."""

from __future__ import annotations

import pytest

from goldenthread.indicators.scoring import (
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    Item,
    achievement_ratio,
    combine,
    period_time,
    score_of,
    status_of,
    target_at,
)


def test_an_increasing_indicator_scores_progress_from_baseline_to_target():
    # broadband coverage: baseline 67 %, target 80 %, actual 77 %
    r = achievement_ratio(67, 80, 77)
    assert r == pytest.approx(10 / 13)
    assert score_of(r) == pytest.approx(76.923, abs=1e-3)
    assert status_of(r) == AT_RISK


def test_a_decreasing_indicator_uses_the_same_formula():
    # broadband cost as % of GNI per capita: baseline 5, target 2, actual 2.3
    r = achievement_ratio(5, 2, 2.3)
    assert r == pytest.approx(0.9)
    assert status_of(r) == ON_TRACK


def test_moving_the_wrong_way_scores_zero_and_overshooting_caps_at_100():
    assert score_of(achievement_ratio(5, 2, 6)) == 0
    assert score_of(achievement_ratio(67, 80, 95)) == 100
    assert status_of(achievement_ratio(67, 80, 60)) == OFF_TRACK


def test_a_maintain_target_scores_closeness_to_the_target():
    assert achievement_ratio(95, 95, 95) == 1
    assert achievement_ratio(95, 95, 90) == pytest.approx(1 - 5 / 95)
    assert achievement_ratio(10, 10, 30) == 0  # never below zero
    assert achievement_ratio(0, 0, 0) == 1
    assert achievement_ratio(0, 0, 2) == 0


def test_missing_actual_target_or_baseline_means_no_data():
    assert achievement_ratio(67, 80, None) is None
    assert achievement_ratio(67, None, 70) is None
    assert achievement_ratio(None, 80, 70) is None
    assert score_of(None) is None
    assert status_of(None) == NO_DATA


def test_thresholds_are_set_per_cycle():
    assert status_of(0.8, on_track=0.8, at_risk=0.5) == ON_TRACK
    assert status_of(0.5, on_track=0.8, at_risk=0.5) == AT_RISK
    assert status_of(0.49, on_track=0.8, at_risk=0.5) == OFF_TRACK


def test_a_target_set_for_the_period_is_used_as_it_is():
    targets = {2028.0: 70.0, 2031.0: 80.0}
    assert target_at(2028.0, targets, 2027.0, 67.0) == 70


def test_a_missing_target_is_interpolated_from_the_baseline_to_the_next_later_target():
    targets = {2031.0: 80.0}
    assert target_at(2029.0, targets, 2027.0, 60.0) == pytest.approx(70.0)
    # a quarter ends a quarter of a year after the previous one: 2028-Q2 ends at 2027.5
    assert period_time(2028, 2) == 2027.5
    assert period_time(2028, 4) == period_time(2028)
    assert target_at(period_time(2028, 2), targets, 2027.0, 60.0) == pytest.approx(62.5)


def test_with_no_later_target_there_is_no_target():
    assert target_at(2031.0, {2029.0: 75.0}, 2027.0, 67.0) is None
    assert target_at(2029.0, {}, 2027.0, 67.0) is None


def test_a_result_score_is_the_weighted_mean_of_items_with_data_with_coverage():
    items = [Item("K1", 1, 100.0), Item("OP1", 2, 40.0), Item("OP2", 1, None)]
    c = combine(items)
    assert c.score == pytest.approx((100 + 80) / 3)
    assert c.coverage == pytest.approx(3 / 4)
    assert c.drags == pytest.approx({"K1": 0.0, "OP1": 2 * 60 / 3})


def test_drags_add_up_to_the_points_the_result_lost():
    items = [Item("a", 1, 90.0), Item("b", 3, 50.0), Item("c", 0.5, 10.0)]
    c = combine(items)
    assert sum(c.drags.values()) == pytest.approx(100 - c.score)
    assert max(c.drags, key=c.drags.get) == "b"


def test_worst_of_takes_the_lowest_item():
    c = combine([Item("a", 1, 90.0), Item("b", 3, 50.0)], method="worst_of")
    assert c.score == 50


def test_a_result_with_no_scored_items_has_no_score():
    c = combine([Item("a", 1, None)])
    assert c.score is None and c.coverage == 0
    assert combine([]).score is None
