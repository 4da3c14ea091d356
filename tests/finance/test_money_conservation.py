"""The conservation of money: however the cascade is drawn, every table of the financial
plan adds up to every cost entered, and the sum over outcomes equals the sum over
outputs, to the cent, on random cascades and on generated S plans."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from goldenthread.core.audit import Actor
from goldenthread.demo.generator import write_plan
from goldenthread.finance import selectors
from goldenthread.finance.costing import (
    NO_OUTCOME,
    FinancialPlan,
    PlanInputs,
    attribute,
    financial_plan,
    money,
    personnel_cost_cents,
    spread,
)
from goldenthread.interop.planfile import read_plan
from goldenthread.interop.services import plan_load
from tests.finance.plan import Inputs

YEARS = [2028, 2029]


def _entered(inputs: PlanInputs) -> Decimal:
    """Every cost line and every costed allocation, added up directly."""
    cents = sum(line[4] for line in inputs.cost_lines)
    for person, _, year, share_e4 in inputs.allocations:
        grade = inputs.people[person].grade
        annual = inputs.grade_costs.get((grade, year)) if grade is not None else None
        if annual is not None:
            cents += personnel_cost_cents(share_e4, annual)
    return money(cents)


def _check(plan: FinancialPlan, entered: Decimal) -> None:
    assert plan.total == entered
    for by in ("outcome", "unit", "category", "source"):
        table = plan.table(by)
        assert table.total == entered, by
        for year, total in zip(table.years, table.year_totals, strict=True):
            assert total == plan.table("category", year).total, (by, year)
    # The sum over outcomes (with outputs that reach none) equals the sum over outputs.
    outcomes = plan.table("outcome")
    attributed = sum((r.total for r in outcomes.rows if r.key), Decimal(0))
    no_outcome = sum((u.total for u in plan.unattributed if u.reason == NO_OUTCOME), Decimal(0))
    assert attributed + no_outcome == money(plan.output_total_cents)
    assert money(plan.output_total_cents + plan.off_output_cents) == entered


def _random_inputs(rng: random.Random) -> PlanInputs:
    p = Inputs(YEARS)
    layers: list[list[str]] = []
    kinds = ["impact", "outcome", *(["outcome"] if rng.random() < 0.5 else []), "output",
             *(["output"] if rng.random() < 0.5 else []), "activity", "activity"]
    for depth, kind in enumerate(kinds):
        layer = []
        for i in range(rng.randint(1, 6)):
            code = f"{kind[:2].upper()}{depth}.{i}"
            above = [c for upper in layers for c in upper]
            parents = rng.sample(above, min(len(above), rng.choice([0, 1, 1, 1, 2, 3])))
            weighted = [(c, str(Decimal(rng.randint(1, 9999)) / 1000)) for c in parents]
            p.result(code, kind, *weighted, unit=rng.choice([1, 2]),
                     priority=rng.choice(["must", "should", "could", "wont", ""]))
            layer.append(code)
        layers.append(layer)
    codes = [c for layer in layers for c in layer]
    people = [p.person(f"S{i}", grade=rng.choice([1, None, 1, 1])) for i in range(4)]
    for _ in range(rng.randint(0, 25)):
        p.cost(rng.choice(codes), f"{rng.randint(0, 10**7)}.{rng.randint(0, 99):02d}",
               year=rng.choice(YEARS), source=rng.choice([1, 2]),
               category=rng.choice(["travel_events", "equipment_it", "other_direct"]))
    for _ in range(rng.randint(0, 25)):
        p.allocate(rng.choice(people), rng.choice(codes), str(Decimal(rng.randint(1, 10000)) / 10000),
                   year=rng.choice(YEARS))
    return p.build()


def test_money_is_conserved_on_many_random_cascades() -> None:
    rng = random.Random(31)
    for _ in range(400):
        inputs = _random_inputs(rng)
        _check(financial_plan(inputs), _entered(inputs))


def _reference(inputs: PlanInputs) -> tuple[dict[tuple[int, int, str, int], int], dict[object, int]]:
    """The rule spelt out item by item: each cost to its outputs, each output cell to its
    outcomes, with ``spread`` (what the bulk array code must agree with)."""
    found = attribute(inputs)
    cascade = found.cascade
    outputs: dict[tuple[int, int, str, int], int] = defaultdict(int)
    items = [(r, y, c, f, cents) for r, y, c, f, cents, _ in inputs.cost_lines]
    for person, result, year, share in inputs.allocations:
        grade = inputs.people[person].grade
        annual = inputs.grade_costs.get((grade, year)) if grade is not None else None
        if annual is not None:
            items.append((result, year, "personnel", inputs.regular_fund,
                          personnel_cost_cents(share, annual)))
    for result, year, category, fund, cents in items:
        reach = cascade.outputs_of(result)
        if reach and cents:
            for output, part in spread(cents, reach):
                outputs[(output, year, category, fund)] += part
    outcomes: dict[object, int] = defaultdict(int)
    for (output, year, category, fund), cents in outputs.items():
        reach = cascade.outcomes_of(output)
        unit = inputs.results[output].unit
        for outcome, part in spread(cents, reach) if reach else [(None, cents)]:
            outcomes[(outcome, unit, year, category, fund)] += part
    return dict(outputs), dict(outcomes)


def test_the_array_code_splits_exactly_as_the_rule_spelt_out_item_by_item() -> None:
    rng = random.Random(99)
    for _ in range(200):
        inputs = _random_inputs(rng)
        outputs, outcomes = _reference(inputs)
        found = attribute(inputs)
        assert {k: v for k, v in found.outputs.items() if v} == {k: v for k, v in outputs.items() if v}
        plan = financial_plan(inputs, found)
        attributed = {k: v for k, v in plan.cells.items() if v}
        for key, cents in found.off_output.items():
            result, year, category, fund = key
            unattributed = (None, inputs.results[result].unit, year, category, fund)
            outcomes[unattributed] = outcomes.get(unattributed, 0) + cents
        assert attributed == {k: v for k, v in outcomes.items() if v}


def test_splits_are_identical_run_after_run() -> None:
    inputs = _random_inputs(random.Random(7))
    assert financial_plan(inputs).cells == financial_plan(inputs).cells


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_money_is_conserved_on_a_generated_s_plan(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "plan.json"
    write_plan("S", seed, path)
    cycle = plan_load(actor=Actor(label="test"), document=read_plan(path))
    inputs = selectors.plan_inputs(cycle)
    plan = financial_plan(inputs)
    _check(plan, _entered(inputs))
    # Outputs serving two outcomes, activities serving two outputs, orphans: all present.
    parents: dict[int, int] = defaultdict(int)
    for child, _, _ in inputs.links:
        parents[child] += 1
    kinds = {rid: r.kind for rid, r in inputs.results.items()}
    assert any(n > 1 and kinds[c] == "output" for c, n in parents.items())
    assert any(n > 1 and kinds[c] == "activity" for c, n in parents.items())
    assert {u.reason for u in plan.unattributed} == {"no_outcome", "not_on_output"}
    # The gap keeps the money too: rows less unassigned revenue make the year's gap.
    gap = selectors.funding_gap(cycle, plan)
    for year in gap.by_year:
        rows = sum((o.years[year.year].gap for o in gap.by_outcome), Decimal(0))
        assert rows - year.unassigned == year.gap
