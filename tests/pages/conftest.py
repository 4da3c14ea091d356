"""Fixtures for the page tests: a plan built through the services, signed-in clients, and
the three personas of the permission tests.

- ``owner``: Amina Diallo's account, a member of BDT-DNS (the unit that owns OP1.1.1);
- ``other``: Jonas Berg's account, a member of another bureau's department (BR-TSD);
- ``outsider``: an account with no role and no person in the plan.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.pages.plan import Plan, build_plan, grant, tie

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def user(db: None):  # type: ignore[no-untyped-def]
    """Pat Planner: a planner on the whole organisation of ``plan``."""
    return get_user_model().objects.create_user("planner", password=PASSWORD,
                                                first_name="Pat", last_name="Planner")


@pytest.fixture
def plan(db: None, user) -> Plan:  # type: ignore[no-untyped-def]
    built = build_plan()
    grant(user, built)
    return built


@pytest.fixture
def superuser(db: None):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def signed_in(client: Client, user) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


@pytest.fixture
def admin_signed_in(client: Client, superuser) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(superuser)
    return client


def _account(username: str, **names: str):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username, password=PASSWORD, **names)


@pytest.fixture
def owner(plan: Plan):  # type: ignore[no-untyped-def]
    """A member of BDT-DNS: tied to the person Amina Diallo (S0001)."""
    account = _account("amina", first_name="Amina", last_name="Diallo")
    tie(account, plan.people["S0001"])
    return account


@pytest.fixture
def other(plan: Plan):  # type: ignore[no-untyped-def]
    """A member of another bureau's department, BR-TSD: tied to Jonas Berg (S0002)."""
    account = _account("jonas", first_name="Jonas", last_name="Berg")
    tie(account, plan.people["S0002"])
    return account


@pytest.fixture
def outsider(plan: Plan):  # type: ignore[no-untyped-def]
    """An account with no role and no person in the plan."""
    return _account("visitor", first_name="Val", last_name="Visitor")


def client_of(user) -> Client:  # type: ignore[no-untyped-def]
    """A browser signed in as ``user``."""
    browser = Client()
    browser.force_login(user)
    return browser
