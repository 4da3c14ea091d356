"""A plan file with problems gets every problem listed with its place, and nothing is written."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from goldenthread.core.audit import Actor
from goldenthread.interop.planfile import PlanFileError, parse_plan, read_plan
from goldenthread.interop.services import plan_dump, plan_load
from tests.interop.helpers import FIXTURES, full_plan, nothing_written, table_counts

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="cli:test")


def errors_of(document: Any) -> list[str]:
    """Load the plan, expect it refused, check nothing was written; the errors as text."""
    with pytest.raises(PlanFileError) as caught:
        plan_load(actor=ACTOR, document=document)
    assert table_counts() == nothing_written()
    return [str(error) for error in caught.value.errors]


def broken(edit: Any) -> dict[str, Any]:
    plan = copy.deepcopy(full_plan())
    edit(plan)
    return plan


def result(plan: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in plan["results"] if r["code"] == code)


def test_it_rejects_unknown_keys_at_every_depth() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["colour"] = "blue"
        plan["cycle"]["owner"] = "me"
        result(plan, "O1")["parents"][0]["strength"] = 3
        plan["indicators"][0]["baseline"]["source"] = "survey"

    assert errors_of(broken(edit)) == [
        "colour: unknown key",
        "cycle.owner: unknown key",
        "results[2].parents[0].strength: unknown key",
        "indicators[0].baseline.source: unknown key",
    ]


def test_it_rejects_wrong_types_and_names_what_it_expected() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["cycle"]["start_year"] = "2028"
        plan["people"][0]["remote"] = "yes"
        plan["results"][1]["tags"] = "connectivity"
        plan["allocations"][0]["share"] = "a quarter"

    errors = errors_of(broken(edit))
    assert "cycle.start_year: expected an integer, got '2028'" in errors[0]
    assert errors[1] == "people[0].remote: expected true or false, got 'yes'"
    assert errors[2] == "results[1].tags: expected a list, got 'connectivity'"
    assert errors[3].startswith("allocations[0].share: expected a number, got 'a quarter'")


def test_it_rejects_words_outside_the_closed_vocabularies() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["levels"][0]["kind"] = "goal"
        result(plan, "OP1")["priority"] = "maybe"

    assert errors_of(broken(edit)) == [
        "levels[0].kind: 'goal' is not one of: impact, outcome, output, activity",
        "results[3].priority: 'maybe' is not one of: must, should, could, wont",
    ]


def test_it_rejects_missing_required_keys() -> None:
    def edit(plan: dict[str, Any]) -> None:
        del plan["results"][0]["title"]
        del plan["cycle"]["end_year"]

    errors = errors_of(broken(edit))
    assert "cycle: missing required key 'end_year'" in errors
    assert "results[0]: missing required key 'title'" in errors


def test_it_rejects_duplicate_codes_in_every_coded_list() -> None:
    def edit(plan: dict[str, Any]) -> None:
        for section in ("levels", "units", "grades", "people", "funds", "results",
                        "indicators", "risks", "action_lines"):
            plan[section].append(copy.deepcopy(plan[section][0]))

    errors = errors_of(broken(edit))
    assert "levels[4].code: duplicate level code 'goal' (first at levels[0])" in errors
    assert "units[3].code: duplicate unit code 'DEP' (first at units[0])" in errors
    assert "results[5].code: duplicate result code 'A1' (first at results[0])" in errors
    for section in ("grades", "people", "funds", "indicators", "risks", "action_lines"):
        assert any(e.startswith(f"{section}[") and "duplicate" in e for e in errors), section


def test_it_rejects_duplicate_natural_keys_of_costs_allocations_and_revenue() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["costs"].append(dict(plan["costs"][0], amount="1.00"))
        plan["allocations"].append(dict(plan["allocations"][0]))
        plan["revenue"].append(dict(plan["revenue"][0]))

    errors = errors_of(broken(edit))
    assert errors[0].startswith("costs[2]: duplicate cost line for OP1 2028 travel_events")
    assert errors[1].startswith("allocations[2]: duplicate allocation of P001 to A1 in 2028")
    assert errors[2].startswith("revenue[2]: duplicate revenue for assessed_contributions 2028")


def test_it_rejects_references_to_codes_missing_from_the_file() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["units"][0]["parent"] = "NOPE"
        plan["people"][0]["grade"] = "P9"
        result(plan, "OP1")["parents"][0]["code"] = "O9.9"
        result(plan, "A1")["level"] = "task"
        plan["indicators"][0]["responsible"] = "P999"
        plan["costs"][1]["source"] = "WB"
        plan["allocations"][0]["result"] = "A9"
        plan["risks"][0]["owner"] = "P404"
        plan["action_lines"][0]["owner"] = "XX"

    assert errors_of(broken(edit)) == [
        "units[0].parent: no unit 'NOPE' in this file",
        "people[0].grade: no grade 'P9' in this file",
        "results[0].level: no level 'task' in this file",
        "results[3].parents[0].code: no result 'O9.9' in this file",
        "indicators[0].responsible: no person 'P999' in this file",
        "costs[1].source: no fund 'WB' in this file",
        "allocations[0].result: no result 'A9' in this file",
        "risks[0].owner: no person 'P404' in this file",
        "action_lines[0].owner: no unit 'XX' in this file",
    ]


def test_it_rejects_a_link_loop_and_names_it() -> None:
    def edit(plan: dict[str, Any]) -> None:
        result(plan, "G1")["parents"] = [{"code": "A1"}]

    errors = errors_of(broken(edit))
    assert len(errors) == 1
    place, message = errors[0].split(": ", 1)
    assert place.startswith("results[") and place.endswith(".code")
    assert message.startswith("link loop: ")
    loop = message.removeprefix("link loop: ").split(" → ")
    assert loop[0] == loop[-1] and {"G1", "A1", "OP1", "O1"} <= set(loop)


def test_it_rejects_a_result_that_is_its_own_parent() -> None:
    def edit(plan: dict[str, Any]) -> None:
        result(plan, "OP2")["parents"] = [{"code": "OP2"}]

    assert errors_of(broken(edit)) == ["results[4].parents[0].code: link loop: OP2 → OP2"]


def test_it_rejects_a_loop_in_the_unit_tree() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["units"][1]["parent"] = "DEP"  # HQ below DEP below SEC below HQ

    errors = errors_of(broken(edit))
    assert len(errors) == 1 and errors[0].startswith("units[")
    assert "unit tree loop: " in errors[0]


def test_it_rejects_shares_outside_zero_to_one() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["allocations"][0]["share"] = 1.2
        plan["allocations"][1]["share"] = 0

    errors = errors_of(broken(edit))
    assert errors[0].startswith("allocations[0].share: 1.2 is above 1")
    assert errors[1].startswith("allocations[1].share: 0 must be above 0")


def test_it_rejects_negative_costs_and_amounts_with_too_many_places() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["costs"][0]["amount"] = "-12000.00"
        plan["costs"][1]["amount"] = -5
        plan["revenue"][0]["amount"] = 10.125
        plan["grades"][0]["annual_cost"]["2028"] = "12,000"

    errors = errors_of(broken(edit))
    assert errors[0].startswith("grades[0].annual_cost.2028: '12,000' is not valid")
    assert errors[1].startswith("costs[0].amount: '-12000.00' is not valid")
    assert "not negative" in errors[1]
    assert errors[2].startswith("costs[1].amount: -5 is below 0")
    assert errors[3] == "revenue[0].amount: amount 10.125 has more than 2 decimal places"


def test_it_rejects_periods_and_years_outside_the_cycle() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["grades"][0]["annual_cost"]["2032"] = "1.00"
        plan["indicators"][0]["targets"]["2027-Q4"] = 60
        plan["indicators"][0]["actuals"]["2032"] = 90
        plan["costs"][0]["year"] = 2020
        plan["allocations"][0]["year"] = 2035
        plan["revenue"][0]["year"] = 2027

    assert errors_of(broken(edit)) == [
        "grades[0].annual_cost.2032: 2032 is outside the cycle 2028-2031",
        "indicators[0].targets.2027-Q4: 2027 is outside the cycle 2028-2031",
        "indicators[0].actuals.2032: 2032 is outside the cycle 2028-2031",
        "costs[0].year: 2020 is outside the cycle 2028-2031",
        "allocations[0].year: 2035 is outside the cycle 2028-2031",
        "revenue[0].year: 2027 is outside the cycle 2028-2031",
    ]


def test_it_rejects_malformed_periods_and_a_baseline_after_the_start() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["indicators"][0]["targets"]["2029-Q5"] = 1
        plan["indicators"][1]["baseline"]["year"] = 2029
        plan["action_lines"][0]["target"] = "Q2 2026"

    errors = errors_of(broken(edit))
    assert errors[0].startswith("indicators[0].targets.2029-Q5: '2029-Q5' is not valid")
    assert errors[1] == (
        "indicators[1].baseline.year: the baseline year 2029 is after the cycle start 2028"
    )
    assert errors[2].startswith("action_lines[0].target: 'Q2 2026' is not valid")


def test_it_rejects_values_that_do_not_fit_the_unit_of_measure() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["indicators"][0]["actuals"]["2028"] = "seventy"
        plan["indicators"][1]["targets"]["2031"] = 1
        plan["indicators"][2]["targets"]["2030"] = 3

    assert errors_of(broken(edit)) == [
        "indicators[0].actuals.2028: a percent indicator takes a number, not 'seventy'",
        "indicators[1].targets.2031: a yes_no indicator takes true or false, not 1",
        "indicators[2].targets.2030: a qualitative indicator takes text, not 3",
    ]


def test_it_rejects_residual_risk_given_by_halves_and_inverted_cycles() -> None:
    def edit(plan: dict[str, Any]) -> None:
        del plan["risks"][0]["residual_impact"]
        plan["cycle"]["baseline_year"] = 2029
        plan["cycle"]["at_risk"] = 0.95

    assert errors_of(broken(edit)) == [
        "cycle.baseline_year: the baseline year 2029 cannot follow the start year 2028",
        "cycle.at_risk: at_risk (0.95) cannot be above on_track (0.85)",
        "risks[0].residual_impact: give both residual_likelihood and residual_impact, or neither",
    ]


def test_it_refuses_to_list_the_implicit_regular_budget() -> None:
    plan = broken(lambda p: p["funds"].append({"code": "regular_budget", "name": "RB"}))
    assert errors_of(plan) == [
        "funds[1].code: 'regular_budget' is implicit in every cycle; do not list it"
    ]


def test_it_rejects_a_level_that_does_not_exist_and_an_empty_framework() -> None:
    plan = broken(lambda p: result(p, "G1").update(level="mission"))
    assert errors_of(plan) == ["results[1].level: no level 'mission' in this file"]
    plan = broken(lambda p: p.update(levels=[]))
    assert "levels: needs at least 1 item(s)" in errors_of(plan)


def test_it_lists_every_problem_not_only_the_first() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["format"] = "goldenthread-plan/2"
        for i, item in enumerate(plan["allocations"]):
            item["share"] = 2 + i

    errors = errors_of(broken(edit))
    assert errors == [
        "format: must be 'goldenthread-plan/1', not 'goldenthread-plan/2'",
        "allocations[0].share: 2 is above 1; a share above 0 and at most 1, "
        "with at most 4 decimal places.",
        "allocations[1].share: 3 is above 1; a share above 0 and at most 1, "
        "with at most 4 decimal places.",
    ]


def test_it_reports_broken_json_with_line_and_column() -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan('{\n  "format": "goldenthread-plan/1",\n  "cycle": {,}\n}', kind="json")
    (error,) = caught.value.errors
    assert error.place == "line 3, column 13"
    assert error.message.startswith("broken JSON: ")


def test_it_reports_broken_yaml_with_line_and_column(tmp_path: Any) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("format: goldenthread-plan/1\ncycle: {code: X, name: [unclosed\nlevels: []\n")
    with pytest.raises(PlanFileError) as caught:
        read_plan(path)
    (error,) = caught.value.errors
    assert error.place.startswith("line 3, column ")
    assert error.message.startswith("broken YAML: ")


def test_it_rejects_a_document_that_is_not_a_mapping() -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan("- just\n- a list\n")
    assert str(caught.value.errors[0]) == "a plan file holds one mapping, not a list"


def test_it_accepts_yaml_dates_and_integer_period_keys() -> None:
    text = (FIXTURES / "full-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("last_reviewed: '2028-03-31'", "last_reviewed: 2028-03-31")
    text = text.replace("targets: {'2031': true}", "targets: {2031: true}")
    document = parse_plan(text, kind="yaml")
    cycle = plan_load(actor=ACTOR, document=document)
    assert plan_dump(cycle) == full_plan()


def test_it_rejects_a_period_given_twice_as_number_and_text() -> None:
    document = parse_plan(
        "format: goldenthread-plan/1\n"
        "cycle: {code: C, name: C, start_year: 2028, end_year: 2029, baseline_year: 2027}\n"
        "levels: [{code: goal, name: Goal, kind: impact}]\n"
        "units: [{code: U, name: U}]\n"
        "results: [{code: G, level: goal, title: G, unit: U}]\n"
        "indicators: [{code: K, result: G, name: K, targets: {2028: 1, '2028': 2}}]\n"
    )
    assert errors_of(document) == ["indicators[0].targets.2028: period 2028 is given twice"]
