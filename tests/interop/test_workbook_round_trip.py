"""Exporting a workbook and importing it unchanged changes nothing, on every kind of plan."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from goldenthread.core.audit import Actor
from goldenthread.demo.builder import demo_document
from goldenthread.demo.generator import write_plan
from goldenthread.finance.models import CostLine
from goldenthread.interop.planfile import read_plan
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.interop.workbook import workbook_export
from goldenthread.plans.models import Cycle
from tests.interop.helpers import table_counts
from tests.interop.test_workbook_support import (
    audit_count,
    cell,
    exported,
    full_cycle,
    run_import,
    save,
    set_cell,
)

pytestmark = pytest.mark.django_db
__all__ = ["full_cycle"]


def _assert_unchanged_round_trip(cycle: Cycle, folder: Path) -> None:
    before_plan = plan_dump(cycle)
    before_counts = table_counts()
    path = folder / "plan.xlsx"
    path.write_bytes(workbook_export(cycle))
    report = run_import(path)
    assert report.ok, report.problems
    assert report.changes == []
    assert report.unchanged == {}
    assert report.summary()[0] == f"No changes: plan.xlsx matches the plan {cycle.code}."
    assert table_counts() == before_counts  # no record and no audit row written
    assert plan_dump(cycle) == before_plan


def test_an_unchanged_workbook_of_the_full_plan_changes_nothing(full_cycle: Cycle, tmp_path: Path) -> None:
    _assert_unchanged_round_trip(full_cycle, tmp_path)


def test_an_unchanged_workbook_saved_by_a_spreadsheet_program_changes_nothing(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    """Opening and saving the workbook again (as a planner's program does) keeps every value."""
    audits = audit_count()
    report = run_import(save(exported(full_cycle), tmp_path))
    assert report.ok and report.changes == []
    assert audit_count() == audits


def test_an_unchanged_workbook_of_the_demo_plan_changes_nothing(tmp_path: Path) -> None:
    cycle = plan_load(actor=Actor(label="demo"), document=demo_document(), source="demo")
    _assert_unchanged_round_trip(cycle, tmp_path)


@pytest.mark.slow
def test_an_unchanged_workbook_of_a_generated_s_plan_changes_nothing(tmp_path: Path) -> None:
    write_plan("S", 5, tmp_path / "s.json")
    cycle = plan_load(actor=Actor(label="generate"), document=read_plan(tmp_path / "s.json"))
    _assert_unchanged_round_trip(cycle, tmp_path)


def test_money_round_trips_to_the_cent(full_cycle: Cycle, tmp_path: Path) -> None:
    line = CostLine.objects.get(result__code="OP1", year=2029)
    CostLine.objects.filter(pk=line.pk).update(amount=Decimal("1234567890123.45"))
    book = exported(full_cycle)
    key = ("OP1", 2029, "consultants_contractual", "EU")
    assert cell(book, "Cost lines", key, "Amount").value == pytest.approx(1234567890123.45)
    report = run_import(save(book, tmp_path))
    assert report.ok and report.changes == []
    set_cell(book, "Cost lines", key, "Amount", 1000.125)
    report = run_import(save(book, tmp_path))
    assert problems_of(report) == [
        "Cost lines!F3 (amount): amount 1000.125 has more than 2 decimal places"
    ]
    set_cell(book, "Cost lines", key, "Amount", 1000.1)
    report = run_import(save(book, tmp_path))
    assert report.ok
    assert CostLine.objects.get(pk=line.pk).amount == Decimal("1000.10")


@pytest.mark.postgres  # SQLite hands Django decimals through doubles, 15 digits at most
def test_money_beyond_a_spreadsheets_digits_is_written_as_text_and_read_back_exactly(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    big = CostLine.objects.get(result__code="OP1", year=2028)
    CostLine.objects.filter(pk=big.pk).update(amount=Decimal("9876543210987654.32"))
    book = exported(full_cycle)
    key = ("OP1", 2028, "travel_events", "regular_budget")
    assert cell(book, "Cost lines", key, "Amount").value == "9876543210987654.32"
    report = run_import(save(book, tmp_path))
    assert report.ok and report.changes == []
    set_cell(book, "Cost lines", key, "Amount", "9876543210987654.31")
    report = run_import(save(book, tmp_path))
    assert report.ok and len(report.changes) == 1
    assert CostLine.objects.get(pk=big.pk).amount == Decimal("9876543210987654.31")


def problems_of(report: object) -> list[str]:
    return [str(p) for p in report.problems]  # type: ignore[attr-defined]


def test_the_workbook_is_laid_out_for_a_planner(full_cycle: Cycle) -> None:
    book = load_workbook(io.BytesIO(workbook_export(full_cycle, Actor(label="cli:ada"))))
    assert book.sheetnames == [
        "About", "Results", "Indicators", "Cost lines", "Allocations", "Risks", "Lists", "_base",
    ]
    assert book["_base"].sheet_state == "veryHidden"
    assert book["About"].protection.sheet and book["Lists"].protection.sheet
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Format"] == "goldenthread-workbook/1"
    assert about["Cycle"] == "FULL2028"
    assert about["Exported by"] == "cli:ada"
    assert about["Currency"] == "USD"

    results = book["Results"]
    assert results.freeze_panes == "B2"
    assert [c.value for c in results[1]] == [
        "Code", "Level", "Title", "Unit", "Person", "Priority", "Method", "Status", "Parents",
        "Tags", "Description", "Delete",
    ]
    assert results["A1"].font.bold and results["A1"].fill.fgColor.rgb.endswith("2B2619")
    assert results.column_dimensions["C"].width == 48
    assert cell(book, "Results", "OP2", "Parents").value == "G1*0.25; O1*1.5"
    assert cell(book, "Results", "G1", "Tags").value == "SDG 9.c; connectivity"
    assert cell(book, "Results", "A1", "Code").number_format == "@"  # codes stay text

    indicators = [c.value for c in book["Indicators"][1]]
    assert indicators[7:17] == [
        "Baseline year", "Baseline", "Target 2028", "Target 2028-Q2", "Target 2029",
        "Target 2030", "Target 2031", "Actual 2028", "Actual 2028-Q2", "Frequency",
    ]
    assert cell(book, "Indicators", "K2", "Target 2031").value == "yes"
    assert cell(book, "Indicators", "K3", "Baseline").value == "Restrictive"

    amount = cell(book, "Cost lines", ("OP1", 2029, "consultants_contractual", "EU"), "Amount")
    assert amount.value == pytest.approx(5000.5) and amount.number_format == "#,##0.00"
    personnel = cell(book, "Allocations", ("P001", "A1", 2029), "Personnel cost")
    assert personnel.value == pytest.approx(117800.25)  # 0.5 x 235,600.50
    assert cell(book, "Risks", "R1", "Last reviewed").number_format == "yyyy-mm-dd"

    lists = book["Lists"]
    assert [lists.cell(row=r, column=1).value for r in range(1, 6)] == [
        "Levels", "goal", "outcome", "output", "activity",
    ]
    drop_downs = {str(dv.sqref).split(":")[0]: dv.formula1
                  for dv in results.data_validations.dataValidation}
    assert drop_downs["B2"] == "Lists!$A$2:$A$5"  # levels
    assert drop_downs["D2"] == "Lists!$D$2:$D$4"  # units
    assert drop_downs["E2"] == "Lists!$G$2:$G$3"  # people
    assert "I2" not in drop_downs  # parents are typed
    priorities = drop_downs["F2"].split("!")[1].split(":")[0].replace("$", "")
    assert [lists[priorities[:-1] + str(r)].value for r in range(1, 6)] == [
        "Priority (results)", "must", "should", "could", "wont",
    ]


def test_an_edited_workbook_of_the_demo_plan_changes_exactly_the_edited_records(
    tmp_path: Path,
) -> None:
    from goldenthread.core.models import AuditEntry

    cycle = plan_load(actor=Actor(label="demo"), document=demo_document(), source="demo")
    book = exported(cycle)
    results = book["Results"]
    code = results["A2"].value
    results["C2"] = "A sharper goal"
    costs = book["Cost lines"]
    costs["F2"] = (costs["F2"].value or 0) + 1000
    audits = AuditEntry.objects.count()

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert [(c.sheet, c.row, c.action) for c in report.changes] == [
        ("Results", 2, "update"), ("Cost lines", 2, "update"),
    ]
    rows = list(AuditEntry.objects.order_by("id")[audits:])
    assert [(r.object_type, sorted(r.after)) for r in rows] == [
        ("plans.result", ["title"]), ("finance.costline", ["amount"]),
    ]
    assert rows[0].object_repr == f"{code} A sharper goal"
