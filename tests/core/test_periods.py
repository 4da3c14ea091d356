from __future__ import annotations

import pytest

from goldenthread.core.periods import Period, PeriodError


def test_it_reads_a_year_and_a_quarter():
    assert Period.parse(2028) == Period(2028, 0)
    assert Period.parse("2028") == Period(2028, 0)
    assert Period.parse("2029-Q3") == Period(2029, 3)


def test_it_writes_periods_as_people_type_them():
    assert str(Period(2028)) == "2028"
    assert str(Period(2028, 2)) == "2028-Q2"
    assert Period(2028).plan_key() == 2028
    assert Period(2028, 4).plan_key() == "2028-Q4"


def test_periods_sort_years_before_their_quarters():
    assert sorted([Period(2029, 1), Period(2028, 4), Period(2028)]) == [
        Period(2028), Period(2028, 4), Period(2029, 1)
    ]


@pytest.mark.parametrize("bad", ["2028-Q5", "2028Q1", "28", "", "2028-q1x", None, True, 2028.5])
def test_it_rejects_malformed_periods_with_a_hint(bad):
    with pytest.raises(PeriodError, match="write a year"):
        Period.parse(bad)
