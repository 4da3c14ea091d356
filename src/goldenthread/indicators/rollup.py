"""The roll-up of scores over the results DAG, over arrays (see docs/scoring.md).

The rule for one result is ``scoring.combine``; this module applies the same rule to every
result of a cycle at once. Results are numbered 0..n-1. A result's *items* are its own
indicators (weight = the indicator's weight) and its children through links (weight = the
link's weight); a result using ``indicators_only`` has no child items.

``prepare`` arranges the items once per cycle: each result gets a *height* (0 when no child
feeds it, else one more than its highest child), and items are sorted by the height of the
result they feed, then by that result. ``roll_up`` then walks the heights upwards: every
child of a result of height h has a height below h, so its score is known when h is reached,
and each height is a handful of vectorised passes over one contiguous slice. The number of
passes is the depth of the cascade (four or five levels), not the number of results.

No ORM here: ``indicators/selectors.py`` feeds these functions in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

WEIGHTED_MEAN, WORST_OF, INDICATORS_ONLY = 0, 1, 2
METHOD_CODES = {"weighted_mean": WEIGHTED_MEAN, "worst_of": WORST_OF, "indicators_only": INDICATORS_ONLY}

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Layer:
    """The items feeding the results of one height: a contiguous slice of the item arrays."""

    start: int
    stop: int
    parents: Ints  # the results of this height that have items, in item order
    starts: Ints  # offset of each parent's first item, relative to ``start``
    link_pos: Ints  # positions (relative to ``start``) of the items that are child results
    link_child: Ints  # the child result of each of those items
    worst: Ints  # which of ``parents`` are scored worst-of
    worst_pos: Ints  # positions (relative to ``start``) of those parents' items
    worst_starts: Ints  # offset of each worst-of parent's first item within ``worst_pos``


@dataclass(frozen=True)
class Graph:
    """The items of every result arranged for ``roll_up``; built once per cycle."""

    n: int
    item_parent: Ints
    item_weight: Floats
    item_indicator: Ints  # the indicator of an indicator item, -1 for a child item
    item_child: Ints  # the child result of a child item, -1 for an indicator item
    indicator_pos: Ints  # positions of the indicator items
    total_weight: Floats  # per result: the weight of all its items
    height: Ints
    layers: tuple[Layer, ...]
    item_start: Ints  # per result: position of its first item (its items are contiguous)
    item_count: Ints  # per result: how many items it has


@dataclass(frozen=True)
class Rolled:
    """Per result: score 0-100 (NaN with no data) and coverage 0-1."""

    score: Floats
    coverage: Floats


def heights(n: int, child: Ints, parent: Ints) -> Ints:
    """Each result's height in the DAG: 0 with no child, else 1 + its highest child's.

    One vectorised pass per level of the cascade; a loop in the links (which the services
    refuse) would never settle, so the passes are capped and a loop raises."""
    height = np.zeros(n, dtype=np.int64)
    for _ in range(n + 1):
        proposed = height.copy()
        np.maximum.at(proposed, parent, height[child] + 1)
        if np.array_equal(proposed, height):
            return height
        height = proposed
    raise ValueError("the links hold a loop")


def prepare(
    n: int,
    methods: Ints,
    indicator_result: Ints,
    indicator_weight: Floats,
    link_child: Ints,
    link_parent: Ints,
    link_weight: Floats,
) -> Graph:
    """Arrange the items of ``n`` results for ``roll_up``.

    ``methods[r]`` is a code of ``METHOD_CODES``; indicator ``i`` feeds result
    ``indicator_result[i]``; link ``k`` feeds ``link_parent[k]`` with ``link_child[k]``.
    """
    methods = np.asarray(methods, dtype=np.int64)
    keep = methods[link_parent] != INDICATORS_ONLY
    link_child, link_parent, link_weight = link_child[keep], link_parent[keep], link_weight[keep]
    height = heights(n, link_child, link_parent)

    m = len(indicator_result)
    parent = np.concatenate([indicator_result, link_parent]).astype(np.int64)
    weight = np.concatenate([indicator_weight, link_weight]).astype(np.float64)
    indicator = np.concatenate([np.arange(m), np.full(len(link_child), -1)]).astype(np.int64)
    child = np.concatenate([np.full(m, -1), link_child]).astype(np.int64)
    order = np.lexsort((parent, height[parent]))  # by height, then by result
    parent, weight, indicator, child = parent[order], weight[order], indicator[order], child[order]
    total = np.bincount(parent, weights=weight, minlength=n).astype(np.float64)

    layers = []
    item_height = height[parent]
    bounds = np.searchsorted(item_height, np.arange(int(height.max(initial=0)) + 2))
    for h in range(len(bounds) - 1):
        start, stop = int(bounds[h]), int(bounds[h + 1])
        if start == stop:
            continue
        segment = parent[start:stop]
        first = np.flatnonzero(np.r_[True, segment[1:] != segment[:-1]])
        parents = segment[first]
        link_pos = np.flatnonzero(child[start:stop] >= 0)
        worst = np.flatnonzero(methods[parents] == WORST_OF)
        counts = np.diff(np.r_[first, stop - start])
        worst_pos = (np.concatenate([np.arange(first[k], first[k] + counts[k]) for k in worst])
                     if len(worst) else np.zeros(0, dtype=np.int64))
        worst_starts = np.r_[0, np.cumsum(counts[worst])[:-1]] if len(worst) else np.zeros(0, dtype=np.int64)
        layers.append(Layer(
            start=start, stop=stop, parents=parents, starts=first,
            link_pos=link_pos, link_child=child[start:stop][link_pos],
            worst=worst, worst_pos=worst_pos.astype(np.int64), worst_starts=worst_starts.astype(np.int64),
        ))
    # Each result feeds one height, so its items sit side by side in the sorted arrays.
    item_count = np.bincount(parent, minlength=n).astype(np.int64)
    item_start = np.zeros(n, dtype=np.int64)
    owners, first_positions = np.unique(parent, return_index=True)
    item_start[owners] = first_positions
    return Graph(
        n=n, item_parent=parent, item_weight=weight, item_indicator=indicator, item_child=child,
        indicator_pos=np.flatnonzero(indicator >= 0), total_weight=total, height=height,
        layers=tuple(layers), item_start=item_start, item_count=item_count,
    )


def roll_up(graph: Graph, indicator_scores: Floats) -> Rolled:
    """Every result's score and coverage from its indicators' scores (0-100, NaN = no data)."""
    score = np.full(graph.n, np.nan)
    coverage = np.zeros(graph.n)
    item_score = np.empty(len(graph.item_parent))
    item_score[graph.indicator_pos] = indicator_scores[graph.item_indicator[graph.indicator_pos]]
    weight = graph.item_weight
    with np.errstate(invalid="ignore", divide="ignore"):
        for layer in graph.layers:
            s = item_score[layer.start:layer.stop]  # a view: this height's items
            s[layer.link_pos] = score[layer.link_child]
            has_data = s == s  # False where NaN
            w = weight[layer.start:layer.stop] * has_data
            if len(layer.worst):
                lowest = np.minimum.reduceat(
                    np.where(has_data[layer.worst_pos], s[layer.worst_pos], np.inf), layer.worst_starts
                )
                lowest[np.isinf(lowest)] = np.nan
            np.nan_to_num(s, copy=False)  # no data counts 0 at weight 0
            den = np.add.reduceat(w, layer.starts)
            result = np.add.reduceat(w * s, layer.starts) / den  # 0/0 is NaN: no item had data
            if len(layer.worst):
                result[layer.worst] = lowest
            score[layer.parents] = result
            total = graph.total_weight[layer.parents]
            coverage[layer.parents] = np.where(total > 0, den / total, 0.0)
    return Rolled(score=score, coverage=coverage)


def items_of(graph: Graph, result: int) -> tuple[Ints, Ints, Floats]:
    """The items of one result: (indicator or -1, child or -1, weight), for explanations."""
    start = int(graph.item_start[result])
    positions = slice(start, start + int(graph.item_count[result]))
    return graph.item_indicator[positions], graph.item_child[positions], graph.item_weight[positions]
