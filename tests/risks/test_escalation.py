"""Escalating a risk marks it: who escalated it, when, from which unit to which, from which
review and why; the mark shows on the risk register, the result's page and the review's
snapshot, and stays until a risk officer takes the risk back down, saying why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.core.services import object_create
from goldenthread.reviews.services import decision_apply, decision_propose, review_freeze
from goldenthread.risks.models import Risk
from goldenthread.risks.selectors import escalated_risks
from goldenthread.risks.services import risk_deescalate, risk_escalate
from tests.pages.conftest import client_of
from tests.pages.plan import Plan
from tests.reviews.conftest import ACTOR
from tests.risks.conftest import account

DEESCALATE = "/cycles/SP2028/risks/R9/deescalate/"


def escalate_by_review(review, planner, officer) -> Risk:  # type: ignore[no-untyped-def]
    decision = decision_propose(actor=planner, review=review, kind="escalate_risk",
                                params={"risk": "R9", "reason": "beyond the department"},
                                rationale="agreed")
    decision_apply(actor=officer, decision=decision)
    return Risk.objects.get(code="R9")


def test_a_reviews_decision_marks_the_risk_escalated(bdt: Plan, review, bdt_planner, officer) -> None:  # type: ignore[no-untyped-def]
    risk = escalate_by_review(review, bdt_planner, officer)
    assert risk.is_escalated
    assert (risk.unit.code, risk.escalated_from.code, risk.escalated_to.code) == ("BDT", "BDT-DNS", "BDT")
    assert risk.escalated_by == officer and risk.escalated_by_label == "rita"
    assert risk.escalated_review == review
    assert risk.escalation_reason == "beyond the department"
    assert risk.escalated_at is not None
    row = AuditEntry.objects.get(object_type="risks.risk", object_id=str(risk.pk), action="update")
    assert row.source == f"review:{review.pk}"
    assert row.after["escalated_from_id"] == bdt.units["BDT-DNS"].pk
    assert row.after["escalated_review_id"] == review.pk


def test_the_mark_shows_on_the_register_the_result_page_and_the_snapshot(
    bdt: Plan, review, bdt_planner, officer,
) -> None:  # type: ignore[no-untyped-def]
    escalate_by_review(review, bdt_planner, officer)
    browser = client_of(bdt_planner)
    register = browser.get("/cycles/SP2028/risks/").content.decode()
    assert 'data-testid="escalated-count">1<' in register
    assert "escalated</span> from <strong>BDT-DNS</strong> to <strong>BDT</strong>" in register
    assert f'href="/reviews/{review.pk}/"' in register and "by Rita Officer" in register
    only = browser.get("/cycles/SP2028/risks/?escalated=1").content.decode()
    assert 'data-testid="risk-R9"' in only and 'data-testid="risk-R3"' not in only
    result = browser.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    assert "escalated</span> from BDT-DNS to BDT" in result
    review_freeze(actor=bdt_planner, review=review)
    review.refresh_from_db()
    red, = [r for r in review.snapshot["risks"] if r["code"] == "R9"]
    assert red["escalation"]["from"] == "BDT-DNS" and red["escalation"]["to"] == "BDT"
    assert red["escalation"]["review"] == review.pk and red["escalation"]["by"] == "Rita Officer"
    assert [r["code"] for r in review.snapshot["escalated"]] == ["R9"]
    page = browser.get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert 'data-testid="escalated-risks"' in page


def test_a_review_of_the_unit_below_sees_the_risk_it_escalated(bdt: Plan, officer) -> None:  # type: ignore[no-untyped-def]
    risk = risk_escalate(actor=officer, risk=Risk.objects.get(code="R9"), reason="too big for us")
    units = [bdt.units["BDT-DNS"].pk]
    assert [r.code for r in escalated_risks(bdt.cycle, units)] == ["R9"]  # escalated out of it
    assert risk.escalated_review is None and risk.escalation_reason == "too big for us"


def test_a_risk_officer_takes_it_back_down_with_a_reason(bdt: Plan, review, bdt_planner, officer) -> None:  # type: ignore[no-untyped-def]
    risk = escalate_by_review(review, bdt_planner, officer)
    browser = client_of(officer)
    assert "De-escalate" in browser.get("/cycles/SP2028/risks/").content.decode()
    response = browser.post(DEESCALATE, {"reason": " "}, follow=True)
    assert "the reason is required" in response.content.decode()
    risk.refresh_from_db()
    assert risk.is_escalated and risk.unit.code == "BDT"  # refused: nothing changed
    response = browser.post(DEESCALATE, {"reason": "The department has the grant back."})
    assert response.status_code == 302 and response["Location"].endswith("/risks/#risk-R9")
    risk.refresh_from_db()
    assert not risk.is_escalated and risk.unit.code == "BDT-DNS"
    assert risk.escalated_from is None and risk.escalated_review is None and risk.escalation_reason == ""
    row = AuditEntry.objects.filter(object_type="risks.risk", object_id=str(risk.pk)).latest("id")
    assert row.message == "de-escalated from BDT to BDT-DNS: The department has the grant back."
    assert row.actor == officer
    assert 'data-testid="escalated-count">0<' in browser.get("/cycles/SP2028/risks/").content.decode()


def test_only_a_risk_officer_of_the_unit_holding_it_de_escalates(
    bdt: Plan, review, bdt_planner, officer, other, outsider, client,
) -> None:  # type: ignore[no-untyped-def]
    escalate_by_review(review, bdt_planner, officer)
    down_below = account("dora", bdt, "BDT-DNS", "risk_officer")  # the risk is now BDT's
    for refused in (bdt_planner, down_below, other, outsider):
        assert client_of(refused).post(DEESCALATE, {"reason": "no"}).status_code == 403
    assert "De-escalate" not in client_of(bdt_planner).get("/cycles/SP2028/risks/").content.decode()
    with pytest.raises(PermissionDenied):
        risk_deescalate(actor=bdt_planner, risk=Risk.objects.get(code="R9"), reason="no")
    anonymous = client.post(DEESCALATE, {"reason": "no"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert Risk.objects.get(code="R9").is_escalated


def test_a_risk_that_is_not_escalated_is_not_de_escalated(bdt: Plan, officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="R9 is not escalated"):
        risk_deescalate(actor=officer, risk=Risk.objects.get(code="R9"), reason="why not")


def test_the_register_is_refused_to_outsiders_and_shows_others_only_their_risks(
    bdt: Plan, other, outsider, client,
) -> None:  # type: ignore[no-untyped-def]
    assert client_of(outsider).get("/cycles/SP2028/risks/").status_code == 403
    anonymous = client.get("/cycles/SP2028/risks/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    seen = client_of(other).get("/cycles/SP2028/risks/").content.decode()
    assert 'data-testid="risk-R2"' in seen and 'data-testid="risk-R9"' not in seen


@pytest.mark.parametrize("extra", [0, 6])
def test_the_register_runs_an_exact_number_of_queries(
    bdt: Plan, officer, bdt_planner, django_assert_num_queries, extra: int,
) -> None:  # type: ignore[no-untyped-def]
    for n in range(extra):  # more risks, half of them escalated
        made = object_create(actor=ACTOR, obj=Risk(
            cycle=bdt.cycle, code=f"RZ{n}", unit=bdt.units["BDT-DNS"], category="strategic",
            title=f"Risk {n}", likelihood=4, impact=4,
        ))
        if n % 2:
            risk_escalate(actor=officer, risk=made, reason=f"reason {n}",
                          now=dt.datetime(2029, 1, 1, tzinfo=dt.UTC))
    browser = client_of(officer)
    # session, user, cycle, grants (2), the layout's cycles; the risks with their units,
    # results, owners and escalation
    with django_assert_num_queries(7):
        page = browser.get("/cycles/SP2028/risks/").content.decode()
    assert page.count('data-testid="risk-') == 3 + extra  # R1, R9, R3 (above), the new ones
