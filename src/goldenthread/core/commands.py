"""What the ``goldenthread`` commands share: the user ``--user`` names, the cycle and the
period they name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from goldenthread.core.periods import Period, PeriodError, period_within
from goldenthread.plans.models import Cycle

USER_HELP = "act as this user: show only what they may see, refuse what they may not do " \
            "(default: the operator of the machine, who sees everything)"


def user_named(username: str | None) -> Any:
    """The user ``--user`` names, or None (the operator) when it is not given."""
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--user {username}: no user '{username}'")
    return user


def refused(username: str | None, error: Exception) -> CommandError:
    """A refusal of the permission rules as the command's error, naming the user."""
    return CommandError(f"{username}: {error}")


def cycle_viewed(code: str, username: str | None) -> tuple[Any, Cycle]:
    """(the user ``--user`` names, the cycle ``code``), refused unless that user may view
    the cycle."""
    from django.core.exceptions import PermissionDenied

    from goldenthread.core import permissions

    user = user_named(username)
    cycle = cycle_named(code, user)
    try:
        permissions.require(user, permissions.VIEW, cycle)
    except PermissionDenied as refusal:
        raise refused(username, refusal) from None
    return user, cycle


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
