"""Today's date, as the product sees it.

Due dates, overdue reports and overdue actions are reckoned from ``today()``: the
server's local date, unless the installation fixes one (``GOLDENTHREAD_TODAY``,
YYYY-MM-DD), as a training copy or the demo does, whose plan runs in years still to come.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def fixed_today() -> dt.date | None:
    """The date the installation fixes as today, if it fixes one."""
    return getattr(settings, "GOLDENTHREAD_TODAY", None)


def today() -> dt.date:
    return fixed_today() or timezone.localdate()
