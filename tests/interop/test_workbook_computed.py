"""Computed indicators in the workbook: the Computation and Computed from columns of the
Indicators sheet round-trip, a change is applied through the indicators' service and
audited, and a bad method or an unknown source is a problem at its cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Contribution, Indicator
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.plans.models import Cycle
from tests.interop.helpers import table_counts
from tests.interop.test_computed_plan_file import computed_plan
from tests.interop.test_workbook_support import (
    add_row,
    audit_count,
    cell,
    exported,
    problems,
    run_import,
    save,
    set_cell,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle() -> Cycle:
    """The full plan with T9, the weighted sum of T1 and T2, and T99, the latest of T9."""
    return plan_load(actor=Actor(label="cli:test"), document=computed_plan())


def sources(cycle: Cycle, code: str) -> list[tuple[str, Decimal]]:
    return sorted(Contribution.objects.filter(computed__cycle=cycle, computed__code=code)
                  .values_list("source__code", "weight"))


def test_the_indicators_sheet_shows_how_each_indicator_is_computed(cycle: Cycle) -> None:
    book = exported(cycle)
    assert cell(book, "Indicators", "T9", "Computation").value == "sum"
    assert cell(book, "Indicators", "T9", "Computed from").value == "T1; T2*0.5"
    assert cell(book, "Indicators", "T99", "Computed from").value == "T9"
    assert cell(book, "Indicators", "T1", "Computation").value is None
    lists = next(book["Lists"].iter_rows(values_only=True))  # the titles of the lists
    assert "Computation (indicators)" in lists


def test_a_computed_indicator_round_trips_unchanged(cycle: Cycle, tmp_path: Path) -> None:
    before, counts, audits = plan_dump(cycle), table_counts(), audit_count()
    report = run_import(save(exported(cycle), tmp_path))
    assert report.ok and report.changes == [] and not report.written
    assert plan_dump(cycle) == before
    assert table_counts() == counts and audit_count() == audits


def test_changing_the_method_and_the_sources_is_applied_and_audited(
    cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(cycle)
    set_cell(book, "Indicators", "T9", "Computation", "weighted_mean")
    set_cell(book, "Indicators", "T9", "Computed from", "T1*2; K1")
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0

    report = run_import(save(book, tmp_path))

    assert report.ok, problems(report)
    [change] = [str(c) for c in report.changes]
    assert change == ("Indicators row 8: updated indicator T9: Computation 'sum' → 'weighted_mean'; "
                      "Computed from 'T1; T2*0.5' → 'K1; T1*2'")
    total = Indicator.objects.get(cycle=cycle, code="T9")
    assert total.computation == "weighted_mean"
    assert sources(cycle, "T9") == [("K1", Decimal("1")), ("T1", Decimal("2"))]
    written = AuditEntry.objects.filter(id__gt=since)
    assert written.filter(object_type="indicators.indicator", action="update",
                          before={"computation": "sum"},
                          after={"computation": "weighted_mean"}).exists()
    assert written.filter(object_type="indicators.contribution", action="delete").count() == 1
    assert written.filter(object_type="indicators.contribution", action="create").count() == 1
    assert written.filter(object_type="indicators.contribution", action="update").exists()
    assert set(written.values_list("actor_label", flat=True)) == {"cli:planner"}


def test_a_new_row_creates_a_computed_indicator(cycle: Cycle, tmp_path: Path) -> None:
    book = exported(cycle)
    add_row(book, "Indicators", Code="T5", Result="O1", Name="Most trained by one output",
            Computation="max", Computed_from="T1; T2")
    report = run_import(save(book, tmp_path))
    assert report.ok, problems(report)
    assert Indicator.objects.get(cycle=cycle, code="T5").computation == "max"
    assert sources(cycle, "T5") == [("T1", Decimal("1")), ("T2", Decimal("1"))]


def test_a_source_deleted_with_its_computed_indicator_changed_in_the_same_workbook(
    tmp_path: Path
) -> None:
    plan = computed_plan()
    del next(i for i in plan["indicators"] if i["code"] == "T2")["actuals"]  # none approved
    cycle = plan_load(actor=Actor(label="cli:test"), document=plan)
    book = exported(cycle)
    set_cell(book, "Indicators", "T2", "Delete", "yes")
    set_cell(book, "Indicators", "T9", "Computed from", "T1")
    report = run_import(save(book, tmp_path))
    assert report.ok, problems(report)
    assert not Indicator.objects.filter(cycle=cycle, code="T2").exists()
    assert sources(cycle, "T9") == [("T1", Decimal("1"))]


def test_clearing_both_cells_makes_the_indicator_entered_by_people_again(
    cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(cycle)
    set_cell(book, "Indicators", "T99", "Computation", None)
    set_cell(book, "Indicators", "T99", "Computed from", None)
    report = run_import(save(book, tmp_path))
    assert report.ok, problems(report)
    assert Indicator.objects.get(cycle=cycle, code="T99").computation == ""
    assert sources(cycle, "T99") == []


def bad(cycle: Cycle, tmp_path: Path, **cells: Any) -> tuple[list[str], dict[str, str]]:
    book = exported(cycle)
    refs = {header: set_cell(book, "Indicators", code, header, value)
            for (code, header), value in ((k.split(":"), v) for k, v in cells.items())}
    before, audits = plan_dump(cycle), audit_count()
    report = run_import(save(book, tmp_path))
    assert plan_dump(cycle) == before and audit_count() == audits
    return problems(report), refs


def test_a_bad_method_is_a_problem_at_its_cell(cycle: Cycle, tmp_path: Path) -> None:
    found, refs = bad(cycle, tmp_path, **{"T9:Computation": "median"})
    assert len(found) == 1
    assert found[0].startswith(
        f"Indicators!{refs['Computation']} (computation): 'median' is not one of: sum, ")


def test_an_unknown_or_misshapen_source_is_a_problem_at_its_cell(cycle: Cycle, tmp_path: Path) -> None:
    found, refs = bad(cycle, tmp_path, **{"T9:Computed from": "T1; T404"})
    assert found == [f"Indicators!{refs['Computed from']} (computed_from): "
                     f"no indicator 'T404' in the plan"]
    found, refs = bad(cycle, tmp_path, **{"T9:Computed from": "T1; T2*lots"})
    assert found == [f"Indicators!{refs['Computed from']} (computed_from): "
                     f"\"T2*lots\": the weight \"lots\" is not a number"]


def test_the_plans_rules_for_computed_indicators_are_reported_at_their_cells(
    cycle: Cycle, tmp_path: Path
) -> None:
    found, refs = bad(cycle, tmp_path, **{"T9:Computation": None})
    assert found == [f"Indicators!{refs['Computation']} (computation): computed_from needs a "
                     f"computation: sum, mean, weighted_mean, min, max, latest or cumulative"]
    found, refs = bad(cycle, tmp_path, **{"T9:Computed from": "T1; T99"})  # T99 is the latest of T9
    assert found == [f"Indicators!{refs['Computed from']} (computed_from): "
                     f"computation loop: T9 → T99 → T9"]
    found, refs = bad(cycle, tmp_path, **{"T9:Computed from": "T9"})
    assert found == [f"Indicators!{refs['Computed from']} (computed_from): "
                     f"T9 cannot be computed from itself"]
    # T1 has an approved actual: it cannot become computed
    found, refs = bad(cycle, tmp_path, **{"T1:Computation": "sum", "T1:Computed from": "K1"})
    assert found == [f"Indicators!{refs['Computation']} (computation): T1 is computed from K1 "
                     f"(sum): its actuals are computed and cannot be given"]
