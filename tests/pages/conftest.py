"""Fixtures for the page tests: a plan built through the services, and signed-in clients."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.pages.plan import Plan, build_plan, grant

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
