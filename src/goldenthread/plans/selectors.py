"""Reads of the plan for the pages: the cycle at a glance, the cascade, a result's thread.

Every function here runs a fixed number of queries, whatever the size of the
plan: counts are grouped in the database, and trees are assembled in Python
from one query of nodes and one of links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Level, Link, Result

TOP_TIER = 1
PERSON_TIER = 4
TIERS = (1, 2, 3, 4)
# Without an output level, the overview's cascade shows this many framework levels.
CASCADE_DEPTH = 3
# A cascade node lists at most this many children; the rest are on the child's own page.
CASCADE_CHILDREN_SHOWN = 40
# A result's thread draws at most this many upward paths.
THREAD_PATHS_SHOWN = 24


def tier_expression() -> Case:
    """A result's tier in SQL: 4 when a person owns it, else its unit's tier."""
    return Case(
        When(person__isnull=False, then=Value(PERSON_TIER)),
        default=F("unit__tier"),
        output_field=IntegerField(),
    )


def cycle_list(user: Any = None) -> list[Cycle]:
    """Every cycle ``user`` may see, newest first: what the cycle switcher offers.
    (``user=None``: the operator of the machine, who sees everything.)"""
    return list(Cycle.objects.visible_to(user).order_by("-start_year", "-end_year", "code"))


def cycle_latest(user: Any = None) -> Cycle | None:
    """The cycle a person most likely wants: the one that starts last, of those they see."""
    return Cycle.objects.visible_to(user).order_by("-start_year", "-end_year", "code").first()


def cycle_levels(cycle: Cycle) -> list[Level]:
    return list(Level.objects.filter(cycle=cycle).order_by("rank"))


def cascade_levels(levels: list[Level]) -> list[Level]:
    """The levels the overview's cascade draws: from the top down to the first output
    level (goals, outcomes, outputs; with thematic priorities if the framework has them).
    Activities and people's work plans are on each result's own page."""
    for index, level in enumerate(levels):
        if level.kind == LevelKind.OUTPUT:
            return levels[: index + 1]
    return levels[:CASCADE_DEPTH]


class _ByTier:
    """Counts keyed by tier, with their total and one cell per tier for a table row."""

    by_tier: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.by_tier.values())

    @property
    def tier_cells(self) -> list[int]:
        return [self.by_tier.get(tier, 0) for tier in TIERS]


@dataclass
class LevelCount(_ByTier):
    """How many results a framework level holds, split by tier of their owner."""

    level: Level
    by_tier: dict[int, int]


@dataclass
class ResultCounts(_ByTier):
    rows: list[LevelCount]
    by_tier: dict[int, int]


def result_counts(cycle: Cycle, levels: list[Level], user: Any = None) -> ResultCounts:
    """Results ``user`` sees by framework level and by tier, in one grouped query."""
    grouped = (
        Result.objects.visible_to(user).filter(cycle=cycle)
        .annotate(owner_tier=tier_expression())
        .values("level_id", "owner_tier")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_level: dict[int, dict[int, int]] = defaultdict(dict)
    by_tier: dict[int, int] = defaultdict(int)
    for row in grouped:
        by_level[row["level_id"]][row["owner_tier"]] = row["n"]
        by_tier[row["owner_tier"]] += row["n"]
    rows = [LevelCount(level=level, by_tier=by_level.get(level.pk, {})) for level in levels]
    return ResultCounts(rows=rows, by_tier=dict(by_tier))


def orphans(cycle: Cycle, user: Any = None) -> QuerySet[Result]:
    """Results below the top level that serve no parent: the cascade's alignment gaps
    (of those ``user`` sees)."""
    return (
        Result.objects.visible_to(user).filter(cycle=cycle, level__rank__gt=0)
        .filter(~Q(pk__in=Link.objects.filter(cycle=cycle).values("child_id")))
        .select_related("level", "unit", "person")
        .order_by("level__rank", "code")
    )


@dataclass
class CascadeNode:
    """A result in the overview's cascade, with the weight of its link to the node above."""

    code: str
    title: str
    level: str
    unit_code: str
    unit_name: str
    tier: int
    weight: Decimal | None = None
    children: list[CascadeNode] = field(default_factory=list)
    hidden_children: int = 0

    @property
    def child_count(self) -> int:
        return len(self.children) + self.hidden_children


def cascade(cycle: Cycle, shown: list[Level], user: Any = None) -> list[CascadeNode]:
    """The top of the cascade: results of the ``shown`` levels, top level first, each
    under every parent it serves (the cascade is a DAG, so a result shared by two
    parents appears under both). Only results ``user`` sees. Two queries.
    """
    if not shown:
        return []
    level_names = {level.pk: level.name for level in shown}
    top_level = shown[0].pk
    rows = (
        Result.objects.visible_to(user).filter(cycle=cycle, level__in=shown)
        .annotate(owner_tier=tier_expression())
        .values("id", "code", "title", "level_id", "unit__code", "unit__name", "owner_tier")
        .order_by("code")
    )
    nodes = {row["id"]: row for row in rows}
    children: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    links = (
        Link.objects.filter(cycle=cycle, child__level__in=shown, parent__level__in=shown)
        .values_list("parent_id", "child_id", "weight")
        .order_by("child__code")
    )
    for parent_id, child_id, weight in links:
        if child_id in nodes:  # a child the user does not see is left out
            children[parent_id].append((child_id, weight))

    def build(node_id: int, weight: Decimal | None, remaining: int) -> CascadeNode:
        row = nodes[node_id]
        node = CascadeNode(
            code=row["code"], title=row["title"], level=level_names[row["level_id"]],
            unit_code=row["unit__code"], unit_name=row["unit__name"], tier=row["owner_tier"],
            weight=weight,
        )
        if remaining > 1:
            below = children.get(node_id, [])
            node.children = [
                build(child_id, child_weight, remaining - 1)
                for child_id, child_weight in below[:CASCADE_CHILDREN_SHOWN]
            ]
            node.hidden_children = max(0, len(below) - CASCADE_CHILDREN_SHOWN)
        return node

    roots = [row_id for row_id, row in nodes.items() if row["level_id"] == top_level]
    return [build(root, None, len(shown)) for root in roots]


@dataclass
class ThreadStep:
    """One card of an upward path: a parent result and the weight of the link
    by which the card below it contributes to it."""

    result: Result
    weight: Decimal


@dataclass
class ResultThread:
    """A result with everything that ties it into the plan."""

    result: Result
    paths: list[list[ThreadStep]]
    paths_total: int
    children: list[Link]

    @property
    def paths_hidden(self) -> int:
        return self.paths_total - len(self.paths)


def _upward_link_ids(result: Result) -> RawSQL:
    """The ids of every link on the way up from ``result``: a recursive query, so
    the whole upward closure comes back in one round trip however deep it is."""
    table = connection.ops.quote_name(Link._meta.db_table)
    sql = (
        f"WITH RECURSIVE up(id, parent_id) AS ("
        f" SELECT id, parent_id FROM {table} WHERE child_id = %s"
        f" UNION"
        f" SELECT l.id, l.parent_id FROM {table} l JOIN up ON l.child_id = up.parent_id"
        f") SELECT id FROM up"
    )
    return RawSQL(sql, (result.pk,))


def _upward_paths(
    start: int, parents: dict[int, list[tuple[int, Decimal]]], limit: int
) -> tuple[list[list[tuple[int, Decimal]]], int]:
    """Every path from ``start`` up to a result with no parent, top first.

    Returns at most ``limit`` paths and the total number of paths.
    """
    found: list[list[tuple[int, Decimal]]] = []
    total = 0
    # Iterative depth-first walk; each stack entry is the path so far, bottom first.
    stack: list[list[tuple[int, Decimal]]] = [[(parent, weight)] for parent, weight in
                                             reversed(parents.get(start, []))]
    while stack:
        path = stack.pop()
        top = path[-1][0]
        above = parents.get(top, [])
        seen = {node for node, _ in path}
        above = [(node, weight) for node, weight in above if node not in seen]
        if not above:
            total += 1
            if len(found) < limit:
                found.append(path[::-1])
            continue
        for parent, weight in reversed(above):
            stack.append([*path, (parent, weight)])
    return found, total


def result_thread(cycle: Cycle, code: str) -> ResultThread | None:
    """The result ``code`` of ``cycle`` with its thread: every upward path to the
    top of the cascade, and its children. None when the cycle has no such result."""
    result = (
        Result.objects.select_related("level", "unit", "unit__parent", "person", "person__unit")
        .filter(cycle=cycle, code=code)
        .first()
    )
    if result is None:
        return None
    upward = Link.objects.filter(pk__in=_upward_link_ids(result)).select_related(
        "parent", "parent__level", "parent__unit", "parent__person"
    ).order_by("parent__code")
    parents: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    by_id: dict[int, Result] = {}
    for link in upward:
        parents[link.child_id].append((link.parent_id, link.weight))
        by_id[link.parent_id] = link.parent
    raw_paths, total = _upward_paths(result.pk, parents, THREAD_PATHS_SHOWN)
    # Each path is top first; the weight on a step is that of the link from the step below.
    paths = [[ThreadStep(result=by_id[node], weight=weight) for node, weight in path]
             for path in raw_paths]
    children = list(
        Link.objects.filter(parent=result)
        .select_related("child", "child__level", "child__unit", "child__person")
        .order_by("child__level__rank", "child__code")
    )
    return ResultThread(result=result, paths=paths, paths_total=total, children=children)
