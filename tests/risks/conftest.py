"""Risk tests share the reviews' plan (tests/reviews/conftest.py): the page tests' plan with
R9, a red risk of BDT-DNS (residual 4 x 4 = 16) against OP1.1.1, and a review of BDT.

Personas: ``officer`` holds the risk officer role on BDT (so on BDT-DNS too); ``other`` is
a member of another bureau's department; ``outsider`` has no role in the plan."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.pages.conftest import (  # noqa: F401 - fixtures
    admin_signed_in,
    other,
    outsider,
    plan,
    superuser,
    user,
)
from tests.pages.plan import Plan, grant
from tests.reviews.conftest import bdt, bdt_planner, review  # noqa: F401 - fixtures


def account(username: str, built: Plan, unit: str, role: str):  # type: ignore[no-untyped-def]
    """An account with a role on a unit, and no password (tests sign in with force_login)."""
    made = get_user_model().objects.create_user(username, password=None, first_name=username.title(),
                                                last_name="Officer")
    grant(made, built, unit, role)
    return made


@pytest.fixture
def officer(bdt: Plan):  # type: ignore[no-untyped-def]  # noqa: F811
    return account("rita", bdt, "BDT", "risk_officer")
