"""Saved scenarios: created, changed and deleted through audited services that refuse
envelopes outside the cycle, unknown funds and ranks of things that are not outputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Scenario, ScenarioEnvelope, ScenarioRank
from goldenthread.finance.scenarios import Envelope
from goldenthread.finance.services import scenario_create, scenario_delete, scenario_update
from goldenthread.plans.models import Cycle

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="cli:planner")


def _create(cycle: Cycle, **extra: object) -> Scenario:
    fields: dict[str, object] = {
        "code": "LEAN", "name": "Lean years", "rule": "manual",
        "envelopes": [Envelope(2028, None, Decimal("300000")),
                      Envelope(2029, "F1", Decimal("10000.50"))],
        "ranks": {"OP2": 1, "OP1": 2},
    }
    fields.update(extra)
    return scenario_create(actor=ACTOR, cycle=cycle, **fields)  # type: ignore[arg-type]


def test_creating_a_scenario_saves_its_envelopes_and_ranks_in_one_audit_row(small_plan: Cycle) -> None:
    scenario = _create(small_plan)
    assert scenario.created_by_label == "cli:planner"
    assert list(ScenarioEnvelope.objects.filter(scenario=scenario).values_list(
        "year", "source__code", "amount")) == [(2028, None, Decimal("300000.00")),
                                               (2029, "F1", Decimal("10000.50"))]
    assert ScenarioRank.objects.filter(scenario=scenario).count() == 2
    entry = AuditEntry.objects.get(object_type="finance.scenario", action="create")
    assert entry.cycle_code == "FIN"
    assert entry.after["envelopes"] == [
        {"year": 2028, "source": None, "amount": "300000.00"},
        {"year": 2029, "source": "F1", "amount": "10000.50"},
    ]
    assert entry.after["ranks"] == {"OP2": 1, "OP1": 2}


def test_a_signed_in_user_is_recorded_as_its_author(small_plan: Cycle) -> None:
    user = get_user_model().objects.create_user("pat", password="a-long-passphrase")
    scenario = scenario_create(actor=user, cycle=small_plan, code="MINE",
                               envelopes=[Envelope(2028, None, Decimal(1))])
    assert (scenario.created_by, scenario.created_by_label, scenario.name) == (user, "pat", "MINE")


def test_changing_a_scenario_replaces_its_envelopes_and_audits_what_changed(small_plan: Cycle) -> None:
    scenario = _create(small_plan)
    scenario_update(actor=ACTOR, scenario=scenario, rule="cost",
                    envelopes=[Envelope(2030, None, Decimal("5"))])
    assert list(scenario.envelopes.values_list("year", "amount")) == [(2030, Decimal("5.00"))]
    assert scenario.ranks.count() == 2  # ranks not given: kept
    entry = AuditEntry.objects.get(object_type="finance.scenario", action="update")
    assert set(entry.before) == {"rule", "envelopes"}
    assert entry.after["rule"] == "cost"
    scenario_update(actor=ACTOR, scenario=scenario, rule="cost")
    assert AuditEntry.objects.filter(object_type="finance.scenario", action="update").count() == 1


def test_deleting_a_scenario_keeps_what_it_held_in_the_audit_trail(small_plan: Cycle) -> None:
    scenario = _create(small_plan)
    scenario_delete(actor=ACTOR, scenario=scenario)
    assert not Scenario.objects.exists()
    assert not ScenarioEnvelope.objects.exists()
    entry = AuditEntry.objects.get(object_type="finance.scenario", action="delete")
    assert entry.before["code"] == "LEAN"
    assert len(entry.before["envelopes"]) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"envelopes": []}, "at least one envelope"),
        ({"envelopes": [Envelope(2035, None, Decimal(1))]}, "outside FIN"),
        ({"envelopes": [Envelope(2028, "F9", Decimal(1))]}, "No fund 'F9' in FIN; funds: F1, "
                                                             "regular_budget"),
        ({"envelopes": [Envelope(2028, None, Decimal(-1))]}, "negative"),
        ({"envelopes": [Envelope(2028, None, Decimal(1)), Envelope(2028, None, Decimal(2))]},
         "Two envelopes for 2028"),
        ({"envelopes": [Envelope(2028, None, Decimal("1.001"))]}, "decimal places"),
        ({"ranks": {"O1": 1}}, "No output 'O1'"),
        ({"ranks": {"OP1": 0}}, "1 or more"),
        ({"rule": "luck"}, "not a valid choice"),
    ],
)
def test_it_refuses_a_scenario_that_cannot_run_and_writes_nothing(
    small_plan: Cycle, extra: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _create(small_plan, **extra)
    assert not Scenario.objects.exists()
    assert not AuditEntry.objects.filter(object_type="finance.scenario").exists()


def test_two_scenarios_of_a_cycle_cannot_share_a_code(small_plan: Cycle) -> None:
    _create(small_plan)
    with pytest.raises(ValidationError):
        _create(small_plan)
