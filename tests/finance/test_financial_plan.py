"""The financial plan of a loaded plan by outcome, unit, category and source, and an
output's cost with where it came from, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.finance import selectors
from goldenthread.plans.models import Cycle, Result
from tests.finance.plan import A3_YEAR, OP1_YEAR, OP2_YEAR, OP3_YEAR, OP4_YEAR, YEAR_TOTAL

D = Decimal


def _totals(cycle: Cycle, by: str, year: int | None = None) -> dict[str, Decimal]:
    table = selectors.financial_plan(cycle).table(by, year)
    return {row.key: row.total for row in table.rows}


def test_costs_by_outcome_split_shared_outputs_and_keep_the_unattributed(small_plan: Cycle) -> None:
    assert _totals(small_plan, "outcome", 2028) == {
        "O1": OP1_YEAR + OP2_YEAR / 3,
        "O2": OP2_YEAR * 2 / 3 + OP4_YEAR,
        "": OP3_YEAR + A3_YEAR,
    }
    plan = selectors.financial_plan(small_plan)
    assert [(u.result, u.reason) for u in plan.unattributed] == [
        ("OP3", "no_outcome"), ("A3", "not_on_output"),
    ]
    assert [(u.person, u.result) for u in plan.uncosted][:1] == [("C1", "A4")]


def test_costs_by_unit_go_to_the_unit_that_owns_the_output(small_plan: Cycle) -> None:
    # A2 is S2's (DEPB) but a quarter of it serves OP1, owned by DEPA.
    assert _totals(small_plan, "unit", 2028) == {
        "DEPA": OP1_YEAR + OP3_YEAR + A3_YEAR, "DEPB": OP2_YEAR + OP4_YEAR,
    }


def test_costs_by_category_and_source_in_the_vocabularys_order(small_plan: Cycle) -> None:
    assert list(_totals(small_plan, "category")) == [
        "personnel", "travel_events", "consultants_contractual", "equipment_it", "other_direct",
    ]
    assert _totals(small_plan, "source", 2029) == {
        "F1": D("30000.00"), "regular_budget": YEAR_TOTAL - D("30000.00"),
    }


def test_every_table_adds_up_to_the_same_total(small_plan: Cycle) -> None:
    plan = selectors.financial_plan(small_plan)
    assert plan.total == YEAR_TOTAL * 4
    for by in ("outcome", "unit", "category", "source"):
        table = plan.table(by)
        assert table.total == YEAR_TOTAL * 4
        assert table.year_totals == [YEAR_TOTAL] * 4


def test_the_sankey_flows_go_from_sources_to_outcomes_to_units(small_plan: Cycle) -> None:
    flows = {(f.source, f.target): f.amount for f in selectors.financial_plan(small_plan).flows()}
    assert flows[("F1", "O1")] == D("40000.00")  # a third of OP2's 30,000 a year, 4 years
    assert flows[("O2", "DEPB")] == (OP2_YEAR * 2 / 3 + OP4_YEAR) * 4
    assert flows[("Unattributed", "DEPA")] == (OP3_YEAR + A3_YEAR) * 4


def test_an_unknown_dimension_is_refused(small_plan: Cycle) -> None:
    with pytest.raises(ValueError, match="cannot show costs by 'donor'"):
        selectors.financial_plan(small_plan).table("donor")


def test_an_output_shows_its_cost_by_year_category_and_source_and_its_origins(
    small_plan: Cycle,
) -> None:
    cost = selectors.output_costs(small_plan, "OP1")
    assert cost.total == OP1_YEAR * 4
    assert cost.by_year == {y: OP1_YEAR for y in (2028, 2029, 2030, 2031)}
    assert cost.by_category == {"personnel": D("460000.00"), "travel_events": D("400000.00")}
    a2 = [o for o in cost.origins if o.result == "A2" and o.year == 2028]
    assert [(o.person, o.grade, o.share, o.standard_cost, o.item_amount, o.amount) for o in a2] == [
        ("S2", "G5", D("0.6000"), D("100000.00"), D("60000.00"), D("15000.00")),
    ]
    assert [code for code, _, _ in cost.outcomes] == ["O1"]
    with pytest.raises(Result.DoesNotExist):
        selectors.output_costs(small_plan, "NOPE")


def test_the_plan_and_the_gap_read_in_a_fixed_number_of_queries(
    small_plan: Cycle, django_assert_num_queries: object
) -> None:
    for reader, queries in (
        (selectors.financial_plan, 10), (selectors.funding_gap, 12), (selectors.scenario_basis, 10),
        (selectors.workforce_report, 6),
    ):
        with django_assert_num_queries(queries):  # type: ignore[operator]
            reader(small_plan)
