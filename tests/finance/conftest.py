"""Fixtures of the finance tests: the small costed plan, loaded."""

from __future__ import annotations

import pytest

from goldenthread.plans.models import Cycle
from tests.finance.plan import load_small_plan


@pytest.fixture
def small_plan(db: None) -> Cycle:
    return load_small_plan()
