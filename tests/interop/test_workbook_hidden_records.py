"""What a workbook import tells a member of another unit: never a code, a name or the
existence of a record their roles do not show them (docs/workbook.md, "Who may import
what").

Bea is a planner on Department B (DEPB) of the small costed plan (tests/finance/plan.py);
Department A's outputs OP1 and OP3, their cost lines and the people of DEPA are hidden
from her. The words for a code she may not see are the words for a code that names
nothing, so a message never tells her which of the two it is.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from goldenthread.core.audit import Actor
from goldenthread.interop.services import plan_load
from goldenthread.interop.workbook import ImportReport, workbook_export, workbook_import
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.plans.services import link_create
from tests.finance.pages import account, grant
from tests.finance.plan import load_small_plan, small_plan_document
from tests.interop.test_workbook_support import add_row, audit_count, cell, set_cell

pytestmark = pytest.mark.django_db
HIDDEN = ("OP1", "OP3", "DEPA", "Department A", "Output one", "Output three", "S1", "Sam One")


@pytest.fixture
def fin() -> Cycle:
    return load_small_plan()


@pytest.fixture
def bea(fin: Cycle) -> Any:
    """A planner on Department B: a member of another unit than Department A."""
    return grant(account("bea"), fin, "DEPB", "planner")


def her_workbook(fin: Cycle, user: Any) -> Workbook:
    return load_workbook(io.BytesIO(workbook_export(fin, user)))


def check(book: Workbook, fin: Cycle, user: Any) -> ImportReport:
    out = io.BytesIO()
    book.save(out)
    return workbook_import(fin, out.getvalue(), user, dry_run=True, source="bea.xlsx")


def said(report: ImportReport) -> str:
    """Everything the import tells its user."""
    return "\n".join([*map(str, report.problems), *report.notes, *report.summary(detail=10**6)])


def test_a_conflict_on_parents_does_not_quote_a_parent_she_may_not_see(fin: Cycle, bea: Any) -> None:
    link_create(actor=Actor(label="test"), child=Result.objects.get(cycle=fin, code="OP2"),
                parent=Result.objects.get(cycle=fin, code="OP3"))
    book = her_workbook(fin, bea)
    ref = set_cell(book, "Results", "OP2", "Parents", "O1")
    before = audit_count()
    report = check(book, fin, bea)
    [problem] = report.problems
    assert (problem.sheet, f"{problem.column}{problem.row}") == ("Results", ref)
    assert problem.message.startswith("changed in Golden Thread after this workbook was exported, "
                                      "or holds what you may not see")
    assert '(now "O1; O2*2" as far as you see it)' in problem.message
    text = said(report)
    assert not [word for word in HIDDEN if word in text], text
    assert Link.objects.filter(child__code="OP2", parent__code="OP3").exists()
    assert audit_count() == before


def test_a_parent_she_may_not_see_gets_the_words_of_a_parent_that_does_not_exist(
    fin: Cycle, bea: Any
) -> None:
    messages = {}
    for code in ("OP3", "OP77"):  # OP3 exists in Department A; OP77 nowhere
        book = her_workbook(fin, bea)
        ref = set_cell(book, "Results", "OP4", "Parents", f"O2; {code}")
        report = check(book, fin, bea)
        assert [(p.sheet, f"{p.column}{p.row}", p.field) for p in report.problems] == [
            ("Results", ref, "parents")
        ], said(report)
        messages[code] = said(report).replace(code, "CODE")
    assert messages["OP3"] == messages["OP77"]
    assert '"CODE" refers to a result you may not see or that does not exist' in messages["OP3"]
    assert not Link.objects.filter(child__code="OP4", parent__code="OP3").exists()


def test_rows_keyed_to_records_she_may_not_see_say_nothing_of_them(fin: Cycle, bea: Any) -> None:
    texts = {}
    for code in ("OP3", "OP77"):
        book = her_workbook(fin, bea)
        add_row(book, "Cost lines", Result=code, Year=2028, Category="equipment_it",
                Source="regular_budget", Amount=5)
        texts[code] = said(check(book, fin, bea)).replace(code, "CODE")
    assert texts["OP3"] == texts["OP77"]
    assert "refers to a result you may not see or that does not exist" in texts["OP3"]

    book = her_workbook(fin, bea)
    add_row(book, "Results", Code="OP3", Level="output", Title="Mine now", Unit="DEPB")
    report = check(book, fin, bea)
    assert [p.message for p in report.problems] == [
        'the code "OP3" is already used by a result you may not see; choose another'
    ]
    assert Result.objects.get(cycle=fin, code="OP3").title == "Output three"


def test_what_her_workbook_leaves_out_is_not_listed_as_left_unchanged(fin: Cycle, bea: Any) -> None:
    book = her_workbook(fin, bea)
    set_cell(book, "Results", "OP4", "Title", "Output four, renamed")
    book["Cost lines"].delete_rows(2, book["Cost lines"].max_row)  # rows she removed
    report = check(book, fin, bea)
    assert report.ok, said(report)
    assert report.unchanged["Cost lines"]  # her own cost lines, left unchanged...
    assert all(not key.startswith(("OP1", "OP3")) for key in report.unchanged["Cost lines"])
    assert "Results" not in report.unchanged  # ... and not Department A's results
    text = said(report)
    assert not [word for word in HIDDEN if word in text], text


def test_the_operator_is_still_told_every_code(fin: Cycle) -> None:
    book = load_workbook(io.BytesIO(workbook_export(fin)))
    set_cell(book, "Results", "OP4", "Parents", "O2; OP77")
    report = check(book, fin, None)
    assert [p.message for p in report.problems] == ["no result 'OP77' in the plan"]


def test_sources_of_a_computed_indicator_she_may_not_see_are_not_named() -> None:
    def indicator(code: str, result: str, **more: Any) -> dict[str, Any]:
        return {"code": code, "result": result, "name": f"People trained ({code})", **more}

    document = small_plan_document()  # with a total over both departments' outputs
    document["indicators"] = [
        indicator("KA", "OP1"), indicator("KB", "OP2"),
        indicator("KC", "OP4", computation="sum", computed_from=["KA", "KB"]),
    ]
    fin = plan_load(actor=Actor(label="test"), document=document)
    bea = grant(account("bea"), fin, "DEPB", "planner")
    book = her_workbook(fin, bea)
    assert [c.value for c in book["Indicators"]["A"]][1:] == ["KB", "KC"]
    assert cell(book, "Indicators", "KC", "Computed from").value == "KB"
    ref = set_cell(book, "Indicators", "KC", "Computed from", "KB*2")
    report = check(book, fin, bea)
    assert [(p.sheet, f"{p.column}{p.row}") for p in report.problems] == [("Indicators", ref)]
    assert '(now "KB" as far as you see it)' in report.problems[0].message
    assert "KA" not in said(report)


def test_she_may_delete_her_result_that_also_serves_one_she_may_not_see(
    fin: Cycle, bea: Any
) -> None:
    from goldenthread.core.services import object_create

    actor = Actor(label="test")
    op2 = Result.objects.get(cycle=fin, code="OP2")
    mine = object_create(actor=actor, obj=Result(cycle=fin, code="OP5", level=op2.level,
                                                   unit=op2.unit, title="Output five"))
    link_create(actor=actor, child=mine, parent=Result.objects.get(cycle=fin, code="O1"))
    link_create(actor=actor, child=mine, parent=Result.objects.get(cycle=fin, code="OP3"))
    book = her_workbook(fin, bea)
    set_cell(book, "Results", "OP5", "Delete", "yes")
    report = check(book, fin, bea)
    assert report.ok, said(report)
    assert [(c.action, c.key) for c in report.changes] == [("delete", "OP5")]
