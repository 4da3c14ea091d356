"""When reports are expected and due (reporting.schedule): pure, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from goldenthread.core.periods import Period
from goldenthread.reporting import schedule


def test_quarterly_indicators_report_every_quarter_of_the_cycle() -> None:
    periods = schedule.expected_periods("quarterly", 2028, 2029)
    assert [str(p) for p in periods] == [
        "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4", "2029-Q1", "2029-Q2", "2029-Q3", "2029-Q4",
    ]


def test_monthly_indicators_report_by_quarter_the_finest_period_kept() -> None:
    assert schedule.expected_periods("monthly", 2028, 2028) == [Period(2028, q) for q in (1, 2, 3, 4)]


def test_six_monthly_indicators_report_at_the_end_of_each_half() -> None:
    assert schedule.expected_periods("semiannual", 2028, 2029) == [
        Period(2028, 2), Period(2028, 4), Period(2029, 2), Period(2029, 4)]


@pytest.mark.parametrize(("start", "end", "years"), [
    (2028, 2031, [2029, 2031]), (2028, 2030, [2029, 2030]), (2028, 2028, [2028]),
])
def test_biennial_indicators_report_every_second_year_and_the_last(
    start: int, end: int, years: list[int]
) -> None:
    assert schedule.expected_periods("biennial", start, end) == [Period(y) for y in years]


def test_annual_and_endline_indicators() -> None:
    assert schedule.expected_periods("annual", 2028, 2031) == [Period(y) for y in range(2028, 2032)]
    assert schedule.expected_periods("endline", 2028, 2031) == [Period(2031)]


def test_a_period_ends_on_its_last_day() -> None:
    assert schedule.period_end(Period(2028, 1)) == dt.date(2028, 3, 31)
    assert schedule.period_end(Period(2028, 2)) == dt.date(2028, 6, 30)
    assert schedule.period_end(Period(2028)) == dt.date(2028, 12, 31)


def test_a_report_is_due_the_grace_after_its_period_ends() -> None:
    assert schedule.due_date(Period(2028, 1), 30) == dt.date(2028, 4, 30)
    assert schedule.due_date(Period(2028), 45) == dt.date(2029, 2, 14)


def test_the_due_day_itself_is_still_on_time() -> None:
    period = Period(2028, 1)
    assert not schedule.is_overdue(period, dt.date(2028, 4, 30), 30)
    assert schedule.is_overdue(period, dt.date(2028, 5, 1), 30)
    assert schedule.days_late(period, dt.date(2028, 5, 11), 30) == 11
    assert schedule.days_late(period, dt.date(2028, 4, 1), 30) == 0
