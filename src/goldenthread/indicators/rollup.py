"""The roll-up of scores over the results DAG, over arrays (see docs/scoring.md).

The rule for one result is ``scoring.combine``; this module applies the same rule to every
result of a cycle at once. Results are numbered 0..n-1. A result's *items* are its own
indicators (weight = the indicator's weight) and its children through links (weight = the
link's weight); a result using ``indicators_only`` has no child items.

``prepare`` arranges the items once per cycle. Each result gets a *height* (0 when no child
feeds it, else one more than its highest child), and the items are sorted by the height of
the result they feed, so that every child is scored before the heights above it need it.
Within a height:

- results with a single item (of positive weight) come first: their score is the item's
  score and their coverage 1 or 0, so they need no sum at all (most activities and work
  plans have one indicator);
- the other results' items follow, sorted by result, each tagged with the result's place
  among them, so that one ``np.bincount`` adds up the weighted scores and one the weights
  that had data.

Scores live in one value array: the indicators' scores first, then the results' (filled in
height by height), so an item, indicator or child, is one index into it and each height is
one gather, two sums and a division. The number of passes is the depth of the cascade
(four or five levels), not the number of results; ``benchmarks/scores.py`` times it beside
a plain weighted sum over the same items.

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
class Block:
    """Results of one height with more than half of ``width`` items each (``width`` a power
    of two), their items in a ``rows x width`` matrix (short rows padded with empty items),
    so that their sums are a few vector additions instead of a scatter. Narrow blocks are
    stored column by column, wide ones row by row (see ``_row_sums``)."""

    width: int
    rows: int
    item_offset: int  # where the block's items start among the layer's items after the singles
    row_offset: int  # where the block's results start in ``Layer.parents``


@dataclass(frozen=True)
class Layer:
    """The items feeding the results of one height, single-item results first."""

    source: Ints  # per item: its index in the value array (indicator i: i; result r: m + r)
    singles: Ints  # the results whose only item is the item at the same position
    parents: Ints  # the other results of this height that have items, block after block
    blocks: tuple[Block, ...]
    weight: Floats  # per item after the singles: its weight (0 for padding)
    inv_total: Floats  # per result of ``parents``: 1 / the weight of all its items (0 for none)
    worst: Ints  # positions in ``parents`` of the results scored worst-of
    worst_pos: Ints  # positions (among the items after the singles) of those results' items
    worst_starts: Ints  # offset of each worst-of result's first item within ``worst_pos``


@dataclass(frozen=True)
class Graph:
    """The items of every result arranged for ``roll_up``; built once per cycle."""

    n: int
    m: int  # indicators
    item_parent: Ints  # the items, sorted by the result they feed
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


def _ints(values: object = ()) -> Ints:
    return np.asarray(values, dtype=np.int64).reshape(-1)


def _widths(degree: Ints) -> Ints:
    """The block width of each result from its number of items: the next power of two.

    A width that depends on the result alone (not on how many others share it) keeps a
    result's sum the same to the last bit whichever results are scored with it: a unit's
    results scored alone equal the same results scored with the whole cycle."""
    return _ints(1 << np.ceil(np.log2(np.maximum(degree, 1))).astype(np.int64))


#: Rows at most this wide are summed column by column (left to right); wider ones by
#: numpy's pairwise sum along each row. Either order depends on the row's width alone.
COLUMN_SUMS_UP_TO = 8


def _column_major(width: int) -> bool:
    """Whether a block of ``width`` lays its items out column by column (each item position
    of every result side by side, so that a column is contiguous) rather than row by row."""
    return width <= COLUMN_SUMS_UP_TO


def _row_sums(items: Floats, rows: int, width: int, out: Floats) -> None:
    """The sum of each result's items of a block into ``out``, for two quantities at once
    (``items``: two rows, the weighted scores and the weights with data; ``out``: two
    rows), in an order that depends on the width alone (not on the number of rows, nor on a
    BLAS kernel's blocking); padding adds exact zeros. Narrow blocks: column after column,
    left to right; wide ones: numpy's pairwise sum along each (contiguous) row."""
    if _column_major(width):
        columns = items.reshape(2, width, rows)
        np.copyto(out, columns[:, 0])
        for k in range(1, width):
            out += columns[:, k]
    else:
        np.add.reduce(items.reshape(2, rows, width), axis=2, out=out)


def _layer(
    owners: Ints, source: Ints, weight: Floats, single: npt.NDArray[np.bool_], total: Floats,
    methods: Ints, pad: int,
) -> Layer:
    """One height's arrangement; ``owners``, ``source`` and ``weight`` are its items sorted by
    result, and ``pad`` is the value slot of an empty item (always NaN)."""
    first = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    results = owners[first]
    degree = np.diff(np.r_[first, len(owners)])
    alone = single[results]
    singles = results[alone]
    single_source = source[first[alone]]
    results, first, degree = results[~alone], first[~alone], degree[~alone]
    widths = _widths(degree)
    order = np.lexsort((results, widths))
    results, first, degree, widths = results[order], first[order], degree[order], widths[order]
    blocks: list[Block] = []
    sources: list[Ints] = []
    weights: list[Floats] = []
    item_offset = row_offset = 0
    row_item_start = np.zeros(len(results), dtype=np.int64)  # each result's first padded item
    for width in np.unique(widths).tolist():
        rows = np.flatnonzero(widths == width)
        matrix = np.full((len(rows), width), pad, dtype=np.int64)
        matrix_weight = np.zeros((len(rows), width))
        for k in range(int(degree[rows].max())):  # column by column: at most ``width`` passes
            filled = rows[degree[rows] > k]
            local = np.searchsorted(rows, filled)
            matrix[local, k] = source[first[filled] + k]
            matrix_weight[local, k] = weight[first[filled] + k]
        row_item_start[rows] = item_offset + np.arange(len(rows)) * width
        blocks.append(Block(width=width, rows=len(rows), item_offset=item_offset,
                            row_offset=row_offset))
        if _column_major(width):
            matrix, matrix_weight = matrix.T, matrix_weight.T
        sources.append(matrix.reshape(-1))
        weights.append(matrix_weight.reshape(-1))
        item_offset += len(rows) * width
        row_offset += len(rows)
    worst = np.flatnonzero(methods[results] == WORST_OF)
    if len(worst):
        # A result's items: side by side in a row-major block, a block's height apart in a
        # column-major one.
        block_of = {b.width: b for b in blocks}

        def positions(k: int) -> Ints:
            block = block_of[int(widths[k])]
            if not _column_major(block.width):
                return np.arange(row_item_start[k], row_item_start[k] + block.width)
            row = k - block.row_offset
            return block.item_offset + row + block.rows * np.arange(block.width)

        worst_pos = np.concatenate([positions(int(k)) for k in worst])
        worst_starts = np.r_[0, np.cumsum(widths[worst])[:-1]]
    else:
        worst_pos = worst_starts = _ints()
    parent_total = total[results]
    return Layer(
        source=np.concatenate([single_source, *sources]).astype(np.int64),
        singles=_ints(singles), parents=_ints(results), blocks=tuple(blocks),
        weight=np.concatenate([np.zeros(0), *weights]),
        inv_total=np.divide(1.0, parent_total, out=np.zeros(len(results)), where=parent_total > 0),
        worst=_ints(worst), worst_pos=_ints(worst_pos), worst_starts=_ints(worst_starts),
    )


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
    methods = _ints(methods)
    link_child, link_parent = _ints(link_child), _ints(link_parent)
    keep = methods[link_parent] != INDICATORS_ONLY
    link_child, link_parent = link_child[keep], link_parent[keep]
    link_weight = np.asarray(link_weight, dtype=np.float64)[keep]
    height = heights(n, link_child, link_parent)

    m = len(indicator_result)
    parent = np.concatenate([_ints(indicator_result), link_parent])
    weight = np.concatenate([np.asarray(indicator_weight, dtype=np.float64), link_weight])
    indicator = np.concatenate([np.arange(m), np.full(len(link_child), -1)]).astype(np.int64)
    child = np.concatenate([np.full(m, -1), link_child]).astype(np.int64)
    # By height, then by result, then each result's items in an order that does not depend
    # on the order they were read in: its indicators (read by code), then its children (in
    # the order of the results' rows). Sums then add the same numbers in the same order
    # whichever other results are read with them.
    key = np.where(indicator >= 0, indicator, m + child)
    order = np.lexsort((key, parent, height[parent]))
    parent, weight, indicator, child = parent[order], weight[order], indicator[order], child[order]
    total = np.bincount(parent, weights=weight, minlength=n).astype(np.float64)
    item_count = np.bincount(parent, minlength=n).astype(np.int64)
    # A result with one item of positive weight scores as that item: no sum needed.
    single = (item_count == 1) & (total > 0)
    source = np.where(indicator >= 0, indicator, m + child)

    layers = []
    bounds = np.searchsorted(height[parent], np.arange(int(height.max(initial=0)) + 2))
    for h in range(len(bounds) - 1):
        start, stop = int(bounds[h]), int(bounds[h + 1])
        if start < stop:
            layers.append(_layer(parent[start:stop], source[start:stop], weight[start:stop],
                                 single, total, methods, pad=m + n))
    # Each result feeds one height, so its items sit side by side in the sorted arrays.
    item_start = np.zeros(n, dtype=np.int64)
    owners, first_positions = np.unique(parent, return_index=True)
    item_start[owners] = first_positions
    return Graph(
        n=n, m=m, item_parent=parent, item_weight=weight, item_indicator=indicator, item_child=child,
        indicator_pos=np.flatnonzero(indicator >= 0), total_weight=total, height=height,
        layers=tuple(layers), item_start=item_start, item_count=item_count,
    )


def roll_up(graph: Graph, indicator_scores: Floats) -> Rolled:
    """Every result's score and coverage from its indicators' scores (0-100, NaN = no data)."""
    m, n = graph.m, graph.n
    if len(indicator_scores) != m:
        raise ValueError(f"{len(indicator_scores)} indicator scores for {m} indicators")
    value = np.empty(m + n + 1)  # the indicators' scores, the results', and an empty item
    value[:m] = indicator_scores
    value[m:] = np.nan
    score = value[m:m + n]
    coverage = np.zeros(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        for layer in graph.layers:
            s = value[layer.source]  # this height's item scores: one gather
            ones = len(layer.singles)
            if ones:
                alone = s[:ones]
                score[layer.singles] = alone
                coverage[layer.singles] = (alone == alone).astype(np.float64)  # 1 with data, 0 without
            if not len(layer.parents):
                continue
            s = s[ones:]
            has_data = s == s  # False where NaN
            # No data counts 0 at weight 0. Scores are 0-100, so fmax(s, 0) only turns NaN into
            # 0, and without the branches of a masked assignment it is several times faster.
            np.fmax(s, 0.0, out=s)
            both = np.empty((2, len(s)))  # weighted scores, and the weights that had data
            np.multiply(layer.weight, s, out=both[0])
            np.multiply(layer.weight, has_data, out=both[1])
            sums = np.empty((2, len(layer.parents)))
            for block in layer.blocks:
                items = slice(block.item_offset, block.item_offset + block.rows * block.width)
                rows = slice(block.row_offset, block.row_offset + block.rows)
                _row_sums(both[:, items], block.rows, block.width, sums[:, rows])
            total, den = sums[0], sums[1]
            result = np.divide(total, den, out=total)  # 0/0 is NaN: no item had data
            if len(layer.worst):
                lowest = np.minimum.reduceat(
                    np.where(has_data[layer.worst_pos], s[layer.worst_pos], np.inf), layer.worst_starts
                )
                result[layer.worst] = np.where(den[layer.worst] > 0, lowest, np.nan)
            score[layer.parents] = result
            coverage[layer.parents] = den * layer.inv_total
    return Rolled(score=score, coverage=coverage)


def items_of(graph: Graph, result: int) -> tuple[Ints, Ints, Floats]:
    """The items of one result: (indicator or -1, child or -1, weight), for explanations."""
    start = int(graph.item_start[result])
    positions = slice(start, start + int(graph.item_count[result]))
    return graph.item_indicator[positions], graph.item_child[positions], graph.item_weight[positions]
