"""The finance pages read in bulk: their number of queries does not grow with the plan,
nor with what the user may see (the pattern of tests/pages/test_query_counts.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from goldenthread.finance.scenarios import Envelope
from goldenthread.finance.services import scenario_create
from tests.pages.plan import ACTOR, build_plan, grant

# session, user, the user's roles and persons, the units of their cycles, the cycle, the
# cycle switcher, then the page's own reads. A part of
# the organisation adds the unit tree read for its money scope and, for the financial
# plan, the results it owns and sees.
PLAN_QUERIES = {"ITU": 18, "BDT-DNS": 19}  # the whole organisation reads revenue for the gap
SCENARIO_QUERIES = {"ITU": 22, "BDT-DNS": 22}
WORKFORCE_QUERIES = {"ITU": 13, "BDT-DNS": 13}
PERSONAS = [("ITU", "planner"), ("BDT-DNS", "reporter")]


def _signed_in(unit: str, role: str, extra_outputs: int) -> Client:
    plan = build_plan(extra_outputs=extra_outputs)
    user = get_user_model().objects.create_user("counted", password="a-long-test-passphrase")
    grant(user, plan, unit, role)
    scenario_create(actor=ACTOR, cycle=plan.cycle, code="S1", name="One",
                    envelopes=[Envelope(2028, None, Decimal("100000"))])
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_financial_plan_runs_a_fixed_number_of_queries(
    db, django_assert_num_queries, extra_outputs: int, unit: str, role: str,
):
    client = _signed_in(unit, role, extra_outputs)
    with django_assert_num_queries(PLAN_QUERIES[unit]):
        response = client.get("/cycles/SP2028/finance/")
    assert response.status_code == 200
    assert "O1.1" in response.content.decode()


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_a_scenario_runs_a_fixed_number_of_queries(
    db, django_assert_num_queries, extra_outputs: int, unit: str, role: str,
):
    client = _signed_in(unit, role, extra_outputs)
    with django_assert_num_queries(SCENARIO_QUERIES[unit]):
        response = client.get("/cycles/SP2028/finance/scenarios/S1/")
    assert response.status_code == 200
    assert f'data-code="OPX.{extra_outputs}"' in response.content.decode()


@pytest.mark.parametrize("unit,role", PERSONAS)
@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_workforce_runs_a_fixed_number_of_queries(
    db, django_assert_num_queries, extra_outputs: int, unit: str, role: str,
):
    client = _signed_in(unit, role, extra_outputs)
    with django_assert_num_queries(WORKFORCE_QUERIES[unit]):
        response = client.get("/cycles/SP2028/finance/workforce/")
    assert response.status_code == 200
    assert "Amina Diallo" in response.content.decode()
