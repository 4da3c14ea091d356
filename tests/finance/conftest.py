"""Fixtures of the finance tests: the small costed plan, loaded."""

from __future__ import annotations

from typing import Any

import pytest

from goldenthread.plans.models import Cycle
from tests.finance.plan import load_small_plan


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The accounts of these tests sign in with ``force_login``: hashing their passwords
    with the production hasher (half a second each) only slows the tests down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_plan(db: None) -> Cycle:
    return load_small_plan()


# The personas of the finance pages and of the commands' --user (tests/finance/pages.py).
from tests.finance.pages import (  # noqa: E402, F401
    fin,
    finance_officer,
    head_a,
    member_b,
    outsider,
    planner,
)
