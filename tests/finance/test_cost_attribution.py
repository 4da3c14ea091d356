"""Costs climb the cascade by RBM kind: to the outputs an activity serves, then to the
outcomes an output serves, split by link weight; nothing is ever dropped."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from goldenthread.finance.costing import (
    NO_GRADE,
    NO_OUTCOME,
    NO_STANDARD_COST,
    NOT_ON_OUTPUT,
    attribute,
    financial_plan,
    output_cost,
)
from tests.finance.plan import Inputs


def _outcomes(plan_inputs: Inputs) -> dict[str, Decimal]:
    table = financial_plan(plan_inputs.build()).table("outcome")
    return {row.key or "unattributed": row.total for row in table.rows}


def test_an_activity_serving_two_outputs_splits_its_personnel_cost_by_link_weight() -> None:
    p = Inputs()
    p.result("O1", "outcome")
    p.result("OP1", "output", "O1")
    p.result("OP2", "output", "O1")
    p.result("A1", "activity", ("OP1", "1"), ("OP2", "3"))
    p.allocate(p.person("S1"), "A1", "0.5")  # 100,000.00
    found = attribute(p.build())
    by_output = {p.results[cell[0]].code: cents for cell, cents in found.outputs.items()}
    assert by_output == {"OP1": 2_500_000, "OP2": 7_500_000}


def test_an_output_serving_several_outcomes_splits_by_weight_exactly_to_the_cent() -> None:
    p = Inputs()
    for code in ("O1", "O2", "O3"):
        p.result(code, "outcome")
    p.result("OP1", "output", ("O1", "1"), ("O2", "1"), ("O3", "1"))
    p.cost("OP1", "100.00")
    assert _outcomes(p) == {"O1": Decimal("33.34"), "O2": Decimal("33.33"), "O3": Decimal("33.33")}


def test_an_output_reaches_its_outcome_through_an_intermediate_level_whatever_the_codes() -> None:
    p = Inputs()
    p.result("RA1", "outcome")  # a "result area" level, of kind outcome
    p.result("CL1", "output", "RA1")  # a "cluster" level between, of kind output
    p.result("D1", "output", "CL1")  # a "deliverable", of kind output
    p.result("T1", "activity", "D1")
    p.cost("D1", "500.00")
    p.allocate(p.person("S1"), "T1", "0.1")  # 20,000.00
    assert _outcomes(p) == {"RA1": Decimal("20500.00")}
    plan = financial_plan(p.build())
    assert plan.unattributed == []


def test_the_nearest_outcome_takes_the_cost_not_the_outcomes_above_it() -> None:
    p = Inputs()
    p.result("TP1", "outcome")  # a thematic priority, of kind outcome
    p.result("O1", "outcome", "TP1")
    p.result("OP1", "output", "O1")
    p.cost("OP1", "10.00")
    assert _outcomes(p) == {"O1": Decimal("10.00")}


def test_weights_are_shared_among_the_parents_that_lead_to_an_outcome() -> None:
    p = Inputs()
    p.result("G1", "impact")
    p.result("O1", "outcome", "G1")
    p.result("O2", "outcome", "G1")
    p.result("OP1", "output", ("O1", "1"), ("O2", "0.5"), ("G1", "5"))  # G1 is no outcome
    p.cost("OP1", "300.00")
    assert _outcomes(p) == {"O1": Decimal("200.00"), "O2": Decimal("100.00")}


def test_an_output_serving_no_outcome_is_unattributed_never_dropped() -> None:
    p = Inputs()
    p.result("O1", "outcome")
    p.result("OP1", "output", "O1")
    p.result("OP2", "output")  # an orphan
    p.cost("OP1", "10.00")
    p.cost("OP2", "7.00")
    plan = financial_plan(p.build())
    assert plan.total == Decimal("17.00")
    assert _outcomes(p) == {"O1": Decimal("10.00"), "unattributed": Decimal("7.00")}
    (item,) = plan.unattributed
    assert (item.result, item.reason, item.total) == ("OP2", NO_OUTCOME, Decimal("7.00"))
    assert item.explanation == "on an output that serves no outcome"


def test_a_cost_serving_no_output_is_unattributed_with_its_reason() -> None:
    p = Inputs()
    p.result("O1", "outcome")
    p.result("A1", "activity")  # no parent
    p.result("A2", "activity", "O1")  # straight to an outcome, past the output level
    p.cost("O1", "4.00")  # a cost line on an outcome
    s1 = p.person("S1")
    p.allocate(s1, "A1", "0.0001")  # 20.00
    p.allocate(s1, "A2", "0.0002")  # 40.00
    plan = financial_plan(p.build())
    assert plan.total == Decimal("64.00")
    assert plan.output_total_cents == 0
    assert {(u.result, u.reason) for u in plan.unattributed} == {
        ("A1", NOT_ON_OUTPUT), ("A2", NOT_ON_OUTPUT), ("O1", NOT_ON_OUTPUT),
    }


def test_allocations_without_a_standard_cost_are_listed_not_costed() -> None:
    p = Inputs()
    p.result("OP1", "output")
    consultant = p.person("C1", grade=None)
    p.allocate(consultant, "OP1", "0.5")
    p.grade_costs.clear()
    p.allocate(p.person("S1"), "OP1", "0.5")
    plan = financial_plan(p.build())
    assert plan.total == Decimal("0.00")
    assert [(u.person, u.reason) for u in plan.uncosted] == [("C1", NO_GRADE), ("S1", NO_STANDARD_COST)]
    assert plan.uncosted[0].explanation == "C1 has no grade, so no standard cost"


def test_personnel_cost_is_charged_to_the_regular_budget() -> None:
    p = Inputs()
    p.result("OP1", "output")
    p.allocate(p.person("S1"), "OP1", "0.25")
    p.cost("OP1", "1.00", source=2)
    table = financial_plan(p.build()).table("source")
    assert {row.key: row.total for row in table.rows} == {
        "F1": Decimal("1.00"), "regular_budget": Decimal("50000.00"),
    }


def test_an_output_tells_where_its_cost_came_from_and_where_it_goes() -> None:
    p = Inputs()
    p.result("O1", "outcome")
    p.result("O2", "outcome")
    op1 = p.result("OP1", "output", ("O1", "1"), ("O2", "2"), priority="must")
    p.result("OP2", "output", "O1")
    p.result("A1", "activity", ("OP1", "1"), ("OP2", "1"))
    p.cost("OP1", "10.00", source=2, category="equipment_it")
    p.allocate(p.person("S1"), "A1", "0.0003")  # 60.00, half to OP1
    cost = output_cost(p.build(), op1)
    assert cost.total == Decimal("40.00")
    assert cost.by_source == {"F1": Decimal("10.00"), "regular_budget": Decimal("30.00")}
    assert cost.by_category == {"equipment_it": Decimal("10.00"), "personnel": Decimal("30.00")}
    line, alloc = sorted(cost.origins, key=lambda o: o.kind)[::-1]
    assert (line.kind, line.result, line.amount) == ("cost_line", "OP1", Decimal("10.00"))
    assert (alloc.kind, alloc.result, alloc.person, alloc.grade) == ("allocation", "A1", "S1", "P4")
    assert (alloc.share, alloc.standard_cost, alloc.item_amount, alloc.amount, alloc.portion) == (
        Decimal("0.0003"), Decimal("200000.00"), Decimal("60.00"), Decimal("30.00"), Fraction(1, 2)
    )
    assert [(code, portion) for code, _, portion in cost.outcomes] == [
        ("O1", Fraction(1, 3)), ("O2", Fraction(2, 3)),
    ]
    assert sum(o.amount for o in cost.origins) == cost.total


def test_a_loop_in_the_links_is_refused_by_name() -> None:
    p = Inputs()
    p.result("A1", "activity")
    p.result("A2", "activity", "A1")
    p.links.append((p.ids["A1"], p.ids["A2"], 10_000))
    p.cost("A1", "1.00")
    with pytest.raises(ValueError, match="link loop"):
        attribute(p.build())
