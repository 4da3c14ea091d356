"""Every write to reviews and lessons checks a role, and checks it first: a refusal says
nothing of the state of what it refuses (already applied, closed, a bad status)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.reviews.models import Lesson
from goldenthread.reviews.services import (
    action_add,
    action_set_status,
    decision_apply,
    decision_propose,
    lesson_create,
)
from tests.pages.conftest import client_of
from tests.reviews.conftest import account

LESSON = {"title": "t", "what_happened": "w", "why": "y", "next_time": "n"}


def test_a_lesson_needs_a_writing_role_on_its_unit(bdt, review):
    viewer = account("vic", bdt, "BDT", "viewer")
    elsewhere = account("rita", bdt, "BR-TSD", "reporter")
    reporter = account("ray", bdt, "BDT-DNS", "reporter")
    with pytest.raises(PermissionDenied, match=r"You may not record a lesson for BDT-DNS .*a viewer reads"):
        lesson_create(actor=viewer, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], **LESSON)
    # a reporter of BR-TSD sees the organisation's goals, but does not write onto them
    with pytest.raises(PermissionDenied, match="You may not record a lesson for ITU"):
        lesson_create(actor=elsewhere, cycle=bdt.cycle, unit=bdt.units["ITU"], **LESSON,
                      results=[bdt.results["G1"]])
    assert not Lesson.objects.exists()
    made = lesson_create(actor=reporter, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], **LESSON,
                         results=[bdt.results["OP1.1.1"]])
    assert list(made.results.values_list("code", flat=True)) == ["OP1.1.1"]


def test_a_lesson_links_only_results_of_its_unit_and_below(bdt):
    planner = account("pia", bdt, "ITU", "planner")  # sees and writes everywhere
    with pytest.raises(ValidationError) as caught:
        lesson_create(actor=planner, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], **LESSON,
                      results=[bdt.results["OP1.1.1"], bdt.results["O1.1"]])
    assert caught.value.message_dict["results"] == [
        "O1.1 belongs to BDT Telecommunication Development Bureau, outside BDT-DNS and the units "
        "below it: a lesson of BDT-DNS is linked to its own results."
    ]
    assert not Lesson.objects.exists()
    lesson_create(actor=planner, cycle=bdt.cycle, unit=bdt.units["BDT"], **LESSON,
                  results=[bdt.results["OP1.1.1"], bdt.results["O1.1"]])


def test_the_lesson_pages_refuse_who_may_only_view(bdt, review):
    elsewhere = account("rita", bdt, "BR-TSD", "reporter")
    browser = client_of(elsewhere)
    refused = browser.post("/cycles/SP2028/lessons/", {**LESSON, "unit": "ITU", "results": "G1"})
    assert refused.status_code == 403
    assert "You may not record a lesson for ITU" in refused.content.decode()
    page = browser.get("/cycles/SP2028/lessons/").content.decode()
    assert 'value="BR-TSD"' in page and 'value="ITU"' not in page  # only units one writes to
    viewer = account("vic", bdt, "ITU", "viewer")
    browser = client_of(viewer)
    assert "Record a lesson" not in browser.get("/cycles/SP2028/lessons/").content.decode()
    assert browser.post("/cycles/SP2028/lessons/", {**LESSON, "unit": "BDT"}).status_code == 403
    detail = browser.get(f"/cycles/SP2028/reviews/{review.pk}/")
    assert detail.status_code == 200 and "Record the lesson" not in detail.content.decode()
    assert browser.post(f"/cycles/SP2028/reviews/{review.pk}/lessons/",
                        {**LESSON, "unit": "BDT"}).status_code == 403
    assert not Lesson.objects.exists()


def test_a_refusal_comes_before_the_state_of_what_it_refuses(bdt, review, bdt_planner):
    decision = decision_propose(actor=bdt_planner, review=review, kind="change_target",
                                params={"indicator": "K2", "period": "2029", "value": "9"})
    decision_apply(actor=bdt_planner, decision=decision)
    reporter = account("rex", bdt, "BDT", "reporter")
    rows = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied, match=r"You may not apply decision \d+ \(change a target\)"):
        decision_apply(actor=reporter, decision=decision)
    base = f"/cycles/SP2028/reviews/{review.pk}/"
    browser = client_of(reporter)
    applied = browser.post(base + f"decisions/{decision.pk}/apply/")
    assert applied.status_code == 403
    assert "already applied" not in applied.content.decode()
    # an unknown kind, an empty note, a bad action: refused for the role, not for the input
    assert browser.post(base + "decisions/", {"kind": "nonsense"}).status_code == 403
    assert browser.post(base + "notes/", {"text": ""}).status_code == 403
    assert browser.post(base + "actions/", {"description": ""}).status_code == 403
    action = action_add(actor=bdt_planner, review=review, description="d", owner=bdt.people["S0001"],
                        due=dt.date(2029, 3, 1))
    with pytest.raises(PermissionDenied):
        action_set_status(actor=reporter, action=action, status="later")
    assert AuditEntry.objects.count() == rows + 1
