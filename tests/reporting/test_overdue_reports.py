"""reporting.selectors.overdue_reports: late reports by indicator and period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.reporting.selectors import OverdueReport, overdue_reports
from tests.pages.plan import Plan, build_plan

ACTOR = Actor(label="test")


@pytest.fixture
def plan(db: None) -> Plan:
    return build_plan()


def test_a_missing_annual_report_is_overdue_after_the_grace(plan: Plan, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REPORTING_GRACE_DAYS = 30
    # K1 (ITU, annual) has 2028 approved; K2 (BDT-DNS, annual) has 2028 submitted.
    assert overdue_reports(plan.cycle, None, dt.date(2029, 1, 30)) == []
    late = overdue_reports(plan.cycle, None, dt.date(2030, 2, 5))
    assert [(r.indicator_code, str(r.period), r.status, r.days_overdue) for r in late] == [
        ("K1", "2029", "missing", 6), ("K2", "2029", "missing", 6),
    ]
    first = late[0]
    assert isinstance(first, OverdueReport)
    assert first.person_name == "Amina Diallo"
    assert first.person_id == plan.people["S0001"].pk
    assert first.result_code == "G1" and first.unit_id == plan.units["ITU"].pk
    assert first.due == dt.date(2030, 1, 30)


def test_drafts_and_returned_reports_stay_overdue_submitted_ones_do_not(plan: Plan) -> None:
    k2 = Indicator.objects.get(cycle=plan.cycle, code="K2")
    object_create(actor=ACTOR, obj=Actual(indicator=k2, year=2029, value=Decimal(1), status="draft"))
    k1 = Indicator.objects.get(cycle=plan.cycle, code="K1")
    object_create(actor=ACTOR, obj=Actual(indicator=k1, year=2029, value=Decimal(70),
                                          status="submitted"))
    late = overdue_reports(plan.cycle, None, dt.date(2030, 6, 1))
    assert {(r.indicator_code, str(r.period), r.status) for r in late} == {("K2", "2029", "draft")}
    Actual.objects.filter(indicator=k2, year=2029).update(status="returned")
    assert [r.status for r in overdue_reports(plan.cycle, None, dt.date(2030, 6, 1))] == ["returned"]


def test_it_keeps_the_units_asked_for_and_leaves_computed_indicators_out(plan: Plan) -> None:
    on = dt.date(2030, 6, 1)
    bdt_dns = plan.units["BDT-DNS"].pk
    assert [r.indicator_code for r in overdue_reports(plan.cycle, [bdt_dns], on)] == ["K2"]
    assert overdue_reports(plan.cycle, [], on) == []
    Indicator.objects.filter(cycle=plan.cycle, code="K2").update(computation="sum")
    assert overdue_reports(plan.cycle, [bdt_dns], on) == []


def test_most_overdue_first_in_two_queries(plan: Plan, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(2):
        late = overdue_reports(plan.cycle, None, dt.date(2032, 3, 1))
    days = [r.days_overdue for r in late]
    assert days == sorted(days, reverse=True)
    assert {str(r.period) for r in late} == {"2029", "2030", "2031"}
