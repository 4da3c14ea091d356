"""The workforce: allocated against available FTE per person, unit (with the units below
it) and year; over-allocated people; demand by grade; the flexible workforce."""

from __future__ import annotations

from decimal import Decimal

from goldenthread.finance import selectors
from goldenthread.finance.workforce import workforce
from goldenthread.plans.models import Cycle
from tests.finance.plan import Inputs

D = Decimal


def test_a_person_allocated_beyond_their_capacity_is_over_allocated_in_those_years() -> None:
    p = Inputs([2028, 2029])
    p.result("A1", "activity")
    p.result("A2", "activity")
    part_time = p.person("S1", capacity="0.5")
    full_time = p.person("S2")
    p.allocate(part_time, "A1", "0.3", 2028)
    p.allocate(part_time, "A2", "0.3", 2028)  # 0.6 > 0.5
    p.allocate(part_time, "A1", "0.5", 2029)  # exactly at capacity: not over
    p.allocate(full_time, "A1", "1", 2028)
    inputs = p.build()
    report = workforce(inputs.years, inputs.people, inputs.allocations, inputs.units,
                       inputs.grades, inputs.grade_costs)
    (over,) = report.over_allocated
    assert over.code == "S1"
    assert over.allocated == {2028: D("0.6000"), 2029: D("0.5000")}
    assert over.over == {2028: D("0.1000")}


def test_the_small_plans_workforce(small_plan: Cycle) -> None:
    report = selectors.workforce_report(small_plan)
    assert [p.code for p in report.over_allocated] == ["S1", "S2"]
    units = {u.code: u for u in report.units}
    assert [u.code for u in report.units] == ["ORG", "SEC", "DEPA", "DEPB"]
    # DEPA: S1 (1.0, allocated 1.2) and T1 (1.0, none); the organisation holds everyone.
    assert (units["DEPA"].headcount, units["DEPA"].available) == (2, D("2.00"))
    assert units["DEPA"].allocated[2028] == D("1.2000")
    assert units["DEPA"].over_allocated == {y: 1 for y in report.years}
    assert (units["ORG"].headcount, units["ORG"].available) == (4, D("3.50"))
    assert units["ORG"].allocated[2028] == D("2.3000")  # 1.2 + 0.6 + 0.5
    assert units["ORG"].over_allocated[2028] == 2
    assert units["DEPB"].utilisation(2028) == float(D("1.1") / D("1.5"))


def test_demand_by_grade_with_its_cost(small_plan: Cycle) -> None:
    grades = {g.grade: g for g in selectors.workforce_report(small_plan).grades}
    assert list(grades) == ["G5", "P4", ""]
    assert (grades["P4"].headcount, grades["P4"].allocated[2028], grades["P4"].cost[2028]) == (
        1, D("1.2000"), D("240000.00"),
    )
    assert (grades["G5"].headcount, grades["G5"].available, grades["G5"].cost[2028]) == (
        2, D("1.50"), D("60000.00"),
    )
    assert grades[""].cost == {}  # a consultant: no grade, no standard cost


def test_the_flexible_workforce_share_and_cost(small_plan: Cycle) -> None:
    report = selectors.workforce_report(small_plan)
    groups = {g.group: g for g in report.flexible}
    # C1 is a remote consultant (counted once, as a consultant); T1 is temporary.
    assert (groups["consultant"].headcount, groups["temporary"].headcount,
            groups["remote"].headcount, groups["flexible"].headcount, groups["all"].headcount) == (
        1, 1, 0, 2, 4)
    assert groups["flexible"].allocated[2028] == D("0.5000")
    assert groups["flexible"].uncosted == 4  # C1's allocations: no grade
    assert groups["all"].cost[2028] == D("300000.00")
    assert report.flexible_share(2028) == float(D("0.5") / D("2.3"))
    assert report.contractual == {y: D("30000.00") for y in report.years}
