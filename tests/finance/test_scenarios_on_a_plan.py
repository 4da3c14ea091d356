"""Scenarios run on a loaded plan: the plan as costed funds all but won't; when
extrabudgetary income falls by 20% the outputs depending on it fall below the line; saved
scenarios run on the plan as it stands and compare side by side."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.core.audit import Actor
from goldenthread.finance import selectors
from goldenthread.finance.scenarios import Envelope
from goldenthread.finance.services import scenario_create
from goldenthread.plans.models import Cycle

ACTOR = Actor(label="test")
FALL = {"extrabudgetary": Decimal("0.8")}


def test_the_basis_holds_every_output_with_its_cost_by_year_and_source(small_plan: Cycle) -> None:
    basis = selectors.scenario_basis(small_plan)
    costs = {o.code: o.cost for o in basis.outputs}
    assert costs["OP2"][(2028, "F1")] == 3_000_000
    assert costs["OP2"][(2028, "regular_budget")] == 4_500_000
    assert set(costs) == {"OP1", "OP2", "OP3", "OP4"}
    assert basis.costs[(2028, "regular_budget")] == (21_500_000 + 4_500_000 + 1_000_000 + 5_000_000)
    assert set(basis.outcomes.values()) == {("O1", "Outcome one"), ("O2", "Outcome two")}


def test_the_plan_as_costed_funds_everything_but_wont(small_plan: Cycle) -> None:
    basis = selectors.scenario_basis(small_plan)
    result = basis.run(basis.envelopes_from_plan())
    assert [d.code for d in result.funded] == ["OP1", "OP2", "OP3"]  # must, should, could
    assert [d.code for d in result.unfunded] == ["OP4"]
    assert result.unfunded_cost == Decimal("0.00")


def test_when_extrabudgetary_income_falls_by_a_fifth_outputs_that_rely_on_it_go_unfunded(
    small_plan: Cycle,
) -> None:
    basis = selectors.scenario_basis(small_plan)
    envelopes = basis.envelopes_from_plan(FALL)
    f1 = {e.year: e.amount for e in envelopes if e.source == "F1"}
    assert f1 == {y: Decimal("24000.00") for y in (2028, 2029, 2030, 2031)}
    result = basis.run(envelopes, code="EB80")
    assert sorted(d.code for d in result.funded) == ["OP1", "OP3"]
    op2 = next(d for d in result.unfunded if d.code == "OP2")
    assert op2.reason.startswith("does not fit: needs 30,000.00 of F1 in 2028, 24,000.00 left")
    assert op2.cost == Decimal("300000.00")
    gaps = {o.code: o.gap for o in result.outcomes}
    assert gaps == {"O1": Decimal("100000.00"), "O2": Decimal("200000.00"),
                    "": Decimal("0.00")}
    # O2's only other output is won't: O2 is left with no funded output.
    assert [o.code for o in result.outcomes_without_funded_output] == ["O2"]


def test_a_saved_scenario_runs_on_the_plan_as_it_stands_and_two_compare(small_plan: Cycle) -> None:
    basis = selectors.scenario_basis(small_plan)
    base = scenario_create(actor=ACTOR, cycle=small_plan, code="BASE",
                           envelopes=basis.envelopes_from_plan())
    fall = scenario_create(actor=ACTOR, cycle=small_plan, code="EB80",
                           name="Extrabudgetary income falls by 20%",
                           envelopes=basis.envelopes_from_plan(FALL))
    result = selectors.scenario_run(fall)
    assert (result.code, result.name) == ("EB80", "Extrabudgetary income falls by 20%")
    comparison = selectors.scenario_compare(base, fall)
    assert [(o.code, o.change) for o in comparison.changed] == [("OP2", "only_a")]
    o2 = next(o for o in comparison.outcomes if o.code == "O2")
    assert (o2.gap_a, o2.gap_b, o2.unfunded_b) == (Decimal("0.00"), Decimal("200000.00"), True)


def test_the_manual_rule_uses_the_saved_ranks(small_plan: Cycle) -> None:
    # 2028 only, room for one of OP1 (215,000) and OP3 (10,000) after OP2 is out of reach.
    scenario = scenario_create(
        actor=ACTOR, cycle=small_plan, code="RANKED", rule="manual",
        envelopes=[Envelope(2028, None, Decimal("220000"))], ranks={"OP3": 1},
    )
    result = selectors.scenario_run(scenario)
    assert [d.code for d in result.funded] == ["OP1"]  # must before could, whatever the rank
    assert next(d for d in result.decisions if d.code == "OP3").rank == 1


@pytest.mark.django_db
def test_scenarios_of_two_cycles_do_not_compare(small_plan: Cycle) -> None:
    from tests.finance.plan import load_small_plan, small_plan_document

    other = load_small_plan(cycle={**small_plan_document()["cycle"], "code": "FIN2"})
    a = scenario_create(actor=ACTOR, cycle=small_plan, code="A",
                        envelopes=[Envelope(2028, None, Decimal(1))])
    b = scenario_create(actor=ACTOR, cycle=other, code="B",
                        envelopes=[Envelope(2028, None, Decimal(1))])
    with pytest.raises(ValueError, match="same cycle"):
        selectors.scenario_compare(a, b)


def _indicator(code: str, result: str, actual: int) -> dict[str, object]:
    return {"code": code, "result": result, "name": f"Indicator {code}", "unit": "number",
            "direction": "increase", "aggregation": "sum", "baseline": {"year": 2027, "value": 0},
            "targets": {"2028": 100}, "actuals": {"2028": actual}}


@pytest.mark.django_db
def test_the_score_rule_funds_the_better_scoring_output_first() -> None:
    from tests.finance.plan import load_small_plan, small_plan_document

    results = small_plan_document()["results"]
    for result in results:
        if result["code"] in ("OP1", "OP2", "OP3"):
            result["priority"] = "must"
    cycle = load_small_plan(results=results, indicators=[
        _indicator("K1", "OP3", 100), _indicator("K2", "OP1", 20),
    ])
    scores = selectors.output_scores(cycle)
    basis = selectors.scenario_basis(cycle)
    by_code = {o.code: o.id for o in basis.outputs}
    assert scores[by_code["OP3"]] > scores[by_code["OP1"]]
    assert scores[by_code["OP2"]] is None
    envelope = [Envelope(2028, None, Decimal("225000"))]
    by_score = basis.run(envelope, rule="score", scores=scores)
    assert [d.code for d in by_score.funded] == ["OP3", "OP1"]
    assert by_score.notes == []
    by_cost = basis.run(envelope, rule="cost")
    assert [d.code for d in by_cost.funded] == ["OP3", "OP2"]


def test_with_nothing_reported_there_are_no_scores(small_plan: Cycle) -> None:
    assert selectors.output_scores(small_plan) == {}
