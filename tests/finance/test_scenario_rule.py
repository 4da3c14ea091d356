"""A scenario funds outputs by MoSCoW priority (won't never), then by its rule, greedily
within each year's envelope and each source's; an output that does not fit is skipped
and a later one that fits is funded (first fit)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from goldenthread.finance.costing import Label
from goldenthread.finance.scenarios import (
    Envelope,
    ScenarioError,
    ScenarioOutput,
    compare,
    envelopes_from_plan,
    run_scenario,
)

OUTCOMES = {1: Label("O1", "Outcome one"), 2: Label("O2", "Outcome two"),
            3: Label("O3", "Outcome three")}


def out(rid: int, priority: str, cost: dict[tuple[int, str], int] | int,
        outcomes: tuple[tuple[int, Fraction], ...] = ((1, Fraction(1)),)) -> ScenarioOutput:
    if isinstance(cost, int):
        cost = {(2028, "regular_budget"): cost}
    return ScenarioOutput(rid, f"OP{rid}", f"Output {rid}", priority, "U1", cost, outcomes)


def env(amount: str, year: int = 2028, source: str | None = None) -> Envelope:
    return Envelope(year, source, Decimal(amount))


def funded(result: object) -> list[str]:
    return [d.code for d in result.funded]  # type: ignore[attr-defined]


def test_wont_is_never_funded_however_large_the_envelope() -> None:
    result = run_scenario([out(1, "wont", 100), out(2, "must", 100)], [env("1000000")])
    assert funded(result) == ["OP2"]
    (wont,) = result.unfunded
    assert (wont.code, wont.order, wont.reason) == ("OP1", None, "won't have this cycle: never funded")
    assert result.wont_cost == Decimal("1.00")
    assert result.unfunded_cost == Decimal("0.00")


def test_priorities_come_first_must_should_could_then_none() -> None:
    outputs = [out(1, "", 100), out(2, "could", 100), out(3, "should", 100), out(4, "must", 100)]
    result = run_scenario(outputs, [env("2.00")])
    assert funded(result) == ["OP4", "OP3"]
    assert [d.order for d in result.decisions] == [1, 2, 3, 4]
    assert [d.code for d in result.decisions] == ["OP4", "OP3", "OP2", "OP1"]


def test_the_cost_rule_funds_cheaper_outputs_first_within_a_priority() -> None:
    outputs = [out(1, "must", 300), out(2, "must", 100), out(3, "must", 200)]
    result = run_scenario(outputs, [env("3.00")], rule="cost")
    assert funded(result) == ["OP2", "OP3"]


def test_the_score_rule_funds_higher_scores_first_and_unscored_outputs_last() -> None:
    outputs = [out(1, "must", 100), out(2, "must", 100), out(3, "must", 100)]
    result = run_scenario(outputs, [env("2.00")], rule="score", scores={1: 40.0, 2: None, 3: 90.0})
    assert funded(result) == ["OP3", "OP1"]
    assert result.notes == []
    assert [d.score for d in result.decisions] == [90.0, 40.0, None]


def test_with_no_scores_the_score_rule_falls_back_to_cost_and_says_so() -> None:
    outputs = [out(1, "must", 300), out(2, "must", 100)]
    result = run_scenario(outputs, [env("1.00")], rule="score", scores={})
    assert funded(result) == ["OP2"]
    assert result.rule == "score"
    assert "No scores are available" in result.notes[0]


def test_the_manual_rule_follows_the_ranks_unranked_outputs_last() -> None:
    outputs = [out(1, "must", 100), out(2, "must", 100), out(3, "must", 100)]
    result = run_scenario(outputs, [env("2.00")], rule="manual", ranks={3: 1, 2: 2})
    assert funded(result) == ["OP3", "OP2"]
    result = run_scenario(outputs, [env("2.00")], rule="manual")
    assert "No output has a manual rank" in result.notes[0]


def test_an_output_that_does_not_fit_is_skipped_and_a_later_one_that_fits_is_funded() -> None:
    outputs = [out(1, "must", 500), out(2, "must", 800), out(3, "could", 300)]
    result = run_scenario(outputs, [env("10.00")], rule="cost")
    # OP1 (5.00) fits; OP2 (8.00) does not fit the 5.00 left; OP3 (3.00) still does.
    assert funded(result) == ["OP1", "OP3"]
    (skipped,) = result.unfunded
    assert skipped.reason == "does not fit: needs 8.00 in 2028, 5.00 left"
    assert skipped.order == 2


def test_an_output_is_funded_whole_only_if_it_fits_every_years_envelope() -> None:
    two_years = {(2028, "regular_budget"): 100, (2029, "regular_budget"): 500}
    result = run_scenario([out(1, "must", two_years)], [env("10.00", 2028), env("4.00", 2029)])
    assert funded(result) == []
    assert result.unfunded[0].reason == "does not fit: needs 5.00 in 2029, 4.00 left"
    # A year the scenario sets no envelope for is not checked.
    result = run_scenario([out(1, "must", two_years)], [env("10.00", 2028)])
    assert funded(result) == ["OP1"]
    assert result.funded[0].cost == Decimal("1.00")


def test_an_envelope_per_source_limits_that_source_only() -> None:
    mixed = {(2028, "regular_budget"): 1000, (2028, "F1"): 500}
    only_regular = {(2028, "regular_budget"): 1000}
    outputs = [out(1, "must", mixed), out(2, "should", only_regular)]
    result = run_scenario(outputs, [env("4.00", source="F1"), env("100.00", source="regular_budget")])
    assert funded(result) == ["OP2"]
    assert result.unfunded[0].reason == "does not fit: needs 5.00 of F1 in 2028, 4.00 left"
    uses = {(e.source, e.year): (e.used, e.left) for e in result.envelopes}
    assert uses[("regular_budget", 2028)] == (Decimal("10.00"), Decimal("90.00"))
    assert uses[("F1", 2028)] == (Decimal("0.00"), Decimal("4.00"))


def test_a_total_envelope_and_source_envelopes_both_apply() -> None:
    mixed = {(2028, "regular_budget"): 300, (2028, "F1"): 300}
    result = run_scenario([out(1, "must", mixed)], [env("5.00"), env("10.00", source="F1")])
    assert result.unfunded[0].reason == "does not fit: needs 6.00 in 2028, 5.00 left"


def test_the_gap_per_outcome_splits_unfunded_outputs_exactly_and_names_outcomes_left_bare() -> None:
    thirds = ((1, Fraction(1, 3)), (2, Fraction(2, 3)))
    outputs = [
        out(1, "must", 100, thirds),  # 1.00 unfunded: 0.33 to O1, 0.67 to O2
        out(2, "must", 50, ((1, Fraction(1)),)),  # funded
        out(3, "should", 1000, ((3, Fraction(1)),)),  # unfunded: O3 has no funded output
        out(4, "wont", 700, ((3, Fraction(1)),)),  # won't: not in the gap
        out(5, "must", 200, ()),  # unfunded, serving no outcome
    ]
    result = run_scenario(outputs, [env("0.60")], outcome_labels=OUTCOMES)
    gaps = {o.code: (o.funded, o.gap, o.funded_outputs, o.outputs) for o in result.outcomes}
    assert gaps == {
        "O1": (Decimal("0.50"), Decimal("0.33"), 1, 2),
        "O2": (Decimal("0.00"), Decimal("0.67"), 0, 1),
        "O3": (Decimal("0.00"), Decimal("10.00"), 0, 2),
        "": (Decimal("0.00"), Decimal("2.00"), 0, 1),
    }
    assert [o.code for o in result.outcomes_without_funded_output] == ["O2", "O3"]
    assert sum(o.gap for o in result.outcomes) == result.unfunded_cost


def test_it_refuses_a_scenario_without_envelopes_an_unknown_rule_or_twice_the_same_envelope() -> None:
    with pytest.raises(ScenarioError, match="at least one envelope"):
        run_scenario([out(1, "must", 1)], [])
    with pytest.raises(ScenarioError, match="unknown rule"):
        run_scenario([out(1, "must", 1)], [env("1")], rule="luck")
    with pytest.raises(ScenarioError, match="two envelopes for 2028"):
        run_scenario([out(1, "must", 1)], [env("1"), env("2")])
    with pytest.raises(ScenarioError, match="negative"):
        run_scenario([out(1, "must", 1)], [env("-1")])


def test_envelopes_from_the_plan_scale_extrabudgetary_sources_by_a_factor() -> None:
    costs = {(2028, "regular_budget"): 100_000, (2028, "F1"): 10_001, (2028, "F2"): 500}
    envelopes = envelopes_from_plan(
        costs, "regular_budget", {"extrabudgetary": Decimal("0.8"), "F2": Decimal("0.5")}
    )
    assert envelopes == [
        Envelope(2028, "F1", Decimal("80.01")),  # 100.01 x 0.8 = 80.008
        Envelope(2028, "F2", Decimal("2.50")),  # the fund's own factor wins over the group
        Envelope(2028, "regular_budget", Decimal("1000.00")),
    ]


def test_the_plan_as_costed_funds_everything_but_wont() -> None:
    outputs = [out(1, "must", {(2028, "F1"): 300}), out(2, "could", {(2028, "regular_budget"): 900}),
               out(3, "wont", {(2028, "F1"): 100})]
    costs = {(2028, "F1"): 400, (2028, "regular_budget"): 900}
    result = run_scenario(outputs, envelopes_from_plan(costs, "regular_budget"))
    assert funded(result) == ["OP1", "OP2"]


def test_two_scenarios_compare_output_by_output_and_outcome_by_outcome() -> None:
    outputs = [out(1, "must", 100), out(2, "should", 100, ((2, Fraction(1)),))]
    a = run_scenario(outputs, [env("2.00")], code="A", outcome_labels=OUTCOMES)
    b = run_scenario(outputs, [env("1.00")], code="B", outcome_labels=OUTCOMES)
    comparison = compare(a, b)
    assert [(o.code, o.change) for o in comparison.outputs] == [("OP1", "both"), ("OP2", "only_a")]
    assert [o.code for o in comparison.changed] == ["OP2"]
    o2 = next(o for o in comparison.outcomes if o.code == "O2")
    assert (o2.gap_a, o2.gap_b, o2.difference, o2.unfunded_a, o2.unfunded_b) == (
        Decimal("0.00"), Decimal("1.00"), Decimal("1.00"), False, True,
    )
