"""The demo plan, loaded as ``goldenthread demo`` loads it."""

from __future__ import annotations

import pytest

from goldenthread.core.audit import Actor
from goldenthread.demo.builder import demo_document
from goldenthread.interop.services import plan_load
from goldenthread.plans.models import Cycle


@pytest.fixture
def demo_cycle(db: None) -> Cycle:
    return plan_load(actor=Actor(label="demo"), document=demo_document(), source="demo")
