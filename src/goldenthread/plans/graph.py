"""Graph helpers for the results cascade, over plain keys (no ORM).

The cascade is a directed acyclic graph of child -> parent links. These
functions take edges as pairs of keys (ids or codes), so the plan-file loader,
the services and the pages share one implementation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def find_loop(edges: Iterable[tuple[K, K]]) -> list[K] | None:
    """Return one loop in the child -> parent graph as [a, b, ..., a], or None.

    Iterative depth-first search, so a cascade 100,000 results deep cannot
    overflow the stack.
    """
    graph: dict[K, list[K]] = defaultdict(list)
    for child, parent in edges:
        graph[child].append(parent)
    white, grey, black = 0, 1, 2
    colour: dict[K, int] = {}
    for start in list(graph):
        if colour.get(start, white) != white:
            continue
        path: list[K] = [start]
        iters = [iter(graph.get(start, ()))]
        colour[start] = grey
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                colour[path.pop()] = black
                iters.pop()
                continue
            state = colour.get(nxt, white)
            if state == grey:
                return [*path[path.index(nxt):], nxt]
            if state == white:
                colour[nxt] = grey
                path.append(nxt)
                iters.append(iter(graph.get(nxt, ())))
    return None


def path_between(edges: Iterable[tuple[K, K]], start: K, goal: K) -> list[K] | None:
    """A path start -> ... -> goal following child -> parent edges, or None."""
    graph: dict[K, list[K]] = defaultdict(list)
    for child, parent in edges:
        graph[child].append(parent)
    previous: dict[K, K | None] = {start: None}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        if node == goal:
            path = [node]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in graph.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                frontier.append(nxt)
    return None


def ancestors(edges: Iterable[tuple[K, K]], start: K) -> set[K]:
    """Every node reachable upward from ``start`` (its parents, their parents...)."""
    graph: dict[K, list[K]] = defaultdict(list)
    for child, parent in edges:
        graph[child].append(parent)
    seen: set[K] = set()
    frontier = [start]
    while frontier:
        for nxt in graph.get(frontier.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def format_loop(loop: Sequence[object]) -> str:
    return " → ".join(str(node) for node in loop)
