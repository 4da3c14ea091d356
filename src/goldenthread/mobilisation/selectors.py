"""Reads of resource mobilisation for the pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from goldenthread.mobilisation.choices import ActionStatus
from goldenthread.mobilisation.models import ActionLine
from goldenthread.plans.models import Cycle


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    percent: float


def action_lines_by_status(cycle: Cycle, user: object = None) -> list[StatusCount]:
    """How many of the strategy's action lines (of those ``user`` sees) are to be
    started, ongoing, completed."""
    counts = dict(
        ActionLine.objects.visible_to(user).filter(cycle=cycle)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = sum(counts.values())
    return [
        StatusCount(
            status=status.value, label=str(status.label), count=counts.get(status.value, 0),
            percent=100 * counts.get(status.value, 0) / total if total else 0.0,
        )
        for status in ActionStatus
    ]
