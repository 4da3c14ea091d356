"""Loops among computed indicators are refused, naming the loop: by the pure computation
and by the service that sets an indicator's sources."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from goldenthread.indicators.computed import ComputationLoop, computed_values
from goldenthread.indicators.models import Contribution
from goldenthread.indicators.services import indicator_set_computation
from tests.factories import ACTOR
from tests.indicators.computed_plan import make_indicators


def test_the_computation_refuses_a_loop_and_names_it() -> None:
    with pytest.raises(ComputationLoop) as caught:
        computed_values({1: "sum", 2: "sum", 3: "sum"},
                        {1: [(2, 1.0)], 2: [(3, 1.0)], 3: [(1, 1.0), (7, 1.0)]}, {})
    assert str(caught.value) in {
        "computation loop: 1 → 2 → 3 → 1", "computation loop: 2 → 3 → 1 → 2",
        "computation loop: 3 → 1 → 2 → 3",
    }
    assert len(caught.value.loop) == 4


def test_the_computation_refuses_an_indicator_computed_from_itself() -> None:
    with pytest.raises(ComputationLoop, match="computation loop: 5 → 5"):
        computed_values({5: "sum"}, {5: [(5, 1.0)]}, {})


@pytest.mark.django_db
def test_the_service_refuses_a_source_computed_from_the_indicator() -> None:
    k = make_indicators("K1", "K2", "K3", "K4")
    indicator_set_computation(actor=ACTOR, indicator=k["K2"], computation="sum",
                              sources=[k["K1"], k["K4"]])
    indicator_set_computation(actor=ACTOR, indicator=k["K3"], computation="sum",
                              sources=[k["K2"]])
    with pytest.raises(ValidationError) as caught:
        indicator_set_computation(actor=ACTOR, indicator=k["K1"], computation="mean",
                                  sources=[k["K3"]])
    assert caught.value.messages == [
        "Computing K1 from K3 would close a loop: K1 → K3 → K2 → K1."
    ]
    k["K1"].refresh_from_db()
    assert k["K1"].computation == ""
    assert not Contribution.objects.filter(computed=k["K1"]).exists()


@pytest.mark.django_db
def test_the_service_refuses_an_indicator_computed_from_itself() -> None:
    k = make_indicators("K1", "K2")
    with pytest.raises(ValidationError, match="K1 cannot be computed from itself"):
        indicator_set_computation(actor=ACTOR, indicator=k["K1"], computation="sum",
                                  sources=[k["K2"], k["K1"]])
