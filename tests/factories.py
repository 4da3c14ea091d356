"""Small builders for test data, written through the audited services."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.org.models import Grade, OrgUnit, Person
from goldenthread.org.services import unit_create
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Level, Result
from goldenthread.plans.services import cycle_create

ACTOR = Actor(label="test")
_seq = count(1)


def make_cycle(code: str = "SP2028") -> Cycle:
    cycle = cycle_create(
        actor=ACTOR, code=code, name=f"Strategic Plan {code}", start_year=2028, end_year=2031,
        baseline_year=2027, currency="CHF",
    )
    for rank, (lcode, kind) in enumerate(
        [("goal", LevelKind.IMPACT), ("outcome", LevelKind.OUTCOME),
         ("output", LevelKind.OUTPUT), ("activity", LevelKind.ACTIVITY)]
    ):
        object_create(actor=ACTOR, obj=Level(cycle=cycle, code=lcode, name=lcode.title(),
                                             kind=kind, rank=rank))
    return cycle


def make_unit(cycle: Cycle, code: str, parent: OrgUnit | None = None) -> OrgUnit:
    return unit_create(actor=ACTOR, cycle=cycle, code=code, name=f"Unit {code}", parent=parent)


def make_person(cycle: Cycle, unit: OrgUnit, code: str | None = None) -> Person:
    grade = Grade.objects.filter(cycle=cycle).first() or object_create(
        actor=ACTOR, obj=Grade(cycle=cycle, code="P4")
    )
    return object_create(
        actor=ACTOR,
        obj=Person(cycle=cycle, code=code or f"S{next(_seq):04d}", name="A. Person", unit=unit,
                   grade=grade, capacity=Decimal("1")),
    )


def make_result(cycle: Cycle, code: str, level: str, unit: OrgUnit, **extra: object) -> Result:
    lvl = Level.objects.get(cycle=cycle, code=level)
    return object_create(
        actor=ACTOR, obj=Result(cycle=cycle, code=code, level=lvl, title=f"Result {code}",
                                unit=unit, **extra)
    )
