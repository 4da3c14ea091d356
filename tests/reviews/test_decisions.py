"""Decisions of a review: typed parameters checked per kind, applied once through the plan's
services by someone with the right role, with the review as the source of the audit rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import CostLine
from goldenthread.indicators.models import Target
from goldenthread.plans.models import Link, Result
from goldenthread.reviews.choices import DecisionStatus
from goldenthread.reviews.services import decision_apply, decision_propose, review_close
from goldenthread.risks.models import Risk
from goldenthread.risks.services import risk_escalate
from tests.pages.conftest import client_of
from tests.reviews.conftest import account


def propose(review, actor, kind, **params):  # type: ignore[no-untyped-def]
    return decision_propose(actor=actor, review=review, kind=kind, params=params, rationale="agreed")


def refusal(review, actor, kind, **params) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        propose(review, actor, kind, **params)
    return caught.value.message_dict


def test_it_changes_a_target_through_the_service_and_the_audit_rows_point_to_the_review(
    review, bdt_planner
):
    decision = propose(review, bdt_planner, "change_target", indicator="K2", period="2029", value="9")
    assert decision.params == {"indicator": "K2", "period": "2029", "value": "9"}
    applied = decision_apply(actor=bdt_planner, decision=decision)
    target = Target.objects.get(indicator__code="K2", year=2029, quarter=0)
    assert target.value == Decimal("9")
    assert applied.status == DecisionStatus.APPLIED
    assert applied.applied_by == bdt_planner and applied.applied_at is not None
    assert applied.outcome == "K2 target for 2029: none → 9"
    sourced = AuditEntry.objects.filter(source=f"review:{review.pk}")
    assert {e.object_type for e in sourced} == {"indicators.target", "reviews.decision"}
    # the history of the target links to the review, which opens its page
    browser = client_of(bdt_planner)
    history = browser.get(f"/history/indicators.target/{target.pk}/").content.decode()
    assert f'<a class="history__source" href="/reviews/{review.pk}/">by a decision of a review</a>' in history
    assert browser.get(f"/reviews/{review.pk}/")["Location"] == f"/cycles/SP2028/reviews/{review.pk}/"


def test_a_second_apply_is_refused_with_a_clear_message_and_changes_nothing(review, bdt_planner):
    decision = propose(review, bdt_planner, "change_target", indicator="K2", period="2029", value="9")
    decision_apply(actor=bdt_planner, decision=decision)
    rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=r"already applied by bea on .*: it is applied once, "
                                              r"and nothing was changed now"):
        decision_apply(actor=bdt_planner, decision=decision)
    assert AuditEntry.objects.count() == rows
    assert Target.objects.filter(indicator__code="K2", year=2029).count() == 1


def test_a_closed_review_applies_no_more_decisions(review, bdt_planner):
    decision = propose(review, bdt_planner, "change_priority", output="OP9.9", priority="must")
    review_close(actor=bdt_planner, review=review)
    with pytest.raises(ValidationError, match="is closed: its proposed decisions are no longer applied"):
        decision_apply(actor=bdt_planner, decision=decision)
    with pytest.raises(ValidationError, match="is closed: nothing more is added to it"):
        propose(review, bdt_planner, "drop_output", output="OP9.9")
    assert Result.objects.get(code="OP9.9").priority == "could"


def test_it_changes_an_outputs_priority(review, bdt_planner):
    decision = propose(review, bdt_planner, "change_priority", output="OP9.9", priority="must")
    decision_apply(actor=bdt_planner, decision=decision)
    assert Result.objects.get(code="OP9.9").priority == "must"


def test_it_moves_budget_between_outputs_and_the_money_is_conserved(bdt, review, bdt_planner):
    finance = account("fiona", bdt, "BDT", "finance")
    total = sum(c.amount for c in CostLine.objects.filter(year=2028))
    decision = propose(review, bdt_planner, "move_budget", from_output="OP1.1.1", to_output="OP9.9",
                       year="2028", source="EU-CONNECT", category="consultants_contractual",
                       amount="20,000.50")
    decision_apply(actor=finance, decision=decision)
    moved_from = CostLine.objects.get(result__code="OP1.1.1", year=2028, category="consultants_contractual")
    moved_to = CostLine.objects.get(result__code="OP9.9", year=2028, category="consultants_contractual")
    assert moved_from.amount == Decimal("64999.50")
    assert moved_to.amount == Decimal("20000.50") and moved_to.source.code == "EU-CONNECT"
    assert sum(c.amount for c in CostLine.objects.filter(year=2028)) == total
    sourced = AuditEntry.objects.filter(source=f"review:{review.pk}", object_type="finance.costline")
    assert sourced.count() == 2


def test_moving_budget_needs_a_costing_role_and_a_refusal_changes_nothing(review, bdt, bdt_planner):
    # a risk officer on the bureau may take part in the review, not move its money
    risk_officer = account("rio", bdt, "BDT", "risk_officer")
    decision = propose(review, bdt_planner, "move_budget", from_output="OP1.1.1", to_output="OP9.9",
                       year="2028", source="regular_budget", category="travel_events", amount="100")
    with pytest.raises(PermissionDenied, match="none of your roles there allows it"):
        decision_apply(actor=risk_officer, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED
    assert CostLine.objects.get(result__code="OP1.1.1", year=2028, category="travel_events").amount == 12000
    assert not AuditEntry.objects.filter(source=f"review:{review.pk}").exists()
    # the bureau's planner, who draws up its costed plan, may
    decision_apply(actor=bdt_planner, decision=decision)
    assert CostLine.objects.get(result__code="OP1.1.1", year=2028, category="travel_events").amount == 11900


def test_it_drops_and_adds_outputs(review, bdt_planner):
    decision_apply(actor=bdt_planner, decision=propose(review, bdt_planner, "drop_output", output="OP9.9"))
    dropped = Result.objects.get(code="OP9.9")
    assert (dropped.status, dropped.priority) == ("cancelled", "wont")
    decision_apply(actor=bdt_planner, decision=propose(
        review, bdt_planner, "add_output", code="OP1.1.9", title="Spectrum toolkits for regulators",
        parent="O1.1", unit="BDT-DNS", priority="should",
    ))
    added = Result.objects.get(code="OP1.1.9")
    assert (added.unit.code, added.level.kind, added.priority) == ("BDT-DNS", "output", "should")
    assert Link.objects.filter(child=added, parent__code="O1.1").exists()


def test_it_escalates_a_risk_with_the_risk_officer_role(bdt, review, bdt_planner):
    officer = account("rita", bdt, "BDT", "risk_officer")
    decision = propose(review, bdt_planner, "escalate_risk", risk="R9", reason="beyond the department")
    assert decision.params["to_unit"] == "BDT"  # the unit above BDT-DNS by default
    decision_apply(actor=officer, decision=decision)
    risk = Risk.objects.get(code="R9")
    assert risk.unit.code == "BDT"
    row = AuditEntry.objects.get(object_type="risks.risk", object_id=str(risk.pk), action="update")
    assert row.source == f"review:{review.pk}"
    assert row.message == "escalated from BDT-DNS to BDT: beyond the department"


BAD = [
    ("change_priority", {"output": "OP1.2.1", "priority": "must"}, "output",
     "OP1.2.1 belongs to BR-TSD, outside what this review covers (BDT and the units below it)."),
    ("change_priority", {"output": "O1.1", "priority": "must"}, "output",
     "O1.1 is not an output (it is an outcome)."),
    ("change_priority", {"output": "OP1.1.1", "priority": "urgent"}, "priority",
     "'urgent' is not a priority; one of: must, should, could, wont."),
    ("change_priority", {"output": "OP1.1.1", "priority": "must"}, "priority",
     "OP1.1.1 already has the priority Must have."),
    ("change_target", {"indicator": "K2", "period": "2035", "value": "3"}, "period",
     "2035 is outside the cycle 2028-2031."),
    ("change_target", {"indicator": "K2", "period": "2029", "value": "N/A"}, "value",
     "'N/A' is not a number."),
    ("change_target", {"indicator": "K404", "period": "2029", "value": "3"}, "indicator",
     "There is no indicator K404 in SP2028."),
    ("move_budget", {"from_output": "OP1.1.1", "to_output": "OP9.9", "year": "2028",
                     "source": "regular_budget", "category": "travel_events", "amount": "12000.01"},
     "amount", "OP1.1.1 has 12,000.00 for 2028, travel and events, regular_budget: "
               "12,000.01 cannot be moved."),
    ("move_budget", {"from_output": "OP1.1.1", "to_output": "OP1.1.1", "year": "2028",
                     "source": "regular_budget", "category": "travel_events", "amount": "1"},
     "to_output", "Move the money to another output than the one it comes from."),
    ("move_budget", {"from_output": "OP1.1.1", "to_output": "OP9.9", "year": "2028",
                     "source": "regular_budget", "category": "travel_events", "amount": "-5"},
     "amount", "The amount moved is above zero."),
    ("add_output", {"code": "OP1.1.1", "title": "Again", "parent": "O1.1"}, "code",
     "SP2028 already has a result OP1.1.1."),
    ("add_output", {"code": "OP7", "title": "New", "parent": "A1.1.1.1"}, "parent",
     "A1.1.1.1 is an activity: an output serves a result of a level above the outputs."),
    ("escalate_risk", {"risk": "R2"}, "risk",
     "R2 belongs to BR, outside what this review covers (BDT and the units below it)."),
    ("escalate_risk", {"risk": "R9", "to_unit": "RO-AFR"}, "to_unit",
     "RO-AFR is not above BDT-DNS: a risk is escalated upward."),
    ("teleport", {}, "kind", "'teleport' is not a kind of decision; one of: change_priority, "
     "change_target, move_budget, drop_output, add_output, escalate_risk."),
]


def test_bad_parameters_are_refused_naming_the_parameter(review, bdt_planner):
    # one plan for every case: building it is what takes time
    for kind, params, field, message in BAD:
        assert refusal(review, bdt_planner, kind, **params)[field] == [message], (kind, params)
    assert not review.decisions.exists()


def test_a_risk_is_escalated_only_upward_and_only_while_open(bdt, bdt_planner):
    risk = Risk.objects.get(code="R9")
    officer = account("rob", bdt, "BDT", "risk_officer")
    with pytest.raises(ValidationError, match="can only be escalated to a unit above BDT-DNS; RO-AFR is not"):
        risk_escalate(actor=officer, risk=risk, to_unit=bdt.units["RO-AFR"])
    with pytest.raises(PermissionDenied):
        risk_escalate(actor=bdt_planner, risk=risk)
    assert Risk.objects.get(code="R9").unit.code == "BDT-DNS"
