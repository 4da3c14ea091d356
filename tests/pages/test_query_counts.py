"""The pages read in bulk: their number of queries does not grow with the plan, nor with
what the user may see."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.pages.plan import build_plan, grant

# session, user, the user's roles and persons, the units of their cycles (these two are
# what scoping adds: read once per request, then kept on the user), cycle, cycle
# switcher, then the page's own grouped reads; scores add seven whatever the plan's size
# (the years reported, then results, links, indicators, computed sources, targets, actuals)
SCORE_QUERIES = 7
OVERVIEW_QUERIES = 20 + SCORE_QUERIES
RESULT_QUERIES = 14 + SCORE_QUERIES
# the deep result has staff time, which adds the grade costs
ACTIVITY_QUERIES = 15 + SCORE_QUERIES
# the strategy map: session, user, grants (2), cycle, switcher, years reported, units,
# levels, chosen results, links, then the scores of what is on the map (six)
MAP_QUERIES = 17

# A planner on the whole organisation, and a reporter who sees one department (and the
# units above it): the second reads the same tables with a list of units.
PERSONAS = [("ITU", "planner"), ("BDT-DNS", "reporter")]


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_overview_runs_a_fixed_number_of_queries(
    db, user, signed_in: Client, django_assert_num_queries, extra_outputs: int, unit: str,
    role: str,
):
    grant(user, build_plan(extra_outputs=extra_outputs), unit, role)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = signed_in.get("/cycles/SP2028/")
    assert response.status_code == 200
    assert f"/results/OPX.{extra_outputs}/" in response.content.decode()


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_result_page_runs_a_fixed_number_of_queries(
    db, user, signed_in: Client, django_assert_num_queries, extra_outputs: int, unit: str,
    role: str,
):
    grant(user, build_plan(extra_outputs=extra_outputs), unit, role)
    with django_assert_num_queries(RESULT_QUERIES):
        response = signed_in.get("/cycles/SP2028/results/O1.1/")
    assert response.status_code == 200
    assert f"/results/OPX.{extra_outputs}/" in response.content.decode()


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_a_deep_result_page_runs_the_same_number_of_queries(
    db, user, signed_in: Client, django_assert_num_queries, extra_outputs: int, unit: str,
    role: str,
):
    grant(user, build_plan(extra_outputs=extra_outputs), unit, role)
    with django_assert_num_queries(ACTIVITY_QUERIES):
        response = signed_in.get(f"/cycles/SP2028/results/AX.{extra_outputs}/")
    assert response.status_code == 200


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_strategy_map_runs_a_fixed_number_of_queries(
    db, user, signed_in: Client, django_assert_num_queries, extra_outputs: int, unit: str,
    role: str,
):
    grant(user, build_plan(extra_outputs=extra_outputs), unit, role)
    with django_assert_num_queries(MAP_QUERIES):
        response = signed_in.get("/cycles/SP2028/map/")
    assert response.status_code == 200
    assert f'data-code="OPX.{extra_outputs}"' in response.content.decode()
