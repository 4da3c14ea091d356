"""Fixtures of the finance page tests: the small costed plan (tests/finance/plan.py) and
its personas.

- ``planner``: the planner role on the organisation (ORG): sees all its money;
- ``finance_officer``: the finance role on ORG;
- ``head_a``: a viewer on Department A (DEPA): sees the money of DEPA only;
- ``member_b``: tied to Sue Two of Department B (DEPB), no role: sees DEPB's money;
- ``outsider``: no role and no person in the plan.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_update
from goldenthread.org.models import OrgUnit, Person
from goldenthread.org.services import role_grant
from goldenthread.plans.models import Cycle
from tests.finance.plan import load_small_plan

ACTOR = Actor(label="test:pages")
PASSWORD = "a-long-test-passphrase"


def account(username: str) -> Any:
    return get_user_model().objects.create_user(username, password=PASSWORD)


def grant(user: Any, cycle: Cycle, unit: str, role: str) -> Any:
    role_grant(actor=ACTOR, user=user, unit=OrgUnit.objects.get(cycle=cycle, code=unit), role=role)
    return user


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def fin(db: None) -> Cycle:
    return load_small_plan()


@pytest.fixture
def planner(fin: Cycle) -> Any:
    return grant(account("pat"), fin, "ORG", "planner")


@pytest.fixture
def finance_officer(fin: Cycle) -> Any:
    return grant(account("fiona"), fin, "ORG", "finance")


@pytest.fixture
def head_a(fin: Cycle) -> Any:
    return grant(account("hana"), fin, "DEPA", "viewer")


@pytest.fixture
def member_b(fin: Cycle) -> Any:
    user = account("sue")
    object_update(actor=ACTOR, obj=Person.objects.get(cycle=fin, code="S2"), data={"user": user})
    return user


@pytest.fixture
def outsider(fin: Cycle) -> Any:
    return account("olga")
