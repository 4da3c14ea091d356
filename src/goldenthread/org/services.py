"""Writes to the organisation: units (keeping their tiers), grades, people."""

from __future__ import annotations

from django.db import transaction

from goldenthread.core.audit import ActorLike
from goldenthread.core.services import object_create, object_update
from goldenthread.org.models import OrgUnit


def _tier_below(parent: OrgUnit | None) -> int:
    return 1 if parent is None else parent.tier + 1


@transaction.atomic
def unit_create(*, actor: ActorLike, **fields: object) -> OrgUnit:
    unit = OrgUnit(**fields)
    unit.tier = _tier_below(unit.parent)
    return object_create(actor=actor, obj=unit)


@transaction.atomic
def unit_move(*, actor: ActorLike, unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Place a unit under another parent and re-tier its whole subtree."""
    object_update(actor=actor, obj=unit, data={"parent": parent, "tier": _tier_below(parent)})
    frontier = [unit]
    while frontier:
        node = frontier.pop()
        for child in OrgUnit.objects.filter(parent=node):
            if child.tier != node.tier + 1:
                object_update(actor=actor, obj=child, data={"tier": node.tier + 1})
            frontier.append(child)
    return unit
