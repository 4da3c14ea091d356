"""A value's page shows each person only what they may do at its step: the reporter
corrects and resubmits a returned value, the approver waits for it to come back, the
planner unlocks an approved one; and the services refuse what the page does not offer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from goldenthread.indicators.models import Actual
from goldenthread.reporting import services
from tests.pages.plan import Plan, grant
from tests.reporting.conftest import account, client_of, k

URL = "/cycles/SP2028/reporting/K3/2028-Q1/"

CORRECT = 'value="save_submit"'
RESUBMIT = 'value="submit"'
APPROVE = 'value="approve"'
RETURN = 'value="return"'
UNLOCK = 'value="unlock"'
ACTIONS = (CORRECT, RESUBMIT, APPROVE, RETURN, UNLOCK)


def offered(user) -> set[str]:  # type: ignore[no-untyped-def]
    response = client_of(user).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    return {action for action in ACTIONS if action in page}


def returned(plan: Plan, reporter, approver) -> Actual:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    return services.actual_return(actor=approver, actual=actual, reason="The Q1 workshop is missing.")


def test_a_returned_value_offers_the_correction_to_the_reporter_alone(
    plan: Plan, reporter, approver, planner,
) -> None:  # type: ignore[no-untyped-def]
    returned(plan, reporter, approver)
    assert offered(reporter) == {CORRECT, RESUBMIT}
    assert offered(approver) == set()
    assert "nothing to do here until it is submitted again" in client_of(approver).get(URL).content.decode()
    assert offered(planner) == set()


def test_a_submitted_value_offers_the_decision_to_the_approver_alone(
    plan: Plan, reporter, approver, planner,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    assert offered(reporter) == set()
    assert offered(approver) == {APPROVE, RETURN}
    assert offered(planner) == set()


def test_an_approved_value_offers_the_unlock_to_the_planner_alone(
    plan: Plan, reporter, approver, planner,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    services.actual_approve(actor=approver, actual=actual)
    assert offered(reporter) == set()
    assert offered(approver) == set()
    assert offered(planner) == {UNLOCK}


def test_the_approver_who_returned_a_value_cannot_correct_it_by_posting_the_form(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = returned(plan, reporter, approver)
    browser = client_of(approver)
    assert browser.post(URL, {"action": "save_submit", "value": "9"}).status_code == 403
    assert browser.post(URL, {"action": "submit"}).status_code == 403
    actual.refresh_from_db()
    assert (actual.value, actual.status) == (5, "returned")
    with pytest.raises(PermissionDenied, match="was returned to its reporter: they correct and resubmit it"):
        services.actual_enter(actor=approver, indicator=k(plan, "K3"), period="2028-Q1", value="9")
    # the reporter does, and it comes back to the approver
    assert client_of(reporter).post(URL, {"action": "save_submit", "value": "9",
                                          "comment": "Workshop added."}).status_code == 302
    actual.refresh_from_db()
    assert (actual.value, actual.status) == (9, "submitted")
    assert offered(approver) == {APPROVE, RETURN}


def test_an_approver_who_submitted_the_value_corrects_it_when_it_is_returned(
    plan: Plan, approver,
) -> None:  # type: ignore[no-untyped-def]
    head = account("head", "Hana", "Head")
    grant(head, plan, "BDT-DNS", "approver")
    actual = services.actual_enter(actor=head, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=head, actual=actual)
    services.actual_return(actor=approver, actual=actual, reason="Which sheet?")
    assert offered(head) == {CORRECT, RESUBMIT}
    assert offered(approver) == set()
