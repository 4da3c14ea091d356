"""--user on the finance, scenario, workforce and workbook commands: the output is what
that user may see, and writes check their roles (docs/permissions.md, the command line)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Scenario
from goldenthread.plans.models import Cycle, Result


def run(*args: str) -> Any:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    text = out.getvalue()
    return json.loads(text) if "--format" in args and "json" in args else text


def test_the_financial_plan_of_a_department_is_its_own_money(fin: Cycle, head_a):
    whole = run("finance", "plan", "--cycle", "FIN", "--by", "unit", "--format", "json")
    mine = run("finance", "plan", "--cycle", "FIN", "--by", "unit", "--format", "json",
               "--user", "hana")
    assert {row["code"] for row in whole} == {"DEPA", "DEPB"}
    assert [(row["code"], row["total"]) for row in mine] == [("DEPA", "1460000.00")]


def test_the_gap_needs_the_whole_organisations_money(fin: Cycle, head_a, planner):
    with pytest.raises(CommandError, match=r"hana: the funding gap .* you see the money of DEPA"):
        run("finance", "gap", "--cycle", "FIN", "--user", "hana")
    gap = run("finance", "gap", "--cycle", "FIN", "--format", "json", "--user", "pat")
    assert [y["gap"] for y in gap["by_year"]] == ["170000.00"] * 4


def test_an_output_of_another_department_is_refused_by_name(fin: Cycle, member_b):
    with pytest.raises(CommandError, match="sue: You may not see this result: it belongs to DEPA"):
        run("finance", "output", "--cycle", "FIN", "OP1", "--user", "sue")
    cost = run("finance", "output", "--cycle", "FIN", "OP2", "--format", "json", "--user", "sue")
    assert cost["code"] == "OP2"


def test_unknown_users_and_outsiders_are_refused(fin: Cycle, outsider):
    with pytest.raises(CommandError, match="no user 'nobody'"):
        run("workforce", "--cycle", "FIN", "--user", "nobody")
    with pytest.raises(CommandError, match="olga: You may not see"):
        run("workforce", "--cycle", "FIN", "--user", "olga")
    with pytest.raises(CommandError, match="olga: You may not see"):
        run("scenario", "--cycle", "FIN", "--list", "--user", "olga")


def test_the_workforce_of_a_department_lists_its_people(fin: Cycle, head_a):
    report = run("workforce", "--cycle", "FIN", "--format", "json", "--all-people",
                 "--user", "hana")
    assert {p["code"] for p in report["people"]} == {"S1", "T1"}


def test_saving_a_scenario_needs_the_planner_or_finance_role_and_is_audited_under_the_user(
    fin: Cycle, head_a, planner,
):
    with pytest.raises(CommandError, match="hana: You may not save or change the scenarios"):
        run("scenario", "--cycle", "FIN", "--envelope", "2028=250000", "--save", "S",
            "--user", "hana")
    run("scenario", "--cycle", "FIN", "--envelope", "2028=250000", "--save", "S", "--user", "pat")
    scenario = Scenario.objects.get(cycle=fin, code="S")
    entry = AuditEntry.objects.get(object_type="finance.scenario", object_id=str(scenario.pk))
    assert entry.actor == planner and entry.actor_label == "pat"
    with pytest.raises(CommandError, match="hana: You may not save"):
        run("scenario", "--cycle", "FIN", "--delete", "S", "--user", "hana")
    # reading it as the department: its own outputs, no envelopes
    result = run("scenario", "--cycle", "FIN", "--run", "S", "--format", "json", "--user", "hana")
    codes = {o["code"] for o in result["funded"] + result["unfunded"]}
    assert codes <= {"OP1", "OP3"} and "OP1" in codes
    assert result["envelopes"] == []


def test_the_workbook_of_a_user_holds_what_they_see_and_imports_what_they_may_write(
    fin: Cycle, member_b, tmp_path: Path,
):
    from tests.finance.pages import grant

    path = tmp_path / "sue.xlsx"
    run("workbook", "export", "--cycle", "FIN", "-o", str(path), "--user", "sue")
    codes = {c.value for c in load_workbook(path)["Results"]["A"]}
    assert "OP2" in codes and "OP1" not in codes
    with pytest.raises(CommandError, match="sue: none of your roles in FIN"):
        run("workbook", "import", str(path), "--user", "sue")
    grant(member_b, fin, "DEPB", "planner")
    book = load_workbook(path)
    sheet = book["Results"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "OP2")
    sheet.cell(row, headers.index("Title") + 1).value = "Output two, by Sue"
    book.save(path)
    text = run("workbook", "import", str(path), "--user", "sue")
    assert "Imported sue.xlsx into FIN: 0 created, 1 updated, 0 deleted." in text
    assert Result.objects.get(cycle=fin, code="OP2").title == "Output two, by Sue"
    entry = AuditEntry.objects.filter(object_type="plans.result").latest("at")
    assert entry.actor == member_b
