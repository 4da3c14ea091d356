"""Writes to the risk register. Every one is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.core import permissions
from goldenthread.core.audit import ActorLike, actor_fields
from goldenthread.core.services import object_update
from goldenthread.org.models import OrgUnit
from goldenthread.risks.choices import RiskStatus
from goldenthread.risks.models import Risk


def _ancestors(unit: OrgUnit) -> list[int]:
    ids: list[int] = []
    node = unit.parent
    while node is not None:
        ids.append(node.pk)
        node = node.parent
    return ids


@transaction.atomic
def risk_escalate(
    *, actor: ActorLike, risk: Risk, to_unit: OrgUnit | None = None, reason: str = ""
) -> Risk:
    """Escalate a risk to a unit above its own (its parent unit by default): the higher
    unit owns it from now on, and the reason is kept in the audit row. A signed-in actor
    needs the risk role on the risk's unit."""
    user, _ = actor_fields(actor)
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
    message = f"escalated from {current.code} to {target.code}"
    if reason.strip():
        message += f": {reason.strip()}"
    return object_update(actor=actor, obj=risk, data={"unit": target}, message=message[:2000])
