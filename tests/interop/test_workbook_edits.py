"""An edited workbook changes exactly the records whose cells changed, through the audited
services; new rows create records; rows left out change nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Allocation, CostLine
from goldenthread.indicators.models import Indicator, Target
from goldenthread.interop.services import plan_dump
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.risks.models import Risk
from tests.interop.helpers import table_counts
from tests.interop.test_workbook_support import (
    add_row,
    audit_count,
    cell,
    exported,
    full_cycle,
    row_of,
    run_import,
    save,
    set_cell,
)

pytestmark = pytest.mark.django_db
__all__ = ["full_cycle"]


def new_audit_rows(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.order_by("id")[since:])


def test_editing_a_few_cells_changes_exactly_those_records_and_audits_each(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "OP1", "Title", "National broadband plans adopted")
    set_cell(book, "Indicators", "K1", "Target 2031", 82.5)
    set_cell(book, "Cost lines", ("OP1", 2028, "travel_events", "regular_budget"), "Amount", 13500.75)
    set_cell(book, "Allocations", ("P001", "A1", 2029), "Share", 0.4)
    set_cell(book, "Risks", "R2", "Likelihood", 4)
    before = plan_dump(full_cycle)
    audits = audit_count()

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert [str(c) for c in report.changes] == [
        "Results row 4: updated result OP1: Title 'Broadband plans adopted' → "
        "'National broadband plans adopted'",
        "Indicators row 2: updated indicator K1: Target 2031 '80' → '82.5'",
        "Cost lines row 2: updated cost line OP1 2028 travel_events regular_budget: "
        "Amount '12000' → '13500.75'",
        "Allocations row 3: updated allocation P001 A1 2029: Share '0.5' → '0.4'",
        "Risks row 3: updated risk R2: Likelihood '3' → '4'",
    ]
    assert report.summary()[0] == "Imported plan.xlsx into FULL2028: 0 created, 5 updated, 0 deleted."
    after = plan_dump(full_cycle)
    expected = before
    next(r for r in expected["results"] if r["code"] == "OP1")["title"] = (
        "National broadband plans adopted"
    )
    expected["indicators"][0]["targets"]["2031"] = 82.5
    expected["costs"][0]["amount"] = "13500.75"
    expected["allocations"][1]["share"] = 0.4
    expected["risks"][1]["likelihood"] = 4
    assert after == expected

    rows = new_audit_rows(audits)
    assert [(r.action, r.object_type, r.before, r.after) for r in rows] == [
        ("update", "plans.result", {"title": "Broadband plans adopted"},
         {"title": "National broadband plans adopted"}),
        ("update", "indicators.target", {"value": "80.000000"}, {"value": "82.500000"}),
        ("update", "finance.costline", {"amount": "12000.00"}, {"amount": "13500.75"}),
        ("update", "finance.allocation", {"share": "0.5000"}, {"share": "0.4000"}),
        ("update", "risks.risk", {"likelihood": 3}, {"likelihood": 4}),
    ]
    assert {r.actor_label for r in rows} == {"cli:planner"}
    # Targets are set by indicators.services.target_set, which takes no message.
    assert {r.message for r in rows if r.object_type != "indicators.target"} == {
        "imported from the workbook plan.xlsx"
    }


def test_a_dry_run_reports_the_same_changes_and_writes_nothing(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "OP1", "Priority", "should")
    add_row(book, "Risks", Code="R3", Unit="HQ", Category="strategic", Title="Mandate changes",
            Likelihood=2, Impact=4)
    counts = table_counts()
    path = save(book, tmp_path)

    dry = run_import(path, dry_run=True)

    assert dry.ok and table_counts() == counts
    assert [str(c) for c in dry.changes] == [
        "Results row 4: updated result OP1: Priority 'must' → 'should'",
        "Risks row 4: created risk R3",
    ]
    assert dry.summary()[0] == "Would import plan.xlsx into FULL2028: 1 created, 1 updated, 0 deleted."
    assert dry.summary()[-1] == "Dry run: nothing was written."
    real = run_import(path)
    assert real.changes == dry.changes and real.written
    assert Result.objects.get(code="OP1").priority == "should"
    assert Risk.objects.get(code="R3").impact == 4


def test_new_rows_create_results_with_their_links_indicators_targets_and_money(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    add_row(book, "Results", Code="OP3", Level="output", Title="Spectrum plans", Unit="DEP",
            Priority="Must have", Parents="O1; G1*0.3", Tags="spectrum; SDG 9")
    add_row(book, "Indicators", Code="K9", Result="OP3", Name="Plans published",
            Unit_of_measure="number", Baseline=0, **{"Target 2029": 10, "Target 2031": 25})
    add_row(book, "Cost lines", Result="OP3", Year=2029, Category="equipment_it", Source="EU",
            Amount=70000)
    add_row(book, "Allocations", Person="P002", Result="OP3", Year=2030, Share=0.1)
    audits = audit_count()

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert [c.action for c in report.changes] == ["create"] * 4
    result = Result.objects.get(code="OP3")
    assert (result.priority, result.tags, result.unit.code) == ("must", ["spectrum", "SDG 9"], "DEP")
    assert sorted(
        (link.parent.code, link.weight) for link in Link.objects.filter(child=result)
    ) == [("G1", Decimal("0.3")), ("O1", Decimal("1"))]
    indicator = Indicator.objects.get(code="K9")
    assert (indicator.baseline_year, indicator.baseline_value) == (2027, 0)  # the cycle's baseline
    assert sorted(Target.objects.filter(indicator=indicator).values_list("year", "value")) == [
        (2029, Decimal("10")), (2031, Decimal("25")),
    ]
    cost = CostLine.objects.get(result=result)
    assert (cost.source.code, cost.amount) == ("EU", Decimal("70000.00"))
    assert Allocation.objects.get(result=result).share == Decimal("0.1")
    created = {r.object_type for r in new_audit_rows(audits) if r.action == "create"}
    assert created == {"plans.result", "plans.link", "indicators.indicator", "indicators.target",
                       "finance.costline", "finance.allocation"}


def test_changing_parents_removes_and_adds_links_and_keeps_the_assumptions_of_the_rest(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    assert cell(book, "Results", "O1", "Parents").value == "G1*0.5"
    set_cell(book, "Results", "O1", "Parents", "G1*0.75")
    set_cell(book, "Results", "OP2", "Parents", "O1*1.5; OP1")

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    o1 = Link.objects.get(child__code="O1")
    assert (o1.parent.code, o1.weight, o1.assumption) == (
        "G1", Decimal("0.75"), "Markets stay open to new operators",
    )
    assert sorted(
        (link.parent.code, link.weight) for link in Link.objects.filter(child__code="OP2")
    ) == [("O1", Decimal("1.5")), ("OP1", Decimal("1"))]
    assert [str(c) for c in report.changes][1] == (
        "Results row 5: updated result OP2: Parents 'G1*0.25; O1*1.5' → 'O1*1.5; OP1'"
    )


def test_clearing_a_target_cell_removes_that_target_and_an_empty_cell_clears_a_field(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Indicators", "K1", "Target 2028-Q2", None)
    set_cell(book, "Risks", "R1", "Owner", None)

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    targets = Target.objects.filter(indicator__code="K1").values_list("year", "quarter")
    assert sorted(targets) == [(2028, 0), (2031, 0)]
    assert Risk.objects.get(code="R1").owner is None


def test_a_new_target_column_sets_targets_for_that_period(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    ws = book["Indicators"]
    column = ws.max_column + 1
    ws.cell(row=1, column=column, value="Target 2030-Q3")
    ws.cell(row=row_of(book, "Indicators", "K1"), column=column, value=76)

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert Target.objects.get(indicator__code="K1", year=2030, quarter=3).value == 76


def test_rows_left_out_of_the_workbook_are_left_unchanged_and_reported(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    book["Risks"].delete_rows(row_of(book, "Risks", "R2"))
    book["Cost lines"].delete_rows(2, 2)
    counts = table_counts()

    report = run_import(save(book, tmp_path))

    assert report.ok and report.changes == []
    assert table_counts() == counts
    assert report.unchanged == {
        "Cost lines": ["OP1 2028 travel_events regular_budget", "OP1 2029 consultants_contractual EU"],
        "Risks": ["R2"],
    }
    assert report.summary()[1:] == [
        "Left unchanged: 2 cost lines not in the workbook (OP1 2028 travel_events "
        "regular_budget, OP1 2029 consultants_contractual EU)",
        "Left unchanged: 1 risks not in the workbook (R2)",
    ]


def test_labels_and_codes_of_closed_vocabularies_are_read_in_any_case(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "OP2", "Priority", "Should have")
    set_cell(book, "Risks", "R2", "Category", "REPUTATIONAL")

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert Result.objects.get(code="OP2").priority == "should"
    assert Risk.objects.get(code="R2").category == "reputational"


def test_typing_over_a_read_only_cell_is_not_imported_and_says_so(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Indicators", "K1", "Actual 2028", 99)
    set_cell(book, "Cost lines", ("OP1", 2028, "travel_events", "regular_budget"), "Result title",
             "Renamed here")

    report = run_import(save(book, tmp_path))

    assert report.ok and report.changes == []
    assert report.notes == [
        "Indicators row 2 (Actual 2028): read-only, not imported",
        "Cost lines row 2 (Result title): read-only, not imported",
    ]
    assert Result.objects.get(code="OP1").title == "Broadband plans adopted"
