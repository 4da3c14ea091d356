"""Writes to the organisation: units (keeping their tiers), grades, people, roles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.core import permissions
from goldenthread.core.audit import Actor, ActorLike
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.org.choices import Role
from goldenthread.org.models import OrgUnit, RoleAssignment


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


def _may_administer(actor: ActorLike, unit: OrgUnit) -> None:
    """A signed-in user grants and withdraws roles only where they administer; the
    command line and other unattended actors (``Actor``) act for the operator."""
    if isinstance(actor, Actor):
        if actor.user is not None:
            permissions.require(actor.user, permissions.ADMIN, unit)
        return
    permissions.require(actor, permissions.ADMIN, unit)


@transaction.atomic
def role_grant(*, actor: ActorLike, user: Any, unit: OrgUnit, role: str,
               message: str = "") -> RoleAssignment:
    """Give ``user`` the ``role`` on ``unit`` and every unit below it. Refused when the
    actor does not administer the unit, or when the user already holds that role there."""
    role = Role(role)
    _may_administer(actor, unit)
    if RoleAssignment.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError(
            f"{user.get_username()} is already {role.label.lower()} on {unit.code}."
        )
    assignment = object_create(
        actor=actor, obj=RoleAssignment(user=user, unit=unit, role=role),
        message=message or f"{role.label.lower()} on {unit.code} and the units below it",
    )
    permissions.forget(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: ActorLike, assignment: RoleAssignment, message: str = "") -> None:
    """Withdraw a role. Refused when the actor does not administer the unit."""
    _may_administer(actor, assignment.unit)
    object_delete(actor=actor, obj=assignment, message=message or "role withdrawn")
    permissions.forget(assignment.user)
