"""A workbook with problems gets every problem listed by sheet, row and column, all at once,
and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from goldenthread.plans.models import Cycle
from tests.interop.helpers import table_counts
from tests.interop.test_workbook_support import (
    add_row,
    exported,
    full_cycle,
    problems,
    run_import,
    save,
    set_cell,
)

pytestmark = pytest.mark.django_db
__all__ = ["full_cycle"]
COST = ("OP1", 2028, "travel_events", "regular_budget")


def refused(book: Workbook, folder: Path) -> list[str]:
    """Import the workbook, expect it refused with nothing written; its problems as text."""
    counts = table_counts()
    report = run_import(save(book, folder))
    assert not report.ok
    assert table_counts() == counts
    assert not report.written
    return problems(report)


def test_text_in_a_number_cell_is_named_by_its_cell(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Cost lines", COST, "Amount", "12,000 CHF")
    set_cell(book, "Allocations", ("P001", "A1", 2028), "Share", "a quarter")
    set_cell(book, "Risks", "R1", "Likelihood", "high")
    set_cell(book, "Risks", "R1", "Last reviewed", "31/03/2028")
    set_cell(book, "Indicators", "K2", "Target 2031", "maybe")
    assert refused(book, tmp_path) == [
        'Indicators!N3 (targets.2031): "maybe" is not yes or no (the indicator is yes_no)',
        'Cost lines!F2 (amount): "12,000 CHF" is not a number',
        'Allocations!F2 (share): "a quarter" is not a number',
        'Risks!F2 (likelihood): "high" is not a whole number',
        'Risks!M2 (last_reviewed): "31/03/2028" is not a date (YYYY-MM-DD)',
    ]


def test_an_unknown_code_is_named_by_its_cell(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "OP2", "Unit", "XX")
    set_cell(book, "Results", "A1", "Parents", "OP9")
    set_cell(book, "Cost lines", COST, "Source", "WORLD-BANK")
    set_cell(book, "Risks", "R2", "Owner", "P999")
    assert refused(book, tmp_path) == [
        "Results!D5 (unit): no unit 'XX' in the plan",
        "Results!I6 (parents): no result 'OP9' in the plan",
        "Cost lines!E2 (source): no fund 'WORLD-BANK' in the plan",
        "Risks!J3 (owner): no person 'P999' in the plan",
    ]


def test_a_link_loop_is_named_with_the_loop(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "G1", "Parents", "A1")
    assert refused(book, tmp_path) == [
        "Results!I2 (parents): link loop: G1 → A1 → OP1 → O1 → G1",
    ]


def test_shares_weights_and_money_out_of_range_are_refused(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Allocations", ("P001", "A1", 2028), "Share", 1.2)
    set_cell(book, "Allocations", ("P001", "A1", 2029), "Share", 0)
    set_cell(book, "Cost lines", COST, "Amount", -500)
    set_cell(book, "Results", "OP1", "Parents", "O1*0")
    set_cell(book, "Indicators", "K1", "Weight", 0.12345)
    errors = refused(book, tmp_path)
    assert errors == [
        "Results!I4 (parents): 0 must be above 0; a weight above 0, with at most 4 decimal places.",
        "Indicators!G2 (weight): weight 0.12345 has more than 4 decimal places",
        "Cost lines!F2 (amount): -500 is below 0; money: a decimal string such as \"12000.00\" "
        "(preferred) or a number, not negative, at most 2 decimal places.",
        "Allocations!F2 (share): 1.2 is above 1; a share above 0 and at most 1, with at most 4 "
        "decimal places.",
        "Allocations!F3 (share): 0 must be above 0; a share above 0 and at most 1, with at most 4 "
        "decimal places.",
    ]


def test_duplicate_codes_and_keys_name_the_first_row(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    add_row(book, "Results", Code="OP1", Level="output", Title="Again", Unit="DEP")
    add_row(book, "Cost lines", Result="OP1", Year=2028, Category="travel_events", Amount=1)
    assert refused(book, tmp_path) == [
        "Results!A7 (code): duplicate result code 'OP1' (first at Results row 4)",
        "Cost lines row 4: duplicate cost line for OP1 2028 travel_events regular_budget (first "
        "at Cost lines row 2)",
    ]


def test_periods_outside_the_cycle_and_missing_values_are_refused(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Cost lines", COST, "Year", 2035)
    add_row(book, "Risks", Code="R9", Unit="HQ", Category="strategic", Likelihood=2, Impact=2)
    ws = book["Indicators"]
    ws.cell(row=1, column=ws.max_column + 1, value="Target 2040")
    ws.cell(row=2, column=ws.max_column, value=5)
    letter = get_column_letter(ws.max_column)
    assert refused(book, tmp_path) == [
        f"Indicators!{letter}2 (targets.2040): 2040 is outside the cycle 2028-2031",
        "Cost lines!C2 (year): 2035 is outside the cycle 2028-2031",
        "Risks!E4 (title): required; the cell is empty",
    ]


def test_a_missing_sheet_is_refused(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    book["Risks"].title = "Risk register"
    assert refused(book, tmp_path) == [
        'Risks: the workbook has no sheet "Risks" (an operational-plan workbook has: Results, '
        'Indicators, Cost lines, Allocations, Risks)',
    ]


def test_missing_unknown_and_twice_given_columns_are_refused(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    book["Results"].delete_cols(3)  # Title
    book["Risks"]["P1"] = "Colour"
    book["Risks"]["P2"] = "red"
    book["Cost lines"]["B1"] = "Amount"
    set_cell(book, "Allocations", ("P001", "A1", 2028), "Share", 7)
    errors = refused(book, tmp_path)
    assert errors[0] == (
        'Results: missing column "Title"; the key and required columns must be there'
    )
    assert errors[1] == 'Cost lines!F1: column "Amount" is there twice (also column B)'
    assert errors[2].startswith("Allocations!F2 (share): 7 is above 1")
    assert errors[3].startswith('Risks!P1: unknown column "Colour"; the columns of this sheet are: '
                                "Code, Unit, Result, Category")
    assert len(errors) == 4


def test_an_optional_column_removed_leaves_its_values_unchanged(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    book["Results"].delete_cols(11)  # Description
    report = run_import(save(book, tmp_path))
    assert report.ok and report.changes == []
    assert Cycle.objects.get(code="FULL2028").results.get(code="O1").description


def test_a_file_that_is_not_a_workbook_is_refused(full_cycle: Cycle, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("code,title\nG1,Connectivity\n")
    report = run_import(path)
    assert problems(report) == ["cannot read the workbook: it is not an .xlsx workbook"]


def test_the_workbook_of_another_cycle_is_refused(full_cycle: Cycle, tmp_path: Path) -> None:
    from tests.factories import make_cycle

    other = make_cycle("OTHER")
    path = save(exported(full_cycle), tmp_path)
    report = run_import(path, cycle=other)
    assert problems(report) == [
        "About: this workbook holds the plan of cycle 'FULL2028', not 'OTHER'"
    ]


def test_every_problem_comes_at_once_and_an_unreadable_cell_is_named_only_once(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    add_row(book, "Cost lines", Result="OP2", Year=2030, Category="other_direct", Amount="lots")
    set_cell(book, "Results", "G1", "Parents", "O1")
    set_cell(book, "Risks", "R2", "Residual likelihood", 2)
    assert refused(book, tmp_path) == [
        "Results!I2 (parents): link loop: G1 → O1 → G1",
        'Cost lines!F4 (amount): "lots" is not a number',
        "Risks!I3 (residual_impact): give both residual_likelihood and residual_impact, or neither",
    ]
