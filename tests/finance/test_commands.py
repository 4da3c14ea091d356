"""``goldenthread finance``, ``scenario`` and ``workforce``: JSON with decimal strings,
tables with totals, and bad input refused with the argument named."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Scenario
from goldenthread.plans.models import Cycle

Run = Callable[..., subprocess.CompletedProcess[str]]


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json"))


def test_finance_plan_prints_a_list_of_objects_with_decimal_strings(small_plan: Cycle) -> None:
    rows = run_json("finance", "plan", "--cycle", "FIN", "--by", "outcome")
    assert rows[0] == {
        "code": "O1", "name": "Outcome one",
        "by_year": {str(y): "240000.00" for y in (2028, 2029, 2030, 2031)}, "total": "960000.00",
    }
    assert rows[-1]["code"] == "" and rows[-1]["name"] == "Unattributed"
    rows = run_json("finance", "plan", "--cycle", "FIN", "--by", "source", "--year", "2029")
    assert rows == [
        {"code": "F1", "name": "Trust fund one", "by_year": {"2029": "30000.00"}, "total": "30000.00"},
        {"code": "regular_budget", "name": "Regular budget", "by_year": {"2029": "460000.00"},
         "total": "460000.00"},
    ]


def test_finance_plan_prints_a_table_with_a_totals_row(small_plan: Cycle) -> None:
    text = run("finance", "plan", "--cycle", "FIN", "--by", "unit")
    assert "Financial plan of FIN by unit (CHF)" in text
    assert "DEPA" in text and "Total" in text and "1,960,000.00" in text


def test_finance_gap_output_and_revenue(small_plan: Cycle) -> None:
    gap = run_json("finance", "gap", "--cycle", "FIN")
    assert gap["by_year"][0] == {"year": 2028, "cost": "490000.00", "revenue": "320000.00",
                                 "earmarked": "20000.00", "unassigned": "0.00", "gap": "170000.00"}
    assert [o["code"] for o in gap["by_outcome"]] == ["O1", "O2", ""]
    assert "Funding gap of FIN" in run("finance", "gap", "--cycle", "FIN")
    output = run_json("finance", "output", "--cycle", "FIN", "OP2")
    assert output["total"] == "300000.00"
    assert output["outcomes"] == [{"code": "O1", "title": "Outcome one", "portion": "0.333333"},
                                  {"code": "O2", "title": "Outcome two", "portion": "0.666667"}]
    assert {o["kind"] for o in output["origins"]} == {"cost_line", "allocation"}
    assert "Where it came from" in run("finance", "output", "--cycle", "FIN", "OP2")
    revenue = run_json("finance", "revenue", "--cycle", "FIN")
    assert revenue["earmarked"][0]["outcome"] == "O2"


def test_scenario_runs_saves_lists_compares_and_deletes(small_plan: Cycle) -> None:
    result = run_json("scenario", "--cycle", "FIN", "--envelope", "2028=299,999.99",
                      "--envelope", "2029=1_000_000")
    assert result["years"] == [2028, 2029]
    assert [d["code"] for d in result["funded"]] == ["OP1", "OP2"]
    assert result["unfunded"][0]["reason"] == "does not fit: needs 10,000.00 in 2028, 9,999.99 left"
    run("scenario", "--cycle", "FIN", "--from-plan", "--save", "BASE")
    run("scenario", "--cycle", "FIN", "--from-plan", "--scale-source", "extrabudgetary=0.8",
        "--save", "EB80", "--name", "Extrabudgetary income falls by 20%")
    saved = Scenario.objects.get(code="EB80")
    assert saved.description == "Envelopes from the plan's costs by source, extrabudgetary x 0.8"
    listed = run_json("scenario", "--cycle", "FIN", "--list")
    assert [s["code"] for s in listed] == ["BASE", "EB80"]
    ran = run_json("scenario", "--cycle", "FIN", "--run", "EB80")
    assert ran["outcomes_without_funded_output"] == ["O2"]
    compared = run_json("scenario", "--cycle", "FIN", "--compare", "BASE", "EB80")
    assert compared["changed"] == [{"code": "OP2", "title": "Output two", "priority": "should",
                                    "cost_a": "300000.00", "cost_b": "300000.00",
                                    "change": "only_a"}]
    assert "Scenarios side by side" in run("scenario", "--cycle", "FIN", "--compare", "BASE", "EB80")
    run("scenario", "--cycle", "FIN", "--delete", "BASE")
    assert list(Scenario.objects.values_list("code", flat=True)) == ["EB80"]
    assert AuditEntry.objects.filter(object_type="finance.scenario").count() == 3


def test_scenario_with_a_fund_envelope_and_manual_ranks(small_plan: Cycle) -> None:
    result = run_json("scenario", "--cycle", "FIN", "--source", "F1:2028=29999.99",
                      "--rule", "manual", "--rank", "OP3=1")
    assert result["envelopes"] == [{"year": 2028, "source": "F1", "amount": "29999.99",
                                    "used": "0.00", "left": "29999.99"}]
    assert [d["code"] for d in result["unfunded"]] == ["OP2", "OP4"]
    op3 = next(d for d in result["funded"] if d["code"] == "OP3")
    assert op3["rank"] == 1
    text = " ".join(run("scenario", "--cycle", "FIN", "--source", "F1:2028=29999.99",
                        "--rule", "manual", "--rank", "OP3=1").split())
    # OP4 is won't: counted apart from the gap, not among the unfunded
    assert "unfunded: 1 output, " in text
    assert "and 1 output that won't be done" in text and "never funded" in text


def test_saving_over_a_saved_scenario_needs_replace(small_plan: Cycle) -> None:
    run("scenario", "--cycle", "FIN", "--envelope", "2028=1", "--save", "S1")
    with pytest.raises(CommandError, match="already saved in FIN; add --replace"):
        run("scenario", "--cycle", "FIN", "--envelope", "2028=2", "--save", "S1")
    run("scenario", "--cycle", "FIN", "--envelope", "2028=2", "--save", "S1", "--replace")
    assert Scenario.objects.get(code="S1").envelopes.get().amount == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("finance", "plan", "--cycle", "NOPE"), "no cycle 'NOPE'; cycles: FIN"),
        (("finance", "plan", "--cycle", "FIN", "--year", "2040"), "--year 2040: 2040 is outside FIN"),
        (("finance", "output", "--cycle", "FIN", "OP9"), "no result 'OP9' in FIN"),
        (("finance", "output", "--cycle", "FIN", "O1"),
         "O1 is an outcome, not an output: outputs carry the costs that reach it"),
        (("finance", "output", "--cycle", "FIN", "A2"),
         "A2 is an activity, not an output: its cost is counted on the output(s) it serves "
         "(OP1, OP2); give one of them"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=1", "--save", "bad code!"),
         "--save bad code!: Letters, digits, dots, dashes and underscores only, no spaces."),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=abc"),
         "--envelope 2028=abc: 'abc' is not an amount"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028"),
         "--envelope 2028: write YEAR=AMOUNT, e.g. --envelope 2028=150000000"),
        (("scenario", "--cycle", "FIN", "--envelope", "20x8=5"), "--envelope 20x8=5: '20x8' is not a year"),
        (("scenario", "--cycle", "FIN", "--envelope", "2040=5"), "--envelope 2040=5: 2040 is outside FIN"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=-5"), "an amount cannot be negative"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=1.005"), "more than 2 decimal places"),
        (("scenario", "--cycle", "FIN", "--source", "F9=5"),
         "--source F9=5: no fund 'F9' in FIN; funds: F1, regular_budget"),
        (("scenario", "--cycle", "FIN", "--scale-source", "extrabudgetary=0.8"), "add --from-plan"),
        (("scenario", "--cycle", "FIN", "--from-plan", "--scale-source", "donors=0.8"),
         "--scale-source donors=0.8: no fund 'donors'"),
        (("scenario", "--cycle", "FIN", "--from-plan", "--scale-source", "F1=x"), "'x' is not a number"),
        (("scenario", "--cycle", "FIN"), "give at least one envelope"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=1", "--rank", "O1=1"), "no output 'O1'"),
        (("scenario", "--cycle", "FIN", "--envelope", "2028=1", "--rank", "OP1=first"),
         "'first' is not a whole number"),
        (("scenario", "--cycle", "FIN", "--run", "ZZ"), "no saved scenario 'ZZ' in FIN; none is saved"),
        (("workforce", "--cycle", "NOPE"), "no cycle 'NOPE'"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(
    small_plan: Cycle, args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert message in str(caught.value)
    assert not Scenario.objects.exists()


def test_workforce_prints_over_allocation_as_json_and_a_table(small_plan: Cycle) -> None:
    report = run_json("workforce", "--cycle", "FIN")
    assert [p["code"] for p in report["people"]] == ["S1", "S2"]
    assert report["people"][0]["over"] == {str(y): "0.20" for y in (2028, 2029, 2030, 2031)}
    assert report["flexible_share"]["2028"] == round(0.5 / 2.3, 4)
    assert len(run_json("workforce", "--cycle", "FIN", "--all-people")["people"]) == 4
    text = run("workforce", "--cycle", "FIN")
    assert "Over-allocated people (2)" in text and "Flexible workforce" in text


def test_the_installed_command_runs_a_scenario(run_goldenthread: Run, tmp_path: Path) -> None:
    from tests.finance.plan import small_plan_document

    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(small_plan_document()), encoding="utf-8")
    assert run_goldenthread("migrate", "-v", "0").returncode == 0
    assert run_goldenthread("load", str(plan)).returncode == 0
    done = run_goldenthread("scenario", "--cycle", "FIN", "--from-plan", "--scale-source",
                            "extrabudgetary=0.8", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcomes_without_funded_output"] == ["O2"]
    done = run_goldenthread("scenario", "--cycle", "FIN", "--envelope", "2028=abc")
    assert done.returncode != 0
    assert "--envelope 2028=abc: 'abc' is not an amount" in done.stderr


def test_the_score_rule_with_nothing_reported_says_it_used_cost_order(small_plan: Cycle) -> None:
    result = run_json("scenario", "--cycle", "FIN", "--envelope", "2028=1000000", "--rule", "score")
    assert result["rule"] == "score"
    assert result["notes"][0].startswith("No scores are available")
    assert "No scores are available" in run("scenario", "--cycle", "FIN", "--envelope",
                                            "2028=1000000", "--rule", "score")
