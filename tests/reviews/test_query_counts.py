"""The review pages read in bulk: their queries do not grow with the reviews, notes,
decisions, actions and lessons they show."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

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
# hold a review of, the unit tree, the reviews with their counts. A ceiling (the shared
# layout may read less), and the same number whatever the number of reviews.
LIST_QUERIES = 10
# session, user, cycle, grants (2), the layout; the review, the unit tree (is every unit it
# covers seen?), notes, decisions, actions, lessons and their results, the people who may
# own an action
REVIEW_QUERIES = 15


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


def count(browser, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_the_review_list_runs_a_fixed_number_of_queries(bdt, bdt_planner):
    browser = client_of(bdt_planner)
    fill(bdt, bdt_planner, range(1, 2))
    few = count(browser, "/cycles/SP2028/reviews/")
    fill(bdt, bdt_planner, range(2, 5))
    assert count(browser, "/cycles/SP2028/reviews/") == few <= LIST_QUERIES
    assert browser.get("/cycles/SP2028/reviews/").content.decode().count("quarterly review, 2029-Q") == 4


def test_a_review_page_runs_a_fixed_number_of_queries(bdt, bdt_planner):
    browser = client_of(bdt_planner)
    small, = fill(bdt, bdt_planner, range(1, 2))
    large = fill(bdt, bdt_planner, range(2, 5))[-1]  # three of everything
    few = count(browser, f"/cycles/SP2028/reviews/{small.pk}/")
    assert count(browser, f"/cycles/SP2028/reviews/{large.pk}/") == few <= REVIEW_QUERIES
    page = browser.get(f"/cycles/SP2028/reviews/{large.pk}/").content.decode()
    assert page.count("rdecision--proposed") == 3
