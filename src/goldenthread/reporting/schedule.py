"""When reports are expected and due: periods by frequency, due dates after a grace.

Pure functions, no ORM. An indicator expects one report per period of its
frequency within the cycle's years; a period's report is due ``grace_days``
after the period ends (docs/reporting.md, "When reports are due").

Periods are stored as a year or a quarter (``core.periods.Period``), so the
finest period is a quarter: a monthly indicator reports quarter by quarter, a
six-monthly one at the end of each half (Q2 and Q4).
"""

from __future__ import annotations

import calendar
import datetime as dt

from goldenthread.core.periods import Period

#: Days after a period ends before its report is overdue, unless settings say otherwise.
DEFAULT_GRACE_DAYS = 30

_QUARTERLY = ("monthly", "quarterly")


def expected_periods(frequency: str, start_year: int, end_year: int) -> list[Period]:
    """The periods an indicator of ``frequency`` reports on in a cycle of these years,
    in order. Unknown frequencies are treated as annual."""
    years = range(start_year, end_year + 1)
    if frequency in _QUARTERLY:
        return [Period(y, q) for y in years for q in (1, 2, 3, 4)]
    if frequency == "semiannual":
        return [Period(y, q) for y in years for q in (2, 4)]
    if frequency == "biennial":
        # Every second year counted from the start, and the last year in any case.
        chosen = [y for y in years if (y - start_year) % 2 == 1]
        if not chosen or chosen[-1] != end_year:
            chosen.append(end_year)
        return [Period(y) for y in chosen]
    if frequency == "endline":
        return [Period(end_year)]
    return [Period(y) for y in years]


def period_end(period: Period) -> dt.date:
    """The last day of a year or a quarter."""
    if period.quarter == 0:
        return dt.date(period.year, 12, 31)
    month = period.quarter * 3
    return dt.date(period.year, month, calendar.monthrange(period.year, month)[1])


def due_date(period: Period, grace_days: int = DEFAULT_GRACE_DAYS) -> dt.date:
    """The day by which the report of ``period`` must be submitted."""
    return period_end(period) + dt.timedelta(days=grace_days)


def is_overdue(period: Period, on: dt.date, grace_days: int = DEFAULT_GRACE_DAYS) -> bool:
    """Whether a report of ``period`` not yet submitted is late on ``on`` (the due day
    itself is still on time)."""
    return on > due_date(period, grace_days)


def days_late(period: Period, on: dt.date, grace_days: int = DEFAULT_GRACE_DAYS) -> int:
    """How many days past the due date ``on`` is (0 when not late)."""
    return max(0, (on - due_date(period, grace_days)).days)
