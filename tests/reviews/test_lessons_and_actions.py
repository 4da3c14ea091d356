"""The lessons-learned register (search by words and tag, shown on the results they
concern, scoped to who may see them) and follow-up actions (owner, due date, overdue)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.reviews.models import Lesson
from goldenthread.reviews.selectors import lessons_search
from goldenthread.reviews.services import action_add, action_set_status, lesson_create
from tests.pages.conftest import client_of


@pytest.fixture
def lessons(bdt, review, bdt_planner) -> list[Lesson]:  # type: ignore[no-untyped-def]
    return [
        lesson_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"],
                      title="Ministries need a year to adopt a plan",
                      what_happened="Two plans were adopted a year late.",
                      why="Cabinet calendars were not known when targets were set.",
                      next_time="Ask for the cabinet calendar before setting targets.",
                      tags="Targets, Government relations", results=[bdt.results["OP1.1.1"]],
                      review=review),
        lesson_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"],
                      title="Consultants booked early cost less",
                      what_happened="Late bookings doubled day rates.", why="Procurement started in Q3.",
                      next_time="Start procurement in Q1.", tags="procurement",
                      results=[bdt.results["OP9.9"]]),
    ]


def test_lessons_are_found_by_words_and_by_tag(bdt, lessons, bdt_planner):
    def titles(**query: str) -> list[str]:
        return [x.title for x in lessons_search(bdt.cycle, bdt_planner, **query)]

    assert titles() == ["Consultants booked early cost less", "Ministries need a year to adopt a plan"]
    assert titles(text="cabinet calendar") == ["Ministries need a year to adopt a plan"]
    assert titles(text="PROCUREMENT") == ["Consultants booked early cost less"]
    assert titles(tag="government relations") == ["Ministries need a year to adopt a plan"]
    assert titles(tag="government") == []  # a tag is matched whole
    assert titles(text="procurement", tag="targets") == []
    assert lessons[0].tag_list == ["targets", "government-relations"]
    page = client_of(bdt_planner).get("/cycles/SP2028/lessons/?q=cabinet").content.decode()
    assert "Ministries need a year" in page and "Consultants booked early" not in page
    page = client_of(bdt_planner).get("/cycles/SP2028/lessons/?tag=procurement").content.decode()
    assert "Consultants booked early" in page and "Ministries need a year" not in page


def test_the_lessons_of_a_result_show_on_its_page(lessons, bdt_planner):
    browser = client_of(bdt_planner)
    page = browser.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    assert 'hx-get="/cycles/SP2028/results/OP1.1.1/lessons/"' in page
    panel = browser.get("/cycles/SP2028/results/OP1.1.1/lessons/", HTTP_HX_REQUEST="true").content.decode()
    assert "Ministries need a year to adopt a plan" in panel
    assert "Ask for the cabinet calendar" in panel
    assert "Consultants booked early" not in panel
    assert "<html" not in panel  # the panel alone, for htmx


def test_lessons_are_seen_only_by_who_sees_their_unit(bdt, lessons, owner, other, outsider):
    assert "Ministries need a year" in client_of(owner).get("/cycles/SP2028/lessons/").content.decode()
    assert "Ministries need a year" not in client_of(other).get("/cycles/SP2028/lessons/").content.decode()
    assert client_of(other).get("/cycles/SP2028/results/OP1.1.1/lessons/").status_code == 403
    assert client_of(outsider).get("/cycles/SP2028/lessons/").status_code == 403


def test_a_lesson_needs_its_three_parts_and_results_one_may_see(bdt, other, bdt_planner):
    with pytest.raises(ValidationError) as caught:
        lesson_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"], title="t",
                      what_happened=" ", why="", next_time="n")
    assert caught.value.message_dict == {"what_happened": ["Say what happened."],
                                         "why": ["Say why it happened."]}
    with pytest.raises(PermissionDenied):
        lesson_create(actor=other, cycle=bdt.cycle, unit=bdt.units["BR-TSD"], title="t",
                      what_happened="w", why="y", next_time="n", results=[bdt.results["OP1.1.1"]])
    response = client_of(bdt_planner).post("/cycles/SP2028/lessons/", {
        "title": "t", "what_happened": "w", "why": "y", "next_time": "n", "unit": "BDT",
        "results": "OP1.1.1, OP404",
    })
    assert response.status_code == 400
    assert "No result OP404 among those you see in SP2028." in response.content.decode()
    assert not Lesson.objects.exists()


def test_overdue_actions_are_flagged_and_owners_move_them_on(bdt, review, bdt_planner, owner):
    action = action_add(actor=bdt_planner, review=review, description="Brief the ministries",
                        owner=bdt.people["S0001"], due=dt.date(2029, 2, 28))
    assert action.is_overdue(dt.date(2029, 3, 1))
    assert not action.is_overdue(dt.date(2029, 2, 28))
    action_set_status(actor=owner, action=action, status="done")  # Amina owns it
    assert not action.is_overdue(dt.date(2029, 3, 1))
    late = action_add(actor=bdt_planner, review=review, description="Send the toolkit",
                      owner=bdt.people["S0001"], due=dt.date(2020, 1, 1))
    page = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert "1 overdue" in page and 'class="roverdue"' in page
    with pytest.raises(ValidationError, match="'later' is not a status"):
        action_set_status(actor=bdt_planner, action=late, status="later")
