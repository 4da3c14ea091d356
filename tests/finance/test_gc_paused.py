"""Reading a whole plan pauses the cyclic garbage collector and always resumes it."""

from __future__ import annotations

import gc

import pytest

from goldenthread.core import compute
from goldenthread.finance import selectors
from goldenthread.plans.models import Cycle


def test_the_collector_is_paused_inside_and_resumed_after_even_when_nested() -> None:
    assert gc.isenabled()
    with compute.gc_paused():
        assert not gc.isenabled()
        with compute.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_resumes_after_an_error() -> None:
    with pytest.raises(RuntimeError), compute.gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with compute.gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_selectors_leave_the_collector_on(small_plan: Cycle) -> None:
    selectors.financial_plan(small_plan)
    selectors.scenario_basis(small_plan).run(selectors.scenario_basis(small_plan).envelopes_from_plan())
    assert gc.isenabled()
