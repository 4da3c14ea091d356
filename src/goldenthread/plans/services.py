"""Writes to the plan: cycles, levels, results and links. Every one is audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.core.audit import ActorLike
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.finance.choices import REGULAR_BUDGET
from goldenthread.finance.models import Fund
from goldenthread.plans.graph import format_loop, path_between
from goldenthread.plans.models import Cycle, Link, Result


@transaction.atomic
def cycle_create(*, actor: ActorLike, **fields: object) -> Cycle:
    """Create a cycle with its regular-budget fund."""
    cycle = object_create(actor=actor, obj=Cycle(**fields))
    object_create(
        actor=actor,
        obj=Fund(cycle=cycle, code=REGULAR_BUDGET, name="Regular budget", is_regular=True),
    )
    return cycle


def _check_no_loop(child: Result, parent: Result, ignore_link: int | None = None) -> None:
    """Refuse a link child -> parent if parent already reaches child upward."""
    edges = Link.objects.filter(cycle_id=child.cycle_id)
    if ignore_link is not None:
        edges = edges.exclude(pk=ignore_link)
    pairs = list(edges.values_list("child__code", "parent__code"))
    path = path_between(pairs, parent.code, child.code)
    if path is not None:
        loop = [child.code, *path]
        raise ValidationError(
            f"Linking {child.code} to {parent.code} would close a loop: {format_loop(loop)}."
        )


@transaction.atomic
def link_create(
    *,
    actor: ActorLike,
    child: Result,
    parent: Result,
    weight: Decimal = Decimal("1"),
    assumption: str = "",
) -> Link:
    """Link a child result to a parent; refuse loops and cross-cycle links."""
    if child.cycle_id != parent.cycle_id:
        raise ValidationError("A link cannot cross cycles.")
    if child.pk == parent.pk:
        raise ValidationError(f"{child.code} cannot link to itself.")
    _check_no_loop(child, parent)
    link = Link(cycle_id=child.cycle_id, child=child, parent=parent, weight=weight, assumption=assumption)
    return object_create(actor=actor, obj=link)


@transaction.atomic
def link_update(*, actor: ActorLike, link: Link, weight: Decimal | None = None,
                assumption: str | None = None) -> Link:
    data: dict[str, object] = {}
    if weight is not None:
        data["weight"] = weight
    if assumption is not None:
        data["assumption"] = assumption
    return object_update(actor=actor, obj=link, data=data)


@transaction.atomic
def link_delete(*, actor: ActorLike, link: Link) -> None:
    object_delete(actor=actor, obj=link)
