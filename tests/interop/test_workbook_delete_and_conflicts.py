"""Records are deleted only when a row says so; changes made in Golden Thread after the export
are never overwritten by cells the planner left alone, and a cell changed on both sides is a
conflict, reported, with nothing written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_delete, object_update
from goldenthread.finance.models import CostLine
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.risks.models import Risk
from tests.interop.helpers import table_counts
from tests.interop.test_workbook_support import (
    audit_count,
    exported,
    full_cycle,
    problems,
    row_of,
    run_import,
    save,
    set_cell,
)

pytestmark = pytest.mark.django_db
__all__ = ["full_cycle"]
SOMEONE = Actor(label="web:colleague")


def test_delete_yes_deletes_the_record_and_audits_it(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Risks", "R2", "Delete", "yes")
    set_cell(book, "Cost lines", ("OP1", 2029, "consultants_contractual", "EU"), "Delete", "yes")
    audits = audit_count()

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert [str(c) for c in report.changes] == [
        "Cost lines row 3: deleted cost line OP1 2029 consultants_contractual EU",
        "Risks row 3: deleted risk R2",
    ]
    assert not Risk.objects.filter(code="R2").exists()
    assert CostLine.objects.filter(result__code="OP1").count() == 1
    assert audit_count() == audits + 2


def test_a_result_still_referred_to_cannot_be_deleted_and_the_references_are_named(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "OP1", "Delete", "yes")
    counts = table_counts()

    report = run_import(save(book, tmp_path))

    assert table_counts() == counts
    assert problems(report) == [
        "Results!I6 (parents): result 'OP1' is deleted by Results row 4; delete or change this "
        "reference too",
        "Indicators!B3 (result): result 'OP1' is deleted by Results row 4; delete or change this "
        "reference too",
        "Cost lines!A2 (result): result 'OP1' is deleted by Results row 4; delete or change this "
        "reference too",
        "Cost lines!A3 (result): result 'OP1' is deleted by Results row 4; delete or change this "
        "reference too",
        "Risks!C2 (result): result 'OP1' is deleted by Results row 4; delete or change this "
        "reference too",
    ]


def test_a_result_deleted_with_everything_that_refers_to_it_goes_with_its_links(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "A1", "Delete", "yes")
    set_cell(book, "Indicators", "K4", "Delete", "yes")
    for year in (2028, 2029):
        set_cell(book, "Allocations", ("P001", "A1", year), "Delete", "yes")
    audits = audit_count()

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert not Result.objects.filter(code="A1").exists()
    assert not Indicator.objects.filter(code="K4").exists()
    assert not Link.objects.filter(child__code="A1").exists()
    # result, its link, indicator and its target, two allocations: each audited
    assert audit_count() == audits + 6


def test_an_indicator_with_approved_actuals_cannot_be_deleted(full_cycle: Cycle, tmp_path: Path) -> None:
    assert Actual.objects.filter(indicator__code="K1", status=ActualStatus.APPROVED).exists()
    book = exported(full_cycle)
    set_cell(book, "Indicators", "K1", "Delete", "yes")

    report = run_import(save(book, tmp_path))

    assert problems(report) == [
        "Indicators row 2: indicator K1 has approved actuals (2028, 2028-Q2), which are locked; "
        "it cannot be deleted",
    ]
    assert Indicator.objects.filter(code="K1").exists()


def test_deleting_what_is_already_gone_is_a_note_not_a_problem(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Risks", "R2", "Delete", "yes")
    path = save(book, tmp_path)
    assert run_import(path).ok
    again = run_import(path)
    assert again.ok and again.changes == []
    assert again.notes == [
        "Risks row 3: risk R2 is marked for deletion but is not in the plan; nothing to delete"
    ]


def test_a_cell_left_as_exported_does_not_overwrite_a_later_change_in_golden_thread(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    object_update(actor=SOMEONE, obj=Result.objects.get(code="OP1"), data={"title": "Newer title"})
    set_cell(book, "Results", "OP1", "Priority", "should")  # the planner changes another cell

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    result = Result.objects.get(code="OP1")
    assert (result.title, result.priority) == ("Newer title", "should")
    assert [str(c) for c in report.changes] == [
        "Results row 4: updated result OP1: Priority 'must' → 'should'"
    ]


def test_a_cell_changed_in_both_places_is_a_conflict_and_nothing_is_written(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    line = CostLine.objects.get(result__code="OP1", year=2028)
    object_update(actor=SOMEONE, obj=line, data={"amount": Decimal("15000.00")})
    set_cell(book, "Cost lines", ("OP1", 2028, "travel_events", "regular_budget"), "Amount", 14000)
    set_cell(book, "Risks", "R2", "Impact", 4)
    counts = table_counts()

    report = run_import(save(book, tmp_path))

    assert table_counts() == counts
    assert problems(report) == [
        'Cost lines!F2 (amount): changed in Golden Thread after this workbook was exported (now '
        '"15000"); export a fresh workbook and make the change again',
    ]
    assert Risk.objects.get(code="R2").impact == 5


def test_a_row_changed_in_the_workbook_but_deleted_in_golden_thread_is_a_conflict(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    object_delete(actor=SOMEONE, obj=Risk.objects.get(code="R2"))
    set_cell(book, "Risks", "R2", "Impact", 4)

    report = run_import(save(book, tmp_path))

    assert problems(report) == [
        "Risks row 3: risk R2 was deleted in Golden Thread after this workbook was exported; "
        "export a fresh workbook to add it again",
    ]


def test_an_untouched_row_deleted_in_golden_thread_is_skipped(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    object_delete(actor=SOMEONE, obj=Risk.objects.get(code="R2"))

    report = run_import(save(book, tmp_path))

    assert report.ok and report.changes == []
    assert not Risk.objects.filter(code="R2").exists()
    assert report.notes == [
        "Risks row 3: risk R2 was deleted in Golden Thread after the export; row skipped"
    ]


def test_deleting_a_row_changed_in_golden_thread_since_the_export_is_refused(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    object_update(actor=SOMEONE, obj=Risk.objects.get(code="R2"), data={"impact": 2})
    set_cell(book, "Risks", "R2", "Delete", "yes")

    report = run_import(save(book, tmp_path))

    assert problems(report) == [
        "Risks row 3: risk R2 was changed in Golden Thread after this workbook was exported "
        "(Impact); look at it again before deleting it",
    ]
    assert Risk.objects.filter(code="R2").exists()


def test_a_workbook_without_its_fingerprints_overwrites_with_every_cell_it_has(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    """A workbook put together by hand (no hidden sheet of fingerprints) is taken as the truth
    for every cell it holds."""
    book = exported(full_cycle)
    del book["_base"]
    object_update(actor=SOMEONE, obj=Target.objects.get(indicator__code="K1", year=2031),
                  data={"value": Decimal("90")})
    row_of(book, "Indicators", "K1")

    report = run_import(save(book, tmp_path))

    assert report.ok, report.problems
    assert Target.objects.get(indicator__code="K1", year=2031).value == Decimal("80")
    assert [str(c) for c in report.changes] == [
        "Indicators row 2: updated indicator K1: Target 2031 '90' → '80'"
    ]
