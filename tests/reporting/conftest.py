"""A small plan for the reporting tests, with the people of the workflow.

Built on the page tests' plan (tests/pages/plan.py) and personas:

- ``reporter``: Amina Diallo's account, reporter on BDT-DNS and responsible for K3, a
  quarterly count of OP1.1.1 (BDT-DNS), and for K1 (a percentage of G1);
- ``approver``: Rania, approver on BDT (the bureau above BDT-DNS);
- ``planner``: Pat Planner, planner on the whole organisation;
- ``other``: Jonas Berg, a member of another bureau's department (BR-TSD), with a
  reporter role there;
- ``outsider``: no role and no person in the plan.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.indicators.models import Indicator
from tests.pages.plan import Plan, build_plan, grant, tie

ACTOR = Actor(label="test:reporting")


def account(username: str, first: str, last: str):  # type: ignore[no-untyped-def]
    """An account with no password (tests sign in with ``force_login``): hashing a
    password costs a third of a second, and these tests make many accounts."""
    return get_user_model().objects.create_user(
        username, password=None, first_name=first, last_name=last,
        email=f"{username}@example.org",
    )


@pytest.fixture
def planner(db: None):  # type: ignore[no-untyped-def]
    return account("planner", "Pat", "Planner")


@pytest.fixture
def plan(db: None, planner) -> Plan:  # type: ignore[no-untyped-def]
    built = build_plan()
    grant(planner, built)
    object_create(actor=ACTOR, obj=Indicator(
        cycle=built.cycle, code="K3", result=built.results["OP1.1.1"],
        name="Officials trained on broadband planning", unit_of_measure="number",
        frequency="quarterly", responsible=built.people["S0001"],
        baseline_year=2027, baseline_value=Decimal("40"),
    ))
    object_create(actor=ACTOR, obj=Indicator(
        cycle=built.cycle, code="K4", result=built.results["OP1.2.1"],
        name="Interference cases closed", unit_of_measure="number", frequency="annual",
        responsible=built.people["S0002"],
    ))
    return built


@pytest.fixture
def reporter(plan: Plan):  # type: ignore[no-untyped-def]
    user = account("amina", "Amina", "Diallo")
    tie(user, plan.people["S0001"])
    grant(user, plan, "BDT-DNS", "reporter")
    return user


@pytest.fixture
def approver(plan: Plan):  # type: ignore[no-untyped-def]
    user = account("rania", "Rania", "Benali")
    grant(user, plan, "BDT", "approver")
    return user


@pytest.fixture
def other(plan: Plan):  # type: ignore[no-untyped-def]
    user = account("jonas", "Jonas", "Berg")
    tie(user, plan.people["S0002"])
    grant(user, plan, "BR-TSD", "reporter")
    return user


@pytest.fixture
def outsider(plan: Plan):  # type: ignore[no-untyped-def]
    return account("visitor", "Val", "Visitor")


def client_of(user) -> Client:  # type: ignore[no-untyped-def]
    browser = Client()
    browser.force_login(user)
    return browser


def k(plan: Plan, code: str) -> Indicator:
    return Indicator.objects.get(cycle=plan.cycle, code=code)
