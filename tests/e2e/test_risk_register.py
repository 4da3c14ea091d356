"""A risk officer meets an escalated risk in the browser: a review of BDT-DNS escalated
R-BDT-02 to BDT; the register shows the mark (from, to, when, by whom, the review), the
result's page too; the officer takes it back down with a reason and the mark is gone."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, shoot

pytestmark = pytest.mark.e2e


@pytest.fixture
def escalated(organisation: str, planner) -> str:  # type: ignore[no-untyped-def]
    """R-BDT-02 escalated from BDT-DNS to BDT by a review's decision, applied by Rita, a
    risk officer of BDT."""
    from goldenthread.core.audit import Actor
    from goldenthread.org.models import OrgUnit
    from goldenthread.org.services import role_grant
    from goldenthread.plans.models import Cycle
    from goldenthread.reviews.services import (
        decision_apply,
        decision_propose,
        review_create,
        review_freeze,
    )

    cycle = Cycle.objects.get(code=organisation)
    rita = get_user_model().objects.create_user("rita", password=PASSWORD, first_name="Rita",
                                                last_name="Okafor")
    role_grant(actor=Actor(label="test:e2e"), user=rita, unit=OrgUnit.objects.get(cycle=cycle, code="BDT"),
               role="risk_officer")
    review = review_create(actor=planner, cycle=cycle, unit=OrgUnit.objects.get(cycle=cycle, code="BDT-DNS"),
                           year=2029, quarter=2)
    decision = decision_propose(actor=planner, review=review, kind="escalate_risk", rationale="agreed",
                                params={"risk": "R-BDT-02", "reason": "CIRT sustainability needs the bureau"})
    decision_apply(actor=rita, decision=decision)
    review_freeze(actor=planner, review=review)  # the snapshot as it stands after the decision
    return organisation


def test_a_risk_officer_sees_and_takes_back_an_escalated_risk(page, live_server, escalated):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cycles/[^/]+/$"))

    page.goto(f"{live_server.url}/cycles/{escalated}/risks/")
    row = page.get_by_test_id("risk-R-BDT-02")
    expect(row.get_by_text("escalated", exact=True)).to_be_visible()
    expect(row).to_contain_text("from BDT-DNS to BDT")
    expect(row).to_contain_text("by Rita Okafor, by a decision of a review")
    expect(page.get_by_test_id("escalated-count")).to_have_text("1")
    shoot(page, "40-risk-register-escalated")

    page.goto(f"{live_server.url}/cycles/{escalated}/results/OP5.1.2/")
    panel = page.locator("section[aria-labelledby=risks]")
    expect(panel).to_contain_text("escalated from BDT-DNS to BDT")
    panel.scroll_into_view_if_needed()
    shoot(page, "41-result-risk-escalated", full_page=False)

    # the review that escalated it, frozen again since, holds the mark in its snapshot
    page.goto(f"{live_server.url}/cycles/{escalated}/risks/")
    page.get_by_test_id("risk-R-BDT-02").get_by_role("link", name="a review").click()
    page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    escalated_list = page.get_by_test_id("escalated-risks")
    expect(escalated_list).to_contain_text("R-BDT-02")
    expect(escalated_list).to_contain_text("from BDT-DNS to BDT")
    escalated_list.scroll_into_view_if_needed()
    shoot(page, "43-review-escalated-risks", full_page=False)

    page.goto(f"{live_server.url}/cycles/{escalated}/risks/?escalated=1")
    row = page.get_by_test_id("risk-R-BDT-02")
    row.locator("summary", has_text="De-escalate").click()
    row.get_by_label("Why it goes back to BDT-DNS").fill("The department has secured follow-up funding.")
    row.get_by_role("button", name="De-escalate").click()
    expect(page.get_by_text("R-BDT-02 is de-escalated: it is back with BDT-DNS.")).to_be_visible()
    expect(page.get_by_test_id("escalated-count")).to_have_text("0")
    shoot(page, "42-risk-register-deescalated")
