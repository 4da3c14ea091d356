"""What the ``goldenthread`` commands share: finding the cycle a user named."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from goldenthread.core.periods import Period, PeriodError, period_within
from goldenthread.plans.models import Cycle


def cycle_named(code: str, user: Any = None) -> Cycle:
    """The cycle ``code``, or an error that lists the cycles there are (those ``user`` may
    see; ``None``: the operator, who sees them all)."""
    cycle = Cycle.objects.filter(code=code).first()
    if cycle is None:
        known = ", ".join(Cycle.objects.visible_to(user).order_by("code").values_list("code", flat=True))
        if known:
            raise CommandError(f"no cycle '{code}'; cycles: {known}")
        loaded = Cycle.objects.exists()  # some the user may not see: say nothing of them
        raise CommandError(f"no cycle '{code}'" + ("" if loaded else "; no plan is loaded"))
    return cycle


def period_in(cycle: Cycle, text: str, option: str = "--period") -> Period:
    """The period ``text`` (2029 or 2029-Q2), which must fall in the cycle's years."""
    try:
        return period_within(text, cycle.code, cycle.start_year, cycle.end_year)
    except PeriodError as error:
        raise CommandError(f"{option}: {error}") from None
