"""The database itself holds the rules it can: these bypass validation on purpose."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from goldenthread.core.services import object_create
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.models import Indicator, Target
from goldenthread.org.models import Grade, GradeCost, Person
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.risks.models import Risk
from tests.factories import ACTOR, make_cycle, make_person, make_result, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    cycle = make_cycle()
    unit = make_unit(cycle, "ITU")
    person = make_person(cycle, unit, "S0001")
    output = make_result(cycle, "OP1", "output", unit, priority="must")
    return cycle, unit, person, output


def _refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_codes_are_unique_within_a_cycle_but_not_across_cycles(plan):
    cycle, unit, _, output = plan
    _refused(lambda: Result.objects.create(cycle=cycle, code="OP1", level=output.level,
                                           title="again", unit=unit))
    other = make_cycle("SP2032")
    make_result(other, "OP1", "output", make_unit(other, "ITU"))
    assert Result.objects.filter(code="OP1").count() == 2


def test_shares_of_time_lie_between_zero_and_one(plan):
    _, _, person, output = plan
    for share in ("1.5", "0", "-0.1"):
        _refused(lambda s=share: Allocation.objects.create(
            person=person, result=output, year=2028, share=Decimal(s)))
    Allocation.objects.create(person=person, result=output, year=2028, share=Decimal("1"))


def test_costs_and_standard_costs_cannot_be_negative(plan):
    cycle, _, person, output = plan
    fund = Fund.objects.get(cycle=cycle, is_regular=True)
    _refused(lambda: CostLine.objects.create(result=output, year=2028, category="travel_events",
                                             source=fund, amount=Decimal("-0.01")))
    _refused(lambda: GradeCost.objects.create(grade=person.grade, year=2028,
                                              annual_cost=Decimal("-1")))


def test_a_second_regular_budget_in_a_cycle_is_refused(plan):
    cycle = plan[0]
    _refused(lambda: Fund.objects.create(cycle=cycle, code="rb2", name="RB", is_regular=True))


def test_capacity_risk_scales_links_and_periods_are_held_by_the_database(plan):
    cycle, unit, _, output = plan
    _refused(lambda: Person.objects.create(cycle=cycle, code="S9", name="X", unit=unit,
                                           capacity=Decimal("1.2")))
    _refused(lambda: Risk.objects.create(cycle=cycle, code="R1", unit=unit, category="financial",
                                         title="t", likelihood=6, impact=3))
    _refused(lambda: Link.objects.create(cycle=cycle, child=output, parent=output))
    ind = Indicator.objects.create(cycle=cycle, code="K1", result=output, name="k")
    _refused(lambda: Target.objects.create(indicator=ind, year=2028, quarter=5, value=1))
    _refused(lambda: Cycle.objects.create(code="BAD", name="b", start_year=2030, end_year=2028,
                                          baseline_year=2027))


def test_services_refuse_with_a_message_before_the_database_must(plan):
    cycle, _, person, output = plan
    with pytest.raises(ValidationError, match="at most 1"):
        object_create(actor=ACTOR, obj=Allocation(person=person, result=output, year=2028,
                                                  share=Decimal("1.2")))
    with pytest.raises(ValidationError, match="outside the cycle"):
        object_create(actor=ACTOR, obj=Allocation(person=person, result=output, year=2035,
                                                  share=Decimal("0.2")))
    ind = object_create(actor=ACTOR, obj=Indicator(cycle=cycle, code="K1", result=output, name="k"))
    with pytest.raises(ValidationError, match="outside the cycle"):
        object_create(actor=ACTOR, obj=Target(indicator=ind, year=2027, value=Decimal("5")))
    with pytest.raises(ValidationError):
        object_create(actor=ACTOR, obj=Grade(cycle=cycle, code="P4"))  # duplicate code
