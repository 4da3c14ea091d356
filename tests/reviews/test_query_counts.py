"""The review pages read in bulk: their queries do not grow with the reviews, notes,
decisions, actions and lessons they show. The counts are exact, so a query added to a
page (or an N+1) shows here as a failure, not as room under a ceiling."""

from __future__ import annotations

import datetime as dt

import pytest

from goldenthread.reviews.services import (
    action_add,
    decision_propose,
    lesson_create,
    note_add,
    review_create,
)
from tests.pages.conftest import client_of
from tests.reviews.conftest import NOW

# session, user, cycle, grants (2), the layout's own reads; then the units the user may
# hold a review of, the unit tree, the reviews with their counts.
LIST_QUERIES = 9
# session, user, cycle, grants (2), the layout; the review, the unit tree (is every unit it
# covers seen?), notes, decisions, actions, lessons and their results, the people who may
# own an action.
REVIEW_QUERIES = 15  # + the unit tree, to offer the review's own people first
# session, user, cycle, grants (2), the layout; the units one may record a lesson for, the
# lessons (one page) with their results, the tags in use, the count of the page.
LESSONS_QUERIES = 10
# session, user, cycle, grants (2); the result, the lessons linked to it, the results they
# concern (one query for all: it was one per lesson), the layout's cycle.
RESULT_LESSONS_QUERIES = 9


def fill(plan, planner, quarters: range) -> list:  # type: ignore[no-untyped-def]
    reviews = []
    n = len(quarters)
    for quarter in quarters:
        review = review_create(actor=planner, cycle=plan.cycle, unit=plan.units["BDT"], year=2029,
                               quarter=quarter, now=NOW)
        for i in range(n):
            note_add(actor=planner, review=review, text=f"note {i}")
            decision_propose(actor=planner, review=review, kind="change_target",
                             params={"indicator": "K2", "period": "2030", "value": str(10 + i)})
            action_add(actor=planner, review=review, description=f"action {i}",
                       owner=plan.people["S0001"], due=dt.date(2029, 1, 1 + i))
            lesson_create(actor=planner, cycle=plan.cycle, unit=plan.units["BDT"], title=f"L{i}",
                          what_happened="w", why="y", next_time="n", tags="a b",
                          results=[plan.results["OP1.1.1"], plan.results["O1.1"]], review=review)
        reviews.append(review)
    return reviews


def test_the_review_list_runs_an_exact_number_of_queries(bdt, bdt_planner, django_assert_num_queries):
    browser = client_of(bdt_planner)
    fill(bdt, bdt_planner, range(1, 2))
    with django_assert_num_queries(LIST_QUERIES):
        assert browser.get("/cycles/SP2028/reviews/").status_code == 200
    fill(bdt, bdt_planner, range(2, 5))
    with django_assert_num_queries(LIST_QUERIES):
        page = browser.get("/cycles/SP2028/reviews/").content.decode()
    assert page.count("quarterly review, 2029-Q") == 4


def test_a_review_page_runs_an_exact_number_of_queries(bdt, bdt_planner, django_assert_num_queries):
    browser = client_of(bdt_planner)
    small, = fill(bdt, bdt_planner, range(1, 2))
    large = fill(bdt, bdt_planner, range(2, 5))[-1]  # three of everything
    with django_assert_num_queries(REVIEW_QUERIES):
        assert browser.get(f"/cycles/SP2028/reviews/{small.pk}/").status_code == 200
    with django_assert_num_queries(REVIEW_QUERIES):
        page = browser.get(f"/cycles/SP2028/reviews/{large.pk}/").content.decode()
    assert page.count("rdecision--proposed") == 3


@pytest.mark.parametrize("query", ["", "?q=w&tag=a"])
def test_the_lessons_register_runs_an_exact_number_of_queries(
    bdt, bdt_planner, django_assert_num_queries, query: str
):
    browser = client_of(bdt_planner)
    fill(bdt, bdt_planner, range(1, 2))
    with django_assert_num_queries(LESSONS_QUERIES):
        assert browser.get(f"/cycles/SP2028/lessons/{query}").status_code == 200
    fill(bdt, bdt_planner, range(2, 5))
    with django_assert_num_queries(LESSONS_QUERIES):
        page = browser.get(f"/cycles/SP2028/lessons/{query}").content.decode()
    assert page.count("OP1.1.1") >= 10


def test_a_results_lessons_panel_runs_an_exact_number_of_queries(
    bdt, bdt_planner, django_assert_num_queries
):
    browser = client_of(bdt_planner)
    fill(bdt, bdt_planner, range(1, 2))
    with django_assert_num_queries(RESULT_LESSONS_QUERIES):
        assert browser.get("/cycles/SP2028/results/O1.1/lessons/").status_code == 200
    fill(bdt, bdt_planner, range(2, 5))
    with django_assert_num_queries(RESULT_LESSONS_QUERIES):
        page = browser.get("/cycles/SP2028/results/O1.1/lessons/").content.decode()
    assert page.count("L2") >= 1
