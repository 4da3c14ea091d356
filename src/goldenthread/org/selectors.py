"""Reads of the organisation for the pages: the unit tree with its tiers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Cycle, Result


@dataclass
class UnitNode:
    """A unit in the tree, with how many results it owns and how many people it has."""

    code: str
    name: str
    tier: int
    results: int = 0
    people: int = 0
    children: list[UnitNode] = field(default_factory=list)


@dataclass
class UnitTree:
    """The cycle's unit tree, with how many units and people it holds in all."""

    roots: list[UnitNode]
    unit_count: int
    people_count: int


def unit_tree(cycle: Cycle, user: Any = None) -> UnitTree:
    """The cycle's units ``user`` sees as a tree, top units first, with the results and
    people of each. Three queries."""
    units = list(
        OrgUnit.objects.visible_to(user).filter(cycle=cycle)
        .values("id", "code", "name", "tier", "parent_id")
        .order_by("tier", "code")
    )
    results = dict(
        Result.objects.visible_to(user).filter(cycle=cycle, person__isnull=True)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    people = dict(
        Person.objects.visible_to(user).filter(cycle=cycle).values_list("unit_id").annotate(n=Count("id")).order_by()
    )
    nodes = {
        row["id"]: UnitNode(
            code=row["code"], name=row["name"], tier=row["tier"],
            results=results.get(row["id"], 0), people=people.get(row["id"], 0),
        )
        for row in units
    }
    children: dict[int | None, list[int]] = defaultdict(list)
    for row in units:
        parent = row["parent_id"] if row["parent_id"] in nodes else None
        children[parent].append(row["id"])
    for parent_id, ids in children.items():
        if parent_id is not None:
            nodes[parent_id].children = [nodes[i] for i in ids]
    return UnitTree(
        roots=[nodes[i] for i in children.get(None, [])],
        unit_count=len(nodes),
        people_count=sum(people.values()),
    )
