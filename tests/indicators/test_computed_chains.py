"""Computed indicators of computed indicators resolve in dependency order; baselines and
targets are computed where a computed indicator has none of its own."""

from __future__ import annotations

from goldenthread.indicators.computed import computation_order, computed_values

Y28, Y29 = (2028, 0), (2029, 0)


def test_a_chain_resolves_whatever_the_order_it_is_given_in() -> None:
    # 30 = max(20, 3); 20 = sum(1, 2); ids given top first.
    methods = {30: "max", 20: "sum"}
    sources = {30: [(20, 1.0), (3, 1.0)], 20: [(1, 1.0), (2, 1.0)]}
    values = {1: {Y28: 5.0}, 2: {Y28: 7.0}, 3: {Y28: 10.0}}
    assert computed_values(methods, sources, values) == {20: {Y28: 12.0}, 30: {Y28: 12.0}}


def test_the_order_puts_every_indicator_after_the_computed_ones_it_is_computed_from() -> None:
    methods = {1: "sum", 2: "sum", 3: "sum", 4: "sum"}
    sources = {1: [(2, 1.0), (3, 1.0)], 2: [(4, 1.0)], 3: [(4, 1.0), (9, 1.0)], 4: [(8, 1.0)]}
    order = computation_order(methods, sources)
    assert sorted(order) == [1, 2, 3, 4]
    position = {cid: i for i, cid in enumerate(order)}
    for cid, pairs in sources.items():
        for sid, _ in pairs:
            if sid in methods:
                assert position[sid] < position[cid]


def test_a_portfolio_total_of_programme_totals_of_projects() -> None:
    methods = {100: "sum", 10: "sum", 11: "sum"}
    sources = {100: [(10, 1.0), (11, 1.0)], 10: [(1, 1.0), (2, 1.0)], 11: [(3, 1.0)]}
    values = {1: {Y28: 1.0, Y29: 2.0}, 2: {Y28: 10.0, Y29: 20.0}, 3: {Y28: 100.0, Y29: 200.0}}
    got = computed_values(methods, sources, values)
    assert got[100] == {Y28: 111.0, Y29: 222.0}


def test_baselines_are_computed_where_the_computed_indicator_has_none() -> None:
    baselines = {1: {(2027, 0): 100.0}, 2: {(2027, 0): 50.0}, 9: {}}
    got = computed_values({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, baselines, keep_given=True)
    assert got[9] == {(2027, 0): 150.0}


def test_targets_of_its_own_are_kept_and_used_by_indicators_computed_from_it() -> None:
    targets = {1: {(2031, 0): 300.0}, 2: {(2031, 0): 200.0}, 9: {(2031, 0): 600.0}}
    methods = {9: "sum", 10: "sum"}
    sources = {9: [(1, 1.0), (2, 1.0)], 10: [(9, 1.0), (1, 1.0)]}
    got = computed_values(methods, sources, targets, keep_given=True)
    assert got[9] == {(2031, 0): 600.0}  # set by management, not the sum of 500
    assert got[10] == {(2031, 0): 900.0}


def test_without_keep_given_targets_of_its_own_are_replaced() -> None:
    targets = {1: {(2031, 0): 300.0}, 2: {(2031, 0): 200.0}, 9: {(2031, 0): 600.0}}
    got = computed_values({9: "sum"}, {9: [(1, 1.0), (2, 1.0)]}, targets)
    assert got[9] == {(2031, 0): 500.0}
