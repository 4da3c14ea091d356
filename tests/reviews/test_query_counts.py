"""The review pages read in bulk: their queries do not grow with the reviews, notes,
decisions, actions and lessons they show."""

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

# session, user, cycle, grants (2), the layout's notifications and cycle switcher; then the
# units the user may hold a review of, the unit tree, the reviews with their counts
LIST_QUERIES = 10
# session, user, cycle, grants (2), the layout (2); the review, the unit tree (is every unit
# it covers seen?), notes, decisions, actions, lessons and their results, the people who
# may own an action
REVIEW_QUERIES = 15


def fill(plan, planner, n: int) -> list:  # type: ignore[no-untyped-def]
    reviews = []
    for quarter in range(1, 1 + n):
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


@pytest.mark.parametrize("n", [1, 3])
def test_the_review_list_runs_a_fixed_number_of_queries(bdt, bdt_planner, django_assert_num_queries, n):
    fill(bdt, bdt_planner, n)
    browser = client_of(bdt_planner)
    with django_assert_num_queries(LIST_QUERIES):
        response = browser.get("/cycles/SP2028/reviews/")
    assert response.status_code == 200
    assert response.content.decode().count("/reviews/") >= n


@pytest.mark.parametrize("n", [1, 3])
def test_a_review_page_runs_a_fixed_number_of_queries(bdt, bdt_planner, django_assert_num_queries, n):
    review = fill(bdt, bdt_planner, n)[-1]
    browser = client_of(bdt_planner)
    with django_assert_num_queries(REVIEW_QUERIES):
        response = browser.get(f"/cycles/SP2028/reviews/{review.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("rdecision--proposed") == n
