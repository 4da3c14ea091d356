"""A period gets a computed value only when every source reported for it; the periods left
out are gaps, naming the sources they wait for."""

from __future__ import annotations

from goldenthread.indicators.computed import compute, computed_values

Y28, Y29, Y30 = (2028, 0), (2029, 0), (2030, 0)


def test_a_period_some_sources_have_not_reported_gets_no_value() -> None:
    values = {1: {Y28: 10.0, Y29: 20.0}, 2: {Y28: 4.0}, 3: {Y28: 1.0, Y29: 2.0}}
    for method in ("sum", "mean", "weighted_mean", "min", "max"):
        got = computed_values({9: method}, {9: [(1, 1.0), (2, 1.0), (3, 1.0)]}, values)[9]
        assert list(got) == [Y28], method


def test_the_gaps_name_the_sources_a_period_waits_for() -> None:
    values = {1: {Y28: 10.0, Y29: 20.0}, 2: {Y28: 4.0}, 3: {Y29: 2.0}}
    done = compute({9: "sum"}, {9: [(1, 1.0), (2, 1.0), (3, 1.0)]}, values)
    assert done.values == {9: {}}
    assert done.gaps == {9: {Y28: [3], Y29: [2]}}


def test_a_complete_computation_has_no_gaps() -> None:
    values = {1: {Y28: 10.0}, 2: {Y28: 4.0}}
    done = compute({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, values)
    assert done.values == {9: {Y28: 14.0}}
    assert done.gaps == {}


def test_a_gap_stops_a_cumulative_total_for_every_later_period() -> None:
    values = {1: {Y28: 10.0, Y29: 20.0, Y30: 30.0}, 2: {Y28: 1.0, Y30: 3.0}}
    done = compute({9: "cumulative"}, {9: [(1, 1.0), (2, 1.0)]}, values)
    assert done.values == {9: {Y28: 11.0}}
    assert done.gaps == {9: {Y29: [2], Y30: [2]}}


def test_latest_never_waits_for_every_source() -> None:
    values = {1: {Y28: 10.0, Y30: 30.0}, 2: {Y29: 20.0}}
    done = compute({9: "latest"}, {9: [(1, 1.0), (2, 1.0)]}, values)
    assert done.values == {9: {Y28: 10.0, Y29: 20.0, Y30: 30.0}}
    assert done.gaps == {}


def test_a_source_that_has_reported_nothing_leaves_the_total_empty() -> None:
    done = compute({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, {1: {Y28: 10.0}})
    assert done.values == {9: {}}
    assert done.gaps == {9: {Y28: [2]}}
