"""Reviews share the page tests' plan and personas (tests/pages/conftest.py), with a red
risk and a small ledger for BDT added, so a review of BDT has something in every part of
its snapshot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.finance.models import Fund
from goldenthread.finance.services import transactions_load
from goldenthread.plans.models import Cycle
from goldenthread.risks.models import Risk
from tests.pages.conftest import (  # noqa: F401 - fixtures
    PASSWORD,
    admin_signed_in,
    other,
    outsider,
    owner,
    plan,
    signed_in,
    superuser,
    user,
)
from tests.pages.plan import Plan, grant

ACTOR = Actor(label="test:reviews")
NOW = dt.datetime(2029, 1, 20, 10, 0, tzinfo=dt.UTC)


def add_red_risk_and_ledger(built: Plan) -> None:
    object_create(actor=ACTOR, obj=Risk(
        cycle=built.cycle, code="R9", unit=built.units["BDT-DNS"], result=built.results["OP1.1.1"],
        category="financial", title="The EU grant is delayed a year", likelihood=4, impact=5,
        residual_likelihood=4, residual_impact=4, owner=built.people["S0001"],
        treatment="Bridge funding from the regular budget.",
    ))
    transactions_load(actor=ACTOR, cycle=built.cycle, rows=[
        {"date": "2028-02-10", "amount": "4000.00", "category": "travel_events",
         "source": "regular_budget", "unit": "BDT-DNS", "output": "OP1.1.1", "vendor": "Air A"},
        {"date": "2028-09-30", "amount": "5000.00", "category": "travel_events",
         "source": "regular_budget", "unit": "BDT-DNS", "output": "OP1.1.1", "vendor": "Air B"},
        {"date": "2028-11-15", "amount": "42500.00", "category": "consultants_contractual",
         "source": "EU-CONNECT", "unit": "BDT-DNS", "output": "OP1.1.1", "vendor": "Consult C"},
        {"date": "2028-05-01", "amount": "1200.00", "category": "other_direct",
         "source": "regular_budget", "unit": "RO-AFR", "output": "", "vendor": "Office D"},
        {"date": "2029-01-05", "amount": "999.00", "category": "travel_events",
         "source": "regular_budget", "unit": "BDT-DNS", "output": "OP1.1.1", "vendor": "Air E"},
    ])


@pytest.fixture
def bdt(db: None, request: pytest.FixtureRequest) -> Plan:
    """The plan with a red risk in BDT-DNS and a small ledger for BDT's units."""
    built: Plan = request.getfixturevalue("plan")
    add_red_risk_and_ledger(built)
    return built


@pytest.fixture
def bdt_planner(bdt: Plan):  # type: ignore[no-untyped-def]
    """A planner on BDT (and so on BDT-DNS and RO-AFR) only."""
    account = get_user_model().objects.create_user("bea", password=PASSWORD, first_name="Bea",
                                                   last_name="Planner")
    grant(account, bdt, "BDT", "planner")
    return account


def regular(cycle: Cycle) -> Fund:
    return Fund.objects.get(cycle=cycle, is_regular=True)


D = Decimal


@pytest.fixture
def review(bdt: Plan, bdt_planner):  # type: ignore[no-untyped-def]
    """The review of BDT for 2028-Q4, created by its planner."""
    from goldenthread.reviews.services import review_create

    return review_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"], year=2028,
                         quarter=4, now=NOW)


def account(username: str, built: Plan, unit: str, role: str):  # type: ignore[no-untyped-def]
    made = get_user_model().objects.create_user(username, password=PASSWORD)
    grant(made, built, unit, role)
    return made
