"""The vectorised roll-up gives, for every result, what the rule of ``scoring.combine`` gives."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable

import numpy as np
import pytest

from goldenthread.indicators import rollup
from goldenthread.indicators.scoring import Item, combine

METHODS = ["weighted_mean", "worst_of", "indicators_only"]


def reference(n, methods, ind_result, ind_weight, ind_score, links):  # type: ignore[no-untyped-def]
    """The rule applied result by result, recursively, with ``scoring.combine``."""
    memo: dict[int, tuple[float | None, float]] = {}
    own: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(ind_result):
        own[r].append(i)
    below: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for c, p, w in links:
        below[p].append((c, w))

    def score(r: int) -> tuple[float | None, float]:
        if r in memo:
            return memo[r]
        items = [
            Item(f"i{i}", ind_weight[i], None if math.isnan(ind_score[i]) else ind_score[i])
            for i in own[r]
        ]
        if methods[r] != "indicators_only":
            items += [Item(f"r{c}", w, score(c)[0]) for c, w in below[r]]
        combined = combine(items, methods[r])
        memo[r] = (combined.score, combined.coverage if items else 0.0)
        return memo[r]

    return [score(r) for r in range(n)]


def run(n, methods, ind_result, ind_weight, ind_score, links):  # type: ignore[no-untyped-def]
    graph = rollup.prepare(
        n,
        np.array([rollup.METHOD_CODES[m] for m in methods]),
        np.array(ind_result, dtype=np.int64), np.array(ind_weight, dtype=float),
        np.array([c for c, _, _ in links], dtype=np.int64),
        np.array([p for _, p, _ in links], dtype=np.int64),
        np.array([w for _, _, w in links], dtype=float),
    )
    return rollup.roll_up(graph, np.array(ind_score, dtype=float))


def test_a_goal_is_the_weighted_mean_of_its_outcomes_and_its_own_indicator() -> None:
    # 0 goal <- 1, 2 outcomes (weights 1 and 3); the goal has an indicator scoring 40
    rolled = run(3, ["weighted_mean"] * 3, [0, 1, 2], [1, 1, 1], [40, 100, 60],
                 [(1, 0, 1.0), (2, 0, 3.0)])
    assert rolled.score[0] == pytest.approx((40 + 100 + 3 * 60) / 5)
    assert rolled.coverage[0] == pytest.approx(1.0)


def test_items_with_no_data_lower_coverage_not_the_score() -> None:
    rolled = run(3, ["weighted_mean"] * 3, [1], [1], [80], [(1, 0, 1.0), (2, 0, 3.0)])
    assert rolled.score[0] == pytest.approx(80)
    assert rolled.coverage[0] == pytest.approx(0.25)
    assert math.isnan(rolled.score[2]) and rolled.coverage[2] == 0


def test_worst_of_takes_the_lowest_item_and_indicators_only_ignores_children() -> None:
    links = [(1, 0, 1.0), (2, 0, 1.0), (1, 3, 1.0)]
    rolled = run(4, ["worst_of", "weighted_mean", "weighted_mean", "indicators_only"],
                 [1, 2, 3], [1, 1, 1], [90, 30, 55], links)
    assert rolled.score[0] == pytest.approx(30)
    assert rolled.score[3] == pytest.approx(55)
    assert rolled.coverage[3] == pytest.approx(1.0)


def test_a_child_serving_two_parents_counts_in_both() -> None:
    rolled = run(3, ["weighted_mean"] * 3, [2], [1], [50], [(2, 0, 0.5), (2, 1, 0.5)])
    assert rolled.score[0] == pytest.approx(50) and rolled.score[1] == pytest.approx(50)


def _cascade(
    rng: random.Random, sizes: list[int], parents_of: Callable[[int, range], set[int]],
    weights: list[float],
) -> tuple[int, list[int], list[tuple[int, int, float]]]:
    """A cascade of levels of ``sizes`` results, numbered level by level: each result below
    the first level linked to the ``parents_of`` it in the level above, with weights drawn
    from ``weights``. (The number of results, the first of each level, the links.)"""
    firsts = [sum(sizes[:k]) for k in range(len(sizes))]
    links = []
    for level in range(1, len(sizes)):
        above = range(firsts[level - 1], firsts[level])
        for child in range(firsts[level], firsts[level] + sizes[level]):
            links += [(child, parent, rng.choice(weights)) for parent in sorted(parents_of(child, above))]
    return sum(sizes), firsts, links


@pytest.mark.parametrize("seed", range(25))
def test_random_cascades_match_the_rule_result_by_result(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 60)
    # links only from a higher number to a lower one: a DAG with multi-parent children
    links = []
    for child in range(1, n):
        for parent in rng.sample(range(child), k=min(child, rng.choice([0, 1, 1, 1, 2, 3]))):
            links.append((child, parent, rng.choice([0.25, 0.5, 1.0, 2.0])))
    methods = [rng.choice(METHODS) for _ in range(n)]
    count = rng.randint(0, 2 * n)
    ind_result = [rng.randrange(n) for _ in range(count)]
    ind_weight = [rng.choice([0.5, 1.0, 3.0]) for _ in range(count)]
    ind_score = [rng.choice([math.nan, rng.uniform(0, 100)]) for _ in range(count)]

    rolled = run(n, methods, ind_result, ind_weight, ind_score, links)
    for r, (score, coverage) in enumerate(reference(n, methods, ind_result, ind_weight, ind_score, links)):
        if score is None:
            assert math.isnan(rolled.score[r]), r
        else:
            assert rolled.score[r] == pytest.approx(score), r
        assert rolled.coverage[r] == pytest.approx(coverage), r


@pytest.mark.parametrize("seed", range(4))
def test_a_plan_shaped_cascade_matches_the_rule_result_by_result(seed: int) -> None:
    # Levels of a real plan: goals, outcomes, outputs, activities. Many results share a number
    # of items, so the roll-up sums them in blocks of their own width; the rest in padded
    # blocks; activities with one indicator are taken as they are.
    rng = random.Random(seed)

    def parents_of(child: int, above: range) -> set[int]:
        parents = {above[child % len(above)]} if rng.random() < 0.95 else set()
        if rng.random() < 0.15:  # a second parent
            parents.add(rng.choice(above))
        return parents

    n, _, links = _cascade(rng, [4, 30, 240, 1200], parents_of, [0.5, 1.0, 1.0, 2.0])
    methods = [rng.choice(METHODS) if rng.random() < 0.1 else "weighted_mean" for _ in range(n)]
    ind_result = [r for r in range(n) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
    ind_weight = [rng.choice([1.0, 1.0, 2.0, 0.0]) for _ in ind_result]
    ind_score = [math.nan if rng.random() < 0.2 else rng.uniform(0, 100) for _ in ind_result]

    rolled = run(n, methods, ind_result, ind_weight, ind_score, links)
    expected = reference(n, methods, ind_result, ind_weight, ind_score, links)
    assert [None if math.isnan(s) else pytest.approx(s) for s in rolled.score] == [s for s, _ in expected]
    assert list(rolled.coverage) == pytest.approx([c for _, c in expected])


def test_a_loop_in_the_links_is_reported_not_looped_over() -> None:
    with pytest.raises(ValueError, match="loop"):
        run(2, ["weighted_mean"] * 2, [], [], [], [(0, 1, 1.0), (1, 0, 1.0)])


@pytest.mark.parametrize("seed", range(3))
def test_a_part_of_the_cascade_rolls_up_to_the_same_bits_as_the_whole(seed: int) -> None:
    """The results below a few outcomes, rolled up alone (links read in another order, far
    fewer results sharing each number of items, so other blocks), score exactly as in the
    whole cascade: a unit's page and the whole cycle never differ in the last digit."""
    rng = random.Random(seed)
    n, firsts, links = _cascade(
        rng, [3, 24, 200, 900],
        lambda child, above: {rng.choice(above) for _ in range(rng.choice([1, 1, 2]))},
        [0.3, 0.7, 1.0, 2.5],
    )
    # a few results with many children, so wide blocks are summed too
    linked = {(c, p) for c, p, _ in links}
    links += [(c, firsts[1], 1.1) for c in range(firsts[2], firsts[2] + 40) if (c, firsts[1]) not in linked]
    methods = [rng.choice(METHODS) if rng.random() < 0.1 else "weighted_mean" for _ in range(n)]
    ind_result = [r for r in range(n) for _ in range(rng.choice([0, 1, 1, 2, 3, 5, 7]))]
    ind_weight = [rng.choice([0.3, 1.0, 1.7]) for _ in ind_result]
    ind_score = [math.nan if rng.random() < 0.2 else rng.uniform(0, 100) for _ in ind_result]
    whole = run(n, methods, ind_result, ind_weight, ind_score, links)

    roots = [*rng.sample(range(firsts[1], firsts[2]), 3), firsts[1]]
    below: set[int] = set(roots)
    children = defaultdict(list)
    for child, parent, _ in links:
        children[parent].append(child)
    stack = list(roots)
    while stack:
        for child in children[stack.pop()]:
            if child not in below:
                below.add(child)
                stack.append(child)
    kept = sorted(below)  # the part, numbered in the whole's order
    at = {r: i for i, r in enumerate(kept)}
    part_links = [(at[c], at[p], w) for c, p, w in reversed(links) if p in below]
    part_inds = [i for i, r in enumerate(ind_result) if r in below]
    part = run(len(kept), [methods[r] for r in kept], [at[ind_result[i]] for i in part_inds],
               [ind_weight[i] for i in part_inds], [ind_score[i] for i in part_inds], part_links)
    for i, r in enumerate(kept):
        both_empty = math.isnan(part.score[i]) and math.isnan(whole.score[r])
        assert part.score[i] == whole.score[r] or both_empty, r
        assert part.coverage[i] == whole.coverage[r], r
