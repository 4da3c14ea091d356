"""Replacing a plan that holds reviews, lessons or a ledger is refused, saying what it
would delete; told to discard them, it replaces them with the plan: they do not stand in
the way of deleting the results, people and units they name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goldenthread.core.audit import Actor
from goldenthread.finance.models import Transaction
from goldenthread.interop.planfile import PlanFileError
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.reviews.models import Lesson, Review
from goldenthread.reviews.services import action_add, decision_apply, decision_propose, lesson_create


def test_a_plan_with_reviews_lessons_and_a_ledger_is_replaced(bdt, review, bdt_planner):
    decision_apply(actor=bdt_planner, decision=decision_propose(
        actor=bdt_planner, review=review, kind="drop_output", params={"output": "OP9.9"}))
    action_add(actor=bdt_planner, review=review, description="d", owner=bdt.people["S0001"],
               due=dt.date(2029, 1, 1))
    lesson_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], title="t",
                  what_happened="w", why="y", next_time="n", results=[bdt.results["OP1.1.1"]],
                  review=review)
    assert Transaction.objects.exists()
    document = plan_dump(bdt.cycle)
    with pytest.raises(PlanFileError) as refused:
        plan_load(actor=Actor(label="test"), document=document, replace=True)
    (error,) = refused.value.errors
    assert "holds 1 reviews, 1 lessons learned, " in str(error) and "--discard-entered" in str(error)
    assert Review.objects.exists() and Lesson.objects.exists()  # nothing changed
    cycle = plan_load(actor=Actor(label="test"), document=document, replace=True, discard_entered=True)
    assert cycle.code == "SP2028"
    assert not Review.objects.exists() and not Lesson.objects.exists()
    assert not Transaction.objects.exists()


def test_evidence_files_of_a_discarded_plan_are_kept_beside_its_archive(
    bdt, django_capture_on_commit_callbacks,
):  # type: ignore[no-untyped-def]
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from goldenthread.core.models import AuditEntry
    from goldenthread.indicators.models import Indicator
    from goldenthread.reporting.models import Evidence
    from goldenthread.reporting.services import actual_enter

    indicator = Indicator.objects.filter(cycle=bdt.cycle, unit_of_measure="number").first()
    upload = SimpleUploadedFile("attendance.csv", b"name,days\nA,3\n", "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        actual_enter(actor=Actor(label="test"), indicator=indicator, period="2028-Q1", value="3",
                     upload=upload)
    stored = Evidence.objects.get().file
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        plan_load(actor=Actor(label="test"), document=plan_dump(bdt.cycle), replace=True,
                  discard_entered=True)
    assert not Evidence.objects.exists() and not default_storage.exists(stored)
    replaced = AuditEntry.objects.get(action="replace")
    assert "its evidence files in" in replaced.message
    kept = Path(replaced.before["evidence files"]) / stored
    assert kept.read_bytes() == b"name,days\nA,3\n"
