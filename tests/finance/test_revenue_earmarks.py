"""Voluntary contributions may be earmarked to an outcome: in the database, through the
audited services and in plan files (checked with places, loaded, dumped back)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.interop.planfile import PlanFileError
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.mobilisation.models import Revenue
from goldenthread.plans.models import Cycle, Result
from tests.finance.plan import load_small_plan, small_plan_document

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="test")


def _revenue(cycle: Cycle, stream: str, code: str | None, year: int = 2029) -> Revenue:
    earmark = Result.objects.get(cycle=cycle, code=code) if code else None
    return Revenue(cycle=cycle, stream=stream, year=year, amount=Decimal("5.00"), earmark=earmark)


def test_a_voluntary_contribution_can_be_earmarked_to_an_outcome(small_plan: Cycle) -> None:
    saved = object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", "O1"))
    assert str(saved) == "Voluntary contributions 2029: 5.00 for O1"


def test_only_voluntary_contributions_are_earmarked(small_plan: Cycle) -> None:
    with pytest.raises(ValidationError, match="Only voluntary contributions"):
        object_create(actor=ACTOR, obj=_revenue(small_plan, "assessed_contributions", "O1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        _revenue(small_plan, "assessed_contributions", "O1").save()


def test_an_earmark_names_an_outcome_not_an_output(small_plan: Cycle) -> None:
    with pytest.raises(ValidationError, match="OP1 is not an outcome"):
        object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", "OP1"))


def test_a_stream_has_one_unearmarked_row_a_year_and_one_per_earmarked_outcome(
    small_plan: Cycle,
) -> None:
    object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", None))
    object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", "O1"))
    with pytest.raises(ValidationError):
        object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", None))
    with pytest.raises(ValidationError):
        object_create(actor=ACTOR, obj=_revenue(small_plan, "voluntary_contributions", "O1"))


def test_an_earmarked_outcome_cannot_be_deleted_alone_but_its_plan_can_be_replaced(
    small_plan: Cycle,
) -> None:
    outcome = Result.objects.get(cycle=small_plan, code="O2")
    with pytest.raises(Exception, match="restricted"):
        outcome.delete()
    replaced = plan_load(actor=ACTOR, document=small_plan_document(), replace=True)
    assert Revenue.objects.filter(cycle=replaced, earmark__code="O2").count() == 4


def test_a_plan_file_keeps_the_earmark_through_load_and_dump() -> None:
    cycle = load_small_plan()
    dumped = plan_dump(cycle)
    earmarked = [r for r in dumped["revenue"] if "outcome" in r]
    assert earmarked[0] == {"stream": "voluntary_contributions", "year": 2028,
                            "amount": "20000.00", "outcome": "O2"}
    assert len(earmarked) == 4
    # The dump loads back to the same plan.
    again = plan_load(actor=ACTOR, document=dumped, replace=True)
    assert plan_dump(again) == dumped


def _errors(**changes: object) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        plan_load(actor=ACTOR, document=small_plan_document(**changes))
    return [str(e) for e in caught.value.errors]


def test_a_plan_file_earmark_on_another_stream_or_to_a_non_outcome_is_refused_with_its_place() -> None:
    revenue = [
        {"stream": "assessed_contributions", "year": 2028, "amount": "1.00", "outcome": "O1"},
        {"stream": "voluntary_contributions", "year": 2028, "amount": "1.00", "outcome": "OP1"},
        {"stream": "voluntary_contributions", "year": 2028, "amount": "1.00", "outcome": "O9"},
        {"stream": "voluntary_contributions", "year": 2029, "amount": "1.00", "outcome": "O1"},
        {"stream": "voluntary_contributions", "year": 2029, "amount": "2.00", "outcome": "O1"},
        {"stream": "voluntary_contributions", "year": 2029, "amount": "2.00"},
    ]
    assert _errors(revenue=revenue) == [
        "revenue[0].outcome: only voluntary_contributions can be earmarked to an outcome",
        "revenue[1].outcome: 'OP1' is not an outcome; earmark to an outcome",
        "revenue[2].outcome: no result 'O9' in this file",
        "revenue[4]: duplicate revenue for voluntary_contributions 2029 earmarked to O1 "
        "(first at revenue[3])",
    ]
