"""Loading a plan and dumping it gives back the same plan."""

from __future__ import annotations

import io
import json

import pytest
import yaml

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.interop.planfile import read_plan, write_json, write_yaml
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.org.models import OrgUnit
from goldenthread.plans.models import Result
from tests.interop.helpers import FIXTURES, fixture, full_plan

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="cli:test")


@pytest.mark.parametrize("name", ["full-plan.yaml", "full-plan.json"])
def test_it_dumps_back_exactly_the_plan_it_loaded(name: str) -> None:
    document = fixture(name)
    cycle = plan_load(actor=ACTOR, document=document, source=name)
    assert plan_dump(cycle) == full_plan()


def test_the_yaml_and_json_fixtures_hold_the_same_plan() -> None:
    assert fixture("full-plan.yaml") == fixture("full-plan.json")


def test_it_dumps_deterministically_in_sorted_order() -> None:
    cycle = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    first, second = io.StringIO(), io.StringIO()
    write_json(plan_dump(cycle), first)
    write_json(plan_dump(cycle), second)
    assert first.getvalue() == second.getvalue()
    dumped = plan_dump(cycle)
    assert [r["code"] for r in dumped["results"]] == sorted(r["code"] for r in dumped["results"])
    assert [lv["code"] for lv in dumped["levels"]] == ["goal", "outcome", "output", "activity"]
    assert list(dumped)[:3] == ["format", "cycle", "levels"]


def test_it_dumps_in_one_query_per_table(django_assert_max_num_queries: object) -> None:
    cycle = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        plan_dump(cycle)


def test_the_json_it_writes_is_json_and_the_yaml_is_safe_yaml() -> None:
    cycle = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    document = plan_dump(cycle)
    as_json, as_yaml = io.StringIO(), io.StringIO()
    write_json(document, as_json)
    write_yaml(document, as_yaml)
    assert json.loads(as_json.getvalue()) == document
    assert yaml.safe_load(as_yaml.getvalue()) == document


def test_it_loads_the_sample_plan_of_the_design_and_keeps_it_through_a_second_round() -> None:
    cycle = plan_load(actor=ACTOR, document=read_plan(FIXTURES / "design-sample.yaml"))
    first = plan_dump(cycle)
    assert [r["code"] for r in first["results"]] == ["A1", "G1", "O1.1", "OP1.1.1"]
    assert first["indicators"][0]["targets"] == {"2028": 70, "2031": 80}
    assert first["revenue"][0]["amount"] == "125000000.00"
    assert first["action_lines"][0]["target"] == "2026-Q2"
    again = plan_load(actor=ACTOR, document=first, replace=True)
    assert plan_dump(again) == first


def test_it_computes_unit_tiers_from_the_tree_and_results_take_their_owners_tier() -> None:
    plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    tiers = dict(OrgUnit.objects.values_list("code", "tier"))
    assert tiers == {"HQ": 1, "SEC": 2, "DEP": 3}
    tier_of = {r.code: r.tier for r in Result.objects.select_related("unit")}
    assert tier_of == {"G1": 1, "O1": 2, "OP1": 3, "OP2": 3, "A1": 4}


def test_it_loads_actuals_as_approved_and_values_by_their_unit_of_measure() -> None:
    plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    assert set(Actual.objects.values_list("status", flat=True)) == {"approved"}
    yes_no = Actual.objects.get(indicator__code="K2")
    assert yes_no.value == 0 and yes_no.text == ""


def test_it_audits_every_record_it_creates_in_one_batch_with_a_load_row() -> None:
    cycle = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"), source="full-plan.yaml")
    load = AuditEntry.objects.get(action="load")
    assert load.object_type == "plans.cycle" and load.object_id == str(cycle.pk)
    after = load.after or {}
    assert after["source"] == "full-plan.yaml"
    assert after["counts"]["results"] == 5
    assert after["counts"]["actuals"] == 3
    created = AuditEntry.objects.filter(action="create", batch=load.batch)
    # Targets and actuals are held in their indicator's audit row rather than one row each.
    counts = dict(after["counts"])
    assert counts.pop("targets") > 0 and counts.pop("actuals") == 3
    assert created.count() == 2 + sum(counts.values())  # + cycle, regular fund
    for entry in created.filter(object_type="indicators.indicator"):
        indicator = Indicator.objects.get(pk=entry.object_id)
        held = entry.after or {}
        assert set(held["targets"]) == {str(t.period) for t in indicator.targets.all()}
        assert set(held["actuals"]) == {str(a.period) for a in indicator.actuals.all()}
    k1 = created.get(object_type="indicators.indicator", object_repr__startswith="K1 ")
    assert k1.after is not None and k1.after["actuals"] == {"2028": "71.000000", "2028-Q2": "68.500000"}
    assert set(AuditEntry.objects.values_list("batch", flat=True)) == {load.batch}
    assert set(AuditEntry.objects.values_list("actor_label", flat=True)) == {"cli:test"}
    link = created.get(object_type="plans.link", object_repr="O1 → G1")
    assert (link.after or {})["weight"] == "0.5000"
    for entry in created.filter(object_type="plans.result"):
        assert entry.object_repr == str(Result.objects.get(pk=entry.object_id))


def test_the_example_of_the_reference_page_loads() -> None:
    page = (FIXTURES.parents[2] / "docs" / "plan-format.md").read_text(encoding="utf-8")
    example = page.split("## Example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    cycle = plan_load(actor=ACTOR, document=yaml.safe_load(example))
    assert [f["code"] for f in plan_dump(cycle)["funds"]] == ["EU-DIGITAL"]
