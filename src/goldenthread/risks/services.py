"""Writes to the risk register. Every one is audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core import permissions
from goldenthread.core.audit import ActorLike, actor_fields
from goldenthread.core.services import object_update
from goldenthread.org.models import OrgUnit
from goldenthread.risks.choices import RiskStatus
from goldenthread.risks.models import Risk

if TYPE_CHECKING:
    from goldenthread.reviews.models import Review


def _ancestors(unit: OrgUnit) -> list[int]:
    ids: list[int] = []
    node = unit.parent
    while node is not None:
        ids.append(node.pk)
        node = node.parent
    return ids


def _fresh(risk: Risk) -> Risk:
    return (
        Risk.objects.select_for_update(of=("self",))
        .select_related("cycle", "unit__parent", "escalated_from").get(pk=risk.pk)
    )


@transaction.atomic
def risk_escalate(
    *, actor: ActorLike, risk: Risk, to_unit: OrgUnit | None = None, reason: str = "",
    review: Review | None = None, now: dt.datetime | None = None,
) -> Risk:
    """Escalate a risk to a unit above its own (its parent unit by default): the higher
    unit owns it from now on, and the risk is marked escalated: by whom, when, from which
    unit to which, from which review (when a review's decision escalates it), and why.
    The mark stays until a risk officer de-escalates it. A signed-in actor needs the risk
    role on the risk's unit."""
    user, label = actor_fields(actor)
    risk = _fresh(risk)
    if user is not None:
        permissions.require(user, permissions.RISK, risk)
    if risk.status != RiskStatus.OPEN:
        raise ValidationError(f"{risk.code} is closed: only an open risk is escalated.")
    current = risk.unit
    target = to_unit if to_unit is not None else current.parent
    if target is None:
        raise ValidationError(
            f"{risk.code} belongs to {current.code}, the top of the organisation: there is no "
            "unit above it to escalate to."
        )
    if target.pk not in _ancestors(current):
        raise ValidationError(
            f"{risk.code} can only be escalated to a unit above {current.code}; "
            f"{target.code} is not."
        )
    reason = reason.strip()
    message = f"escalated from {current.code} to {target.code}"
    if reason:
        message += f": {reason}"
    return object_update(actor=actor, obj=risk, data={
        "unit": target, "escalated_at": now or timezone.now(), "escalated_by": user,
        "escalated_by_label": label, "escalated_from": current, "escalated_to": target,
        "escalated_review": review, "escalation_reason": reason,
    }, message=message[:2000])


@transaction.atomic
def risk_deescalate(*, actor: ActorLike, risk: Risk, reason: str) -> Risk:
    """Take an escalated risk back down: it returns to the unit that escalated it (when
    that unit is still in the plan) and is no longer marked escalated. A risk officer of
    the unit that holds it now does it, saying why (the reason is kept in its history)."""
    user, _ = actor_fields(actor)
    risk = _fresh(risk)
    if user is not None:
        permissions.require(user, permissions.RISK, risk)
    if not risk.is_escalated:
        raise ValidationError(f"{risk.code} is not escalated: there is nothing to take back down.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the risk is de-escalated: the reason is required."})
    back = risk.escalated_from or risk.unit
    message = f"de-escalated from {risk.unit.code} to {back.code}: {reason}"
    return object_update(actor=actor, obj=risk, data={
        "unit": back, "escalated_at": None, "escalated_by": None, "escalated_by_label": "",
        "escalated_from": None, "escalated_to": None, "escalated_review": None,
        "escalation_reason": "",
    }, message=message[:2000])
