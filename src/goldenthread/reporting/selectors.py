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


# ------------------------------------------------------------------ My reporting


@dataclass
class Slot:
    """One period of an indicator as its reporter sees it."""

    period: Period
    due: dt.date
    state: str  # approved, submitted, returned, draft, overdue, due, upcoming
    overdue: bool
    days_overdue: int
    actual: Actual | None
    reason: str = ""  # why it was returned

    @property
    def needs_action(self) -> bool:
        return self.state in ("returned", "draft", "overdue", "due")


STATE_LABELS = {
    "approved": "Approved, locked", "submitted": "Awaiting approval", "returned": "Returned",
    "draft": "Draft", "overdue": "Overdue", "due": "Due", "upcoming": "Upcoming",
}


@dataclass
class IndicatorReporting:
    indicator: Indicator
    slots: list[Slot]

    @property
    def next_slot(self) -> Slot | None:
        """What to do next: the oldest slot needing action, else the next upcoming one."""
        for slot in self.slots:
            if slot.needs_action:
                return slot
        return next((s for s in self.slots if s.state == "upcoming"), None)

    @property
    def years(self) -> list[tuple[int, list[Slot]]]:
        by_year: dict[int, list[Slot]] = {}
        for slot in self.slots:
            by_year.setdefault(slot.period.year, []).append(slot)
        return list(by_year.items())


def slot_state(status: str | None, period: Period, on: dt.date, grace: int) -> tuple[str, bool]:
    """The state of a period's report on ``on`` (see ``STATE_LABELS``) and whether it is
    overdue."""
    late = schedule.is_overdue(period, on, grace)
    if status in (ActualStatus.APPROVED, ActualStatus.SUBMITTED):
        return str(status), False
    if status in (ActualStatus.RETURNED, ActualStatus.DRAFT):
        return str(status), late
    if late:
        return "overdue", True
    if on > schedule.period_end(period):
        return "due", False
    return "upcoming", False


def return_reasons(actual_ids: Collection[int]) -> dict[int, str]:
    """The reason of the latest return of each of these actuals. One query."""
    from goldenthread.reporting.choices import Step
    from goldenthread.reporting.models import Transition

    reasons: dict[int, str] = {}
    for actual_id, reason in (
        Transition.objects.filter(actual_id__in=list(actual_ids), step=Step.RETURN)
        .order_by("actual_id", "-at", "-id").values_list("actual_id", "reason")
    ):
        reasons.setdefault(actual_id, reason)
    return reasons


def indicator_slots(
    cycle: Cycle, indicators: list[Indicator], on: dt.date
) -> list[IndicatorReporting]:
    """Each indicator with the state of every period of its frequency. Two queries."""
    grace = grace_days()
    actuals: dict[tuple[int, int, int], Actual] = {
        (a.indicator_id, a.year, a.quarter): a
        for a in Actual.objects.filter(indicator__in=[i.pk for i in indicators]).order_by()
    }
    reasons = return_reasons(
        [a.pk for a in actuals.values() if a.status == ActualStatus.RETURNED]
    )
    rows = []
    for indicator in indicators:
        slots = []
        for period in schedule.expected_periods(indicator.frequency, cycle.start_year, cycle.end_year):
            actual = actuals.get((indicator.pk, period.year, period.quarter))
            state, late = slot_state(actual.status if actual else None, period, on, grace)
            slots.append(Slot(
                period=period, due=schedule.due_date(period, grace), state=state, overdue=late,
                days_overdue=schedule.days_late(period, on, grace) if late else 0,
                actual=actual, reason=reasons.get(actual.pk, "") if actual else "",
            ))
        rows.append(IndicatorReporting(indicator=indicator, slots=slots))
    return rows


def my_indicators(user: object, cycle: Cycle) -> list[Indicator]:
    """The indicators of ``cycle`` whose responsible person is ``user``, values typed by
    people only (computed ones are left out). One query."""
    return list(
        Indicator.objects.filter(cycle=cycle, responsible__user=user, computation="")
        .select_related("result__unit").order_by("code")
    )


@dataclass
class QueueItem:
    actual: Actual
    own: bool  # submitted by the viewer: someone else must approve it


def approval_queue(user: object, cycle: Cycle) -> list[QueueItem]:
    """Submitted values of ``cycle`` that ``user`` may approve, oldest period first; the
    ones they submitted themselves are marked (they may not approve those). One query."""
    rows = (
        Actual.objects.visible_to(user, "approve")
        .filter(indicator__cycle=cycle, status=ActualStatus.SUBMITTED)
        .select_related("indicator__result__unit", "indicator__responsible", "reported_by")
        .order_by("year", "quarter", "indicator__code")
    )
    user_id = getattr(user, "pk", None)
    return [QueueItem(actual=a, own=a.reported_by_id is not None and a.reported_by_id == user_id)
            for a in rows]


# ------------------------------------------------------------------ completeness


@dataclass
class Cell:
    expected: int = 0
    submitted: int = 0
    approved: int = 0
    due: bool = True  # False: no report of this period is due yet

    @property
    def reported(self) -> int:
        return self.submitted + self.approved

    @property
    def share(self) -> float | None:
        return self.reported / self.expected if self.expected else None

    @property
    def band(self) -> str:
        """none (nothing expected), future, empty, low, part, full"""
        if not self.expected:
            return "none"
        if not self.due:
            return "future"
        share = self.reported / self.expected
        if share >= 1:
            return "full"
        if share == 0:
            return "empty"
        return "part" if share >= 0.5 else "low"


@dataclass
class Completeness:
    periods: list[Period]
    units: list[tuple[int, str, str, int]]  # id, code, name, tier
    cells: dict[tuple[int, Period], Cell]
    totals: dict[Period, Cell]

    def row(self, unit_id: int) -> list[Cell]:
        return [self.cells.get((unit_id, p), Cell()) for p in self.periods]

    @property
    def rows(self) -> list[tuple[tuple[int, str, str, int], list[Cell]]]:
        return [(unit, self.row(unit[0])) for unit in self.units]

    @property
    def total_row(self) -> list[Cell]:
        return [self.totals.get(p, Cell()) for p in self.periods]


def completeness(cycle: Cycle, user: object, on: dt.date) -> Completeness:
    """Expected reports against submitted and approved ones, per unit (owning the
    indicator's result) and period, over the indicators ``user`` sees. Three queries."""
    from goldenthread.org.models import OrgUnit

    grace = grace_days()
    indicators = Indicator.objects.visible_to(user).filter(cycle=cycle, computation="")
    rows = list(indicators.order_by().values_list("id", "result__unit_id", "frequency"))
    statuses = {
        (ind, year, quarter): status
        for ind, year, quarter, status in Actual.objects.filter(indicator__in=indicators)
        .order_by().values_list("indicator_id", "year", "quarter", "status")
    }
    cells: dict[tuple[int, Period], Cell] = {}
    totals: dict[Period, Cell] = {}
    periods: set[Period] = set()
    for ind_id, unit_id, frequency in rows:
        for period in schedule.expected_periods(frequency, cycle.start_year, cycle.end_year):
            periods.add(period)
            due = on > schedule.due_date(period, grace)
            status = statuses.get((ind_id, period.year, period.quarter))
            for cell in (cells.setdefault((unit_id, period), Cell(due=due)),
                         totals.setdefault(period, Cell(due=due))):
                cell.expected += 1
                if status == ActualStatus.SUBMITTED:
                    cell.submitted += 1
                elif status == ActualStatus.APPROVED:
                    cell.approved += 1
    unit_ids = {unit_id for _, unit_id, _ in rows}
    units: list[tuple[int, str, str, int]] = []
    if unit_ids:
        # The unit tree in reading order (each unit followed by the units below it).
        tree = list(OrgUnit.objects.filter(cycle=cycle).order_by("code")
                    .values_list("id", "code", "name", "tier", "parent_id"))
        below: dict[int | None, list[tuple[int, str, str, int, int | None]]] = {}
        for node in tree:
            below.setdefault(node[4], []).append(node)
        stack = list(reversed(below.get(None, [])))
        while stack:
            node = stack.pop()
            if node[0] in unit_ids:
                units.append(node[:4])
            stack.extend(reversed(below.get(node[0], [])))
    # Years before their quarters would read oddly: each year's quarters, then the year.
    ordered = sorted(periods, key=lambda p: (p.year, p.quarter or 5))
    return Completeness(periods=ordered, units=units, cells=cells, totals=totals)
