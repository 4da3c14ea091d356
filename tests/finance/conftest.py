"""Fixtures of the finance tests: the small costed plan, loaded."""

from __future__ import annotations

import pytest

from goldenthread.plans.models import Cycle
from tests.finance.plan import load_small_plan


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
