"""Plans for the plan-file tests: the fixtures, a small valid plan to break, table counts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.mobilisation.models import ActionLine, Revenue
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.risks.models import Assumption, Risk

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODELS = [
    Cycle, Level, OrgUnit, Grade, GradeCost, Person, Fund, Result, Link, Indicator, Target,
    Actual, CostLine, Allocation, Risk, Assumption, Revenue, ActionLine, AuditEntry,
]


def fixture(name: str) -> dict[str, Any]:
    """A fixture plan, parsed as the loader parses it."""
    from goldenthread.interop.planfile import read_plan

    return read_plan(FIXTURES / name)


def full_plan() -> dict[str, Any]:
    with (FIXTURES / "full-plan.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


def table_counts() -> dict[str, int]:
    """Rows in every table a plan load writes to, audit trail included."""
    return {model.__name__: model._default_manager.count() for model in MODELS}


def nothing_written() -> dict[str, int]:
    return {model.__name__: 0 for model in MODELS}


def variant(**changes: Any) -> dict[str, Any]:
    """The full plan with some top-level parts replaced (a deep copy)."""
    plan = copy.deepcopy(full_plan())
    plan.update(changes)
    return plan
