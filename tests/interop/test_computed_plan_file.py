"""Computed indicators in plan files: ``computation`` and ``computed_from`` load, dump back
unchanged, and every bad use is refused with its place."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Contribution, Indicator
from goldenthread.interop.planfile import SCHEMA_PATH, PlanFileError, validate_plan
from goldenthread.interop.services import plan_dump, plan_load
from tests.interop.helpers import full_plan, nothing_written, table_counts

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="cli:test")


def trainees(code: str, result: str, values: dict[str, int]) -> dict[str, Any]:
    return {
        "code": code, "result": result, "name": f"People trained ({code})", "unit": "number",
        "direction": "increase", "aggregation": "sum", "baseline": {"year": 2027, "value": 100},
        "targets": {"2031": 500}, "actuals": values,
    }


def computed_plan() -> dict[str, Any]:
    """The full plan with two output indicators, their outcome's total (weighted), and a
    goal-level total of that total (a chain)."""
    plan = copy.deepcopy(full_plan())
    plan["indicators"] += [
        trainees("T1", "OP1", {"2028": 120}),
        trainees("T2", "OP2", {"2028": 140}),
        {"code": "T9", "result": "O1", "name": "People trained by the outcome's outputs",
         "unit": "number", "direction": "increase", "aggregation": "sum",
         "computation": "sum", "computed_from": ["T1", {"code": "T2", "weight": 0.5}],
         "targets": {"2031": 800}},
        {"code": "T99", "result": "G1", "name": "People trained, all goals",
         "unit": "number", "direction": "increase", "aggregation": "sum",
         "computation": "latest", "computed_from": ["T9"]},
    ]
    return plan


def errors_of(document: Any) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        plan_load(actor=ACTOR, document=document)
    assert table_counts() == nothing_written()
    return [str(error) for error in caught.value.errors]


def indicator(plan: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for i in plan["indicators"] if i["code"] == code)


def place(plan: dict[str, Any], code: str) -> str:
    return f"indicators[{[i['code'] for i in plan['indicators']].index(code)}]"


def test_it_loads_the_computation_and_its_weighted_sources() -> None:
    cycle = plan_load(actor=ACTOR, document=computed_plan())
    total = Indicator.objects.get(cycle=cycle, code="T9")
    assert total.computation == "sum"
    assert sorted(
        (c.source.code, c.weight) for c in Contribution.objects.filter(computed=total)
    ) == [("T1", Decimal("1")), ("T2", Decimal("0.5"))]
    assert Indicator.objects.get(cycle=cycle, code="T1").computation == ""
    assert total.computation_summary() == "T9 is computed from T1, T2 (sum)"


def test_it_dumps_back_exactly_the_plan_it_loaded() -> None:
    plan = computed_plan()
    cycle = plan_load(actor=ACTOR, document=plan)
    dumped = plan_dump(cycle)
    assert dumped == full_plan() | {"indicators": sorted(
        plan["indicators"], key=lambda i: i["code"]
    )}
    assert indicator(dumped, "T9")["computed_from"] == ["T1", {"code": "T2", "weight": 0.5}]


def test_a_dumped_plan_loads_again_into_the_same_plan() -> None:
    cycle = plan_load(actor=ACTOR, document=computed_plan())
    first = plan_dump(cycle)
    again = plan_load(actor=ACTOR, document=first, replace=True)
    assert plan_dump(again) == first
    assert Contribution.objects.count() == 3  # the replaced plan's sources are gone


def test_the_indicator_audit_row_holds_its_sources() -> None:
    cycle = plan_load(actor=ACTOR, document=computed_plan())
    total = Indicator.objects.get(cycle=cycle, code="T9")
    entry = AuditEntry.objects.get(object_type="indicators.indicator", object_id=str(total.pk))
    assert entry.after is not None
    assert entry.after["computation"] == "sum"
    assert entry.after["computed_from"] == [
        {"code": "T1", "weight": "1.0000"}, {"code": "T2", "weight": "0.5000"},
    ]


def test_a_reference_validator_accepts_both_forms_of_sources() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    document = json.loads(json.dumps(computed_plan()))
    jsonschema.Draft202012Validator(schema).validate(document)
    validate_plan(document)


def test_it_refuses_a_source_that_is_not_in_the_file() -> None:
    plan = computed_plan()
    indicator(plan, "T9")["computed_from"] = ["T1", {"code": "T7"}, "K77"]
    at = place(plan, "T9")
    assert errors_of(plan) == [
        f"{at}.computed_from[1].code: no indicator 'T7' in this file",
        f"{at}.computed_from[2]: no indicator 'K77' in this file",
    ]


def test_it_refuses_an_indicator_computed_from_itself() -> None:
    plan = computed_plan()
    indicator(plan, "T9")["computed_from"] = ["T1", "T9"]
    assert errors_of(plan) == [
        f"{place(plan, 'T9')}.computed_from[1]: T9 cannot be computed from itself"
    ]


def test_it_refuses_a_loop_and_names_it() -> None:
    plan = computed_plan()
    indicator(plan, "T1").pop("actuals")
    indicator(plan, "T1").update(computation="sum", computed_from=["T99"])
    assert errors_of(plan) == [
        f"{place(plan, 'T9')}.computed_from[0]: computation loop: T1 → T99 → T9 → T1"
    ]


def test_it_refuses_actuals_given_for_a_computed_indicator() -> None:
    plan = computed_plan()
    indicator(plan, "T9")["actuals"] = {"2028": 190}
    assert errors_of(plan) == [
        f"{place(plan, 'T9')}.actuals: T9 is computed from T1, T2 (sum): its actuals are "
        "computed and cannot be given"
    ]


def test_it_refuses_a_computation_without_sources_and_sources_without_a_computation() -> None:
    plan = computed_plan()
    indicator(plan, "T9").pop("computed_from")
    indicator(plan, "T99").pop("computation")
    assert errors_of(plan) == [
        f"{place(plan, 'T9')}.computed_from: a computed indicator (sum) needs computed_from: "
        "the indicators it is computed from",
        f"{place(plan, 'T99')}.computation: computed_from needs a computation: sum, mean, "
        "weighted_mean, min, max, latest or cumulative",
    ]


def test_it_refuses_a_source_given_twice_and_a_qualitative_source() -> None:
    plan = computed_plan()
    indicator(plan, "T9")["computed_from"] = ["T1", {"code": "T1", "weight": 2}, "K3"]
    at = place(plan, "T9")
    assert errors_of(plan) == [
        f"{at}.computed_from[1].code: 'T1' is already a source (at {at}.computed_from[0])",
        f"{at}.computed_from[2]: K3 is qualitative: it has no numbers to compute from",
    ]


def test_it_refuses_computing_a_qualitative_or_a_summed_yes_no_indicator() -> None:
    plan = computed_plan()
    indicator(plan, "K3").update(computation="latest", computed_from=["T1"])
    indicator(plan, "K2").pop("actuals")
    indicator(plan, "K2").update(computation="sum", computed_from=["T1"])
    assert errors_of(plan) == [
        f"{place(plan, 'K2')}.computation: a yes_no indicator can only be computed as min "
        "(all yes), max (any yes) or latest, not sum",
        f"{place(plan, 'K3')}.computation: a qualitative indicator cannot be computed",
    ]


def test_it_refuses_bad_shapes_of_sources_with_their_places() -> None:
    plan = computed_plan()
    at = place(plan, "T9")
    indicator(plan, "T9").update(computation="total", computed_from=[
        "T1", 7, {"code": "T2", "weight": 0}, {"code": "T2", "share": 1}, "with space",
    ])
    indicator(plan, "T99")["computed_from"] = []
    errors = errors_of(plan)
    assert errors == [
        f"{at}.computation: 'total' is not one of: sum, mean, weighted_mean, min, max, latest, "
        "cumulative",
        f"{at}.computed_from[1]: expected a string or a mapping, got 7",
        f"{at}.computed_from[2].weight: 0 must be above 0; a weight above 0, with at most 4 "
        "decimal places.",
        f"{at}.computed_from[3].share: unknown key",
        f"{at}.computed_from[4]: 'with space' is not valid; a code that ties records together: "
        "1 to 32 characters, no spaces.",
        f"{place(plan, 'T99')}.computed_from: needs at least 1 item(s)",
    ]


def test_it_refuses_a_weight_with_too_many_places() -> None:
    plan = computed_plan()
    indicator(plan, "T9")["computed_from"] = [{"code": "T1", "weight": 0.123456}]
    assert errors_of(plan) == [
        f"{place(plan, 'T9')}.computed_from[0].weight: weight 0.123456 has more than 4 decimal "
        "places"
    ]
