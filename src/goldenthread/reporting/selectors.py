"""Reads for progress reporting: what is due and overdue, the approval queue, completeness.

Every function reads in a fixed number of queries whatever the size of the plan.
``unit_ids`` arguments restrict to indicators of results owned by those units
(``None``: every unit); pages pass what ``permissions`` lets the user see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings

from goldenthread.core.periods import Period
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.plans.models import Cycle
from goldenthread.reporting import schedule


def grace_days() -> int:
    """Days after a period ends before its report is overdue (setting
    ``REPORTING_GRACE_DAYS``, from ``GOLDENTHREAD_REPORTING_GRACE_DAYS``; 30 by default)."""
    return int(getattr(settings, "REPORTING_GRACE_DAYS", schedule.DEFAULT_GRACE_DAYS))


#: What a late report is waiting for: nothing entered, a draft not submitted, or a
#: submission the approver sent back.
LATE_STATUSES = {"missing", ActualStatus.DRAFT.value, ActualStatus.RETURNED.value}


@dataclass(frozen=True)
class OverdueReport:
    """A report past its due date and not yet submitted."""

    indicator_id: int
    indicator_code: str
    indicator_name: str
    result_code: str
    unit_id: int
    person_id: int | None
    person_name: str
    year: int
    quarter: int
    due: dt.date
    days_overdue: int
    status: str  # "missing", "draft" or "returned"

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)


def overdue_reports(
    cycle: Cycle, unit_ids: Collection[int] | None, on: dt.date
) -> list[OverdueReport]:
    """The reports of ``cycle`` overdue on ``on``: for every indicator typed in by people
    (computed ones are left out), every period of its frequency whose due date has passed
    and whose actual is missing, a draft or returned. Most overdue first. Two queries."""
    indicators = Indicator.objects.filter(cycle=cycle, computation="")
    if unit_ids is not None:
        indicators = indicators.filter(result__unit_id__in=list(unit_ids))
    rows = list(
        indicators.order_by("code").values_list(
            "id", "code", "name", "result__code", "result__unit_id", "responsible_id",
            "responsible__name", "frequency",
        )
    )
    if not rows:
        return []
    grace = grace_days()
    statuses: dict[tuple[int, int, int], str] = {
        (ind, year, quarter): status
        for ind, year, quarter, status in Actual.objects.filter(
            indicator__in=indicators
        ).order_by().values_list("indicator_id", "year", "quarter", "status")
    }
    found: list[OverdueReport] = []
    for ind_id, code, name, result_code, unit_id, person_id, person_name, frequency in rows:
        for period in schedule.expected_periods(frequency, cycle.start_year, cycle.end_year):
            if not schedule.is_overdue(period, on, grace):
                break  # periods come in order: the rest are not due yet
            status = statuses.get((ind_id, period.year, period.quarter), "missing")
            if status not in LATE_STATUSES:
                continue
            found.append(OverdueReport(
                indicator_id=ind_id, indicator_code=code, indicator_name=name,
                result_code=result_code, unit_id=unit_id, person_id=person_id,
                person_name=person_name or "", year=period.year, quarter=period.quarter,
                due=schedule.due_date(period, grace),
                days_overdue=schedule.days_late(period, on, grace), status=str(status),
            ))
    found.sort(key=lambda r: (-r.days_overdue, r.indicator_code, r.year, r.quarter))
    return found
