"""``goldenthread dump --user USERNAME`` writes the plan as that user sees it; without
``--user`` the operator of the machine dumps everything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from goldenthread.interop.planfile import validate_plan
from tests.pages.plan import Plan, grant


def _dump(tmp_path: Path, *args: str) -> dict[str, Any]:
    target = tmp_path / "plan.json"
    call_command("dump", "--cycle", "SP2028", "-o", str(target), *args)
    return json.loads(target.read_text(encoding="utf-8"))


def _codes(document: dict[str, Any], key: str) -> set[str]:
    return {row["code"] for row in document.get(key, [])}


def test_without_a_user_the_operator_dumps_the_whole_plan(plan: Plan, tmp_path: Path):
    document = _dump(tmp_path)
    assert _codes(document, "results") == set(plan.results)
    assert _codes(document, "units") == set(plan.units)


def test_as_a_member_of_a_department_it_holds_what_they_see(plan: Plan, owner, tmp_path: Path):
    document = _dump(tmp_path, "--user", "amina")
    assert _codes(document, "units") == {"ITU", "BDT", "BDT-DNS"}
    assert _codes(document, "people") == {"S0001"}
    assert _codes(document, "results") == {"G1", "G2", "O1.1", "OP9.9", "OP1.1.1", "A1.1.1.1"}
    assert _codes(document, "indicators") == {"K1", "K2"}
    assert _codes(document, "risks") == {"R1", "R3"}
    assert {c["result"] for c in document["costs"]} == {"OP1.1.1"}
    assert [(a["person"], a["result"]) for a in document["allocations"]] == [("S0001", "A1.1.1.1")]
    assert {a["result"] for a in document["assumptions"]} == {"OP1.1.1"}
    # the organisation's own records: levels, grades, funds, revenue, action lines
    assert len(document["levels"]) == 4
    assert {g["code"] for g in document["grades"]} == {"P4", "P5"}
    assert len(document["action_lines"]) == 4
    assert len(document["revenue"]) == 1


def test_references_to_what_the_user_may_not_see_are_left_out(plan: Plan, owner, tmp_path: Path):
    document = _dump(tmp_path, "--user", "amina")
    output = next(r for r in document["results"] if r["code"] == "OP1.1.1")
    assert [p["code"] for p in output["parents"]] == ["O1.1"]  # O2.1 is TSB's
    text = json.dumps(document)
    for hidden in ("O2.1", "OP1.2.1", "BR-TSD", "S0002", "Jonas Berg", "Interference"):
        assert hidden not in text
    validate_plan(document)  # it still loads


def test_a_planner_on_the_organisation_dumps_everything(plan: Plan, owner, tmp_path: Path):
    grant(owner, plan, "ITU", "planner")
    assert _dump(tmp_path, "--user", "amina") == _dump(tmp_path)


def test_it_refuses_a_user_with_no_role_in_the_cycle(plan: Plan, outsider, tmp_path: Path):
    with pytest.raises(CommandError, match=r"visitor: You may not see SP2028 .*no role in this cycle"):
        _dump(tmp_path, "--user", "visitor")
    assert not (tmp_path / "plan.json").exists()


def test_it_refuses_an_unknown_user(plan: Plan, tmp_path: Path):
    with pytest.raises(CommandError, match="no user 'ghost'"):
        _dump(tmp_path, "--user", "ghost")


def test_an_unknown_cycle_names_only_the_cycles_the_user_sees(plan: Plan, outsider):
    with pytest.raises(CommandError) as refused:
        call_command("dump", "--cycle", "NOPE", "--user", "visitor")
    assert str(refused.value) == "no cycle 'NOPE'"
