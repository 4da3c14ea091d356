"""A small cycle with indicators to compute from, built through the services."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from goldenthread.core.services import object_create
from goldenthread.indicators.models import Indicator
from goldenthread.plans.models import Cycle
from tests.factories import ACTOR, make_cycle, make_result, make_unit

_seq = count(1)


def make_indicators(
    *codes: str, cycle: Cycle | None = None, unit_of_measure: str = "number"
) -> dict[str, Indicator]:
    """Indicators with these codes on a new output of ``cycle`` or of a fresh cycle
    (baseline 100 in 2027)."""
    cycle = cycle or make_cycle()
    n = next(_seq)
    unit = make_unit(cycle, f"U{n}")
    result = make_result(cycle, f"OP{n}", "output", unit)
    return {
        code: object_create(actor=ACTOR, obj=Indicator(
            cycle=cycle, code=code, result=result, name=f"Indicator {code}",
            unit_of_measure=unit_of_measure, baseline_year=2027, baseline_value=Decimal(100),
        ))
        for code in codes
    }
